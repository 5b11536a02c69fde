/**
 * The inventory's plain, serialisable records. Field names are those of the CSV columns and of the JSON
 * contract (snake_case), so one vocabulary runs from the file through the API to the database.
 * Units are written as in the unit table (`MWh`, `천Nm3`, `kg/TJ`); amounts are in the row's own unit.
 */
import type { Problem } from "../errors.ts";
import type { NotationKey } from "../vocabulary/notation.ts";
import type { Scope2InstrumentId, Scope2Method } from "../vocabulary/scope2.ts";
import type { KrSectorId } from "../vocabulary/sectors.ts";
import type { GpcLevel, GpcScope } from "./gpc.ts";

/** GPC data-quality ratings: high, medium, low. */
export const QUALITY_RATINGS = ["H", "M", "L"] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];

/** One row of activity data: an amount of an activity in a year under one GPC reference. */
export interface ActivityRow {
  readonly year: number;
  /** A GPC v1.1 reference number, e.g. "I.1.1". */
  readonly gpc_ref: string;
  /** Activity name or one of its aliases (`diesel`, `경유`); empty on a notation-key row. */
  readonly activity: string;
  /** The amount in `unit`; null on a notation-key row. */
  readonly amount: number | null;
  readonly unit: string;
  /** A notation key instead of an amount: the GPC line is NO, IE, NE or C. */
  readonly notation?: NotationKey;
  readonly district?: string;
  readonly source?: string;
  readonly quality?: QualityRating;
  readonly note?: string;
  /**
   * A contractual instrument covering this electricity (a scope 2 line), for the market-based method: the
   * instrument's id (SCOPE2_INSTRUMENTS) with its factor, a CO2e mass per unit of the row's activity
   * (`0 tCO2e/MWh` for renewable electricity). Absent: the row takes the residual mix (or the grid average).
   */
  readonly instrument?: Scope2InstrumentId;
  readonly instrument_factor?: number;
  readonly instrument_factor_unit?: string;
  /** Columns the format does not define, kept as they were. */
  readonly extra?: Readonly<Record<string, string>>;
  /** Where the row came from (file as the user named it, 1-based line; the header is line 1). */
  readonly file?: string;
  readonly line?: number;
}

/** Where a factor comes from: the built-in sets of @citypath/data or a user's file. */
export type FactorOrigin = "builtin" | "user";

/**
 * One emission factor: `factor` `unit` of `gas` per unit of activity (e.g. 56100 kg/TJ of CO2 for city gas).
 * With `ncv` and `ncv_unit` a per-energy factor applies to activity measured by mass or volume.
 */
export interface FactorRow {
  /** Stable id: `builtin:city_gas:CO2:*` or `factors.csv:12`. */
  readonly id: string;
  readonly activity: string;
  /** A gas of the GWP set (CO2, CH4, CH4-fossil, N2O, SF6, ...) or `CO2e` for a factor already in CO2e. */
  readonly gas: string;
  readonly factor: number;
  /** Mass (or CO2e mass) per activity unit: `kg/TJ`, `tCO2e/MWh`, `kg/head`. */
  readonly unit: string;
  /** A GPC reference or a prefix of one (`II`, `I.1`); absent: every reference. */
  readonly gpc_ref?: string;
  /** The factor holds for this year only. */
  readonly year?: number;
  /** The factor holds from this year to `valid_to` (inclusive; either may be absent for an open end). */
  readonly valid_from?: number;
  readonly valid_to?: number;
  /** Net calorific value that turns activity mass or volume into energy, e.g. 9190 kcal/Nm3. */
  readonly ncv?: number;
  readonly ncv_unit?: string;
  /** Where the NCV comes from, when it is not the factor's source. */
  readonly ncv_source?: string;
  /** Where the value comes from; a factor without a source is used and flagged. */
  readonly source?: string;
  /** Year the source was published. */
  readonly source_year?: number;
  readonly note?: string;
  /**
   * `market_based`: the residual-mix factor of the activity (GHG Protocol Scope 2 Guidance), used for the
   * market-based figure of scope 2 rows with no instrument. Absent or `location_based`: the grid average
   * (or any other factor), used for the location-based figures and everything outside scope 2.
   */
  readonly scope2_method?: Scope2Method;
  readonly origin: FactorOrigin;
  readonly file?: string;
  readonly line?: number;
}

/** An activity the built-in data knows, with its Korean name and the aliases rows may use. */
export interface ActivityDef {
  readonly id: string;
  readonly name: string;
  readonly name_ko: string;
  readonly aliases: readonly string[];
  readonly kind: "fuel" | "electricity" | "livestock" | "land" | "other";
  readonly note?: string;
}

/** One factor as it was used for a line: the factor, how it matched, and what it produced. */
export interface FactorUse {
  readonly factor_id: string;
  readonly activity: string;
  readonly gas: string;
  readonly factor: number;
  readonly unit: string;
  readonly gpc_ref: string | null;
  /** How the factor matched the rows: `year 2021`, `2018-2020`, `all years`. */
  readonly years: string;
  readonly ncv: number | null;
  readonly ncv_unit: string | null;
  readonly ncv_source: string | null;
  readonly source: string | null;
  readonly source_year: number | null;
  readonly origin: FactorOrigin;
  /** True when the factor has no source (used, and flagged). */
  readonly flagged: boolean;
  /** Tonnes of the gas this factor produced in the line, and its CO2e. */
  readonly gas_t: number;
  readonly tco2e: number;
  readonly rows: number;
}

/** What one contractual instrument contributed to a line's market-based figure. */
export interface InstrumentUse {
  readonly instrument: Scope2InstrumentId;
  readonly factor: number;
  readonly unit: string;
  /** tCO2e at the instrument's factor, and the rows naming it with this factor. */
  readonly tco2e: number;
  readonly rows: number;
}

/**
 * How a scope 2 line's market-based figure was made: the instruments, the residual-mix factors used for
 * the rest, and the part left at the grid average for want of a residual mix (a stated assumption).
 */
export interface MarketBasedDetail {
  readonly instruments: readonly InstrumentUse[];
  readonly residual_mix: readonly FactorUse[];
  /** tCO2e of rows with neither an instrument nor a residual-mix factor, at the location-based factors. */
  readonly grid_average_tco2e: number;
}

/** One GPC line of one year. */
export interface InventoryLine {
  readonly gpc_ref: string;
  readonly subsector_name: string;
  readonly scope: GpcScope;
  readonly level: GpcLevel;
  readonly kr_sector: KrSectorId | null;
  /** Location-based (the grid average factor for scope 2 lines). */
  readonly tco2e: number;
  /** Market-based: equal to `tco2e` outside scope 2. */
  readonly market_based_tco2e: number;
  /** On scope 2 lines: how the market-based figure was made. */
  readonly market_based?: MarketBasedDetail;
  /** Tonnes of each gas (`CO2e` for factors already in CO2e). */
  readonly gases_t: Readonly<Record<string, number>>;
  /** CO2e of each gas under the inventory's GWP set. */
  readonly gases_tco2e: Readonly<Record<string, number>>;
  readonly factors: readonly FactorUse[];
  /** tCO2e per district, when the rows have districts (rows without one count under ""). */
  readonly districts?: Readonly<Record<string, number>>;
  /** The lowest data-quality rating among the line's rows, null when none is rated. */
  readonly quality: QualityRating | null;
  /** Indexes (0-based) into the input activities: the rows this line was computed from. */
  readonly activity_rows: readonly number[];
}

export type Completeness = "reported" | NotationKey | "missing";

export interface InventoryTotals {
  readonly basic: number;
  readonly basic_plus: number;
  readonly territorial: number;
}

export interface InventoryYear {
  readonly year: number;
  /** Location-based totals. */
  readonly totals_tco2e: InventoryTotals;
  readonly lines: readonly InventoryLine[];
  /** Location-based. */
  readonly kr_sectors_tco2e: Readonly<Record<KrSectorId, number>>;
  /** The same totals and sectors by the market-based method. */
  readonly market_based: {
    readonly totals_tco2e: InventoryTotals;
    readonly kr_sectors_tco2e: Readonly<Record<KrSectorId, number>>;
  };
  /** For every GPC reference: reported, a notation key, or missing (no row at all). */
  readonly completeness: Readonly<Record<string, Completeness>>;
  /** tCO2e of the year's lines (all levels) by the rows' data-quality rating. */
  readonly data_quality: {
    readonly H: number;
    readonly M: number;
    readonly L: number;
    readonly unrated: number;
  };
}

/** The computed inventory, in memory. */
export interface Inventory {
  readonly gwp_set: string;
  readonly years: readonly InventoryYear[];
}

/**
 * The `--format json` contract (docs/schema/inventory.schema.json): the inventory with its problems.
 * On failure `years` is empty and `problems` holds every error. Extra fields may be added, never removed.
 */
export interface InventoryJson {
  readonly format: "citypath.inventory";
  /** 2 added the market-based Scope 2 figures (docs/formats.md, "Inventory JSON versions"). */
  readonly version: 2;
  readonly gwp_set: string;
  /** Which Scope 2 method each figure uses: every figure outside `market_based` is location-based. */
  readonly scope2: { readonly totals: "location_based"; readonly market_based: string };
  readonly years: readonly InventoryYear[];
  readonly problems: readonly Problem[];
}
