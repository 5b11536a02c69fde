import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { createTestApp, type TestApp } from "../../testing.ts";

describe("exports", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
  });
  after(() => t.close());

  it("a scenario's results, one value per row, agree with the pathway JSON", async () => {
    const pathway = (await (
      await t.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/bau/pathway")
    ).json()) as { years: number[]; scenarios: { id: string; totals_tco2e: Record<string, number[]> }[] };
    const r = await t.app.request("/api/tenants/jeonju/exports/pathway/jeonju/bau?format=csv&lang=en");
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type")!, /^text\/csv/);
    const lines = (await r.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    assert.equal(lines[0], "scenario,year,scope2_method,series,key,tco2e");
    const bau = pathway.scenarios.find((s) => s.id === "bau")!;
    const [basis, values] = Object.entries(bau.totals_tco2e)[0]!;
    const y = pathway.years.indexOf(2030);
    for (const method of ["location_based", "market_based"]) {
      const row = lines.find((l) => l.startsWith(`bau,2030,${method},basis,${basis},`))!;
      assert.equal(Number(row.split(",")[5]), values[y]);
    }
  });

  it("the same table as XLSX with Korean headers", async () => {
    const r = await t.app.request("/api/tenants/jeonju/exports/pathway/jeonju/bau?format=xlsx");
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    assert.deepEqual((wb.worksheets[0]!.getRow(1).values as string[]).slice(1), [
      "시나리오",
      "연도",
      "Scope 2 산정 방법",
      "계열",
      "항목",
      "배출량 (tCO2e)",
    ]);
    assert.ok(wb.worksheets[0]!.rowCount > 100);
  });

  it("the inventory: each line location-based, each scope 2 line once more market-based", async () => {
    const inv = (await (await t.app.request("/api/tenants/jeonju/inventories/latest")).json()) as {
      years: {
        year: number;
        lines: { gpc_ref: string; scope: number; tco2e: number; market_based_tco2e: number }[];
      }[];
    };
    const r = await t.app.request("/api/tenants/jeonju/exports/inventory/latest?format=csv&lang=en");
    assert.equal(r.status, 200);
    const rows = (await r.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    assert.deepEqual(rows[0]!.slice(0, 6), ["year", "gpc_ref", "scope", "level", "scope2_method", "tco2e"]);
    const y = inv.years[0]!;
    const scope2 = y.lines.filter((l) => l.scope === 2);
    assert.ok(scope2.length > 0);
    for (const l of y.lines) {
      const mine = rows.filter((x) => x[0] === String(y.year) && x[1] === l.gpc_ref);
      const by = (m: string) => mine.filter((x) => x[4] === m).map((x) => Number(x[5]));
      assert.deepEqual(by("location_based"), [l.tco2e]);
      assert.deepEqual(by("market_based"), l.scope === 2 ? [l.market_based_tco2e] : []);
    }
  });

  it("an activity dataset in the activity CSV layout; an unknown scenario is 404", async () => {
    const anon = await t.app.request("/api/tenants/jeonju/exports/activity/demo-activity");
    assert.equal(anon.status, 401);
    const none = await t.app.request("/api/tenants/jeonju/exports/pathway/jeonju/nowhere");
    assert.equal(none.status, 404);
  });
});
