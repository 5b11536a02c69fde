/**
 * Small records for tests (storage and API). The inventory result follows the JSON contract of
 * `citypath inventory --format json` for one year; its figures are arbitrary test values, not data.
 */
import type { ActivityRowRecord, JsonObject } from "./store.ts";

export function sampleInventoryResult(year: number, scale = 1): JsonObject {
  const elec = 100 * scale;
  const gas = 50 * scale;
  // a version 1 document (no market-based figures): readers upgrade it (upgradeInventoryJson)
  return {
    format: "citypath.inventory",
    version: 1,
    gwp_set: "AR5",
    years: [
      {
        year,
        totals_tco2e: { basic: elec + gas, basic_plus: elec + gas, territorial: gas },
        lines: [
          { gpc_ref: "I.1.1", scope: 1, level: "basic", tco2e: gas, gases_t: { CO2: gas }, factors: [] },
          { gpc_ref: "I.1.2", scope: 2, level: "basic", tco2e: elec, gases_t: { CO2: elec }, factors: [] },
        ],
        kr_sectors_tco2e: {
          buildings: elec + gas,
          transport: 0,
          industry: 0,
          conversion: 0,
          agriculture: 0,
          waste: 0,
          sinks: 0,
        },
      },
    ],
    problems: [],
  };
}

export function sampleActivityRows(n = 3): ActivityRowRecord[] {
  const rows: ActivityRowRecord[] = Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    year: 2020 + (i % 2),
    gpcRef: "I.1.1",
    activity: "lng",
    amount: 1234.5 + i,
    unit: "천Nm3",
    notation: null,
    district: i % 2 ? "완산구" : "덕진구",
    source: "test",
    quality: i === 0 ? "H" : null,
    note: null,
    instrument: null,
    instrumentFactor: null,
    instrumentFactorUnit: null,
    extra: (i === 0 ? { agency: "가스공사" } : {}) as JsonObject,
  }));
  // and an electricity row bought with a contractual instrument (Scope 2, market-based)
  rows.push({
    ...rows[0]!,
    line: n + 2,
    gpcRef: "I.1.2",
    activity: "electricity",
    amount: 2000,
    unit: "MWh",
    instrument: "rec",
    instrumentFactor: 0,
    instrumentFactorUnit: "tCO2e/MWh",
    extra: {},
  });
  // and a notation-key row: the line is not occurring
  rows.push({
    ...rows[0]!,
    line: n + 3,
    activity: "",
    amount: null,
    unit: "",
    notation: "NO",
    gpcRef: "I.4.4",
  });
  return rows;
}
