import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../pathway/evaluate.ts";
import { tinyInstance } from "../pathway/fixtures.ts";
import { type EnginePreset, enginePreset, pathwayRegistry } from "../pathway/index.ts";
import type { Instance } from "../pathway/schema.ts";
import { createRandom, runMonteCarlo } from "./index.ts";
import { parseUncertaintySpec, pathwayUncertainty, type UncertaintySpec } from "./pathway-model.ts";

const engine = enginePreset({ registry: pathwayRegistry() });
const ill = { illustrative: true, note: "test" } as const;

/** The instance validated and compiled, every problem shown if it does not. */
function build(inst: unknown, e: EnginePreset = engine) {
  const b = e.build(inst);
  assert.ok(b.ok, JSON.stringify(!b.ok && b.problems));
  return b.value;
}

function setup() {
  const { valid, model } = build(tinyInstance());
  const spec = parseUncertaintySpec({
    format: "citypath-uncertainty/1",
    instance: "tiny",
    parameters: [
      {
        id: "grid",
        applies_to: { kind: "driver", driver: "grid", mode: "ramp" },
        distribution: { kind: "uniform", min: 0.8, max: 1.2 },
        ...ill,
      },
      {
        id: "ev_change",
        applies_to: { kind: "action_param", action: "ev", param: "change" },
        distribution: { kind: "uniform", min: -0.6, max: -0.4 },
        ...ill,
      },
      {
        id: "brt_eff",
        applies_to: { kind: "action_effect", action: "brt" },
        distribution: { kind: "triangular", min: 0.5, mode: 1, max: 1.2 },
        ...ill,
      },
      {
        id: "land",
        applies_to: { kind: "line", gpc_ref: "V.2" },
        distribution: { kind: "normal", mean: 1, sd: 0.1 },
        ...ill,
      },
    ],
    correlations: [{ a: "grid", b: "ev_change", rho: 0.5 }],
  });
  assert.ok(spec.ok, JSON.stringify(!spec.ok && spec.problems));
  return { valid, central: model, spec: spec.value as UncertaintySpec };
}

/** The scenario "all" evaluated exactly after recompiling an edited instance. */
function exact(edit: (i: Instance) => void, brtLevel = 1): Float64Array {
  const inst = structuredClone(tinyInstance()) as Instance;
  edit(inst);
  const { model } = build(inst);
  const r = evaluate(model, [1, brtLevel, 1]);
  return r.basis.slice(0, model.nYears); // the BASIC basis
}

describe("uncertainty on a pathway", () => {
  it("matches a full recompilation when one parameter moves", () => {
    const { valid, central, spec } = setup();
    const u = pathwayUncertainty(valid, central, engine, spec, { scenario: "all" });
    assert.ok(u.ok, JSON.stringify(!u.ok && u.problems));
    const { model } = u.value;
    const Y = model.years.length;
    const out = new Float64Array(model.series.length * Y);
    // Grid path 10 % higher by 2025 (ramp: x(1 + 0.1 (y - 2020) / 5)) on 0.5 - 0.02 (y - 2020).
    model.evaluate(Float64Array.from([1.1, -0.5, 1, 1]), out);
    const g = exact((i) => {
      for (let y = 2021; y <= 2025; y++)
        i.drivers[1]!.values[String(y)] = (0.5 - 0.02 * (y - 2020)) * (1 + (0.1 * (y - 2020)) / 5);
    });
    for (let y = 0; y < Y; y++)
      assert.ok(Math.abs(out[y]! - g[y]!) < 1e-9, `grid ${model.years[y]}: ${out[y]} vs ${g[y]}`);
    // EV intensity change -0.55 instead of -0.5 (a breakpoint-free value: interpolated, exact because linear).
    model.evaluate(Float64Array.from([1, -0.55, 1, 1]), out);
    const e = exact((i) => {
      (i.actions![0]!.params as { change: number }).change = -0.55;
    });
    for (let y = 0; y < Y; y++)
      assert.ok(Math.abs(out[y]! - e[y]!) < 1e-9, `ev ${model.years[y]}: ${out[y]} vs ${e[y]}`);
    // BRT at 60 % effectiveness = the BRT action at level 0.6.
    model.evaluate(Float64Array.from([1, -0.5, 0.6, 1]), out);
    const b = exact(() => {}, 0.6);
    for (let y = 0; y < Y; y++) assert.ok(Math.abs(out[y]! - b[y]!) < 1e-9);
    // Sink line 20 % larger: BASIC+ (which includes the AFOLU line V.2 = -100 in 2020) falls by 20 t in 2020.
    const base = new Float64Array(out.length);
    model.evaluate(Float64Array.from([1, -0.5, 1, 1]), base);
    model.evaluate(Float64Array.from([1, -0.5, 1, 1.2]), out);
    const bp = model.series.findIndex((x) => x.id === "basic_plus") * Y;
    assert.ok(Math.abs(out[bp]! - base[bp]! - -20) < 1e-9, `${out[bp]! - base[bp]!}`);
    assert.equal(out[0], base[0]);
  });
  it("runs Monte Carlo on the scenario with ordered bands and target probabilities, reproducibly", () => {
    const { valid, central, spec } = setup();
    const u = pathwayUncertainty(valid, central, engine, spec, { scenario: "all" });
    assert.ok(u.ok);
    const run = () => {
      const r = runMonteCarlo(u.value.model, {
        samples: 400,
        random: createRandom(7),
        targets: u.value.targets,
      });
      assert.ok(r.ok);
      return r.value.summary();
    };
    const s = run();
    assert.deepEqual(s, run());
    assert.deepEqual(
      s.targets.map((t) => t.id),
      ["half@2025"],
    );
    const p = s.targets[0]!.probability;
    assert.ok(p >= 0 && p <= 1);
    for (const b of s.bands)
      b.years.forEach((_, i) => {
        assert.ok(
          b.percentiles.p5![i]! <= b.percentiles.p50![i]! && b.percentiles.p50![i]! <= b.percentiles.p95![i]!,
        );
      });
  });
  it("scores each target on the Scope 2 method it names, worked by hand", () => {
    // The tiny town with a renewable purchase of 500 MWh a year from 2021 whose effect is uncertain,
    // uniform on [0, 1]: in 2025 it takes 200u t (500 × 0.4 × u) off the market-based BASIC total only.
    // Target −25 % on 3,000 t = 2,250 t against 2,431.78 t. Location-based: always 181.78 t short.
    // Market-based: met when 200u ≥ 181.78, p = 1 − 0.9089 = 0.0911; E[shortfall] = 181.78² / 400 = 82.61 t.
    const reg = enginePreset();
    const outcome = (method: "location_based" | "market_based") => {
      const inst = tinyInstance();
      inst.actions = [
        ...inst.actions!,
        {
          id: "ppa",
          type: "renewable_ppa",
          name: { ko: "재생에너지 구매", en: "Renewable purchase" },
          params: { mwh_per_yr: 500, buyer: "residential", schedule: { start_year: 2021 }, price_year: 2024 },
          ...ill,
        },
      ];
      inst.scenarios = [
        { id: "buy", name: { ko: "구매", en: "Buy" }, actions: [{ action: "ppa", level: 1 }] },
      ];
      inst.targets = inst.targets!.map((t) => ({
        ...t,
        scope2_method: method,
        points: [{ year: 2025, reduction: 0.25 }],
      }));
      const { valid, model } = build(inst, reg);
      const spec = parseUncertaintySpec({
        format: "citypath-uncertainty/1",
        instance: "tiny",
        parameters: [
          {
            id: "ppa_effect",
            applies_to: { kind: "action_effect", action: "ppa" },
            distribution: { kind: "uniform", min: 0, max: 1 },
            ...ill,
          },
        ],
      });
      assert.ok(spec.ok, JSON.stringify(!spec.ok && spec.problems));
      const u = pathwayUncertainty(valid, model, reg, spec.value as UncertaintySpec, { scenario: "buy" });
      assert.ok(u.ok, JSON.stringify(!u.ok && u.problems));
      const r = runMonteCarlo(u.value.model, {
        samples: 2000,
        random: createRandom(3),
        targets: u.value.targets,
      });
      assert.ok(r.ok);
      return r.value.summary();
    };
    const need = 720 + 2000 * 0.9 * 0.99 ** 5 - 2250; // 181.78 t
    const loc = outcome("location_based");
    const t0 = loc.targets[0]!;
    assert.equal(t0.scope2_method, "location_based");
    assert.equal(t0.series, "basic");
    assert.equal(t0.probability, 0);
    assert.ok(Math.abs(t0.expectedShortfall - need) < 1e-6, `${t0.expectedShortfall}`);
    assert.ok(!loc.bands.some((b) => b.series === "basic:market_based"));
    const mkt = outcome("market_based");
    const t1 = mkt.targets[0]!;
    assert.equal(t1.scope2_method, "market_based");
    assert.equal(t1.series, "basic:market_based");
    // Latin hypercube, 2,000 strata: within one stratum of the exact values
    assert.ok(Math.abs(t1.probability - (1 - need / 200)) <= 1 / 2000 + 1e-12, `${t1.probability}`);
    assert.ok(Math.abs(t1.expectedShortfall - need ** 2 / 400) < 0.1, `${t1.expectedShortfall}`);
    // the location-based band is still there, unmoved by the purchase
    const basic = mkt.bands.find((b) => b.series === "basic")!;
    assert.ok(Math.abs(basic.mean[5]! - (need + 2250)) < 1e-6);
  });
  it("names every bad reference in the spec", () => {
    const { valid, central } = setup();
    const spec = parseUncertaintySpec({
      format: "citypath-uncertainty/1",
      instance: "tiny",
      parameters: [
        {
          id: "a",
          applies_to: { kind: "driver", driver: "nope", mode: "ramp" },
          distribution: { kind: "uniform", min: 0.8, max: 1.2 },
          ...ill,
        },
        {
          id: "b",
          applies_to: { kind: "action_param", action: "ev", param: "missing" },
          distribution: { kind: "uniform", min: 0, max: 1 },
          ...ill,
        },
      ],
    });
    assert.ok(spec.ok);
    const u = pathwayUncertainty(valid, central, engine, spec.value, { scenario: "nope" });
    assert.ok(!u.ok);
    assert.deepEqual(u.problems.map((p) => p.path).sort(), [
      "parameters[0].applies_to.driver",
      "parameters[1].applies_to.param",
      "scenario",
    ]);
    const bad = parseUncertaintySpec({
      format: "citypath-uncertainty/1",
      instance: "tiny",
      parameters: [
        {
          id: "x",
          applies_to: { kind: "line", gpc_ref: "I.1.1" },
          distribution: { kind: "triangular", min: 0, mode: 5, max: 1 },
        },
      ],
    });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => p.path).sort(), ["parameters[0].source"]);
  });
});
