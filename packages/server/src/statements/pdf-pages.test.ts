/**
 * The printed PDFs looked at as images. The demo's 2024 budget and settlement statements and its 2024 (frozen)
 * and 2025 (draft) implementation reports, and the English 2024 budget statement and report, are printed by
 * Chromium through the API's file routes, as a city downloads them (each printed once, for every check);
 * poppler's tools (package poppler-utils) then read them as a person would see them:
 * - `pdfinfo`: the page count, the same the text reader counts, and every page A4 landscape;
 * - `pdftoppm -gray`: every page as an image, each with ink between its header and footer (no blank page),
 *   and none in the right margin, where a table too wide for the page would run off;
 * - `pdffonts`: every font embedded in the file;
 * - `pdftotext -bbox` and a sharper image of page 1: where a Korean word of distinct syllables is printed,
 *   every syllable's cell has ink and no two cells are the same picture (a missing font prints the same empty
 *   box, "tofu", for every syllable).
 * Deterministic: it measures the images' pixels against thresholds, never against a stored picture. Without
 * poppler the test is skipped with a message; under CI=true it fails. With CITYPATH_PDF_PAGES_DIR set, the
 * PDFs and their pages as PNG are kept there for a person to look at.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { corePathwayEngine, jeonjuDemoInstance } from "../services/engine.ts";
import { createTestApp, type Session, signIn, type TestApp } from "../testing.ts";
import { closeStatementPool } from "../workers/statements.ts";
import { pdfText } from "./pdf-text.ts";

const TOOLS = ["pdftoppm", "pdfinfo", "pdftotext", "pdffonts"] as const;

function popplerMissing(): string | null {
  const missing = TOOLS.filter((t) => spawnSync(t, ["-v"]).error !== undefined);
  if (!missing.length) return null;
  const msg = `${missing.join(", ")} not found: install poppler-utils (apt-get install poppler-utils) to look at the printed PDFs as images`;
  if (process.env.CI === "true") throw new Error(msg);
  return msg;
}
const unavailable = popplerMissing();
if (unavailable) console.log(`# skipped: ${unavailable}`);

/** A4 in PostScript points, landscape. */
const A4 = { w: 841.89, h: 595.28 };
/** The resolution of the whole-page images, and of page 1's sharper one. */
const DPI = 40;
const SHARP_DPI = 150;
const mm = (n: number, dpi: number) => Math.round((n / 25.4) * dpi);
/** A pixel is ink when darker than this (0 black, 255 white). */
const INK = 160;

interface Gray {
  readonly width: number;
  readonly height: number;
  readonly px: Uint8Array;
}

/** A binary PGM (P5, 8 bits), as pdftoppm -gray writes it. */
function readPgm(file: string): Gray {
  const b = readFileSync(file);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(b[i]!))) i++;
    let f = "";
    while (!/\s/.test(String.fromCharCode(b[i]!))) f += String.fromCharCode(b[i++]!);
    fields.push(f);
  }
  assert.equal(fields[0], "P5", `${file} is a binary PGM`);
  assert.equal(fields[3], "255");
  const [width, height] = [Number(fields[1]), Number(fields[2])];
  return { width, height, px: new Uint8Array(b.subarray(i + 1, i + 1 + width * height)) };
}

/** The share of ink in a rectangle of the image. */
function ink(g: Gray, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  let total = 0;
  for (let y = Math.max(0, y0); y < Math.min(g.height, y1); y++)
    for (let x = Math.max(0, x0); x < Math.min(g.width, x1); x++) {
      total++;
      if (g.px[y * g.width + x]! < INK) n++;
    }
  return total ? n / total : 0;
}

/** A rectangle of the image as ink (1) or paper (0). */
function bits(g: Gray, x0: number, y0: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) out[y * w + x] = g.px[(y0 + y) * g.width + x0 + x]! < INK ? 1 : 0;
  return out;
}

interface Printed {
  readonly name: string;
  readonly file: string;
  readonly pages: number;
}

describe("the printed PDFs looked at as images", { skip: unavailable ?? false }, () => {
  let t: TestApp;
  let admin: Session;
  let dir: string;
  const keep = process.env.CITYPATH_PDF_PAGES_DIR;
  const printed: Printed[] = [];

  before(async () => {
    t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    const jeonju = (await t.store.tenants.bySlug("jeonju"))!.id as TenantId;
    admin = await signIn(t, "admin@example.kr");
    await t.store.memberships.put(jeonju, admin.userId, "admin");
    dir = mkdtempSync(join(tmpdir(), "citypath-pdf-pages-"));
    const files: [string, string, boolean][] = [
      ["budget-2024", "/api/tenants/jeonju/budget/2024/statement?kind=budget&format=pdf", false],
      ["budget-2024-en", "/api/tenants/jeonju/budget/2024/statement?kind=budget&format=pdf&lang=en", false],
      ["settlement-2024", "/api/tenants/jeonju/budget/2024/statement?kind=settlement&format=pdf", false],
      [
        "report-2024",
        "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2024/document?format=pdf",
        false,
      ],
      [
        "report-2025",
        "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025/document?format=pdf",
        true,
      ],
      [
        "report-2024-en",
        "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2024/document?format=pdf&lang=en",
        false,
      ],
    ];
    for (const [name, url, staff] of files) {
      const r = await t.app.request(url, staff ? { headers: admin.headers(false) } : {});
      assert.equal(r.status, 200, `${url}: ${r.status}`);
      assert.equal(r.headers.get("content-type"), "application/pdf");
      const bytes = new Uint8Array(await r.arrayBuffer());
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, bytes);
      printed.push({ name, file, pages: pdfText(bytes).pages });
    }
  });
  after(async () => {
    await closeStatementPool();
    await t?.close();
    if (dir && keep) {
      mkdirSync(keep, { recursive: true });
      for (const p of printed) {
        writeFileSync(join(keep, `${p.name}.pdf`), readFileSync(p.file));
        execFileSync("pdftoppm", ["-r", "80", "-png", p.file, join(keep, p.name)]);
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("every PDF has the pages the text reader counts, each A4 landscape", () => {
    for (const p of printed) {
      const info = execFileSync("pdfinfo", ["-f", "1", "-l", String(p.pages), p.file], { encoding: "utf8" });
      assert.equal(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), p.pages, `${p.name}: the page count`);
      const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)];
      assert.equal(sizes.length, p.pages, `${p.name}: a size per page`);
      for (const [, w, h] of sizes)
        assert.ok(
          Math.abs(Number(w) - A4.w) < 1 && Math.abs(Number(h) - A4.h) < 1,
          `${p.name}: a page of ${w} x ${h} pt, not A4 landscape`,
        );
    }
    // the statements and reports are long enough to break across pages
    const pages = Object.fromEntries(printed.map((p) => [p.name, p.pages]));
    assert.ok(pages["budget-2024"]! >= 3, JSON.stringify(pages));
    assert.ok(pages["settlement-2024"]! >= 2, JSON.stringify(pages));
    assert.ok(pages["report-2024"]! >= 7 && pages["report-2025"]! >= 7, JSON.stringify(pages));
    // the English ones print the same tables, in words that take more room
    assert.ok(pages["budget-2024-en"]! >= pages["budget-2024"]!, JSON.stringify(pages));
    assert.ok(pages["report-2024-en"]! >= 7, JSON.stringify(pages));
  });

  it("no page is blank, and nothing runs into the right margin", () => {
    for (const p of printed) {
      const prefix = join(dir, `${p.name}-page`);
      execFileSync("pdftoppm", ["-r", String(DPI), "-gray", p.file, prefix]);
      const images = readdirSync(dir)
        .filter((f) => f.startsWith(`${p.name}-page`) && f.endsWith(".pgm"))
        .sort();
      assert.equal(images.length, p.pages, `${p.name}: an image per page`);
      images.forEach((f, i) => {
        const g = readPgm(join(dir, f));
        const where = `${p.name} page ${i + 1}`;
        assert.ok(Math.abs(g.width - (A4.w / 72) * DPI) <= 1, `${where}: ${g.width} px wide`);
        assert.ok(Math.abs(g.height - (A4.h / 72) * DPI) <= 1, `${where}: ${g.height} px high`);
        // the body: below the header (14 mm) and above the footer (16 mm), inside the side margins (10 mm)
        const body = ink(g, mm(10, DPI), mm(14, DPI), g.width - mm(10, DPI), g.height - mm(16, DPI));
        assert.ok(body > 0.001, `${where}: ${(body * 100).toFixed(2)} % ink in the body, a blank page`);
        // the right margin's inner 7 mm, below the header: a table cut at the page's edge would print here
        const margin = ink(
          g,
          g.width - mm(8, DPI),
          mm(14, DPI),
          g.width - mm(1, DPI),
          g.height - mm(16, DPI),
        );
        assert.equal(margin, 0, `${where}: ink in the right margin (${(margin * 100).toFixed(2)} %)`);
      });
    }
  });

  it("every font is embedded, and Korean prints: a Korean word's syllables are distinct glyphs, not boxes", () => {
    for (const p of printed) {
      // every font travels with the file (Chromium embeds the CJK font's glyphs as Type 3 fonts, unnamed)
      const fonts = execFileSync("pdffonts", [p.file], { encoding: "utf8" }).split("\n").slice(2);
      const listed = fonts.filter((l) => l.trim());
      assert.ok(listed.length > 0, `${p.name}: no fonts`);
      for (const l of listed)
        assert.match(
          l,
          /\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/,
          `${p.name}: a font not embedded: ${l}`,
        );

      // an English PDF: its Latin text needs no check for missing glyphs (every font has Latin); its Korean
      // (a source's title, a text without English) is checked in the Korean PDFs, printed by the same fonts
      if (p.name.endsWith("-en")) continue;
      // the first word on page 1 of at least four Korean syllables, all different
      const bbox = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", p.file, "-"], {
        encoding: "utf8",
      });
      const word = [
        ...bbox.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<\/word>/g,
        ),
      ]
        .map((m) => ({ box: m.slice(1, 5).map(Number), text: m[5]! }))
        .find((w) => /^[가-힣]{4,}$/.test(w.text) && new Set(w.text).size === w.text.length);
      assert.ok(word, `${p.name}: a Korean word on page 1`);
      const s = SHARP_DPI / 72;
      const [x0, y0, x1, y1] = word.box.map((v) => Math.round(v! * s)) as [number, number, number, number];
      const prefix = join(dir, `${p.name}-sharp`);
      execFileSync("pdftoppm", [
        "-r",
        String(SHARP_DPI),
        "-gray",
        "-f",
        "1",
        "-l",
        "1",
        "-x",
        String(x0),
        "-y",
        String(y0),
        "-W",
        String(x1 - x0),
        "-H",
        String(y1 - y0),
        "-singlefile",
        p.file,
        prefix,
      ]);
      const g = readPgm(`${prefix}.pgm`);
      const n = word.text.length;
      const cw = Math.floor(g.width / n);
      assert.ok(cw >= 8 && g.height >= 8, `${p.name}: "${word.text}" printed ${g.width} x ${g.height} px`);
      const cells = [...word.text].map((_, i) => bits(g, i * cw, 0, cw, g.height));
      cells.forEach((c, i) => {
        const share = c.reduce((a, b) => a + b, 0) / c.length;
        assert.ok(share > 0.05, `${p.name}: "${word.text[i]}" of "${word.text}" has ${share} ink`);
      });
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          let differ = 0;
          for (let k = 0; k < cells[i]!.length; k++) if (cells[i]![k] !== cells[j]![k]) differ++;
          assert.ok(
            differ / cells[i]!.length > 0.05,
            `${p.name}: "${word.text[i]}" and "${word.text[j]}" of "${word.text}" print alike (tofu?)`,
          );
        }
    }
  });
});
