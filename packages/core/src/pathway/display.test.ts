import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bandMatches, displayBasis, type PathwayRunsDoc, pathwayDisplay, runWithAction } from "./display.ts";

const name = (en: string) => ({ ko: en, en });
function run(id: string, levels: Record<string, number>, totals: number[], basis = "mc"): PathwayRunsDoc {
  return {
    years: [2020, 2030],
    bases: [{ id: "mc", name: name("municipal control") }],
    targets: [
      { id: "t", name: name("2030 target"), basis, path_tco2e: [null, 60] },
      { id: "b", name: name("basic target"), basis: "basic", path_tco2e: [100, 50] },
    ],
    scenarios: [
      { id: "bau", name: name("BAU"), levels: {}, totals_tco2e: { mc: [100, 110], basic: [120, 130] } },
      { id, name: name(id), levels, totals_tco2e: { mc: totals, basic: totals.map((x) => x + 20) } },
    ],
  };
}

describe("which pathway is drawn", () => {
  it("draws on the first target's basis, else BASIC", () => {
    assert.equal(displayBasis({ targets: [] }), "basic");
    assert.equal(displayBasis(run("s", {}, [1, 2])), "mc");
  });

  it("takes the scenario with most actions in effect as the main one, the others beside it", () => {
    const p = pathwayDisplay([
      run("one", { a: 1, b: 0 }, [100, 90]),
      run("two", { a: 1, b: 0.5 }, [100, 80]),
    ]);
    assert.ok(p);
    assert.equal(p.scenarioId, "two");
    assert.deepEqual(p.scenario, [100, 80]);
    assert.deepEqual(p.bau, [100, 110]);
    assert.deepEqual(p.others, [{ id: "one", name: name("one"), values: [100, 90] }]);
    assert.deepEqual(p.targets, [{ id: "t", name: name("2030 target"), values: [null, 60] }]);
    assert.deepEqual(p.basisName, name("municipal control"));
  });

  it("keeps the order of runs between scenarios with as many actions", () => {
    const p = pathwayDisplay([run("one", { a: 1 }, [1, 1]), run("two", { b: 1 }, [2, 2])]);
    assert.equal(p?.scenarioId, "one");
  });

  it("has nothing to draw without runs or without BAU on the basis", () => {
    assert.equal(pathwayDisplay([]), null);
    assert.equal(pathwayDisplay([run("s", {}, [1, 1], "other")]), null);
  });

  it("matches a band only of the same scenario, basis and years", () => {
    const p = { scenarioId: "s", basisId: "mc", years: [2020, 2030] };
    assert.equal(bandMatches(p, { scenario: "s", basis: "mc", years: [2020, 2030] }), true);
    assert.equal(bandMatches(p, { scenario: "s", basis: "basic", years: [2020, 2030] }), false);
    assert.equal(bandMatches(p, { scenario: "x", basis: "mc", years: [2020, 2030] }), false);
    assert.equal(bandMatches(p, { scenario: "s", basis: "mc", years: [2020, 2031] }), false);
  });

  it("finds the run in which an action is in effect", () => {
    const runs = [run("one", { a: 0 }, [1, 1]), run("two", { a: 0.5 }, [2, 2])];
    assert.equal(runWithAction("a", runs)?.scenario.id, "two");
    assert.equal(runWithAction("z", runs), undefined);
  });
});
