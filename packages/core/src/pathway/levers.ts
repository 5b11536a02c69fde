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
 * above sets is labelled illustrative with the rule as its note, so no range is shown without either; a
 * yes/no action's range is `yes_no` with the rule as its note.
 *
 * A range's note is a text in Korean with English (decision 0085): versions of the model saved before
 * that wrote one English string, which is read as the English alone (`asRecorded`); a new version needs the
 * Korean of each note (validate.ts's `newVersionProblems`).
 */
import { z } from "zod";
import { asRecorded } from "../vocabulary/local.ts";
import { type RecordedText, RecordedTextSchema, type Text } from "../vocabulary/text.ts";

export interface LevelRange {
  readonly min: number;
  readonly max: number;
}

/**
 * A range's note as the model format takes it: Korean with English (`{ko, en?}`), or as older versions
 * stored it, English alone (`{en}`, or one English string).
 */
export const rangeNoteSchema = z.union([z.string().min(1), RecordedTextSchema]);
export type RangeNote = z.output<typeof rangeNoteSchema>;

/** The provenance of a range, in the fields every figure of the model instance uses, its note a recorded text. */
export const rangeProvenanceSchema = z.strictObject({
  source: z.string().min(1).optional(),
  illustrative: z.boolean().optional(),
  /** A yes/no action: the range is 0 or 1 by the action's definition. */
  yes_no: z.literal(true).optional(),
  note: RecordedTextSchema.optional(),
});
export type RangeProvenance = z.output<typeof rangeProvenanceSchema>;

/** What a scenario says of one action (absent when the scenario does not use it). */
export interface ScenarioLevel {
  readonly level: number;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly source?: string | undefined;
  readonly illustrative?: boolean | undefined;
  readonly note?: RangeNote | undefined;
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
export const DEFAULT_RANGE_NOTE: Text = {
  ko: "범위가 정해지지 않음: 최소비용 조합은 0부터 시나리오의 수준(최소 1, 설정된 그대로의 조치)까지, 탐색기의 슬라이더는 가정으로 그 두 배까지 움직입니다",
  en: "no range declared: the least-cost portfolio goes from 0 to the scenario's level, at least 1 (the action as parameterised); the explorer's slider to twice that, as a what-if",
};
/** The note of a yes/no action's range. */
export const BINARY_RANGE_NOTE: Text = {
  ko: "시행 여부만 있는 조치: 0(시행 안 함) 또는 1(설정된 그대로 시행)",
  en: "a yes/no action: 0 (not done) or 1 (done as parameterised)",
};

/** Where the range of levelRange (or sliderRange) comes from. */
export function rangeProvenance(sa: ScenarioLevel | undefined, binary: boolean): RangeProvenance {
  if (binary) return { yes_no: true, note: BINARY_RANGE_NOTE };
  if (sa?.min === undefined && sa?.max === undefined) return { illustrative: true, note: DEFAULT_RANGE_NOTE };
  const note: RecordedText | undefined = sa.note !== undefined ? asRecorded(sa.note) : undefined;
  // the schema guarantees one of the two on a declared range
  return sa.source !== undefined
    ? { source: sa.source, ...(note !== undefined ? { note } : {}) }
    : { illustrative: true, note: note ?? DEFAULT_RANGE_NOTE };
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
