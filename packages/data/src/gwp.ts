/**
 * The built-in GWP sets (100-year horizon), each value with its source. [std]: standard IPCC values,
 * transcribed from the assessment reports' tables named in each source.
 * AR6 distinguishes fossil methane (which adds the CO2 its carbon becomes); `CH4` is the non-fossil value and
 * `CH4-fossil` its own gas. Combustion CH4 factors use `CH4`, because the IPCC 2006 CO2 factors already
 * count all of a fuel's carbon as CO2. The other sets give `CH4-fossil` as noted on each.
 */
import {
  CitypathError,
  GWP_SET_NAMES,
  type GwpSet,
  type GwpSetName,
  type GwpValue,
  problem,
} from "@citypath/core";

const SAR_SRC = "IPCC SAR WG1 (1995) Table 2.9, as used under the UNFCCC 1996 guidelines [std]";
const AR4_SRC = "IPCC AR4 WG1 (2007) Table 2.14 [std]";
const AR5_SRC = "IPCC AR5 WG1 (2013) Table 8.A.1, without climate-carbon feedbacks [std]";
const AR6_SRC = "IPCC AR6 WG1 (2021) Table 7.15 and Table 7.SM.7 [std]";

function set(
  name: GwpSetName,
  title: string,
  year: number,
  source: string,
  values: Record<string, number | [number, string]>,
): GwpSet {
  const gases: Record<string, GwpValue> = {};
  for (const [gas, v] of Object.entries(values)) {
    gases[gas] = Array.isArray(v) ? { value: v[0], source, note: v[1] } : { value: v, source };
  }
  return { name, title, year, gases };
}

export const GWP_SETS: Readonly<Record<GwpSetName, GwpSet>> = {
  SAR: set("SAR", "IPCC Second Assessment Report, 100-year GWP", 1995, SAR_SRC, {
    CO2: 1,
    CH4: 21,
    "CH4-fossil": [21, "SAR gives one methane value; fossil methane uses it"],
    N2O: 310,
    SF6: 23900,
    "HFC-134a": 1300,
    "HFC-32": 650,
    "HFC-125": 2800,
    "HFC-143a": 3800,
    CF4: 6500,
    C2F6: 9200,
  }),
  AR4: set("AR4", "IPCC Fourth Assessment Report, 100-year GWP", 2007, AR4_SRC, {
    CO2: 1,
    CH4: 25,
    "CH4-fossil": [25, "AR4 gives one methane value; fossil methane uses it"],
    N2O: 298,
    SF6: 22800,
    NF3: 17200,
    "HFC-134a": 1430,
    "HFC-32": 675,
    "HFC-125": 3500,
    "HFC-143a": 4470,
    CF4: 7390,
    C2F6: 12200,
  }),
  AR5: set(
    "AR5",
    "IPCC Fifth Assessment Report, 100-year GWP (the Paris Agreement transparency rules)",
    2013,
    AR5_SRC,
    {
      CO2: 1,
      CH4: 28,
      "CH4-fossil": [30, "Table 8.A.1 note: fossil methane, including the CO2 from its oxidation"],
      N2O: 265,
      SF6: 23500,
      NF3: 16100,
      "HFC-134a": 1300,
      "HFC-32": 677,
      "HFC-125": 3170,
      "HFC-143a": 4800,
      CF4: 6630,
      C2F6: 11100,
    },
  ),
  AR6: set("AR6", "IPCC Sixth Assessment Report, 100-year GWP", 2021, AR6_SRC, {
    CO2: 1,
    CH4: [27.0, "non-fossil methane (the default)"],
    "CH4-fossil": [29.8, "fossil methane"],
    N2O: 273,
    SF6: 25200,
    NF3: 17400,
    "HFC-134a": 1530,
    "HFC-32": 771,
    "HFC-125": 3740,
    "HFC-143a": 5810,
    CF4: 7380,
    C2F6: 12400,
  }),
};

/** The default GWP set: AR5, which the Paris Agreement's transparency rules require. */
export const DEFAULT_GWP_SET: GwpSetName = "AR5";

/** A built-in GWP set by name (SAR, AR4, AR5, AR6); throws UNKNOWN_GWP_SET for another name. */
export function gwpSet(name: string): GwpSet {
  const s = (GWP_SETS as Record<string, GwpSet>)[name];
  if (!s)
    throw new CitypathError(
      problem("UNKNOWN_GWP_SET", `GWP set "${name}" is not one of ${GWP_SET_NAMES.join(", ")}`),
    );
  return s;
}
