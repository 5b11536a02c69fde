/**
 * What the pages show, independent of the transport. src/api/queries.ts turns the API's answers into these;
 * when a route changes, only queries.ts changes.
 * All emissions are tCO2e per year (the API's canonical unit); shares are 0..1.
 */

import type { RangeProvenance } from "@citypath/core/pathway/levers";
import type { KrSectorId } from "@citypath/core/vocabulary/sectors";
import type { AgendaStatus, InventoryStatus } from "@citypath/core/vocabulary/statuses";

/** A text the data gives in both languages; a plain string when the data has only one. */
export type Localized = string | { ko?: string; en?: string };
/** A text stored in Korean with English where entered (core's local text; shown by components/LocalText). */
export type LocalName = { ko: string; en?: string };

export interface Source {
  title: string;
  url?: string;
  year?: number;
  /** The data marks this figure as illustrative (no public source). */
  illustrative?: boolean;
}

export interface Tenant {
  slug: string;
  name: Localized;
}

/** One version of the city's inventory (a version holds one or more years). */
export interface InventoryRef {
  version: number;
  /** Korean, with English where entered (core's local name). */
  label: LocalName;
  status: InventoryStatus;
  firstYear: number;
  lastYear: number;
  createdAt: string;
  publishedAt: string | null;
  /** Whether the version's figures were verified (provisional until a verification is recorded). */
  verification: {
    status: "provisional" | "verified";
    verifiedBy: string | null;
    verifiedOn: string | null;
    basis: LocalName | null;
    illustrative: boolean;
  };
}

/** One emission factor as the inventory engine used it for a line (from the core's FactorUse). */
export interface FactorUse {
  factorId: string;
  /** The activity the factor applies to, by its id (e.g. "diesel", "electricity"). */
  activity: string;
  /** The activity's name in Korean and English; null for an activity the built-in set does not name. */
  activityName: { ko: string; en: string } | null;
  gas: string;
  factor: number;
  unit: string;
  /** How the factor matched the rows ("year 2021", "2018-2020", "all years"). */
  years: string;
  ncv: number | null;
  ncvUnit: string | null;
  source: string | null;
  sourceYear: number | null;
  origin: string;
  /** True when the factor has no source: used, and flagged. */
  flagged: boolean;
  /** Tonnes of the gas this factor produced in the line, and their CO2e. */
  gasT: number;
  tco2e: number;
  /** Number of activity rows it was applied to. */
  rows: number;
}

export interface EmissionLine {
  /** `${year}-${gpcRef with _ for .}` (e.g. 2018-I_1_1): unique within an inventory version, safe in a URL. */
  id: string;
  year: number;
  gpcRef: string;
  /** GPC sub-sector name (Korean and English from the core's GPC table). */
  name: Localized;
  scope: number;
  /** basic, basic_plus, territorial or other (GPC reporting level). */
  level: string;
  /** One of the 7 Korean plan sectors, or null when the plan basis leaves the line out. */
  sector: KrSectorId | null;
  /** Location-based (Scope 2 at the grid average factor), as every figure without a method. */
  tco2e: number;
  /** Market-based (GHG Protocol Scope 2 Guidance): differs from `tco2e` only on a scope 2 line. */
  marketTco2e: number;
  gasesT: Record<string, number>;
  factors: FactorUse[];
  /** tCO2e per district ("" = rows without a district), when the rows have districts. */
  districts: Record<string, number> | null;
  quality: string | null;
}

export interface InventoryYear {
  year: number;
  /** Location-based totals (Scope 2 at the grid average factor). */
  totals: { basic: number; basicPlus: number; territorial: number };
  /** tCO2e of each of the 7 Korean plan sectors, as the core computed them (their sum = the plan basis). */
  krSectors: Partial<Record<KrSectorId, number>>;
  /** The same totals and sectors by the market-based Scope 2 method. */
  market: {
    totals: { basic: number; basicPlus: number; territorial: number };
    krSectors: Partial<Record<KrSectorId, number>>;
  };
  lines: EmissionLine[];
}

export interface Inventory extends InventoryRef {
  gwpSet: string;
  years: InventoryYear[];
}

export interface TargetPath {
  id: string;
  name: Localized;
  /** tCO2e per year of `years`, null where the target path does not define the year. */
  values: Array<number | null>;
}

export interface Pathway {
  scenarioId: string;
  scenarioName: Localized;
  years: number[];
  bau: number[];
  scenario: number[];
  targets: TargetPath[];
  /** Further scenarios drawn beside the main one. */
  others?: Array<{ id: string; name: Localized; values: number[] }>;
  basisName?: Localized;
  /** The basis id the totals and targets are on (e.g. municipal_control). */
  basisId?: string;
  /** Percentile band of the scenario when uncertainty results exist. */
  band?: { p5: number[]; p95: number[]; p50?: number[] };
}

/** An action's status as the site shows it: a model action's status is shown under its agenda status. */
export type ActionStatus = AgendaStatus;

export interface ActionSummary {
  id: string;
  /** "agenda": from the city's published plans; "model": an action of the city's model (the agenda is not published). */
  origin: "agenda" | "model";
  name: Localized;
  status: ActionStatus | null;
  sector: KrSectorId | null;
  policyArea?: Localized;
  department?: Localized;
  plan?: Localized;
  completion?: number;
}

export interface Indicator {
  id: string;
  name: Localized;
  unit: string;
  goals: Array<{ year: number; value: number }>;
  observed: Array<{ year: number; value: number }>;
  source?: Source;
}

/** What the city's model says of an action (when the agenda has not been published, all there is). */
export interface ActionModel {
  type: string;
  /** `illustrative`: why the value is illustrative (no public figure). */
  params: Array<{ name: string; value: string; source?: string; illustrative?: string }>;
  source?: string;
  illustrative: boolean;
  note?: string;
  /** Abatement the model expects per year in a scenario that includes the action, tCO2e. */
  abatement?: { scenarioName: Localized; years: number[]; values: number[] };
}

export interface ActionDetail extends ActionSummary {
  description?: Localized;
  owners: Localized[];
  partners: Localized[];
  start?: string;
  end?: string;
  budget: Array<{ year: number; planned?: number; spent?: number }>;
  /** The budget lines that fund the action (the GHG-reduction budget), by year and code. */
  fundingLines: Array<{
    year: number;
    code: string;
    name: Localized;
    amount: number;
    executed?: number;
    provisional: boolean;
    illustrative: boolean;
  }>;
  progress: Array<{ date: string; text: Localized; status?: string }>;
  indicators: Indicator[];
  impact?: { years: number[]; modelled: number[]; observed: Array<number | null> };
  model?: ActionModel;
  sources: Source[];
}

/** A slider of the scenario explorer: an action's level or a key assumption. */
export interface Lever {
  id: string;
  /** The action's index in the compiled model. */
  index: number;
  /** A yes/no action (level 0 or 1). */
  binary: boolean;
  label: Localized;
  unit: string;
  min: number;
  max: number;
  /** Where the range comes from: a source naming its year, or illustrative with a note. */
  range: RangeProvenance;
  step: number;
  value: number;
}

export interface OpenDataset {
  id: string;
  title: Localized;
  /** The licence the city states; null when it states none. */
  licence: string | null;
  csv: string;
  xlsx: string;
  /** Where the table also comes as a JSON document (participation's open data). */
  json?: string;
}

/** Text in the page's language, falling back to the other language, never to nothing. */
export function localize(text: Localized | undefined, locale: "ko" | "en"): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text[locale === "ko" ? "en" : "ko"] ?? "";
}
