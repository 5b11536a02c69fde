/**
 * How far an action's level may go: the one rule the least-cost portfolio and the scenario explorer's
 * sliders share. A scenario may declare `min` and `max` for an action; where it does not, the level goes
 * from 0 to the scenario's own level, and at least to 1 (the action as parameterised): the plan's level is
 * the most the city has shown it can do. A binary action is 0 or 1.
 *
 * The explorer's slider covers that range and, where the scenario declares no maximum, leaves room to try
 * twice the scenario's level (at least 2): a what-if a user may explore, which the portfolio never assumes.
 *
 * Where a range comes from (rangeProvenance): a declared range carries the provenance the instance schema
 * requires of it (a `source` naming its year, or `illustrative: true` with a `note`); a range the rule
 * above sets is labelled illustrative with the rule as its note, so no range is shown without either.
 */
import { z } from "zod";
import { provenanceFields } from "../vocabulary/provenance.ts";

export interface LevelRange {
  readonly min: number;
  readonly max: number;
}

/** The provenance of a range, in the fields every figure of the model instance uses. */
export const rangeProvenanceSchema = z.strictObject(provenanceFields(z.string().min(1)));
export type RangeProvenance = z.output<typeof rangeProvenanceSchema>;

/** What a scenario says of one action (absent when the scenario does not use it). */
export interface ScenarioLevel extends RangeProvenance {
  readonly level: number;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

export function levelRange(sa: ScenarioLevel | undefined, binary: boolean): LevelRange {
  if (binary) return { min: 0, max: 1 };
  return { min: sa?.min ?? 0, max: sa?.max ?? Math.max(1, sa?.level ?? 0) };
}

export function sliderRange(sa: ScenarioLevel | undefined, binary: boolean): LevelRange {
  const r = levelRange(sa, binary);
  if (binary || sa?.max !== undefined) return r;
  return { min: r.min, max: Math.max(r.max, 2, 2 * (sa?.level ?? 0)) };
}

/** The note of a range no scenario declares (the rule above). */
export const DEFAULT_RANGE_NOTE =
  "no range declared: the least-cost portfolio goes from 0 to the scenario's level, at least 1 (the action as parameterised); the explorer's slider to twice that, as a what-if";
/** The note of a yes/no action's range. */
export const BINARY_RANGE_NOTE = "a yes/no action: 0 (not done) or 1 (done as parameterised)";

/** Where the range of levelRange (or sliderRange) comes from. */
export function rangeProvenance(sa: ScenarioLevel | undefined, binary: boolean): RangeProvenance {
  if (binary) return { source: BINARY_RANGE_NOTE };
  if (sa?.min === undefined && sa?.max === undefined) return { illustrative: true, note: DEFAULT_RANGE_NOTE };
  // the schema guarantees one of the two on a declared range
  return sa.source !== undefined
    ? { source: sa.source, ...(sa.note !== undefined ? { note: sa.note } : {}) }
    : { illustrative: true, note: sa.note ?? DEFAULT_RANGE_NOTE };
}

/** One action of a scenario as a lever: its level, the range it may take and where that range comes from. */
export interface ScenarioLever extends LevelRange {
  readonly action: string;
  readonly level: number;
  readonly range: RangeProvenance;
}

/** The levers of a scenario (its actions in order); `binary` says which actions are yes/no. */
export function scenarioLevers(
  actions: readonly (ScenarioLevel & { readonly action: string })[],
  binary: (action: string) => boolean,
): ScenarioLever[] {
  return actions.map((sa) => ({
    action: sa.action,
    level: sa.level,
    ...levelRange(sa, binary(sa.action)),
    range: rangeProvenance(sa, binary(sa.action)),
  }));
}
