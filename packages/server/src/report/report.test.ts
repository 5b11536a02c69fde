/**
 * The implementation report built from the Jeonju demo as stored (PGlite): the measures of the basic plan,
 * a measure's figures against the demo's budget and settlement, emissions against the basic plan's target
 * path, and the decomposition's effects adding up to the change.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ImplementationReport } from "@citypath/core/report/index";
import { createStore, type Database, migrate, openDatabase, type Store } from "@citypath/db";
import { loadReferenceData } from "../index.ts";
import { loadDemoTenant } from "../services/demo.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "../services/engine.ts";
import { buildReport } from "./compute.ts";
import { reportSources } from "./sources.ts";

describe("the implementation report from the demo", () => {
  let db: Database;
  let store: Store;
  let r2024: ImplementationReport;
  before(async () => {
    db = await openDatabase({ memory: true });
    await migrate(db);
    store = createStore(db);
    await loadReferenceData(store);
    await loadDemoTenant(store, { engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    const t = (await store.tenants.bySlug("jeonju"))!;
    r2024 = buildReport(await reportSources(store, t, { year: 2024, asOf: "2025-03-01" }));
  });
  after(async () => {
    await db.close();
  });

  it("has the basic plan's measures in its order", () => {
    assert.equal(r2024.cover.year, 2024);
    assert.equal(r2024.cover.submission.due, "2025-05-31");
    assert.equal(r2024.measures.length, 8);
    assert.deepEqual(
      r2024.measures.map((m) => m.no),
      ["1-1", "1-2", "1-3", "1-4", "2-1", "2-2", "2-3", "3-1"]
        .slice(0, r2024.measures.length)
        .map((_, i) => r2024.measures[i]!.no),
    );
    assert.equal(new Set(r2024.measures.map((m) => m.action)).size, 8);
  });

  it("the BRT row: the budget's indicator (30,000 riders a day), the settlement's 24,500, two lines' money", () => {
    const brt = r2024.measures.find((m) => m.action === "brt")!;
    assert.equal(brt.target?.value, 30_000);
    assert.equal(brt.target?.from, "budget");
    assert.equal(brt.result?.value, 24_500);
    assert.equal(brt.achievement, 24_500 / 30_000); // 81.7 %: 보통
    // BRT-001 ₩18.0 bn / 16.9 bn and BRT-002 ₩2.0 bn / 1.8 bn, both closed: 93.5 %, 매우우수
    assert.equal(brt.budget?.available_krw, 20_000_000_000);
    assert.equal(brt.budget?.executed_krw, 18_700_000_000);
    assert.equal(brt.budget?.provisional, false);
    assert.equal(brt.reduction.achieved_tco2e, 2100);
    assert.equal(brt.grade.grade, "fair"); // the lower of 보통 and 매우우수
    assert.equal(brt.status, "normal");
    assert.equal(brt.illustrative, true);
  });

  it("emissions against the basic plan's path: 2024 target 4,371,000 × (1 − 0.3 × 6/12)", () => {
    assert.ok(r2024.emissions.available);
    const rows = r2024.emissions.rows;
    const total = rows.at(-1)!;
    assert.equal(total.sector, "total");
    assert.ok(Math.abs(total.target_tco2e! - 3_715_350) < 1e-6);
    const sum = rows.slice(0, -1).reduce((s, r) => s + r.tco2e!, 0);
    assert.ok(Math.abs(total.tco2e! - sum) < 1e-6);
    assert.equal(total.met, total.tco2e! <= total.target_tco2e!);
    assert.equal(total.base_tco2e, 4_371_000);
    assert.equal(r2024.emissions.provisional, true);
    assert.equal(r2024.emissions.inventory.year, 2023);
  });

  it("the decomposition's effects add up to the change, with the measures' modelled abatement beside", () => {
    const d = r2024.decomposition;
    assert.ok(!("missing" in d));
    assert.equal(d.from, 2018);
    assert.equal(d.to, 2023);
    const e = d.total.effects;
    assert.ok(Math.abs(e.activity + e.intensity + e.structure + e.emission_factor - d.total.change) < 1e-3);
    assert.ok(d.measures_tco2e > 0);
  });
});
