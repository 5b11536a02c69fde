import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { lineAmount, projectCount } from "@citypath/core/budget/index";
import { loadJeonjuBudget } from "./budget.ts";

describe("the Jeonju demo budget", () => {
  const r = loadJeonjuBudget();
  test("loads without a problem", () => {
    assert.ok(
      r.ok,
      r.ok ? "" : r.problems.map((p) => `${p.file}:${p.line} [${p.column}] ${p.message}`).join("\n"),
    );
  });
  const b = r.ok ? r.value : undefined;
  const sum = (year: number, reduction: boolean | undefined) => {
    const ls = b!.lines.filter(
      (l) => l.year === year && (reduction === undefined || (l.class === "reduction") === reduction),
    );
    return {
      count: ls.reduce((s, l) => s + projectCount(l), 0),
      krw: ls.reduce((s, l) => s + lineAmount(l), 0),
    };
  };
  test("2023 and 2024 sum to the published totals (JJRI Issue Brief No. 4)", () => {
    assert.deepEqual(sum(2023, true), { count: 140, krw: 243_200_000_000 });
    assert.deepEqual(sum(2023, undefined), { count: 3052, krw: 2_312_200_000_000 });
    assert.deepEqual(sum(2024, true), { count: 210, krw: 242_300_000_000 });
    assert.deepEqual(sum(2024, undefined), { count: 3148, krw: 2_795_000_000_000 });
    const s23 = b!.settlements.filter(
      (s) =>
        s.year === 2023 &&
        b!.lines.some((l) => l.year === 2023 && l.code === s.code && l.class === "reduction"),
    );
    assert.equal(
      s23.reduce((s, x) => s + x.executed_krw, 0),
      237_500_000_000,
    );
    assert.equal(Math.round(s23.reduce((s, x) => s + (x.actual?.tco2e ?? 0), 0) * 10) / 10, 15_249.5);
  });
  test("every item line is illustrative; the rows carrying the rest cite the source", () => {
    for (const l of b!.lines) {
      if (l.aggregate_of && l.year < 2025) assert.equal(l.source, "jjri-2025-brief4", l.code);
      else assert.equal(l.illustrative, true, `${l.year} ${l.code}`);
    }
  });
  test("BRT, hydrogen buses, trees, retrofits and solar are linked to modelled actions", () => {
    const models = new Set(b!.lines.filter((l) => l.year === 2024).map((l) => l.model?.action));
    for (const m of [
      "brt_giringdaero",
      "hydrogen_buses",
      "ten_million_trees",
      "public_building_retrofit",
      "home_retrofit",
      "public_solar",
    ])
      assert.ok(models.has(m), m);
  });
});
