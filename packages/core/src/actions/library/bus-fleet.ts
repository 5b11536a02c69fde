/**
 * Bus fleet conversion to hydrogen fuel-cell or battery-electric buses. Buses converted each year form
 * cohorts; a cohort serves `first_year_share` of its first year and full years after.
 *
 * Chain: buses in service (Σ cohorts, first year × share) × km per bus = converted bus-km;
 *   before: bus-km × fuel per km × fuel factor (diesel or CNG, derived from FACTS §4) removed from II.1.1;
 *   after, battery: bus-km × kWh/km / 1000 × grid factor of the year, added to II.1.2 (on-road, scope 2);
 *   after, hydrogen: bus-km × kg H2/km × route factor (tCO2e/kg), added to VI.1 (other scope 3: hydrogen is
 *   made outside the city; a fuel-cell bus has no tailpipe CO2), so that the production shows.
 * The hydrogen route factor is `h2_tco2e_per_kg` (a stated route), the hydrogen driver of the year
 * (`route: driver`), or electrolysis on the grid (kWh per kg × grid factor).
 * Costs: the price premium per bus (net of subsidies) in the year bought, refuelling or charging stations
 * by year, and the fuel bill: diesel or CNG no longer bought (savings), hydrogen or electricity bought (opex).
 */
import { z } from "zod";
import { CitypathError, problem } from "../../errors.ts";
import { scheduleFraction } from "../schedule.ts";
import {
  CITY_GAS_TCO2E_PER_NM3,
  type CommonParams,
  calcStep,
  cohortsInService,
  commonShape,
  DIESEL_TCO2E_PER_L,
  directCosts,
  FACTS_SOURCES,
  fmt,
  inputStep,
  nonZero,
  numberShape,
  tonnesOf,
  totalStep,
  yearPathSchema,
} from "./common.ts";
import type { ActionContext, ActionType, DeltaEffect, ExplainStep, ParamMeta, YearCosts } from "./types.ts";

export const BUS_FLEET_PARAMS = {
  km_per_bus_per_yr: { unit: "km/yr", description: "Distance per bus per year", min: 0 },
  first_year_share: {
    unit: "1",
    description: "Share of its first year a converted bus is in service",
    min: 0,
    max: 1,
    default: { value: 0.5, illustrative: true, note: "mid-year convention: buses arrive through the year" },
  },
  diesel_l_per_km: { unit: "L/km", description: "Diesel use of the bus replaced, per km", min: 0 },
  cng_nm3_per_km: { unit: "Nm3/km", description: "CNG use of the bus replaced, per km", min: 0 },
  h2_kg_per_km: { unit: "kg/km", description: "Hydrogen use of a fuel-cell bus, per km", min: 0 },
  kwh_per_km: {
    unit: "kWh/km",
    description: "Electricity use of a battery bus at the charger, per km",
    min: 0,
  },
  h2_tco2e_per_kg: {
    unit: "tCO2e/kg",
    description: "Emissions of producing and delivering one kg of hydrogen (the stated route)",
    min: 0,
  },
  electrolysis_kwh_per_kg: {
    unit: "kWh/kg",
    description: "Electricity per kg of electrolytic hydrogen",
    min: 0,
  },
  bus_premium_krw: {
    unit: "KRW/bus",
    description: "Price of a converted bus minus that of the bus replaced, net of subsidies",
  },
  station_krw: {
    unit: "KRW/station",
    description: "Capital cost of one refuelling or charging station",
    min: 0,
  },
  diesel_krw_per_l: { unit: "KRW/L", description: "Price of diesel", min: 0 },
  cng_krw_per_nm3: { unit: "KRW/Nm3", description: "Price of CNG", min: 0 },
  h2_krw_per_kg: { unit: "KRW/kg", description: "Price of hydrogen at the station", min: 0 },
  elec_krw_per_kwh: { unit: "KRW/kWh", description: "Price of electricity for charging", min: 0 },
} as const satisfies Record<string, ParamMeta>;

const optionalNumbers = Object.fromEntries(
  Object.entries(numberShape(BUS_FLEET_PARAMS)).map(([k, v]) => [
    k,
    k === "km_per_bus_per_yr" || k === "first_year_share" ? v : v.optional(),
  ]),
) as Record<keyof typeof BUS_FLEET_PARAMS, z.ZodNumber>;

export const busFleetSchema = z
  .object({
    ...optionalNumbers,
    technology: z.enum(["hydrogen", "battery"]),
    before_fuel: z.enum(["diesel", "cng"]),
    /** Hydrogen route: a stated factor, the hydrogen driver of the year, or grid electrolysis. */
    h2_route: z.enum(["stated", "driver", "electrolysis_grid"]).optional(),
    /** Buses converted in each year, e.g. { "2020": 1, "2021": 26 }. */
    buses_by_year: yearPathSchema,
    /** Stations opened in each year (cost only). */
    stations_by_year: z.record(z.string().regex(/^\d{4}$/), z.number().int().min(0)).optional(),
    ...commonShape,
  })
  .strict()
  .superRefine((p, c) => {
    const need = (key: string, why: string) => {
      if ((p as Record<string, unknown>)[key] === undefined)
        c.addIssue({ code: "custom", path: [key], message: `${key} is required ${why}` });
    };
    if (p.before_fuel === "diesel") need("diesel_l_per_km", "when the buses replaced run on diesel");
    if (p.before_fuel === "cng") need("cng_nm3_per_km", "when the buses replaced run on CNG");
    if (p.technology === "battery") need("kwh_per_km", "for battery buses");
    if (p.technology === "hydrogen") {
      need("h2_kg_per_km", "for hydrogen buses");
      need("h2_route", "for hydrogen buses (stated, driver or electrolysis_grid)");
      if (p.h2_route === "stated") need("h2_tco2e_per_kg", "when h2_route is stated");
      if (p.h2_route === "electrolysis_grid")
        need("electrolysis_kwh_per_kg", "when h2_route is electrolysis_grid");
    }
  });

export type BusFleetParams = z.output<typeof busFleetSchema> & CommonParams;

/** Buses in service in the year: earlier cohorts in full, this year's cohort × first-year share. */
export function busesInService(p: BusFleetParams, year: number): { buses: number; formula: string } {
  const c = cohortsInService(p.buses_by_year, year, p.first_year_share);
  return { buses: c.n, formula: c.formula };
}

const beforeFactor = (p: BusFleetParams) =>
  p.before_fuel === "diesel" ? DIESEL_TCO2E_PER_L : CITY_GAS_TCO2E_PER_NM3;

/** Fuel use per km of the bus replaced and the name of its parameter (checked present by the schema). */
const beforeUse = (p: BusFleetParams) =>
  p.before_fuel === "diesel"
    ? { key: "diesel_l_per_km" as const, value: p.diesel_l_per_km! }
    : { key: "cng_nm3_per_km" as const, value: p.cng_nm3_per_km! };

function h2Factor(p: BusFleetParams, ctx: ActionContext): { factor: number; step: ExplainStep } {
  if (p.h2_route === "driver") {
    const v = ctx.hydrogen_tco2e_per_kg;
    if (v === undefined)
      throw new CitypathError(
        problem(
          "UNKNOWN_REFERENCE",
          `h2_route is "driver" but the instance has no driver with role hydrogen_factor (needed for ${ctx.year})`,
        ),
      );
    return {
      factor: v,
      step: {
        ...calcStep("h2_tco2e_per_kg", "Hydrogen factor of the year", v, "tCO2e/kg", "driver"),
        source: "driver: hydrogen_factor",
      },
    };
  }
  if (p.h2_route === "electrolysis_grid") {
    const kwh = p.electrolysis_kwh_per_kg!;
    const v = (kwh / 1000) * ctx.grid_tco2e_per_mwh;
    return {
      factor: v,
      step: calcStep(
        "h2_tco2e_per_kg",
        "Hydrogen factor (grid electrolysis)",
        v,
        "tCO2e/kg",
        `${fmt(kwh)} kWh/kg / 1000 × ${fmt(ctx.grid_tco2e_per_mwh)} tCO2e/MWh`,
      ),
    };
  }
  return {
    factor: p.h2_tco2e_per_kg!,
    step: inputStep("h2_tco2e_per_kg", p.h2_tco2e_per_kg!, BUS_FLEET_PARAMS.h2_tco2e_per_kg, p),
  };
}

export const busFleetConversion: ActionType<BusFleetParams> = {
  type: "bus_fleet_conversion",
  label: { ko: "버스 전환(수소·전기)", en: "Bus fleet conversion (hydrogen or battery)" },
  sector: "transport",
  params: BUS_FLEET_PARAMS,
  schema: busFleetSchema,
  needs: [],
  model(p, year, ctx) {
    const m = BUS_FLEET_PARAMS;
    const active = scheduleFraction(p.schedule, year) > 0;
    const svc = active ? busesInService(p, year) : { buses: 0, formula: "outside the schedule: 0" };
    const km = svc.buses * p.km_per_bus_per_yr;
    const ef = beforeFactor(p);
    const use = beforeUse(p);
    const beforeT = km * use.value * ef;
    const chain: ExplainStep[] = [
      calcStep("buses_in_service", "Converted buses in service (bus-years)", svc.buses, "bus", svc.formula),
      inputStep("km_per_bus_per_yr", p.km_per_bus_per_yr, m.km_per_bus_per_yr, p),
      calcStep("bus_km", "Converted bus-km", km, "km/yr", `${fmt(svc.buses)} × ${fmt(p.km_per_bus_per_yr)}`),
      inputStep(use.key, use.value, m[use.key], p),
      {
        ...calcStep(
          "before_tco2e_per_unit",
          `${p.before_fuel === "diesel" ? "Diesel" : "CNG"} emission factor`,
          ef,
          p.before_fuel === "diesel" ? "tCO2e/L" : "tCO2e/Nm3",
          "derived",
        ),
        source: p.before_fuel === "diesel" ? FACTS_SOURCES.diesel : FACTS_SOURCES.city_gas,
      },
      calcStep(
        "before_tco2e",
        "Emissions of the buses replaced",
        beforeT,
        "tCO2e/yr",
        `${fmt(km)} × ${fmt(use.value)} × ${fmt(ef)}`,
      ),
    ];
    const lines: DeltaEffect[] = [{ gpc_ref: "II.1.1", delta_tco2e: -beforeT, scope_tag: p.scope_tag }];
    if (p.technology === "battery") {
      const mwh = (km * p.kwh_per_km!) / 1000;
      const grid = km === 0 ? 0 : ctx.grid_tco2e_per_mwh;
      const t = mwh * grid;
      chain.push(
        calcStep(
          "after_mwh",
          "Electricity of the battery buses",
          mwh,
          "MWh/yr",
          `${fmt(km)} × ${fmt(p.kwh_per_km!)} / 1000`,
        ),
        {
          ...calcStep("grid_factor", "Grid electricity factor of the year", grid, "tCO2e/MWh", "driver"),
          source: FACTS_SOURCES.grid,
        },
        calcStep("after_tco2e", "Emissions of the electricity", t, "tCO2e/yr", `${fmt(mwh)} × ${fmt(grid)}`),
      );
      lines.push({ gpc_ref: "II.1.2", delta_tco2e: t, scope_tag: p.scope_tag });
    } else {
      const kg = km * p.h2_kg_per_km!;
      const h2 =
        km === 0
          ? { factor: 0, step: calcStep("h2_tco2e_per_kg", "Hydrogen factor", 0, "tCO2e/kg", "no bus-km") }
          : h2Factor(p, ctx);
      const t = kg * h2.factor;
      chain.push(
        calcStep("after_h2_kg", "Hydrogen used", kg, "kg/yr", `${fmt(km)} × ${fmt(p.h2_kg_per_km!)} kg/km`),
        h2.step,
        calcStep(
          "after_tco2e",
          "Emissions of producing the hydrogen (other scope 3)",
          t,
          "tCO2e/yr",
          `${fmt(kg)} × ${fmt(h2.factor)}`,
        ),
      );
      lines.push({ gpc_ref: "VI.1", delta_tco2e: t, scope_tag: p.scope_tag });
    }
    chain.push(totalStep(tonnesOf(lines)));
    return { lines: nonZero(lines), chain };
  },
  costs(p, year): YearCosts {
    const base = directCosts(p, year);
    const chain = [...base.chain];
    const missing: string[] = [];
    let capex = base.capex_krw;
    let opex = base.opex_krw;
    let savings = base.savings_krw;
    const added = p.buses_by_year[String(year)] ?? 0;
    if (added > 0) {
      if (p.bus_premium_krw === undefined) missing.push("bus_premium_krw");
      else {
        const c = added * p.bus_premium_krw;
        capex += c;
        chain.push(
          calcStep(
            "bus_premium_capex_krw",
            "Bus price premium",
            c,
            "KRW",
            `${fmt(added)} × ${fmt(p.bus_premium_krw)}`,
          ),
        );
      }
    }
    const stations = p.stations_by_year?.[String(year)] ?? 0;
    if (stations > 0) {
      if (p.station_krw === undefined) missing.push("station_krw");
      else {
        const c = stations * p.station_krw;
        capex += c;
        chain.push(
          calcStep("station_capex_krw", "Stations", c, "KRW", `${fmt(stations)} × ${fmt(p.station_krw)}`),
        );
      }
    }
    const km =
      scheduleFraction(p.schedule, year) > 0 ? busesInService(p, year).buses * p.km_per_bus_per_yr : 0;
    if (km > 0) {
      const before = beforeUse(p);
      const [beforePriceKey, beforePrice] =
        p.before_fuel === "diesel"
          ? (["diesel_krw_per_l", p.diesel_krw_per_l] as const)
          : (["cng_krw_per_nm3", p.cng_krw_per_nm3] as const);
      const [afterPriceKey, afterPrice] =
        p.technology === "battery"
          ? (["elec_krw_per_kwh", p.elec_krw_per_kwh] as const)
          : (["h2_krw_per_kg", p.h2_krw_per_kg] as const);
      if (beforePrice === undefined) missing.push(beforePriceKey);
      if (afterPrice === undefined) missing.push(afterPriceKey);
      if (beforePrice !== undefined && afterPrice !== undefined) {
        const saved = km * before.value * beforePrice;
        const use = p.technology === "battery" ? p.kwh_per_km! : p.h2_kg_per_km!;
        const spent = km * use * afterPrice;
        savings += saved;
        opex += spent;
        chain.push(
          calcStep(
            "fuel_saved_krw",
            "Fuel no longer bought",
            saved,
            "KRW",
            `${fmt(km)} × ${fmt(before.value)} × ${fmt(beforePrice)}`,
          ),
          calcStep(
            "energy_bought_krw",
            "Hydrogen or electricity bought",
            spent,
            "KRW",
            `${fmt(km)} × ${fmt(use)} × ${fmt(afterPrice)}`,
          ),
        );
      }
    }
    return { capex_krw: capex, opex_krw: opex, savings_krw: savings, chain, missing };
  },
};
