/**
 * Every public and workspace page as people see it, for a person to look at (`npm run screenshots`; not a
 * test, nothing is timed). Starts the real server (`citypath serve --demo`, fresh embedded database, the web
 * app built from the sources) and in Debian's Chromium takes a full-page screenshot of each page in Korean and
 * English, at a desktop (1280 px) and a phone (390 px) width, into OUT (default: a new temporary folder).
 * The public pages are seen by a visitor who is not signed in; the account pages and the workspace by the
 * demo's administrator.
 *
 * Beside the pictures it lists what a reader would otherwise have to spot by eye: on an English page, the
 * visible text in Hangul (an untranslated string, unless it is a proper name); on a Korean page, words in
 * Latin letters outside the known names and codes; anything wider than the window (a phone scrolling
 * sideways, a cut table); and any axe violation. Prints the folder and ends with one line of JSON.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { axeViolations } from "./lib/axe.ts";
import { browserUnavailable, launch } from "./lib/chromium.ts";
import { startServer } from "./lib/server.ts";
import { signInToWorkspace } from "./lib/workspace.ts";

const OUT = process.env.OUT ?? mkdtempSync(join(tmpdir(), "citypath-pages-"));
const ADMIN = { email: "admin@example.org", password: "e2e-admin-password-not-secret" };
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
/** With PAGES=a,b only the pages whose name contains one of these. */
const ONLY = process.env.PAGES?.split(",");

/**
 * Latin words a Korean page may show, each group with its reason (compared in lower case). A code is not a
 * word and is not listed (CODE_PATTERNS). Anything else in Latin letters on a Korean page is listed for a person
 * to judge: an untranslated word, or a text stored in English only (the model's units; a lever's note from a
 * version saved before its Korean was required is marked [en] inside lang="en", which the check passes). A
 * source's title or citation quoted as published is tagged with its own language (components/LocalText.tsx's
 * AsWritten) and passed the same way.
 */
const LATIN_ALLOWED_WHY: ReadonlyArray<{ words: readonly string[]; why: string }> = [
  {
    words: ["citypath", "english", "highs"],
    why: "the product's name; the language link names English; the optimiser's name (HiGHS)",
  },
  {
    words: ["co2e", "co2", "ch4", "n2o", "tco2e", "ktco2e", "tco2", "tco", "kgco", "gco", "tco2eq"],
    why: "gases and CO₂ units as the standards write them (tCO₂e splits at its subscript ₂ into tCO)",
  },
  {
    words: ["kt", "kwh", "mwh", "gwh", "tj", "ha", "km", "m2", "kcal", "mwp", "vkm", "nm3", "min", "ms"],
    why: "unit symbols (SI and the energy units of the inventory's factors)",
  },
  {
    words: ["gpc", "basic", "basic+", "afolu", "ippu", "scope", "ghg", "ipcc", "ar5", "ar6", "gwp", "rec"],
    why: "the GHG standards' names, levels and sector codes (GPC's BASIC and BASIC+, AFOLU, IPPU; REC)",
  },
  { words: ["territorial"], why: "GPC's English term, glossed beside its Korean (지역 내(territorial))" },
  { words: ["i", "ii", "iii", "iv", "v", "vi"], why: "the GPC sectors' Roman numerals (II. 수송)" },
  {
    words: ["brt", "ev", "led", "zeb", "esg", "bau", "mac", "npv", "lng", "lpg", "ndc", "ipp", "krw"],
    why: "abbreviations written in Latin letters in Korean plans and budgets too (BRT, ZEB, ESG, BAU)",
  },
  {
    words: ["kogl", "type", "attribution"],
    why: "the licence's official English name, shown beside its Korean name (KOGL Type 1: attribution)",
  },
  {
    words: ["csv", "xlsx", "json", "geojson", "pdf", "docx", "html", "utf", "api", "openapi", "url", "email"],
    why: "file formats, encodings and protocols by their names",
  },
  { words: ["pipa", "id"], why: "the personal-data act's English abbreviation; an id as people say it" },
  { words: ["yyyy", "smtp"], why: "a date's format as typed (YYYY-MM-DD, or YYYY alone); the mail protocol" },
  {
    words: ["seoul-lines", "demo-activity", "action"],
    why: "ids as they are typed: a profile id's example, the demo's dataset id, an audit record kind's example",
  },
  {
    words: ["amount", "account", "class", "reduction", "code", "name", "district", "schedule"],
    why: "column and field names a file must write in Latin letters, in the forms' hints (예: amount=사용량)",
  },
  { words: ["admin@example.org", "administrator"], why: "the demo administrator's address and display name" },
  {
    words: ["kukinews", "zdnet"],
    why: "news sites cited by the name their addresses use, with the article's date or id (kukinews 2022-05-04), inside the Korean notes on a lever's range",
  },
];
const LATIN_ALLOWED = new Set(LATIN_ALLOWED_WHY.flatMap((g) => g.words.map((w) => w.toLowerCase())));

/**
 * A code, not a word: a token with a digit (a subscript one too), "_", "/" or an inner "." (budget codes
 * 070-071-PB01-CNC-001, ids city_gas and brt-phase-3, units rider/d, file names docs/reporting.md), or capital
 * placeholders joined by "-" (YYYY-MM-DD). Patterns as text, for the page's own check.
 */
const CODE_PATTERNS = [String.raw`[0-9₀-₉_/]|[A-Za-z]\.[A-Za-z]`, String.raw`^[A-Z]+(-[A-Z]+)+$`];

/**
 * Korean an English page may show, each with the reason: proper names and what people wrote. Anything else
 * in Hangul on an English page is listed. (A stored text without English is shown marked [ko] inside
 * lang="ko", which the check passes as it passes the language link.)
 */
const HANGUL_ALLOWED: ReadonlyArray<{ where: string; text?: string; why: string }> = [
  {
    where: "*",
    text: "기린대로|백제대로|송천중앙로|호남제일문|한벽교|꽃밭정이|전주역|완산구|덕진구|[가-힣]{1,4}동|행정동",
    why: "Jeonju's roads, gates, bridges, districts and dongs, and the word for the unit (행정동) beside its English: place names as the sources and the census write them",
  },
  {
    where: "*",
    text: "(탄소중립기본법|시행령)( 제\\d+조(의\\d+)?(제\\d+항)?(제\\d+호)?)?",
    why: "a Korean statute cited by its Korean name and article, as the law is cited",
  },
  {
    where: "*",
    text: "공공누리 제1유형",
    why: "the Korea Open Government Licence's own name, given beside its English",
  },
  {
    where: ".sources li",
    why: "a source's title: the title of a Korean report or article, quoted as published",
  },
  {
    where: '.pt-item__text, .pt-item__head, [data-testid="answer-queue"] td:nth-child(2)',
    why: "what a participant wrote and the name they chose, shown as written (on the page and in the answer queue)",
  },
  {
    where: "details .table td:nth-child(2)",
    why: "a budget file's own column headers, in the layout's table: the names the city's Korean file has",
  },
  {
    where: "*",
    text: "\\((e\\.g\\.|columns) [^)]*\\)",
    why: "examples, in a form's hint, of a Korean file's headers and values as the file has them",
  },
];

interface Finding {
  page: string;
  problems: string[];
}

/** What the page shows that a reader would flag: foreign text, sideways overflow, axe violations. */
async function inspect(page: Page, locale: "ko" | "en"): Promise<string[]> {
  const found = await page.evaluate(
    ({ loc, allowed, codePattern }) => {
      const problems: string[] = [];
      const visible = (el: Element) => {
        const s = getComputedStyle(el);
        if (s.visibility === "hidden" || s.display === "none") return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const texts: Array<[string, Element]> = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim() ?? "";
        if (!el || !text || !visible(el)) continue;
        // the language link names the other language in its own language, as it should
        if (el.closest("[lang]") && el.closest("[lang]") !== document.documentElement) continue;
        if (el.closest("svg, code, pre, .chart, noscript, script, style")) continue;
        texts.push([text, el]);
      }
      if (loc === "en") {
        for (const [t, el] of texts) {
          let rest = t;
          for (const a of allowed)
            if (a.where === "*" || el.closest(a.where))
              rest = a.text === undefined ? "" : rest.replace(new RegExp(a.text, "g"), "");
          if (/[\uac00-\ud7a3]/.test(rest)) problems.push(`Hangul: ${t.slice(0, 120)}`);
        }
      } else {
        for (const [t] of texts) {
          // tokens of Latin letters, digits and the marks codes are written with; codes are left out
          const words = (t.match(/[A-Za-z0-9₀-₉_/+@.-]*[A-Za-z][A-Za-z0-9₀-₉_/+@.-]*/g) ?? [])
            .filter((w) => !codePattern.some((re) => new RegExp(re).test(w)))
            .map((w) => w.replace(/^[-.]+|[-.]+$/g, ""))
            // as before, words of three letters or more (t, kg and the like are units)
            .filter((w) => w.length >= 3);
          if (words.length) problems.push(`latin: ${words.join(" ")} | ${t.slice(0, 100)}`);
        }
      }
      const w = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > w + 1)
        problems.push(`page wider than the window: ${document.documentElement.scrollWidth} > ${w}`);
      for (const el of document.querySelectorAll("main *")) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > w + 1 && !el.closest(".scroll-region, [tabindex], .chart, table"))
          problems.push(
            `past the right edge (${Math.round(r.right)} > ${w}): <${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent ?? "").trim().slice(0, 60)}`,
          );
      }
      return problems;
    },
    {
      loc: locale,
      allowed: HANGUL_ALLOWED.map(({ where, text }) => ({ where, text })),
      codePattern: CODE_PATTERNS,
    },
  );
  const latinAllowed = (p: string) => {
    if (!p.startsWith("latin: ")) return false;
    const words = p.slice(7).split(" | ")[0]!.split(" ");
    return words.every((x) => LATIN_ALLOWED.has(x.toLowerCase().replace(/[.]+$/, "")));
  };
  const axe = await axeViolations(page);
  return [...new Set(found.filter((p) => !latinAllowed(p)))].slice(0, 40).concat(axe.map((a) => `axe: ${a}`));
}

/** Waits for the page: its heading, no loading status, every chart drawn, a workspace page's ready signal. */
async function settle(page: Page): Promise<void> {
  await page.waitForSelector("main h1", { timeout: 60_000 });
  await page.waitForFunction(
    () =>
      document.querySelectorAll(".status--loading").length === 0 &&
      [...document.querySelectorAll(".chart")].every((c) => Number(c.getAttribute("data-renders") ?? 0) > 0),
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(150);
}

async function shoot(
  page: Page,
  base: string,
  pages: ReadonlyArray<readonly [string, string]>,
  width: keyof typeof WIDTHS,
  findings: Finding[],
): Promise<number> {
  let n = 0;
  // the TypeScript loader names the functions inside page.evaluate with a helper the page does not have
  await page.addInitScript({ content: "window.__name = (f) => f;" });
  for (const locale of ["ko", "en"] as const)
    for (const [name, path] of pages) {
      if (ONLY && !ONLY.some((o) => name.includes(o))) continue;
      const file = `${name}-${locale}-${width}.png`;
      try {
        await page.goto(`${base}/${locale}${path}`);
        await settle(page);
      } catch (e) {
        findings.push({ page: file, problems: [`did not settle: ${String(e).split("\n")[0]}`] });
      }
      // items off the screen are laid out only when they come near it (content-visibility: auto); a full-page
      // picture shows them as a person scrolling would see them
      await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
      await page.screenshot({ path: join(OUT, file), fullPage: true });
      n++;
      const problems = await inspect(page, locale);
      if (problems.length) findings.push({ page: file, problems });
    }
  return n;
}

async function main(): Promise<void> {
  const why = browserUnavailable();
  if (why) {
    console.log(`skipped: ${why}`);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const findings: Finding[] = [];
  let shots = 0;
  try {
    const list = (await (await fetch(`${server.url}/api/tenants/jeonju/consultations`)).json()) as {
      consultations: Array<{ id: string }>;
    };
    const inv = (await (await fetch(`${server.url}/api/tenants/jeonju/inventories/latest`)).json()) as {
      years: Array<{ year: number; lines: Array<{ gpc_ref: string }> }>;
    };
    const year = inv.years[inv.years.length - 1];
    const line = year ? `${year.year}-${year.lines[0]?.gpc_ref.replaceAll(".", "_")}` : "none";
    const publicPages: Array<readonly [string, string]> = [
      ["home", "/"],
      ["emissions", "/emissions"],
      ["line", `/emissions/lines/${encodeURIComponent(line)}`],
      ["agenda", "/agenda"],
      ["action", "/agenda/actions/brt"],
      ["explorer", "/explorer"],
      ["districts", "/districts"],
      ["data", "/data"],
      ["consultations", "/consultations"],
      ...list.consultations.map((c) => [`consultation-${c.id}`, `/consultations/${c.id}`] as const),
      ["account", "/account"],
      ["sign-up", "/account/sign-up"],
      ["not-found", "/nowhere"],
    ];
    const q = "?city=jeonju";
    const staffPages: Array<readonly [string, string]> = [
      ["account-signed-in", "/account"],
      ["my-data", "/account/data"],
      ["ws-you", "/workspace"],
      ["ws-work", `/workspace/work${q}`],
      ["ws-agenda", `/workspace/agenda${q}`],
      ["ws-action", `/workspace/actions/brt${q}`],
      ["ws-indicator", `/workspace/indicators/brt-riders${q}`],
      ["ws-new-plan", `/workspace/new/plan${q}`],
      ["ws-new-action", `/workspace/new/action${q}`],
      ["ws-new-indicator", `/workspace/new/indicator${q}`],
      ["ws-imports", `/workspace/imports${q}`],
      ["ws-inventory", `/workspace/inventory${q}`],
      ["ws-reports", `/workspace/reports${q}`],
      ["ws-budget", `/workspace/budget${q}`],
      ["ws-model", `/workspace/model${q}`],
      ["ws-members", `/workspace/members${q}`],
      ["ws-audit", `/workspace/audit${q}`],
      ["ws-answers", `/workspace/answers${q}`],
      ["ws-moderation", `/workspace/moderation${q}`],
      ["ws-census", `/workspace/census${q}`],
    ];
    for (const width of Object.keys(WIDTHS) as Array<keyof typeof WIDTHS>) {
      const visitor = await launch({ viewport: WIDTHS[width] });
      try {
        shots += await shoot(await visitor.context.newPage(), server.url, publicPages, width, findings);
      } finally {
        await visitor.close();
      }
      const staff = await launch({ viewport: WIDTHS[width] });
      try {
        const page = await staff.context.newPage();
        await signInToWorkspace(page, server.url, ADMIN);
        shots += await shoot(page, server.url, staffPages, width, findings);
      } finally {
        await staff.close();
      }
    }
  } finally {
    await server.stop();
  }
  for (const f of findings) {
    console.log(`${f.page}:`);
    for (const p of f.problems) console.log(`  ${p}`);
  }
  console.log(`${shots} screenshots in ${OUT}`);
  console.log(
    JSON.stringify({
      script: "screenshots",
      out: OUT,
      screenshots: shots,
      pages_with_findings: findings.length,
    }),
  );
}

await main();
