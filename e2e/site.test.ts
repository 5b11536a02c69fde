/**
 * The public site in Debian's Chromium against the real server (`citypath serve --demo`, fresh embedded
 * database): every page in Korean and English is screenshotted (e2e/artifacts/) and checked by axe with no
 * rule disabled; a visitor reads the home page, drills into an emissions line, opens the agenda and an action
 * when the city has published one, and moves a slider of the scenario explorer. Figures (first-page JS, first
 * chart time, the band's first samples) are measured and written to e2e/artifacts/figures.json; they are
 * reported, not asserted (no test is timed). The slider's redraw time is measured by `npm run bench:slider`.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import type { Page, Response } from "playwright-core";
import { ARTIFACTS, assertNoAxeViolations, openInApp, screenshot, settled } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { moveSlider, redrawLatencies } from "./lib/explorer.ts";
import { ROOT, type RunningServer, startServer } from "./lib/server.ts";

const LOCALES = ["ko", "en"] as const;
const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);

const figures: Record<string, unknown> = {};

describe("the public site in Chromium", { skip: unavailable ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let firstLinePath = "";
  let firstActionPath: string | null = null;
  /**
   * The visitor's tab, which the journeys below share: after the first load of the home page, they go from
   * page to page as the app's links do (no reload; see openInApp), so that each page state is the app's
   * drawing of it and not another load of the same scripts. Pages that are about a load of their own (the
   * home page's first load, the maps' requests, the phone and wall screens) still load.
   */
  let tab: Page | undefined;
  const visitor = async () => {
    tab ??= await browser.context.newPage();
    return tab;
  };

  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  it("serves the home page in Korean by default and measures its JavaScript and first chart", async () => {
    const page = await visitor();
    const scripts = new Map<string, { bytes: number; gz: number; worker: boolean }>();
    const onResponse = async (r: Response) => {
      const type = r.request().resourceType();
      if (!r.url().endsWith(".js") || r.status() !== 200) return;
      try {
        const body = await r.body();
        scripts.set(r.url(), { bytes: body.length, gz: gzipSync(body).length, worker: type === "other" });
      } catch {
        // a worker script body may not be readable from the page; it is counted from its own request below
      }
    };
    page.on("response", onResponse);
    await page.addInitScript(() => {
      const w = window as unknown as { __firstChartMs?: number };
      document.addEventListener("chart-finished", () => {
        w.__firstChartMs ??= performance.now();
      });
    });
    await page.goto(`${server.url}/`);
    await settled(page);
    assert.match(new URL(page.url()).pathname, /^\/ko\//, "the bare URL goes to the Korean site");
    assert.equal(await page.getAttribute("html", "lang"), "ko");
    const h1 = await page.textContent("main h1");
    assert.match(h1 ?? "", /전주/, "the Korean home page names the city in Korean");
    const total = await page.textContent('[data-testid="home-total"]');
    assert.match(total ?? "", /^[\d,]+\.\d 천톤$/, `the total reads like 1,234.5 천톤: ${total}`);

    // The JavaScript of the first page: what index.html loads before the first paint, and everything the
    // page loads lazily afterwards (charts), gzip-compressed as a server would send it.
    const html = await (await fetch(`${server.url}/ko/`)).text();
    const initial = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map(
      (m) => new URL(m[1] as string, server.url).href,
    );
    const sum = (xs: Array<{ gz: number }>) => Math.round(xs.reduce((a, b) => a + b.gz, 0) / 102.4) / 10;
    figures.first_page_initial_js_gz_kb = sum(initial.map((u) => scripts.get(u) ?? { gz: 0 }));
    figures.first_page_all_js_gz_kb = sum([...scripts.values()]);
    figures.first_page_js_files = scripts.size;
    figures.first_chart_ms_cold = await page.evaluate(() =>
      Math.round((window as unknown as { __firstChartMs: number }).__firstChartMs),
    );
    // Where the cold load spends its time (explains the figure; not asserted).
    // (computed here, not in the page: the test's transform adds helpers the page does not have)
    const timing = await page.evaluate(() => ({
      resources: (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => [
        e.name,
        e.responseEnd,
      ]),
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
    }));
    const end = (part: string) =>
      Math.round(
        (timing.resources.find((r) => String(r[0]).includes(part))?.[1] as number | undefined) ?? -1,
      );
    figures.first_load_breakdown_ms = {
      first_contentful_paint: Math.round(timing.fcp),
      tenants_response: end("/api/tenants"),
      inventory_response: end("/inventories/latest"),
      chart_chunk_response: end("/assets/echarts"),
    };
    // A second visit with the browser cache warm (its scripts were counted above).
    page.off("response", onResponse);
    await page.reload();
    await settled(page);
    figures.first_chart_ms_warm = await page.evaluate(() =>
      Math.round((window as unknown as { __firstChartMs: number }).__firstChartMs),
    );
    assert.ok(initial.length > 0, "index.html loads a script");
    // The pathway on the home page carries the scenario's uncertainty band, stated in its text summary.
    await page.waitForSelector('[data-testid="home-pathway"]');
    const pathwayText = await page.textContent('section:has([data-testid="home-pathway"])');
    assert.match(
      pathwayText ?? "",
      /90% 확률로 [\d,.]+ 천톤에서 [\d,.]+ 천톤 사이/,
      "the home pathway states its band",
    );
  });

  it("every page's address answers with the app, which draws the page it names", async () => {
    // the server's part of a direct load of each page (the browser's part is the first load above, and the
    // app's router reads an address the same way on a load and on a link's click)
    for (const locale of LOCALES)
      for (const path of ["/", "/emissions", "/agenda", "/explorer", "/districts", "/data", "/nowhere"]) {
        const r = await fetch(`${server.url}/${locale}${path}`);
        assert.equal(r.status, 200, `/${locale}${path}`);
        assert.match(await r.text(), /<div id="root"><\/div>/, `/${locale}${path} is the app's page`);
      }
  });

  for (const locale of LOCALES) {
    it(`every page in ${locale}: readable, screenshotted, no axe violation`, async () => {
      const page = await visitor();
      const visit = async (path: string, name: string) => {
        await openInApp(page, `${server.url}/${locale}${path}`);
        await settled(page);
        assert.equal(await page.getAttribute("html", "lang"), locale);
        await screenshot(page, `${locale}-${name}`);
        await assertNoAxeViolations(page, `/${locale}${path}`);
      };
      await visit("/", "home");
      await visit("/emissions", "emissions");
      const line = page.locator("#lines-h ~ section a, #lines-h ~ * a").first();
      firstLinePath = new URL((await line.getAttribute("href")) ?? "", server.url).pathname.replace(
        /^\/(ko|en)/,
        "",
      );
      await visit(firstLinePath, "emissions-line");
      await visit("/agenda", "agenda");
      const action = page.locator(".cards a").first();
      if ((await action.count()) > 0) {
        firstActionPath = ((await action.getAttribute("href")) ?? "").replace(/^\/(ko|en)/, "");
        await visit(firstActionPath, "agenda-action");
      }
      await visit("/explorer", "explorer");
      await visit("/districts", "districts");
      await visit("/data", "data");
      await visit("/nowhere", "not-found");
    });
  }

  it("reads the home page in English, switched from Korean with the language link", async () => {
    const page = await visitor();
    await openInApp(page, `${server.url}/ko/emissions`);
    await settled(page);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\/en\/emissions$/);
    await settled(page);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.getByRole("link", { name: "Home" }).click();
    await settled(page);
    assert.match((await page.textContent("main h1")) ?? "", /Jeonju/);
    assert.match((await page.textContent('[data-testid="home-total"]')) ?? "", /^[\d,]+\.\d kt$/);
  });

  it("drills from the emissions page into a line and sees its factors and sources", async () => {
    const page = await visitor();
    await openInApp(page, `${server.url}/ko/emissions`);
    await settled(page);
    // Scope 2 both ways: the page says which method its figures use and gives both side by side
    assert.match((await page.textContent('[data-testid="scope2-note"]')) ?? "", /지역 기반/);
    const heads = await page.locator('[data-testid="scope2-table"] thead th').allTextContents();
    assert.deepEqual(heads.slice(1, 3), ["배출량(지역 기반)", "배출량(시장 기반)"]);
    assert.ok((await page.locator('[data-testid="scope2-table"] tbody tr').count()) >= 4);
    // keyboard only: tab to the first line link and follow it
    const link = page.locator("#lines-h").locator("xpath=..").locator("tbody a").first();
    const name = (await link.textContent()) ?? "";
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/ko\/emissions\/lines\//);
    await settled(page);
    assert.equal(((await page.textContent("main h1")) ?? "").trim(), name.trim());
    assert.match((await page.textContent('[data-testid="line-total"]')) ?? "", /톤$/);
    const explained = await page.locator("#explain-h").locator("xpath=..").textContent();
    assert.ok((explained ?? "").length > 20, "the line has an explanation");
  });

  it("the agenda shows the city's actions, searchable in Korean and English, or says none are published", async () => {
    const page = await visitor();
    await openInApp(page, `${server.url}/ko/agenda`);
    await settled(page);
    const cards = page.locator(".cards li");
    if ((await cards.count()) === 0) {
      assert.match((await page.textContent("main")) ?? "", /아직 공개된 정책·사업 자료가 없습니다/);
      return;
    }
    const total = await cards.count();
    await page.fill("#agenda-q", "BRT");
    await page.waitForURL(/q=BRT/);
    assert.ok((await cards.count()) <= total);
    await page.fill("#agenda-q", "");
    await page.locator(".cards a").first().click();
    await page.waitForURL(/\/agenda\/actions\//);
    await settled(page);
  });

  it("moves a slider of the scenario explorer and sees the pathway redrawn after each move", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/ko/explorer`);
    await settled(page);
    // Each slider says where its range comes from: a source with its year, or "illustrative" with a note.
    const bus = page.locator('[data-testid="lever-range-city_bus_fleet_electric"]');
    assert.match((await bus.locator("summary").textContent()) ?? "", /범위 0%.100% · 출처 있음/);
    await bus.locator("summary").click();
    assert.match((await bus.textContent()) ?? "", /출처: FACTS §5: 409 city buses in 2019/);
    // the source as written, tagged English on the Korean page; the note in Korean (decision 0085)
    assert.match(
      (await bus.locator('span[lang="en"]').first().textContent()) ?? "",
      /^FACTS §5: 409 city buses/,
    );
    assert.match((await bus.textContent()) ?? "", /근거: 1 = 나머지 시내버스 231대를 2035년까지/);
    const heat = page.locator('[data-testid="lever-range-heat_pumps_gas_homes"]');
    assert.match((await heat.locator("summary").textContent()) ?? "", /범위 0%.300% · 예시 값/);
    await heat.locator("summary").click();
    assert.match((await heat.textContent()) ?? "", /근거: 수준 1\(연 2,000가구\)은 가정값/);
    // The explorer opens on the scenario with the most actions. Three steps right and back on the last slider
    // with room for 15 (the last ones are the big levers, whose moves change the summary's figures): the
    // pathway chart redraws after each move (how long a redraw takes: npm run bench:slider).
    const summary = page.locator('[aria-live="polite"]').first();
    const before = await summary.textContent();
    const MOVES = 6;
    const moves = await moveSlider(page, MOVES, {
      run: 3,
      room: 0.75,
      afterMove: async (i) => {
        if (i !== 2) return;
        await page.waitForFunction(
          (b) => document.querySelector('[aria-live="polite"]')?.textContent !== b,
          before,
        );
        assert.notEqual(await summary.textContent(), before, "the pathway summary changes with the slider");
      },
    });
    assert.equal(redrawLatencies(moves).length, MOVES);
    await screenshot(page, "ko-explorer-moved");

    // After the slider rests, the uncertainty band fills in progressively and the probabilities follow.
    const t0 = Date.now();
    await page.waitForSelector('[data-testid="band-result"]', { timeout: 30_000 });
    figures.first_band_after_rest_ms = Date.now() - t0;
    const firstSamples = Number(await page.getAttribute('[data-testid="band-result"]', "data-samples"));
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="band-result"]');
        return el?.getAttribute("aria-busy") === "false";
      },
      undefined,
      { timeout: 60_000 },
    );
    const band = page.locator('[data-testid="band-result"]');
    const samples = Number(await band.getAttribute("data-samples"));
    assert.ok(firstSamples > 0 && firstSamples <= samples, "a first band, then more samples");
    figures.band_first_samples = firstSamples;
    figures.band_samples = samples;
    figures.band_first_ms_in_page = Number(
      ((await page.locator('[data-testid="band-progress"]').textContent()) ?? "")
        .match(/([\d,]+) ms/)?.[1]
        ?.replace(/,/g, "") ?? Number.NaN,
    );
    const probs = await page.locator('[data-testid="probabilities"] li').allTextContents();
    assert.ok(probs.length > 0, "a probability per target and year");
    assert.ok(
      probs.every((x) => /\d+(\.\d+)?%/.test(x)),
      `each says a probability: ${probs.join(" | ")}`,
    );
    // The band is drawn on the chart: its width series holds numbers, some of them above zero.
    const drawn = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="explorer-pathway"] svg');
      return el ? el.querySelectorAll("path").length : 0;
    });
    assert.ok(drawn > 0);

    // The marginal abatement cost curve: drawn, with its table.
    const mac = page.locator('[data-testid="explorer-mac"]');
    await mac.waitFor({ timeout: 30_000 });
    const macFigure = page.locator("figure", { has: mac });
    await macFigure.locator("details summary").click();
    const macRows = await macFigure.locator("table tbody tr").count();
    assert.ok(macRows > 1, "the MAC table lists the actions");

    // What it takes: the gap to each target by plan sector, as a chart with its table.
    const firstWhat = page.locator('[data-testid^="explorer-what-it-takes-"]').first();
    await firstWhat.waitFor({ timeout: 30_000 });
    const whatId = await firstWhat.getAttribute("data-testid");
    const whatFigure = page.locator("figure", { has: page.locator(`[data-testid="${whatId}"]`) });
    await whatFigure.locator("details summary").click();
    assert.ok((await whatFigure.locator("table tbody tr").count()) >= 7, "a row per plan sector and year");

    // The least-cost portfolio, a set per target year: on the demo 2035 is met with actions left below
    // their maximum, 2030 and 2050 are out of reach, and the answer says by how much, in which sectors and
    // what holds them back (a status, not an error).
    await page.locator('[data-testid="portfolio-run"]').click();
    const result = page.locator('[data-testid="portfolio-result"]');
    await result.waitFor({ timeout: 120_000 });
    assert.equal(await result.getAttribute("data-mode"), "per_year");
    const together = await result.getAttribute("data-together");
    assert.ok(["met", "unreachable", "not_met"].includes(together ?? ""), `together ${together}`);
    const years = await result
      .locator('[data-testid="portfolio-year"]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute("data-year")}:${e.getAttribute("data-status")}`),
      );
    assert.ok(years.length >= 1, "a set per target year");
    if (years.some((y) => y.endsWith(":unreachable"))) {
      assert.ok((await page.locator('[data-testid="portfolio-binding"] li').count()) > 0);
      assert.match(
        (await page.locator('[data-testid="portfolio-short"]').first().textContent()) ?? "",
        /부족합니다\. 목표 경로의 몫을 넘는 부문: .+/,
      );
    }
    assert.ok((await result.locator("table").count()) >= years.length + 1, "targets per set, and the levels");
    await assertNoAxeViolations(page, "explorer with band, MAC curve and portfolio");
    await screenshot(page, "ko-explorer-analysis");

    // A key assumption: the grid factor path of another scenario. The pathway and then the band follow.
    const drivers = page.locator("#drivers-select");
    if ((await drivers.count()) > 0) {
      const options = await drivers
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const other = options.find((v) => v !== "bau");
      assert.ok(other, "a scenario with its own driver paths is offered");
      const beforeSummary = await summary.textContent();
      const beforeBand = await page.locator('[data-testid="band-result"] p').nth(1).textContent();
      await drivers.selectOption(other);
      await page.waitForFunction(
        (b) => document.querySelector('[aria-live="polite"]')?.textContent !== b,
        beforeSummary,
      );
      await page.waitForFunction(
        () => document.querySelector('[data-testid="band-result"]')?.getAttribute("aria-busy") === "false",
        undefined,
        { timeout: 60_000 },
      );
      const afterBand = await page.locator('[data-testid="band-result"] p').nth(1).textContent();
      assert.notEqual(afterBand, beforeBand, "the band follows the grid factor path");
      await screenshot(page, "ko-explorer-grid-path");
    }
    // The same explorer in English, by the language link's address (no reload: the levers, the band and the
    // analyses stay as they are, now in English; the heat pumps' range is open from above).
    const here = new URL(page.url());
    await openInApp(page, `${server.url}/en/explorer${here.search}`);
    await settled(page);
    const heatEn = page.locator('[data-testid="lever-range-heat_pumps_gas_homes"]');
    assert.match((await heatEn.locator("summary").textContent()) ?? "", /Range 0%.300% · illustrative/);
    assert.equal(await heatEn.getAttribute("open"), "", "the heat pumps' range stays open");
    const evEn = page.locator('[data-testid="lever-range-ev_cars"]');
    await evEn.locator("summary").click();
    assert.match(
      (await evEn.textContent()) ?? "",
      /Source: National targets for electric and hydrogen vehicles/,
    );
    // run again in English: the run is over when its button is enabled again and an answer is shown
    await page.locator('[data-testid="portfolio-run"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="portfolio-run"]:not([disabled])') !== null &&
        document.querySelector('[data-testid="portfolio-result"]') !== null,
      undefined,
      { timeout: 60_000 },
    );
    await assertNoAxeViolations(page, "explorer in English with the portfolio");
    await screenshot(page, "en-explorer-analysis");
    await page.close();
  });

  it("draws district boundaries from a GeoJSON file with maplibre, without online tiles", async () => {
    const page = await browser.context.newPage();
    const external: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith("data:") && !r.url().startsWith("blob:"))
        external.push(r.url());
    });
    await page.goto(`${server.url}/ko/districts`);
    await settled(page);
    await page.setInputFiles("#boundary-file", join(ROOT, "e2e/fixtures/districts.geojson"));
    await page.waitForSelector('[data-testid="district-map"][data-map-ready="true"]', { timeout: 30_000 });
    const drawn = await page.getAttribute('[data-testid="district-map"]', "data-drawn-areas");
    assert.equal(drawn, "2", "both synthetic districts are drawn on the map");
    const rows = await page.locator("figure table tbody tr th").allTextContents();
    assert.deepEqual(rows.slice(-2), ["완산구", "덕진구"]);
    await screenshot(page, "ko-districts-map");
    await assertNoAxeViolations(page, "/ko/districts with a map");
    assert.deepEqual(external, [], "no request leaves the server (no online tiles)");
    await page.close();
  });

  it("downloads the site's tables as CSV from the open data page", async () => {
    const page = await visitor();
    await openInApp(page, `${server.url}/ko/data`);
    await settled(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#site-tables-h").locator("xpath=..").locator("button").first().click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(path, "utf8");
    assert.ok(
      text.startsWith(
        "\uFEFFyear,gpc_ref,name_ko,name_en,scope,level,kr_sector,tco2e_location_based,tco2e_market_based\r\n",
      ),
      text.slice(0, 80),
    );
    assert.ok(text.split("\r\n").length > 5, "the inventory lines are in the file");
  });

  it("is usable on a phone and on a wall screen", async () => {
    for (const [name, viewport] of [
      ["phone", { width: 390, height: 844 }],
      ["wall", { width: 2560, height: 1440 }],
    ] as const) {
      const page = await browser.context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/ko/`);
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal scrolling on a ${name} (${overflow}px)`);
      await screenshot(page, `ko-home-${name}`);
      await page.close();
    }
  });
});
