/**
 * How far an action's level may go: the one rule the least-cost portfolio and the scenario explorer's
 * sliders share. A scenario may declare `min` and `max` for an action; where it does not, the level goes
 * from 0 to the scenario's own level, and at least to 1 (the action as parameterised): the plan's level is
 * the most the city has shown it can do. A binary action is 0 or 1.
 *
 * The explorer's slider covers that range and, where the scenario declares no maximum, leaves room to try
 * twice the scenario's level (at least 2): a what-if a user may explore, which the portfolio never assumes.
 */
export interface LevelRange {
  readonly min: number;
  readonly max: number;
}

/** What a scenario says of one action (absent when the scenario does not use it). */
export interface ScenarioLevel {
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
