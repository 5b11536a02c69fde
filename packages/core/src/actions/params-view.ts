/**
 * An action's parameters as a reader sees them: each parameter (the provenance maps `sources` and
 * `illustrative` are not parameters) with its value as text and, where the instance gives one, its citation
 * or the reason it is illustrative (library actions: actions/library/common.ts `commonShape`).
 */

export interface ParamView {
  readonly name: string;
  /** Numbers and text as they are; a yearly series as "2021: 27, 2022: 50"; anything else as JSON. */
  readonly value: string;
  readonly source?: string;
  /** Why the value is illustrative (no published figure). */
  readonly illustrative?: string;
}

const PROVENANCE_KEYS = new Set(["sources", "illustrative"]);

/** A parameter value as text. */
export function paramText(v: unknown): string {
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return String(v);
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v);
    if (entries.length > 0 && entries.every(([k, x]) => /^\d{4}$/.test(k) && typeof x === "number"))
      return entries.map(([k, x]) => `${k}: ${x}`).join(", ");
  }
  return JSON.stringify(v);
}

/** A string-valued map of the params (`sources`, `illustrative`), or an empty one when absent or malformed. */
function textMap(v: unknown): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (v && typeof v === "object" && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) if (typeof x === "string") out.set(k, x);
  return out;
}

/** Every parameter of an action's `params`, in their written order, with its provenance. */
export function paramsView(params: Readonly<Record<string, unknown>>): ParamView[] {
  const sources = textMap(params.sources);
  const illustrative = textMap(params.illustrative);
  return Object.entries(params)
    .filter(([name]) => !PROVENANCE_KEYS.has(name))
    .map(([name, v]) => {
      const source = sources.get(name);
      const why = illustrative.get(name);
      return {
        name,
        value: paramText(v),
        ...(source !== undefined ? { source } : {}),
        ...(why !== undefined ? { illustrative: why } : {}),
      };
    });
}
