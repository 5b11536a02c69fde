/**
 * The conflict view's arithmetic. A form keeps the record as it was when opened (`base`); when a save
 * answers 409 the page reads the current record. `changesSince` lists, field by field, what another save
 * changed (base -> current) and what this officer changed (base -> mine), marking the fields both changed;
 * `reapply` puts this officer's changes on top of the current record: every field they changed takes their
 * value, every other field the current one. Values are compared as JSON, so a list (tasks, milestones)
 * is one field.
 */

export interface FieldChange {
  field: string;
  opened: unknown;
  current: unknown;
  mine: unknown;
  /** Another save changed it. */
  changedByOthers: boolean;
  /** This officer changed it. */
  changedByMe: boolean;
  /** Both changed it, to different values: re-applying keeps this officer's value over the other one. */
  clash: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function changesSince<T extends object>(base: T, current: T, mine: T): FieldChange[] {
  const fields = new Set([...Object.keys(base), ...Object.keys(current), ...Object.keys(mine)]);
  const out: FieldChange[] = [];
  for (const field of fields) {
    const o = (base as Record<string, unknown>)[field];
    const c = (current as Record<string, unknown>)[field];
    const m = (mine as Record<string, unknown>)[field];
    const byOthers = !same(o, c);
    const byMe = !same(o, m);
    if (!byOthers && !byMe) continue;
    out.push({
      field,
      opened: o,
      current: c,
      mine: m,
      changedByOthers: byOthers,
      changedByMe: byMe,
      clash: byOthers && byMe && !same(c, m),
    });
  }
  return out;
}

/** The current record with this officer's changes (fields they changed since `base`) put back on top. */
export function reapply<T extends object>(base: T, current: T, mine: T): T {
  const out: T = { ...current };
  // the keys of `mine` are keys of T (Object.keys types them as strings)
  for (const k of Object.keys(mine) as Array<keyof T>) if (!same(base[k], mine[k])) out[k] = mine[k];
  return out;
}
