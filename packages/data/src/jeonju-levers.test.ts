/**
 * The big levers of the Jeonju demo (cars, buses, heating, the building stock, new buildings): their
 * derived inputs recomputed from the published figures the data cites, and one year of each checked by hand
 * against the engine.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enginePreset, unwrap } from "@citypath/core";
import { JEONJU_INSTANCE_DIR, loadInstance, runLoaded } from "./instance.ts";

const load = unwrap(loadInstance(JEONJU_INSTANCE_DIR));
const inst = load.valid.instance;
const runs = unwrap(runLoaded(load));
const levers = runs.find((r) => r.id === "city_levers")!;
const action = (id: string) => inst.actions!.find((a) => a.id === id)!;
/** Abatement of an action in a year in the city_levers run, tCO2e. */
function abatement(id: string, year: number): number {
  const m = levers.model;
  const a = m.actions.findIndex((x) => x.id === id);
  return levers.result.abatement[a * m.nYears + (year - m.baseYear)]!;
}
const near = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe("Jeonju demo: the big levers", () => {
  it("car vehicle-km = registered passenger cars × 38.5 km a day × 365", () => {
    const d = inst.drivers.find((x) => x.id === "car_vkm")!;
    assert.equal(d.values["2016"], 247014 * 38.5 * 365); // 3,471,164,235 km
    assert.equal(d.values["2017"], 250125 * 38.5 * 365); // 3,514,881,562.5 km
  });

  it("the EV share path is the national fleet targets over the 2019 fleet", () => {
    const path = action("ev_cars").params.ev_share_path as Record<string, number>;
    assert.equal(path["2025"], Number((0.95 / 23.44).toFixed(3))); // 0.0405 -> 0.041
    assert.equal(path["2030"], Number((4.5 / 23.44).toFixed(3))); // 0.19198 -> 0.192
    assert.equal(path["2035"], 0.3);
    assert.equal(path["2050"], 0.97);
  });

  it("ev_cars in 2030: 0.192 of 3.515 bn car-km electric", () => {
    // EV vkm = 3,514,881,562.5 × 0.192 = 674,857,260 vkm
    // tailpipe = 674,857,260 × 0.16 / 1000 = 107,977.16 t; electricity = 674,857,260 × 0.18 / 1000
    // = 121,474.31 MWh × 0.4173 (2023 factor held) = 50,691.23 t; net = 57,285.93 t
    const vkm = 3514881562.5 * 0.192;
    const expected = (vkm * 0.16) / 1000 - ((vkm * 0.18) / 1000) * 0.4173;
    near(expected, 57285.93, 0.01);
    near(abatement("ev_cars", 2030), expected, 1e-6);
  });

  it("the electric bus fleet is the 231 buses that are not hydrogen buses", () => {
    const by = action("city_bus_fleet_electric").params.buses_by_year as Record<string, number>;
    assert.equal(
      Object.values(by).reduce((s, x) => s + x, 0),
      409 - 178,
    );
    // 2040, all 231 in service: CNG = 231 × 80,000 × 0.5 × 2.15854 kg / 1000 = 19,944.9 t
    // electricity = 231 × 80,000 × 1.2 / 1000 = 22,176 MWh × 0.4173 = 9,254.0 t; net 10,690.9 t
    const cng = (231 * 80000 * 0.5 * ((9190 * 4.1868e-3 * 56100) / 1e6)) / 1000;
    near(abatement("city_bus_fleet_electric", 2040), cng - 22176 * 0.4173, 1e-6);
  });

  it("heat pumps for oil boilers in 2040: 5,000 houses, kerosene at the IPCC 2006 factor", () => {
    // heat = 5,000 × 10 = 50,000 MWh; kerosene = 50,000 / 0.85 × 3,600 = 211,764,706 MJ × 7.2339e-5
    // = 15,318.85 t; electricity = 50,000 / 2.8 = 17,857.14 MWh × 0.4173 = 7,451.79 t; net 7,867.06 t
    // (I.1.1 carries no other scale effect in city_levers, so the intensity rule leaves it as it is)
    const fuel = (50000 / 0.85) * 3600 * 7.2339e-5;
    near(abatement("heat_pumps_oil_lpg_homes", 2040), fuel - (50000 / 2.8) * 0.4173, 1e-6);
  });

  it("zero-energy new homes in 2030: the national schedule's covered area", () => {
    // ZEB area added: 2023 30,000, 2024 30,000, 2025 135,000, 2026–2029 240,000 each, 2030 half of 240,000
    // = 30,000 + 30,000 + 135,000 + 960,000 + 120,000 = 1,275,000 m2
    // electricity = 1,275,000 × 40 × 0.2 / 1000 = 10,200 MWh × 0.4173 = 4,256.46 t
    // fuel = 1,275,000 × 300 × 0.2 = 76,500,000 MJ × 5.62665e-5 = 4,304.39 t; total 8,560.85 t
    const area = 30000 + 30000 + 135000 + 4 * 240000 + 120000;
    const expected = ((area * 40 * 0.2) / 1000) * 0.4173 + area * 300 * 0.2 * 5.62665e-5;
    near(abatement("zeb_new_homes", 2030), expected, 1e-6);
  });
});

describe("Jeonju demo: waste lines computed by the IPCC 2006 methods", () => {
  it("incineration, biological treatment and wastewater are the methods' figures; landfill is the rest", () => {
    const line = (ref: string) => inst.inventory.lines.find((l) => l.gpc_ref === ref)!;
    // hand-worked in packages/core/src/inventory/waste-methods.test.ts: 30,381.6, 13,405 and 9,938.0 t
    assert.equal(line("III.3.1").tco2e, 30381.6);
    assert.equal(line("III.2.1").tco2e, 13405);
    assert.equal(line("III.4.1").tco2e, 9938);
    // the waste share stays 4.5 % of the published total: 196,695 − 30,381.6 − 13,405 − 9,938 = 142,970.4
    assert.equal(line("III.1.1").tco2e, 142970.4);
    assert.ok(line("III.1.1").illustrative);
  });

  it("a figure that is not its method's is refused, naming the line and both numbers", () => {
    const doc = structuredClone(inst) as unknown as {
      inventory: { lines: { gpc_ref: string; tco2e: number }[]; published_total?: unknown };
    };
    const i = doc.inventory.lines.findIndex((l) => l.gpc_ref === "III.3.1");
    doc.inventory.lines[i]!.tco2e = 43710;
    delete doc.inventory.published_total;
    const r = enginePreset().model(doc);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.path === `inventory.lines[${i}].tco2e`);
    assert.ok(p, r.problems.map((x) => `${x.path} ${x.message}`).join("\n"));
    assert.match(p.message, /43710 tCO2e; its method ipcc2006_incineration gives 30381\.6/);
  });
});
