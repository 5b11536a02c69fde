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
    assert.equal(lines[0], "scenario,year,series,key,tco2e");
    const bau = pathway.scenarios.find((s) => s.id === "bau")!;
    const [basis, values] = Object.entries(bau.totals_tco2e)[0]!;
    const y = pathway.years.indexOf(2030);
    const row = lines.find((l) => l.startsWith(`bau,2030,basis,${basis},`))!;
    assert.equal(Number(row.split(",")[4]), values[y]);
  });

  it("the same table as XLSX with Korean headers", async () => {
    const r = await t.app.request("/api/tenants/jeonju/exports/pathway/jeonju/bau?format=xlsx");
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    assert.deepEqual((wb.worksheets[0]!.getRow(1).values as string[]).slice(1), [
      "시나리오",
      "연도",
      "계열",
      "항목",
      "배출량 (tCO2e)",
    ]);
    assert.ok(wb.worksheets[0]!.rowCount > 100);
  });

  it("an activity dataset in the activity CSV layout; an unknown scenario is 404", async () => {
    const anon = await t.app.request("/api/tenants/jeonju/exports/activity/demo-activity");
    assert.equal(anon.status, 401);
    const none = await t.app.request("/api/tenants/jeonju/exports/pathway/jeonju/nowhere");
    assert.equal(none.status, 404);
  });
});
