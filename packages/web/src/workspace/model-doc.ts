/**
 * The model instance document as the Model pages edit it (docs/instance-format.md): its actions with their
 * parameters and per-parameter provenance (`params.sources`, `params.illustrative`), its scenarios with each
 * action's level, and the changes between two versions. Pure: every edit returns a new document and leaves
 * what it does not touch exactly as it was (the server stores the document as it is sent).
 */
import type { ParamMeta } from "@citypath/core/actions/interface";
import { LIBRARY_ACTION_TYPES } from "@citypath/core/actions/library/index";
import { type ActionDoc, actionsOf, type Doc, isObject, type Name, scenariosOf } from "./instance-doc.ts";

export type { ActionDoc, Doc, ScenarioDoc } from "./instance-doc.ts";
export { actionsOf, scenariosOf };

/** The numeric parameters of an action type, as its metadata declares them (unit, range, default). */
export function paramFields(type: string): Array<{ name: string; meta: ParamMeta }> | undefined {
  const t = LIBRARY_ACTION_TYPES.find((x) => x.type === type);
  if (!t) return undefined;
  return Object.entries(t.params).map(([name, meta]) => ({ name, meta }));
}

/** The action type's label, when the library has the type. */
export function typeLabel(type: string): Name | undefined {
  return LIBRARY_ACTION_TYPES.find((x) => x.type === type)?.label;
}

/** A parameter's value and provenance as the form edits them. */
export interface ParamEdit {
  /** The number; undefined: not written (the type's default applies). */
  value: number | undefined;
  illustrative: boolean;
  /** The citation (a source) or, when illustrative, the reason; "" for none. */
  note: string;
}

/** A parameter as the document has it. */
export function paramEdit(a: ActionDoc, name: string): ParamEdit {
  const v = a.params[name];
  const sources = isObject(a.params.sources) ? a.params.sources : {};
  const why = isObject(a.params.illustrative) ? a.params.illustrative : {};
  const illustrative = typeof why[name] === "string";
  const note = illustrative ? (why[name] as string) : typeof sources[name] === "string" ? sources[name] : "";
  return { value: typeof v === "number" ? v : undefined, illustrative, note: note as string };
}

function withText(map: unknown, key: string, text: string | undefined): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = isObject(map) ? { ...map } : {};
  if (text === undefined) delete out[key];
  else out[key] = text;
  return Object.keys(out).length ? out : undefined;
}

/** The document with the action's parameters set (values and provenance); other parameters kept. */
export function withParams(doc: Doc, actionId: string, edits: Readonly<Record<string, ParamEdit>>): Doc {
  const actions = (Array.isArray(doc.actions) ? doc.actions : []).map((a) => {
    if (!isObject(a) || a.id !== actionId) return a;
    let params: Record<string, unknown> = isObject(a.params) ? { ...a.params } : {};
    for (const [name, e] of Object.entries(edits)) {
      if (e.value === undefined) delete params[name];
      else params[name] = e.value;
      const note = e.note.trim() || undefined;
      const sources = withText(params.sources, name, e.illustrative ? undefined : note);
      const illustrative = withText(params.illustrative, name, e.illustrative ? note : undefined);
      const { sources: _s, illustrative: _i, ...rest } = params;
      params = { ...rest, ...(sources ? { sources } : {}), ...(illustrative ? { illustrative } : {}) };
    }
    return { ...a, params };
  });
  return { ...doc, actions };
}

/** The document with one action's level in one scenario set. */
export function withLevel(doc: Doc, scenarioId: string, actionId: string, level: number): Doc {
  const scenarios = (Array.isArray(doc.scenarios) ? doc.scenarios : []).map((s) => {
    if (!isObject(s) || s.id !== scenarioId || !Array.isArray(s.actions)) return s;
    return {
      ...s,
      actions: s.actions.map((x) => (isObject(x) && x.action === actionId ? { ...x, level } : x)),
    };
  });
  return { ...doc, scenarios };
}

/**
 * The document with one lever's note on its range set, Korean and English (a field left empty is left out; both
 * empty removes the note). The server refuses a note without its Korean (decision 0085).
 */
export function withRangeNote(
  doc: Doc,
  scenarioId: string,
  actionId: string,
  note: { ko: string; en: string },
): Doc {
  const ko = note.ko.trim();
  const en = note.en.trim();
  const scenarios = (Array.isArray(doc.scenarios) ? doc.scenarios : []).map((s) => {
    if (!isObject(s) || s.id !== scenarioId || !Array.isArray(s.actions)) return s;
    return {
      ...s,
      actions: s.actions.map((x) => {
        if (!isObject(x) || x.action !== actionId) return x;
        const { note: _old, ...rest } = x;
        if (!ko && !en) return rest;
        return { ...rest, note: { ...(ko ? { ko } : {}), ...(en ? { en } : {}) } };
      }),
    };
  });
  return { ...doc, scenarios } as Doc;
}

/** One difference between two versions of a document. */
export type Change =
  | { kind: "param"; action: string; name: string; from: unknown; to: unknown }
  | { kind: "provenance"; action: string; name: string; from: string; to: string }
  | { kind: "level"; scenario: string; action: string; from: number | undefined; to: number | undefined }
  | { kind: "rangeNote"; scenario: string; action: string; to: { ko: string; en: string } }
  | { kind: "other"; path: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function provenanceText(a: ActionDoc, name: string): string {
  const e = paramEdit(a, name);
  return e.note ? `${e.illustrative ? "illustrative: " : ""}${e.note}` : "";
}

/** What changed from `from` to `to`: parameters, their provenance, levels; anything else by its top key. */
export function changes(from: Doc, to: Doc): Change[] {
  const out: Change[] = [];
  const before = new Map(actionsOf(from).map((a) => [a.id, a]));
  const after = actionsOf(to);
  for (const a of after) {
    const b = before.get(a.id);
    if (!b) {
      out.push({ kind: "other", path: `actions.${a.id}` });
      continue;
    }
    const names = new Set([...Object.keys(b.params), ...Object.keys(a.params)]);
    const provNames = new Set<string>();
    for (const n of names) {
      if (n === "sources" || n === "illustrative") continue;
      if (!same(b.params[n], a.params[n]))
        out.push({ kind: "param", action: a.id, name: n, from: b.params[n], to: a.params[n] });
    }
    for (const m of ["sources", "illustrative"] as const)
      for (const src of [a.params[m], b.params[m]])
        if (isObject(src)) for (const k of Object.keys(src)) provNames.add(k);
    for (const n of provNames) {
      const x = provenanceText(b, n);
      const y = provenanceText(a, n);
      if (x !== y) out.push({ kind: "provenance", action: a.id, name: n, from: x, to: y });
    }
    const rawA = (Array.isArray(to.actions) ? to.actions : []).find((x) => isObject(x) && x.id === a.id);
    const rawB = (Array.isArray(from.actions) ? from.actions : []).find((x) => isObject(x) && x.id === a.id);
    if (!same({ ...rawA, params: null }, { ...rawB, params: null }))
      out.push({ kind: "other", path: `actions.${a.id}` });
  }
  for (const b of before.values())
    if (!after.some((a) => a.id === b.id)) out.push({ kind: "other", path: `actions.${b.id}` });
  const scB = new Map(scenariosOf(from).map((s) => [s.id, s]));
  for (const s of scenariosOf(to)) {
    const b = scB.get(s.id);
    if (!b) {
      out.push({ kind: "other", path: `scenarios.${s.id}` });
      continue;
    }
    const ids = new Set([...s.actions.map((x) => x.action), ...b.actions.map((x) => x.action)]);
    for (const id of ids) {
      const x = b.actions.find((l) => l.action === id)?.level;
      const y = s.actions.find((l) => l.action === id)?.level;
      if (x !== y) out.push({ kind: "level", scenario: s.id, action: id, from: x, to: y });
      const nx = b.actions.find((l) => l.action === id)?.note;
      const ny = s.actions.find((l) => l.action === id)?.note;
      if (!same(nx ?? null, ny ?? null) && s.actions.some((l) => l.action === id))
        out.push({
          kind: "rangeNote",
          scenario: s.id,
          action: id,
          to: { ko: ny?.ko ?? "", en: ny?.en ?? "" },
        });
    }
  }
  const a: Readonly<Record<string, unknown>> = from;
  const b: Readonly<Record<string, unknown>> = to;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (k !== "actions" && k !== "scenarios" && !same(a[k], b[k])) out.push({ kind: "other", path: k });
  return out;
}

/**
 * Applies the parameter, provenance and level changes of `edited` over `base` onto `current` (a version
 * saved meanwhile by someone else): what the officer changed is kept, the rest is the current version's.
 */
export function reapply(base: Doc, edited: Doc, current: Doc): Doc {
  let out = current;
  const editedActions = new Map(actionsOf(edited).map((a) => [a.id, a]));
  const byAction = new Map<string, Record<string, ParamEdit>>();
  for (const c of changes(base, edited)) {
    if (c.kind === "level" && c.to !== undefined) out = withLevel(out, c.scenario, c.action, c.to);
    if (c.kind === "rangeNote") out = withRangeNote(out, c.scenario, c.action, c.to);
    if (c.kind !== "param" && c.kind !== "provenance") continue;
    // the form edits numbers only: another kind of parameter is not carried over
    if (c.kind === "param" && c.to !== undefined && typeof c.to !== "number") continue;
    const a = editedActions.get(c.action);
    if (!a) continue;
    const edits = byAction.get(c.action) ?? {};
    edits[c.name] = paramEdit(a, c.name);
    byAction.set(c.action, edits);
  }
  for (const [action, edits] of byAction) out = withParams(out, action, edits);
  return out;
}
