/**
 * Life-cycle appraisal of a measure: its costs and the tonnes it avoids over the life of what it builds or
 * buys, from its start, whatever year a chart shows (docs/methodology/actions.md, "Costs over a measure's
 * life").
 *
 * - Asset life: one per action type (ASSET_LIVES), with its source, or an illustrative value with a note.
 * - Period: from the first year with any cost or effect (construction counts) to the end of the life of the
 *   last units bought: max(first year of effect, last year with capital spending) + life − 1. Units bought
 *   earlier are counted to that end too, without replacement capital, as the pathway itself counts them
 *   (the mechanism models do not retire units); so every won of capital the model spends is appraised.
 * - Past the model's horizon the measure's flows and tonnes of the last modelled year are repeated: the
 *   drivers (grid factor, activity) are held at their last value, and no capital is spent after the horizon.
 * - Cost per tonne = present value of the net costs over the period / present value of the tonnes avoided
 *   over the period, both discounted at the same real rate to the same year (so the year chosen does not
 *   change the ratio).
 * Pure: no I/O.
 */
import { type CashFlow, cashFlow, discountFactor } from "./costs.ts";

/** How long what a measure builds or buys keeps working, in years, with where the figure comes from. */
export interface AssetLife {
  readonly years: number;
  /** Citation; absent when the figure is illustrative. */
  readonly source?: string;
  readonly illustrative?: true;
  /** Why the value was chosen (always given for an illustrative value). */
  readonly note?: string;
}

/**
 * The asset life of each action type of the library. Sourced where a published rule or guideline fixes
 * it; otherwise illustrative, with the reasoning. Built-in engine types (fixed_abatement,
 * intensity_change) have no cost model and no life: they are appraised to the horizon, which is stated.
 */
export const ASSET_LIVES: Readonly<Record<string, AssetLife>> = {
  brt_corridor: {
    years: 30,
    source:
      "30 years of operation after opening: the analysis period of Korea's transport investment appraisal (국토교통부 공공교통시설 개발사업 투자평가지침; KDI preliminary feasibility studies of roads and railways)",
  },
  tram_line: {
    years: 30,
    source:
      "30 years of operation after opening: the analysis period of Korea's transport investment appraisal (국토교통부 공공교통시설 개발사업 투자평가지침; KDI preliminary feasibility studies of railways)",
  },
  bus_fleet_conversion: {
    years: 9,
    source:
      "9 years: the basic vehicle age limit (차령) of a city bus under the Passenger Transport Service Act's enforcement decree (여객자동차 운수사업법 시행령), extended by one year in 2020 as a temporary measure",
  },
  fleet_electrification: {
    years: 10,
    illustrative: true,
    note: "a public fleet's cars and vans are commonly replaced after about 10 years; no Korean rule fixes it",
  },
  ev_adoption: {
    years: 15,
    illustrative: true,
    note: "a passenger car's life; Korean cars are scrapped at about 15 years of age on average (no single published figure in this project's sources)",
  },
  active_travel: {
    years: 20,
    illustrative: true,
    note: "cycle lanes and walking streets: surfaces and markings renewed after about 20 years",
  },
  building_retrofit: {
    years: 30,
    illustrative: true,
    note: "insulation and windows last 30 years or more; 30 assumed",
  },
  heat_switch: {
    years: 20,
    illustrative: true,
    note: "a heat pump or a district-heat connection: 15–25 years; 20 assumed",
  },
  zero_energy_buildings: {
    years: 30,
    illustrative: true,
    note: "the envelope and on-site supply of a new building: envelopes last the building's life, solar panels and heat pumps 20–25 years; 30 assumed, as for a retrofit",
  },
  street_lights_led: {
    years: 15,
    illustrative: true,
    note: "LED road luminaires are rated 50,000–100,000 hours to 70 % light output (L70, manufacturers' ratings), 12–24 years at 4,200 hours a year; drivers often fail first: 15 assumed",
  },
  solar_pv: {
    years: 25,
    illustrative: true,
    note: "the usual 25-year output warranty of PV modules; inverters are replaced within it (not modelled)",
  },
  renewable_ppa: {
    years: 20,
    illustrative: true,
    note: "a long-term power purchase contract; corporate PPAs in Korea run 10–25 years: 20 assumed",
  },
  tree_planting: {
    years: 40,
    illustrative: true,
    note: "an urban tree's productive life; uptake is counted as the species curve gives it",
  },
  urban_green: {
    years: 40,
    illustrative: true,
    note: "an urban forest or garden kept as such; 40 years assumed, as for trees",
  },
  waste_reduction: {
    years: 10,
    illustrative: true,
    note: "a programme (collection, information) renewed about every 10 years",
  },
  recycling_rate: {
    years: 15,
    illustrative: true,
    note: "sorting and collection equipment: about 15 years",
  },
  food_waste_biogas: {
    years: 20,
    illustrative: true,
    note: "an anaerobic digestion plant: about 20 years before major renewal",
  },
  landfill_gas_capture: {
    years: 15,
    illustrative: true,
    note: "gas wells and a flare: about 15 years",
  },
};

/** The asset life of an action type, or undefined (then the appraisal runs to the horizon, stated). */
export function assetLife(type: string): AssetLife | undefined {
  return Object.hasOwn(ASSET_LIVES, type) ? ASSET_LIVES[type] : undefined;
}

/** The years of one measure's appraisal. */
export interface LifeCyclePeriod {
  /** First year with any cost or effect. */
  readonly start_year: number;
  /** First year with an effect on emissions (the asset's first year of service). */
  readonly service_year: number;
  /** Last year with capital spending within the model's years (the service year when there is none later). */
  readonly last_capital_year: number;
  /** Last year appraised: max(service, last capital) + life − 1 (or the horizon when the type has no life). */
  readonly end_year: number;
  /** The model's last year; years after it repeat its flows and tonnes. */
  readonly horizon_year: number;
  readonly life: AssetLife | null;
}

/** One measure's flows per model year (at its level), its tonnes avoided per model year, and its life. */
export interface LifeCycleInput {
  /** Calendar year of index 0. */
  readonly firstYear: number;
  /** Capex, opex and savings per model year, KRW (already multiplied by the level). */
  readonly flows: ReadonlyArray<{ capex_krw: number; opex_krw: number; savings_krw: number }>;
  /** tCO2e avoided per model year (positive = fewer emissions), same length as flows. */
  readonly abatement: ArrayLike<number>;
  /**
   * First model year index with an effect on emissions. Given separately because it is a property of the
   * measure (its effects at level 1), not of one scenario's attributed tonnes.
   */
  readonly serviceIndex: number | null;
  readonly life: AssetLife | undefined;
}

export interface LifeCycleAppraisal {
  readonly period: LifeCyclePeriod | null;
  /** Flows over the period, years past the horizon included (held). */
  readonly flows: CashFlow[];
  readonly abatement: { year: number; tco2e: number; held: boolean }[];
  /** Present value of the net costs over the period, KRW (positive = a net cost). */
  readonly pv_cost_krw: number;
  /** Present value of the tonnes avoided over the period, tCO2e. */
  readonly pv_tco2e: number;
  /** pv_cost / pv_tco2e, or null with the reason. */
  readonly krw_per_tco2e: number | null;
  readonly reason?: string;
}

/** The appraisal period of a measure, or null when it never acts in the model's years. */
export function lifeCyclePeriod(x: LifeCycleInput): LifeCyclePeriod | null {
  const n = x.flows.length;
  if (x.serviceIndex === null || x.serviceIndex < 0 || x.serviceIndex >= n) return null;
  let first = x.serviceIndex;
  for (let y = 0; y < x.serviceIndex; y++) {
    const f = x.flows[y]!;
    if (f.capex_krw !== 0 || f.opex_krw !== 0 || f.savings_krw !== 0) {
      first = y;
      break;
    }
  }
  let lastCapital = x.serviceIndex;
  for (let y = n - 1; y > x.serviceIndex; y--)
    if (x.flows[y]!.capex_krw !== 0) {
      lastCapital = y;
      break;
    }
  const horizon = x.firstYear + n - 1;
  const service = x.firstYear + x.serviceIndex;
  return {
    start_year: x.firstYear + first,
    service_year: service,
    last_capital_year: x.firstYear + lastCapital,
    end_year: x.life ? x.firstYear + lastCapital + x.life.years - 1 : horizon,
    horizon_year: horizon,
    life: x.life ?? null,
  };
}

/**
 * Appraises one measure over its life (see the module's comment). `discountToYear` may be any year: the
 * cost per tonne does not depend on it; the present values do.
 */
export function appraiseLifeCycle(
  x: LifeCycleInput,
  discountRate: number,
  discountToYear: number,
): LifeCycleAppraisal {
  const period = lifeCyclePeriod(x);
  if (!period)
    return {
      period: null,
      flows: [],
      abatement: [],
      pv_cost_krw: 0,
      pv_tco2e: 0,
      krw_per_tco2e: null,
      reason: "the measure has no effect on emissions in the model's years",
    };
  const flows: CashFlow[] = [];
  const abatement: { year: number; tco2e: number; held: boolean }[] = [];
  const last = x.flows.length - 1;
  let pvCost = 0;
  let pvT = 0;
  for (let year = period.start_year; year <= period.end_year; year++) {
    const held = year > period.horizon_year;
    const i = held ? last : year - x.firstYear;
    const f = x.flows[i]!;
    const c = cashFlow(year, {
      capex_krw: held ? 0 : f.capex_krw,
      opex_krw: f.opex_krw,
      savings_krw: f.savings_krw,
    });
    const t = x.abatement[i]!;
    const d = discountFactor(year, discountRate, discountToYear);
    flows.push(c);
    abatement.push({ year, tco2e: t, held });
    pvCost += c.net_krw * d;
    pvT += t * d;
  }
  if (!(pvT > 0))
    return {
      period,
      flows,
      abatement,
      pv_cost_krw: pvCost,
      pv_tco2e: pvT,
      krw_per_tco2e: null,
      reason: `the measure avoids ${pvT.toFixed(2)} tCO2e (present value) over ${period.start_year}–${period.end_year}: a cost per tonne is not defined`,
    };
  return { period, flows, abatement, pv_cost_krw: pvCost, pv_tco2e: pvT, krw_per_tco2e: pvCost / pvT };
}

/** Present value of a measure's net costs over its life at level 1 (the least-cost portfolio's objective). */
export function lifeCyclePvCost(
  x: Omit<LifeCycleInput, "abatement">,
  discountRate: number,
  discountToYear: number,
): number {
  const period = lifeCyclePeriod({ ...x, abatement: [] });
  // A measure that never acts still costs what it spends within the model's years.
  const from = period?.start_year ?? x.firstYear;
  const to = period?.end_year ?? x.firstYear + x.flows.length - 1;
  const last = x.flows.length - 1;
  let pv = 0;
  for (let year = from; year <= to; year++) {
    const held = year > x.firstYear + last;
    const f = x.flows[held ? last : year - x.firstYear]!;
    const net = (held ? 0 : f.capex_krw) + f.opex_krw - f.savings_krw;
    pv += net * discountFactor(year, discountRate, discountToYear);
  }
  return pv;
}
