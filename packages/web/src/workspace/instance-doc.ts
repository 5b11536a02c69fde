/**
 * Reading the model instance document (docs/instance-format.md): its actions and scenarios as plain data. Kept
 * apart from model-doc.ts (the Model pages' edits, which need the core's action library) so that a page that
 * only lists the instance's actions (an agenda action's model link) does not load the library.
 */
import type { Schemas } from "../api/client.ts";

/** The instance document as the contract types it (GET and PUT of an instance). */
export type Doc = Schemas["Instance"]["document"];
export type Name = { ko: string; en: string };

export interface ActionDoc {
  id: string;
  type: string;
  name: Name;
  params: Record<string, unknown>;
}

/** A lever's note on its range: Korean with English, or English alone in a version saved before decision 0085. */
export type RangeNoteDoc = { ko?: string; en?: string };

export interface ScenarioLevelDoc {
  action: string;
  level: number;
  min?: number;
  max?: number;
  /** The note on the range (a string of an older version read as its English). */
  note?: RangeNoteDoc;
}

function rangeNoteOf(v: unknown): RangeNoteDoc | undefined {
  if (typeof v === "string") return { en: v };
  if (!isObject(v)) return undefined;
  const note: RangeNoteDoc = {};
  if (typeof v.ko === "string") note.ko = v.ko;
  if (typeof v.en === "string") note.en = v.en;
  return note;
}

export interface ScenarioDoc {
  id: string;
  name: Name;
  actions: ScenarioLevelDoc[];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function nameOf(v: unknown, fallback: string): Name {
  if (isObject(v) && typeof v.ko === "string" && typeof v.en === "string") return { ko: v.ko, en: v.en };
  return { ko: fallback, en: fallback };
}

/** The document's actions (entries without an id or type are left out: the engine reports them). */
export function actionsOf(doc: Doc): ActionDoc[] {
  const list = Array.isArray(doc.actions) ? doc.actions : [];
  return list
    .filter(isObject)
    .flatMap((a) =>
      typeof a.id === "string" && typeof a.type === "string"
        ? [{ id: a.id, type: a.type, name: nameOf(a.name, a.id), params: isObject(a.params) ? a.params : {} }]
        : [],
    );
}

/** The document's scenarios with their action levels. */
export function scenariosOf(doc: Doc): ScenarioDoc[] {
  const list = Array.isArray(doc.scenarios) ? doc.scenarios : [];
  return list.filter(isObject).flatMap((s) =>
    typeof s.id === "string"
      ? [
          {
            id: s.id,
            name: nameOf(s.name, s.id),
            actions: (Array.isArray(s.actions) ? s.actions : []).filter(isObject).flatMap((x) =>
              typeof x.action === "string" && typeof x.level === "number"
                ? [
                    {
                      action: x.action,
                      level: x.level,
                      ...(typeof x.min === "number" ? { min: x.min } : {}),
                      ...(typeof x.max === "number" ? { max: x.max } : {}),
                      ...(x.note !== undefined ? { note: rangeNoteOf(x.note) } : {}),
                    },
                  ]
                : [],
            ),
          },
        ]
      : [],
  );
}
