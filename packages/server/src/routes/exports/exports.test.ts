import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseActivityRecords, parseFactorRecords } from "@citypath/core";
import { readActivityCsvRows, readFactorCsvRows } from "@citypath/data/csv";
import { readTableFile } from "@citypath/data/table-file";
import ExcelJS from "exceljs";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { createTestApp, signIn, type TestApp } from "../../testing.ts";

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

  it("an activity dataset and a factor set exported with Korean headers are read back as the same rows, by the CLI's readers and the import", async () => {
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    const editor = await signIn(t, "round-trip@jeonju.example");
    await t.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
    const get = async (path: string) => {
      const r = await t.app.request(`/api/tenants/jeonju/exports/${path}`, { headers: editor.headers() });
      assert.equal(r.status, 200, path);
      return new Uint8Array(await r.arrayBuffer());
    };
    // the rows without where they were read from (file, line, and a factor's id made of them)
    const plain = <R extends object>(rows: readonly R[]) =>
      rows.map((r) => {
        const {
          file: _f,
          line: _l,
          id: _i,
          ...rest
        } = r as R & { file?: unknown; line?: unknown; id?: unknown };
        return rest;
      });
    const xlsxRows = async <R>(
      bytes: Uint8Array,
      parse: (rec: never) => { rows: R[]; problems: unknown[] },
    ) => {
      const rec = await readTableFile({ bytes, format: "xlsx", file: "back.xlsx" });
      assert.ok(rec.ok, JSON.stringify(rec));
      const parsed = parse(rec.value as never);
      assert.deepEqual(parsed.problems, []);
      return parsed.rows;
    };

    const en = readActivityCsvRows(await get("activity/demo-activity?format=csv&lang=en"));
    assert.deepEqual(en.problems, []);
    assert.ok(en.rows.length > 10);
    const koCsv = await get("activity/demo-activity?format=csv&lang=ko");
    assert.match(new TextDecoder().decode(koCsv.subarray(0, 64)), /^\uFEFF?연도,GPC 번호,활동,활동량,단위/);
    const ko = readActivityCsvRows(koCsv);
    assert.deepEqual(ko.problems, []);
    assert.deepEqual(plain(ko.rows), plain(en.rows));
    const koXlsx = await get("activity/demo-activity?format=xlsx&lang=ko");
    assert.deepEqual(plain(await xlsxRows(koXlsx, parseActivityRecords)), plain(en.rows));
    // the import (preview) takes the Korean XLSX as it is
    const preview = await t.app.request("/api/tenants/jeonju/imports/preview", {
      method: "POST",
      headers: editor.headers(true),
      body: JSON.stringify({
        kind: "activity",
        file_name: "내보낸-활동.xlsx",
        content_base64: Buffer.from(koXlsx).toString("base64"),
      }),
    });
    const p = (await preview.json()) as { ok: boolean; rows: number; problems: unknown[] };
    assert.deepEqual([p.ok, p.rows, p.problems], [true, en.rows.length, []]);

    // a factor set with most of its columns, stored through the import
    const factors = [
      "activity,gas,factor,unit,gpc_ref,year,valid_from,valid_to,ncv,ncv_unit,ncv_source,source,source_year,note,scope2_method",
      "lng,CO2,56100,kg/TJ,I.1.1,,2020,2030,39.4,MJ/Nm3,에너지법 시행규칙 2022,IPCC 2006,2006,도시가스,",
      "electricity,CO2e,0.4594,tCO2e/MWh,I.1.2,2022,,,,,,전력거래소 2022,2023,,location_based",
    ].join("\n");
    const stored = await t.app.request("/api/tenants/jeonju/imports/commit", {
      method: "POST",
      headers: editor.headers(true),
      body: JSON.stringify({
        kind: "factors",
        file_name: "factors.csv",
        content_base64: Buffer.from(factors).toString("base64"),
        target: { id: "round-trip", name: "왕복 배출계수" },
      }),
    });
    assert.equal(stored.status, 201, await stored.clone().text());
    const id = "round-trip";
    const fEn = readFactorCsvRows(await get(`factor-set/${encodeURIComponent(id)}?format=csv&lang=en`));
    assert.deepEqual(fEn.problems, []);
    const fKo = readFactorCsvRows(await get(`factor-set/${encodeURIComponent(id)}?format=csv&lang=ko`));
    assert.deepEqual(plain(fKo.rows), plain(fEn.rows));
    const fXlsx = await get(`factor-set/${encodeURIComponent(id)}?format=xlsx&lang=ko`);
    assert.deepEqual(plain(await xlsxRows(fXlsx, parseFactorRecords)), plain(fEn.rows));
  });
});
