/**
 * Departments named by their Korean name before decision 0083 (a membership, an invitation, the settings'
 * `departments` and `model_owners`, in a tenant export written before migration 0034) become register ids
 * by the migration's rule: the register's id when its id or Korean name is the name, else a new entry
 * `dept-` + the first 12 hex digits of the name's MD5, named `{ ko }` (English missing, never a copy), citing
 * the city's own register.
 */
import { createHash } from "node:crypto";
import { CITY_REGISTER_SOURCE, type Department, DepartmentSchema } from "@citypath/core/agenda/index";

/** The id migration 0034 gives a department name the register did not know. */
export function departmentIdFor(name: string): string {
  return `dept-${createHash("md5").update(name, "utf8").digest("hex").slice(0, 12)}`;
}

export const MOVED_DEPARTMENT_NOTE =
  "설정의 부서 목록에서 옮김: 영문 이름을 입력하세요. (Moved from the settings' department list: enter the English name.)";

/**
 * Names (or ids) to register ids, as migration 0034 does: every id the register has for a name (two
 * departments may share a Korean name), in the names' order, each once; `added` lists the entries made for
 * names the register did not know.
 */
export function departmentIdsOf(
  names: readonly string[],
  register: readonly Department[],
): { ids: string[]; added: Department[] } {
  const ids: string[] = [];
  const added: Department[] = [];
  for (const name of names) {
    let found = register.filter((d) => d.id === name || d.name.ko === name).map((d) => d.id as string);
    if (found.length === 0) {
      const id = departmentIdFor(name);
      if (!added.some((d) => d.id === id))
        added.push(
          DepartmentSchema.parse({
            id,
            name: { ko: name },
            source: CITY_REGISTER_SOURCE,
            note: MOVED_DEPARTMENT_NOTE,
          }),
        );
      found = [id];
    }
    for (const id of found.sort()) if (!ids.includes(id)) ids.push(id);
  }
  return { ids, added };
}

export const MOVED_BUDGET_DEPARTMENT_NOTE =
  "예산 사업의 부서 이름에서 옮김: 영문 이름을 입력하세요. (Moved from a budget line's department name: enter the English name.)";

/**
 * Budget lines written before they named their department by id (a tenant export written before migration
 * 0039, decision 0095) get the register's id by the migration's rule: a name the register does not know (by
 * id or Korean name) becomes a new entry `{ ko }` citing the city's register; a name that is the id or the
 * Korean name of exactly one department gives that id; a name two or more departments share leaves the line
 * without an id (unresolved: only admins change it, and the workspace lists it for them to choose). A line
 * that has an id, stands for several projects (`aggregate_of`: no one department's), or is not a line, is
 * returned as given.
 */
export function budgetLineDepartments(
  lines: readonly unknown[],
  register: readonly Department[],
): { lines: unknown[]; added: Department[]; unresolved: number } {
  const added: Department[] = [];
  let unresolved = 0;
  const out = lines.map((line) => {
    if (line === null || typeof line !== "object") return line;
    const l = line as { department?: unknown; department_id?: unknown; aggregate_of?: unknown };
    if (l.department_id !== undefined || typeof l.department !== "string" || l.department === "") return line;
    // a row standing for several projects ("(전체)") is no one department's
    if (l.aggregate_of !== undefined) return line;
    const name = l.department;
    const all = [...register, ...added];
    let found = all.filter((d) => d.id === name || d.name.ko === name);
    if (found.length === 0) {
      const made = DepartmentSchema.parse({
        id: departmentIdFor(name),
        name: { ko: name },
        source: CITY_REGISTER_SOURCE,
        note: MOVED_BUDGET_DEPARTMENT_NOTE,
      });
      added.push(made);
      found = [made];
    }
    if (found.length > 1) {
      unresolved++;
      return line;
    }
    return { ...l, department_id: found[0]!.id as string };
  });
  return { lines: out, added, unresolved };
}
