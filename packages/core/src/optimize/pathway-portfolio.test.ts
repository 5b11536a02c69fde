import assert from "node:assert/strict";
import { describe, it } from "node:test";
import loadHighs from "highs";
import { z } from "zod";
import { defineActionType } from "../actions/interface.ts";
import { LIBRARY_ACTION_TYPES } from "../actions/library/index.ts";
import { compileInstance } from "../pathway/compile.ts";
import { tinyInstance } from "../pathway/fixtures.ts";
import { pathwayRegistry } from "../pathway/index.ts";
import type { InstanceInput } from "../pathway/schema.ts";
import { validateInstance } from "../pathway/validate.ts";
import {
  highsSolver,
  optimisePortfolio,
  parsePortfolioSpec,
  pathwayPortfolio,
  specConstraints,
} from "./index.ts";

const highs = highsSolver(() => loadHighs());
const ill = { illustrative: true, note: "test figure" } as const;

/** A test action type: removes `fraction` of a line from 2021, paying `capex_krw` in 2021. */
const cut = defineActionType<{ line: string; fraction: number; capex_krw: number }>({
  type: "test_cut",
  label: { ko: "시험 감축", en: "Test cut" },
  params: {},
  schema: z.strictObject({ line: z.string(), fraction: z.number(), capex_krw: z.number() }),
  model: (p, year) => ({
    lines: year >= 2021 ? [{ gpc_ref: p.line, scale_fraction: p.fraction }] : [],
    chain: [],
  }),
  costs: (p, year) => ({
    capex_krw: year === 2021 ? p.capex_krw : 0,
    opex_krw: 0,
    savings_krw: 0,
    chain: [],
  }),
});
const registry = pathwayRegistry([cut], LIBRARY_ACTION_TYPES);

/**
 * The tiny town (BASIC = I.1.2 + II.1.1). In 2025, business as usual: I.1.2 = 1000 x 90/100 x 0.4/0.5 = 720;
 * II.1.1 = 2000 x 0.9 x 0.99^5 = 1711.78; BASIC 2431.78 t. Target: half of 3000 = 1500 t, so 931.78 t to cut.
 * elec removes all of I.1.2 (720 t) for 1 bn KRW; road and road2 each remove half of II.1.1 (855.89 t alone)
 * for 1 bn and 0.8 bn; together they remove 3/4, not all of it: they interact.
 */
const elec = {
  id: "elec",
  type: "test_cut",
  name: { ko: "전력", en: "Power" },
  params: { line: "I.1.2", fraction: 1, capex_krw: 1e9 },
  ...ill,
};

/** The instance validated and compiled, every problem shown if it does not. */
function compiled(inst: InstanceInput) {
  const v = validateInstance(inst, registry);
  assert.ok(v.ok, JSON.stringify(!v.ok && v.problems));
  const m = compileInstance(v.value, registry);
  assert.ok(m.ok);
  return m.value;
}

function model() {
  return compiled({
    ...tinyInstance(),
    actions: [
      elec,
      {
        id: "road",
        type: "test_cut",
        name: { ko: "도로", en: "Road" },
        params: { line: "II.1.1", fraction: 0.5, capex_krw: 1e9 },
        ...ill,
      },
      {
        id: "road2",
        type: "test_cut",
        name: { ko: "도로2", en: "Road 2" },
        params: { line: "II.1.1", fraction: 0.5, capex_krw: 0.8e9 },
        ...ill,
      },
    ],
    scenarios: [],
  });
}

describe("least-cost portfolio on a pathway", () => {
  it("meets the target under the full engine despite interacting actions", async () => {
    const spec = parsePortfolioSpec({
      format: "citypath-portfolio/1",
      instance: "tiny",
      discount_rate: 0,
      discount_rate_source: "test",
      targets: [{ target: "half", years: [2025] }],
    });
    assert.ok(spec.ok);
    const p = pathwayPortfolio(model(), { discountRate: 0, targets: spec.value.targets! });
    assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
    assert.deepEqual(p.value.model.targets, [
      {
        id: "half@2025",
        label: "Half 2025",
        basis: "basic",
        scope2_method: "location_based",
        year: 2025,
        limit: 1500,
      },
    ]);
    const r = await optimisePortfolio(p.value.model, specConstraints(spec.value), highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "optimal");
    const levels = Float64Array.from(r.value.levels, (x) => x.level);
    const full = p.value.model.evaluate(levels);
    assert.ok(full.emissions[0]! <= 1500 + 1e-6, `${full.emissions[0]}`);
    assert.ok(r.value.iterations.length > 1, "the first linear answer overstates road + road2 together");
    // road2 first (cheapest per tonne alone), whole. Then 2431.78 - 855.89 - 1500 = 75.89 t are missing. Alone,
    // road looks cheaper per tonne than elec (1.17 vs 1.39 M KRW/t), but after road2 it saves half as much:
    // the refinement round (linearised around the first portfolio) switches to elec at 75.89 / 720 = 0.1054.
    // Least cost: 0.8 bn + 0.1054 bn = 905.4 M KRW (discount rate 0, all spent in 2021).
    assert.equal(levels[2], 1);
    assert.equal(levels[1], 0);
    const road = 2000 * 0.9 * 0.99 ** 5;
    const elecLevel = (720 + road / 2 - 1500) / 720;
    assert.ok(Math.abs(levels[0]! - elecLevel) < 1e-6, `${levels[0]} vs ${elecLevel}`);
    assert.ok(Math.abs(full.npc - (0.8e9 + elecLevel * 1e9)) < 10, `${full.npc}`);
    assert.ok(r.value.iterations.some((x) => x.round > 0));
    // Money is spent in 2021 only: npc (rate 0) equals the 2021 spend.
    assert.ok(Math.abs(full.npc - full.spend[1]!) < 1e-3);
  });
  it("answers a budget too small with the shortfall and the binding budget", async () => {
    const p = pathwayPortfolio(model(), {
      discountRate: 0.045,
      targets: [{ target: "half", years: [2025] }],
    });
    assert.ok(p.ok);
    const r = await optimisePortfolio(p.value.model, { budgets: [{ year: 2021, limit: 0.5e9 }] }, highs);
    assert.ok(r.ok);
    assert.equal(r.value.status, "unreachable");
    assert.ok(r.value.targets[0]!.shortfall > 0);
    assert.ok(r.value.binding.some((b) => b.kind === "budget" && b.id === "2021"));
    assert.ok(r.value.budgets[0]!.full <= 0.5e9 + 1);
  });
  it("measures each target on the Scope 2 method it names, worked by hand", async () => {
    // The tiny town, target −25 % on BASIC (3,000 t in 2020) = 2,250 t in 2025 against 2,431.78 t: 181.78 t
    // to cut. elec removes I.1.2 (720 t in 2025) for 1 bn KRW; ppa buys 1,800 MWh a year from 2021 at a
    // premium of 1,000 KRW/MWh: 1,800 × 0.4 = 720 t off the market-based I.1.2 in 2025, nothing off the
    // location-based figures.
    const build = (method: "location_based" | "market_based") => {
      const inst: InstanceInput = {
        ...tinyInstance(),
        actions: [
          elec,
          {
            id: "ppa",
            type: "renewable_ppa",
            name: { ko: "재생에너지 구매", en: "Renewable purchase" },
            params: {
              mwh_per_yr: 1800,
              buyer: "residential",
              premium_krw_per_mwh: 1000,
              schedule: { start_year: 2021 },
              price_year: 2024,
            },
            ...ill,
          },
        ],
        scenarios: [],
      };
      inst.targets = inst.targets!.map((t) => ({
        ...t,
        scope2_method: method,
        points: [{ year: 2025, reduction: 0.25 }],
      }));
      const p = pathwayPortfolio(compiled(inst), {
        discountRate: 0,
        targets: [{ target: "half", years: [2025] }],
      });
      assert.ok(p.ok, JSON.stringify(!p.ok && p.problems));
      return p.value.model;
    };
    const need = 720 + 2000 * 0.9 * 0.99 ** 5 - 2250; // 181.78 t
    const close = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);
    for (const method of ["location_based", "market_based"] as const) {
      const model = build(method);
      assert.equal(model.targets[0]!.scope2_method, method);
      // the purchase alone: the target's figure drops by 720 t market-based, not at all location-based
      close(
        model.evaluate(Float64Array.of(0, 1)).emissions[0]!,
        2250 + need - (method === "market_based" ? 720 : 0),
        method,
      );
      const r = await optimisePortfolio(model, {}, highs);
      assert.ok(r.ok);
      assert.equal(r.value.status, "optimal");
      assert.equal(r.value.targets[0]!.scope2_method, method);
      close(r.value.targets[0]!.full, 2250, `${method} full`);
      const [elec, ppa] = r.value.levels.map((x) => x.level);
      // location-based: only elec counts, at 181.78 / 720; market-based: the far cheaper purchase does it
      close(elec!, method === "location_based" ? need / 720 : 0, `${method} elec`);
      close(ppa!, method === "market_based" ? need / 720 : 0, `${method} ppa`);
    }
  });
  it("names unknown targets, years and actions", () => {
    const p = pathwayPortfolio(model(), {
      discountRate: 0,
      scenario: "nope",
      targets: [{ target: "nope" }, { target: "half", years: [2040] }],
      actions: [{ action: "zz", max: 2 }],
    });
    assert.ok(!p.ok);
    assert.deepEqual(
      p.problems.map((x) => x.path),
      ["scenario", "actions[0].action", "targets[0].target", "targets[1].years"],
    );
  });
});
