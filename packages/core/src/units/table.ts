/**
 * The unit table: every unit the core knows, its dimension and its exact scale to the dimension's
 * canonical unit. This is the only place where units are declared. Emission factors, heating values and
 * prices are data with a source and year (packages/data), never units.
 *
 * Conventions
 * - Symbols are case-sensitive ASCII (MWh, not mwh). `m³` is read as `m3`; Korean statistics' prefix
 *   `천` (thousand) is accepted before any symbol (천kWh, 천Nm3).
 * - The calorie is the international table calorie, 4.1868 J; 1 toe = 10^7 kcal = 41.868 GJ.
 * - Nm3 (normal cubic metre, 0 °C and 1 atm) is its own dimension: converting it to m3 needs the gas's
 *   temperature and pressure, which a unit cannot know.
 * - CO2e mass is its own dimension: a tonne of CH4 becomes tonnes of CO2e only through a GWP set.
 * - A year (yr) is 365 days = 8,760 h. Flows in the inventory are annual totals, so yr mostly cancels.
 */

export const DIMENSIONS = {
  mass: { canonical: "t", description: "mass of a substance or of one gas" },
  co2e: { canonical: "tCO2e", description: "carbon-dioxide-equivalent mass (through a GWP set)" },
  energy: { canonical: "MJ", description: "energy" },
  power: { canonical: "kW", description: "power" },
  volume: { canonical: "m3", description: "volume at actual conditions" },
  normal_volume: { canonical: "Nm3", description: "gas volume at normal conditions (0 °C, 1 atm)" },
  distance: { canonical: "km", description: "distance" },
  area: { canonical: "m2", description: "area" },
  time: { canonical: "h", description: "time" },
  money: { canonical: "KRW", description: "money, Korean won (price year stated with the data)" },
  count: { canonical: "count", description: "a number of things" },
} as const;

export type Dimension = keyof typeof DIMENSIONS;

export interface UnitDef {
  readonly dimension: Dimension;
  /** Multiply a value in this unit by `scale` to get the dimension's canonical unit. */
  readonly scale: number;
  readonly name: string;
}

const def = (dimension: Dimension, scale: number, name: string): UnitDef => ({ dimension, scale, name });

const KCAL_MJ = 4.1868e-3; // international table calorie: 4.1868 J

export const UNIT_TABLE: Readonly<Record<string, UnitDef>> = {
  // mass (canonical t)
  g: def("mass", 1e-6, "gram"),
  kg: def("mass", 1e-3, "kilogram"),
  t: def("mass", 1, "tonne"),
  kt: def("mass", 1e3, "kilotonne"),
  Mt: def("mass", 1e6, "megatonne"),
  // CO2e mass (canonical tCO2e)
  gCO2e: def("co2e", 1e-6, "gram CO2e"),
  kgCO2e: def("co2e", 1e-3, "kilogram CO2e"),
  tCO2e: def("co2e", 1, "tonne CO2e"),
  ktCO2e: def("co2e", 1e3, "kilotonne CO2e"),
  MtCO2e: def("co2e", 1e6, "megatonne CO2e"),
  // energy (canonical MJ)
  Wh: def("energy", 3.6e-3, "watt-hour"),
  kWh: def("energy", 3.6, "kilowatt-hour"),
  MWh: def("energy", 3.6e3, "megawatt-hour"),
  GWh: def("energy", 3.6e6, "gigawatt-hour"),
  MJ: def("energy", 1, "megajoule"),
  GJ: def("energy", 1e3, "gigajoule"),
  TJ: def("energy", 1e6, "terajoule"),
  kcal: def("energy", KCAL_MJ, "kilocalorie (international table)"),
  Mcal: def("energy", KCAL_MJ * 1e3, "megacalorie (international table)"),
  Gcal: def("energy", KCAL_MJ * 1e6, "gigacalorie (international table)"),
  toe: def("energy", 41868, "tonne of oil equivalent (10^7 kcal)"),
  // power (canonical kW)
  W: def("power", 1e-3, "watt"),
  kW: def("power", 1, "kilowatt"),
  MW: def("power", 1e3, "megawatt"),
  GW: def("power", 1e6, "gigawatt"),
  // volume (canonical m3)
  L: def("volume", 1e-3, "litre"),
  kL: def("volume", 1, "kilolitre"),
  m3: def("volume", 1, "cubic metre"),
  // normal volume (canonical Nm3)
  Nm3: def("normal_volume", 1, "normal cubic metre"),
  // distance (canonical km)
  m: def("distance", 1e-3, "metre"),
  km: def("distance", 1, "kilometre"),
  // area (canonical m2)
  m2: def("area", 1, "square metre"),
  ha: def("area", 1e4, "hectare"),
  km2: def("area", 1e6, "square kilometre"),
  // time (canonical h)
  h: def("time", 1, "hour"),
  d: def("time", 24, "day"),
  yr: def("time", 8760, "year (365 days)"),
  // money (canonical KRW)
  KRW: def("money", 1, "Korean won"),
  MKRW: def("money", 1e6, "million Korean won"),
  // count (canonical count)
  count: def("count", 1, "count"),
};

/** Prefixes accepted before a unit symbol: only the thousand of Korean statistics. */
export const PREFIXES: Readonly<Record<string, number>> = { 천: 1e3 };

/** Symbols read as another, written as they appear in documents. */
export const SYMBOL_ALIASES: Readonly<Record<string, string>> = {
  "m³": "m3",
  "Nm³": "Nm3",
  "m²": "m2",
  "km²": "km2",
  ℓ: "L",
};

/** Gases that may be named in a mass unit's symbol (kgCO2, tCH4); the mass is of that gas. */
export const GAS_SUFFIXES = ["CO2", "CH4", "N2O"] as const;
