import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ActionType } from "./interface.ts";
import { brtCorridor } from "./library/brt.ts";
import { LIBRARY_ACTION_TYPES } from "./library/index.ts";
import { streetLights } from "./library/street-lights.ts";
import { near, testContext } from "./library/test-helpers.ts";
import {
  ASSET_LIVES,
  appraiseLifeCycle,
  type LifeCycleInput,
  lifeCyclePeriod,
  lifeCyclePvCost,
} from "./lifecycle.ts";

/** Runs a type's cost and emission models over the model years, as the engine does, at level 1. */
function inputOf<P>(type: ActionType<P>, params: P, from: number, to: number, grid: number): LifeCycleInput {
  const flows: LifeCycleInput["flows"][number][] = [];
  const abatement: number[] = [];
  let serviceIndex: number | null = null;
  for (let y = from; y <= to; y++) {
    const ctx = testContext(y, grid);
    const c = type.costs!(params, y, ctx);
    flows.push({ capex_krw: c.capex_krw, opex_krw: c.opex_krw, savings_krw: c.savings_krw });
    const r = type.model(params, y, ctx);
    const t = -r.lines.reduce((s, l) => s + ("delta_tco2e" in l ? l.delta_tco2e : 0), 0);
    if (serviceIndex === null && r.lines.length > 0) serviceIndex = y - from;
    abatement.push(t);
  }
  return { firstYear: from, flows, abatement, serviceIndex, life: ASSET_LIVES[type.type] };
}

describe("life-cycle appraisal", () => {
  test("every library type has an asset life, sourced or illustrative with a note", () => {
    for (const t of LIBRARY_ACTION_TYPES) {
      const life = ASSET_LIVES[t.type];
      assert.ok(life, `no asset life for ${t.type}`);
      assert.ok(life.years >= 1 && Number.isInteger(life.years));
      assert.ok(life.source || (life.illustrative && life.note), `${t.type}: neither a source nor a note`);
    }
  });

  test("LED street lights, one lamp over its 15-year life, worked by hand", () => {
    // One lamp bought in 2025 for ₩500,000, in service the whole year (first_year_share 1).
    // Saved: (250 − 120) W × 4,200 h = 546 kWh a year = 0.546 MWh; × ₩120/kWh = ₩65,520 a year.
    // Tonnes: 0.546 MWh × 0.4173 tCO2e/MWh = 0.2278458 t a year.
    // Life 15 years (illustrative): 2025–2039. The model runs to 2030; 2031–2039 repeat 2030 (held).
    // Annuity factor at 4.5 %, discounted to 2025: Σ_{k=0..14} 1.045^−k = 11.2228253
    // PV cost = 500,000 − 65,520 × 11.2228253 = −235,319.51 KRW (the lamp repays itself: 500,000 / 65,520
    //   = 7.6 years)
    // PV tonnes = 0.2278458 × 11.2228253 = 2.5570736 t
    // Cost per tonne = −235,319.51 / 2.5570736 = −92,026.88 KRW/t (a saving)
    const p = streetLights.schema.parse({
      lamps_by_year: { "2025": 1 },
      first_year_share: 1,
      watts_before: 250,
      watts_after: 120,
      hours_per_yr: 4200,
      krw_per_lamp: 500000,
      elec_krw_per_kwh: 120,
      schedule: { start_year: 2025 },
      price_year: 2024,
    });
    const x = inputOf(streetLights, p, 2025, 2030, 0.4173);
    near(x.flows[1]!.savings_krw, 65520);
    near(x.abatement[1]!, 0.2278458);
    const r = appraiseLifeCycle(x, 0.045, 2025);
    assert.deepEqual(r.period, {
      start_year: 2025,
      service_year: 2025,
      last_capital_year: 2025,
      end_year: 2039,
      horizon_year: 2030,
      life: ASSET_LIVES.street_lights_led,
    });
    assert.equal(r.flows.length, 15);
    assert.deepEqual(
      r.abatement.filter((a) => a.held).map((a) => a.year),
      [2031, 2032, 2033, 2034, 2035, 2036, 2037, 2038, 2039],
    );
    let af = 0;
    for (let k = 0; k < 15; k++) af += 1.045 ** -k;
    near(af, 11.222825284000525);
    near(r.pv_cost_krw, 500000 - 65520 * af);
    near(r.pv_tco2e, 0.546 * 0.4173 * af);
    near(r.krw_per_tco2e!, -92026.88265953369, 1e-9);
    // The same lamp judged only to 2030 (the old chart year) looked expensive: capital against 6 years.
    let af6 = 0;
    for (let k = 0; k < 6; k++) af6 += 1.045 ** -k;
    assert.ok((500000 - 65520 * af6) / (0.2278458 * af6) > 0);
    // The discount year changes the present values, never the ratio.
    near(appraiseLifeCycle(x, 0.045, 2020).krw_per_tco2e!, r.krw_per_tco2e!);
    // The portfolio's objective is the same present cost.
    near(lifeCyclePvCost(x, 0.045, 2025), r.pv_cost_krw);
  });

  test("BRT phase 1 (Giringdaero), capital-heavy, over 30 years from opening, worked by hand", () => {
    // Capital ₩4.485 bn (2025) + ₩40.365 bn (2026); savings ₩6 bn a year at full effect (published).
    // Schedule: opens November 2026, two ramp years: fraction 2026 = 1/3 × 2/12 = 1/18, 2027 = 2/3, then 1.
    // Car km avoided at full effect: 39,400 riders × 0.05 / 1.22 × 5 km × 365 = 2,946,926.2 vkm a year;
    //   × 0.16 kgCO2e/vkm / 1000 = 471.508 t a year (the corridor's buses run the same km: no bus term).
    // Life 30 years of operation (Korea's transport appraisal period) from 2026: 2026–2055; period from the
    //   first capital, 2025. The model runs to 2050; 2051–2055 repeat 2050.
    // Discounted at 4.5 % to 2024 (the price year), d(y) = 1.045^−(y − 2024):
    //   PV cost = 4.485e9 d(2025) + 40.365e9 d(2026) − 6e9 × Σ_y f(y) d(y) = −45.3277 bn KRW
    //   PV tonnes = 471.508 × Σ_y f(y) d(y) = 6,804.10 t
    //   Cost per tonne = −6,661,821 KRW/t: the published bus-operation savings exceed the capital.
    const p = brtCorridor.schema.parse({
      length_km: 9.5,
      riders_per_day: 39400,
      share_from_car: 0.05,
      trip_km: 5,
      bus_km_change_per_day: 0,
      bus_kgco2e_per_km: 1.08,
      schedule: { start_year: 2026, start_month: 11, ramp_years: 2 },
      price_year: 2024,
      direct_costs: {
        capex_krw_by_year: { "2025": 4485000000, "2026": 40365000000 },
        savings_krw_per_yr: 6e9,
      },
    });
    const x = inputOf(brtCorridor, p, 2024, 2050, 0.4173);
    const full = ((39400 * 0.05) / 1.22) * 5 * 365 * 0.16e-3;
    near(full, 471.50819672131155);
    const f = (y: number) => (y < 2026 ? 0 : Math.min(1, (y - 2025) / 3) * (y === 2026 ? 2 / 12 : 1));
    let sfd = 0;
    for (let y = 2026; y <= 2055; y++) sfd += f(y) * 1.045 ** -(y - 2024);
    const pvCost = 4.485e9 / 1.045 + 40.365e9 / 1.045 ** 2 - 6e9 * sfd;
    const r = appraiseLifeCycle(x, 0.045, 2024);
    assert.equal(r.period?.start_year, 2025);
    assert.equal(r.period?.service_year, 2026);
    assert.equal(r.period?.end_year, 2055);
    near(r.pv_cost_krw, pvCost);
    near(r.pv_cost_krw, -45327683805.717224, 1e-9);
    near(r.pv_tco2e, full * sfd);
    near(r.pv_tco2e, 6804.098193197561, 1e-9);
    near(r.krw_per_tco2e!, -6661820.937715721, 1e-9);
    // Without the savings (capital alone over the life) the corridor costs ₩6.06 m a tonne:
    near((4.485e9 / 1.045 + 40.365e9 / 1.045 ** 2) / r.pv_tco2e, 6063302.489, 1e-9);
  });

  test("units bought over several years: the period runs to the end of the last units' life", () => {
    // capex in 2025 and 2028, effect from 2025, life 10: 2025 … 2028 + 9 = 2037
    const flows = [100, 0, 0, 100, 0, 0].map((c) => ({ capex_krw: c, opex_krw: 0, savings_krw: 0 }));
    const x: LifeCycleInput = {
      firstYear: 2025,
      flows,
      abatement: [1, 1, 1, 2, 2, 2],
      serviceIndex: 0,
      life: { years: 10, illustrative: true, note: "test" },
    };
    assert.equal(lifeCyclePeriod(x)?.end_year, 2037);
    // rate 0: cost 200 over tonnes 3 + 2 × 3 (model years) + 2 × 7 (held 2031–2037) = 23
    const r = appraiseLifeCycle(x, 0, 2025);
    near(r.krw_per_tco2e!, 200 / 23);
  });

  test("a measure without effect, or whose tonnes are not positive, has no cost per tonne, with the reason", () => {
    const flows = [{ capex_krw: 5, opex_krw: 0, savings_krw: 0 }];
    const none = appraiseLifeCycle(
      { firstYear: 2030, flows, abatement: [0], serviceIndex: null, life: undefined },
      0.045,
      2030,
    );
    assert.equal(none.krw_per_tco2e, null);
    assert.match(none.reason ?? "", /no effect/);
    const up = appraiseLifeCycle(
      { firstYear: 2030, flows, abatement: [-3], serviceIndex: 0, life: undefined },
      0.045,
      2030,
    );
    assert.equal(up.krw_per_tco2e, null);
    assert.match(up.reason ?? "", /not defined/);
    // without a life, the period is the model's years
    assert.equal(up.period?.end_year, 2030);
  });
});
