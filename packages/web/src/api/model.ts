/**
 * What the pages show, independent of the transport. src/api/queries.ts turns the API's answers into these;
 * when a route changes, only queries.ts changes.
 * All emissions are tCO2e per year (the API's canonical unit); shares are 0..1.
 */
import type { KoreanSector } from "../sectors.ts";

/** A text the data gives in both languages; a plain string when the data has only one. */
export type Localized = string | { ko?: string; en?: string };

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

export interface InventoryRef {
  id: string;
  year: number;
  /** Version number of the inventory for its year (a recomputation makes a new one). */
  version: number;
  status: string;
  publishedAt?: string;
}

export interface EmissionLine {
  id: string;
  label: Localized;
  /** GPC reference (e.g. "I.1.1") and sector name as given by the data. */
  gpcRef?: string;
  gpcSector: string;
  scope: number | null;
  /** One of the 7 Korean plan sectors, or null when the data does not map the line to one. */
  sector: KoreanSector | null;
  district: string | null;
  year: number;
  tco2e: number;
}

export interface Inventory extends InventoryRef {
  lines: EmissionLine[];
}

export interface Quantity {
  value: number;
  unit: string;
}

export interface LineDetail extends EmissionLine {
  activity?: Quantity & { label?: Localized; source?: Source };
  factors: Array<Quantity & { label?: Localized; gas?: string; year?: number; source?: Source }>;
  /** The explanation of the number: steps from inputs to the result, in order. */
  explanation: Array<{ text: Localized; value?: number; unit?: string }>;
  sources: Source[];
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
  bySector?: Partial<Record<KoreanSector, number[]>>;
  /** Percentile band of the scenario when uncertainty results exist. */
  band?: { p5: number[]; p95: number[] };
}

export type ActionStatus = "not_started" | "in_progress" | "delayed" | "completed" | "cancelled";
export const ACTION_STATUSES: readonly ActionStatus[] = [
  "not_started",
  "in_progress",
  "delayed",
  "completed",
  "cancelled",
];

export interface ActionSummary {
  id: string;
  name: Localized;
  status: ActionStatus | null;
  sector: KoreanSector | null;
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

export interface ActionDetail extends ActionSummary {
  description?: Localized;
  owners: Localized[];
  partners: Localized[];
  start?: string;
  end?: string;
  budget: Array<{ year: number; planned?: number; spent?: number }>;
  progress: Array<{ date: string; text: Localized; status?: ActionStatus }>;
  indicators: Indicator[];
  impact?: { years: number[]; modelled: number[]; observed: Array<number | null> };
  sources: Source[];
}

/** A slider of the scenario explorer: an action's level or a key assumption. */
export interface Lever {
  id: string;
  label: Localized;
  unit: string;
  min: number;
  max: number;
  step: number;
  value: number;
}

export interface District {
  id: string;
  name: Localized;
  /** Emissions by year where the inventory has district lines. */
  emissions: Array<{ year: number; tco2e: number }>;
}

export interface OpenDataset {
  id: string;
  title: Localized;
  licence: string;
  csv: string;
  xlsx: string;
}

/** Text in the page's language, falling back to the other language, never to nothing. */
export function localize(text: Localized | undefined, locale: "ko" | "en"): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[locale] ?? text[locale === "ko" ? "en" : "ko"] ?? "";
}
