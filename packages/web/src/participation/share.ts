/**
 * The scenario explorer's state as a shareable address: the scenario, the driver paths (the key
 * assumptions) and the levels of the actions moved away from the scenario's own, in the query string:
 * `?scenario=agenda_2021&drivers=bau&levels=brt:0.8,solar_roofs:1.25`. Levels are written with at most 4
 * decimals (the sliders' steps are coarser), ids as the core's id rule allows them (no ':' or ',').
 * Reading is strict: a malformed part is dropped, never guessed (an unknown action is then ignored by the
 * engine with the scenario's own level).
 */

export interface ExplorerState {
  scenario: string | null;
  drivers: string | null;
  /** The levels that differ from the scenario's own (all levels, when the reader does not know them). */
  levels: Record<string, number>;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}

/**
 * The query parameters of a state; `base` (the scenario's own levels) leaves out the levels that equal it,
 * so that the address stays short and says what was changed.
 */
export function explorerQuery(state: ExplorerState, base: Record<string, number> = {}): URLSearchParams {
  const q = new URLSearchParams();
  if (state.scenario) q.set("scenario", state.scenario);
  if (state.drivers && state.drivers !== "bau") q.set("drivers", state.drivers);
  const changed = Object.entries(state.levels)
    .filter(
      ([id, v]) =>
        ID.test(id) && Number.isFinite(v) && (base[id] === undefined || round(base[id]) !== round(v)),
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, v]) => `${id}:${round(v)}`);
  if (changed.length) q.set("levels", changed.join(","));
  return q;
}

/** The state an address carries (null parts where it has none). */
export function readExplorerQuery(q: URLSearchParams): ExplorerState {
  const scenario = q.get("scenario");
  const drivers = q.get("drivers");
  const levels: Record<string, number> = {};
  for (const part of (q.get("levels") ?? "").split(",")) {
    const m = /^([^:]+):(-?\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!m?.[1] || !m[2] || !ID.test(m[1])) continue;
    const v = Number(m[2]);
    if (Number.isFinite(v) && v >= 0 && v <= 1000) levels[m[1]] = v;
  }
  return {
    scenario: scenario && ID.test(scenario) ? scenario : null,
    drivers: drivers && ID.test(drivers) ? drivers : null,
    levels,
  };
}
