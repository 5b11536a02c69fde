import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { near } from "../actions/library/test-helpers.ts";
import { LMDI_EFFECTS, type LmdiInput, lmdi, logMean } from "./lmdi.ts";

/**
 * Two sectors, two carriers each, two years (figures made up for the test).
 *
 * Year 0 (population 100): buildings: electricity 1,000 GJ × 0.1 t/GJ = 100 t, gas 1,000 GJ × 0.05 = 50 t
 *   (E = 2,000 GJ); transport: diesel 500 GJ × 0.07 = 35 t, electricity none. Total 185 t.
 * Year 1 (population 110): buildings: electricity 1,300 GJ × 0.08 = 104 t, gas 900 GJ × 0.05 = 45 t
 *   (E = 2,200); transport: diesel 480 GJ × 0.07 = 33.6 t, electricity 100 GJ × 0.08 = 8 t (E = 580).
 *   Total 190.6 t: change +5.6 t.
 *
 * L(a, b) = (a − b) / (ln a − ln b); ln(110/100) = 0.0953102.
 * buildings electricity: L(104, 100) = 101.9869; intensity 2,000/100 = 2,200/110 = 20 (no effect);
 *   activity 101.9869 × 0.0953102 = 9.7204; structure ln((1,300/2,200)/(1,000/2,000)) = 0.167054 -> 17.0373;
 *   factor ln(0.08/0.1) = −0.223144 -> −22.7577. Sum 4.0000 = 104 − 100.
 * buildings gas: L(45, 50) = 47.4561; activity 4.5231; structure ln((900/2,200)/0.5) -> −9.5231. Sum −5.
 * transport diesel: L(33.6, 35) = 34.2952; activity 3.2687; intensity ln((580/110)/(500/100)) -> 1.8214;
 *   structure ln(480/580) -> −6.4901. Sum −1.4.
 * transport electricity appears (0 -> 8 t): its share was zero in year 0, so the whole 8 t is structure
 *   (Ang and Liu's limit).
 * Totals: activity 17.5122, intensity 1.8214, structure 17.0373 − 9.5231 − 6.4901 + 8 = 9.0241, emission
 *   factor −22.7577; sum 5.6 = the change.
 */
export const TWO_BY_TWO: LmdiInput = {
  from: {
    year: 2020,
    sectors: [
      {
        sector: "buildings",
        activity: 100,
        carriers: [
          { carrier: "electricity", energy_gj: 1000, tco2e: 100 },
          { carrier: "gas", energy_gj: 1000, tco2e: 50 },
        ],
      },
      { sector: "transport", activity: 100, carriers: [{ carrier: "diesel", energy_gj: 500, tco2e: 35 }] },
    ],
  },
  to: {
    year: 2025,
    sectors: [
      {
        sector: "buildings",
        activity: 110,
        carriers: [
          { carrier: "electricity", energy_gj: 1300, tco2e: 104 },
          { carrier: "gas", energy_gj: 900, tco2e: 45 },
        ],
      },
      {
        sector: "transport",
        activity: 110,
        carriers: [
          { carrier: "diesel", energy_gj: 480, tco2e: 33.6 },
          { carrier: "electricity", energy_gj: 100, tco2e: 8 },
        ],
      },
    ],
  },
};

describe("LMDI-I additive decomposition", () => {
  test("the logarithmic mean", () => {
    near(logMean(104, 100), 4 / Math.log(1.04));
    assert.equal(logMean(7, 7), 7);
  });

  test("two sectors, two carriers, two years, worked by hand", () => {
    const r = lmdi(TWO_BY_TWO);
    near(r.change_tco2e, 5.6, 1e-12);
    const b = r.sectors.find((s) => s.sector === "buildings")!;
    const be = b.carriers.find((c) => c.carrier === "electricity")!.effects;
    near(be.activity, 9.7204, 1e-5);
    near(be.structure, 17.0373, 1e-5);
    near(be.emission_factor, -22.7577, 1e-5);
    assert.ok(Math.abs(be.intensity) < 1e-12);
    const td = r.sectors.find((s) => s.sector === "transport")!.carriers.find((c) => c.carrier === "diesel")!;
    near(td.effects.intensity, 1.8214, 1e-4);
    near(td.effects.structure, -6.4901, 1e-5);
    const te = r.sectors
      .find((s) => s.sector === "transport")!
      .carriers.find((c) => c.carrier === "electricity")!;
    assert.deepEqual(te.effects, { activity: 0, intensity: 0, structure: 8, emission_factor: 0 });
    assert.match(te.note ?? "", /appears: the change is given to structure/);
    near(r.effects.activity, 17.5122, 1e-5);
    near(r.effects.intensity, 1.8214, 1e-4);
    near(r.effects.structure, 9.0241, 1e-5);
    near(r.effects.emission_factor, -22.7577, 1e-5);
    // exact: the effects sum to the change, in total and in every sector
    const sum = (e: Record<string, number>) => LMDI_EFFECTS.reduce((s, k) => s + e[k]!, 0);
    near(sum(r.effects), r.change_tco2e, 1e-12);
    for (const s of r.sectors) near(sum(s.effects), s.change_tco2e, 1e-12);
  });

  test("zero handling is the limit of a small value (Ang and Liu)", () => {
    // Replace the transport electricity's zero by ε: the effects tend to the analytic ones, slowly (the
    // logarithmic mean L(8, ε) ≈ 8 / ln(8 / ε) vanishes only logarithmically).
    const withEps = (eps: number): LmdiInput => ({
      ...TWO_BY_TWO,
      from: {
        ...TWO_BY_TWO.from,
        sectors: [
          TWO_BY_TWO.from.sectors[0]!,
          {
            ...TWO_BY_TWO.from.sectors[1]!,
            carriers: [
              { carrier: "diesel", energy_gj: 500, tco2e: 35 },
              { carrier: "electricity", energy_gj: eps, tco2e: eps * 0.08 },
            ],
          },
        ],
      },
    });
    const a = lmdi(TWO_BY_TWO).effects;
    const far = lmdi(withEps(1e-12)).effects;
    const near0 = lmdi(withEps(1e-300)).effects;
    for (const k of LMDI_EFFECTS) {
      assert.ok(Math.abs(a[k] - near0[k]) <= Math.abs(a[k] - far[k]) + 1e-12, k);
      assert.ok(Math.abs(a[k] - near0[k]) < 2e-3, `${k}: ${a[k]} vs ${near0[k]}`);
    }
  });

  test("a disappearing term, a sink, a sign change, and carriers without energy", () => {
    const r = lmdi({
      from: {
        year: 2020,
        sectors: [
          {
            sector: "waste",
            activity: 100,
            carriers: [
              { carrier: "landfill", energy_gj: null, tco2e: 20 },
              { carrier: "oil", energy_gj: 10, tco2e: 1 },
            ],
          },
          { sector: "land", activity: 100, carriers: [{ carrier: "trees", energy_gj: null, tco2e: -10 }] },
          { sector: "x", activity: 100, carriers: [{ carrier: "y", energy_gj: null, tco2e: 5 }] },
        ],
      },
      to: {
        year: 2025,
        sectors: [
          { sector: "waste", activity: 120, carriers: [{ carrier: "landfill", energy_gj: null, tco2e: 18 }] },
          { sector: "land", activity: 100, carriers: [{ carrier: "trees", energy_gj: null, tco2e: -15 }] },
          { sector: "x", activity: 100, carriers: [{ carrier: "y", energy_gj: null, tco2e: -2 }] },
        ],
      },
    });
    const w = r.sectors.find((s) => s.sector === "waste")!;
    const lf = w.carriers.find((c) => c.carrier === "landfill")!;
    assert.equal(lf.energy_known, false);
    // C = Q × (C/Q): activity L(18, 20) ln 1.2, intensity L(18, 20) ln((18/120)/(20/100))
    near(lf.effects.activity, logMean(18, 20) * Math.log(1.2));
    near(lf.effects.intensity, logMean(18, 20) * Math.log(0.15 / 0.2));
    // oil disappears and with it the sector's whole known energy: energy per person is zero in year T, so
    // intensity (the first zero factor) takes −1
    assert.equal(w.carriers.find((c) => c.carrier === "oil")!.effects.intensity, -1);
    // the sink grows: −5 t, all intensity (uptake per person), exactly
    const land = r.sectors.find((s) => s.sector === "land")!;
    near(land.effects.intensity, -5);
    // a sign change goes to intensity with a note
    const x = r.sectors.find((s) => s.sector === "x")!;
    assert.equal(x.effects.intensity, -7);
    assert.match(x.carriers[0]!.note ?? "", /changes sign/);
    near(
      LMDI_EFFECTS.reduce((s, k) => s + r.effects[k], 0),
      r.change_tco2e,
      1e-12,
    );
  });
});
