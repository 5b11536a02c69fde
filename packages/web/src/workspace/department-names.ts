/**
 * Department names in the page's language. A membership and a budget line name a department as staff and the
 * budget file write it (Korean); the agenda's department register names it in Korean and English (with its
 * source). A name the register knows (by its id, or by the same Korean name) is shown in both languages; any
 * other is the stored Korean, which an English page marks [ko] (components/LocalText).
 */
import { useQuery } from "@tanstack/react-query";
import { actionsQuery } from "./staff.ts";

export type LocalName = { ko: string; en?: string };

/** The register's names of the departments that own an action, by id and by Korean name. */
export function useDepartmentNames(tenant: string): (name: string, id?: string | null) => LocalName {
  const actions = useQuery(actionsQuery(tenant));
  const byKey = new Map<string, LocalName>();
  for (const a of actions.data?.actions ?? [])
    for (const d of a.departments_named)
      if (d.name) {
        byKey.set(d.id, d.name);
        byKey.set(d.name.ko, d.name);
      }
  return (name, id) => (id ? byKey.get(id) : undefined) ?? byKey.get(name) ?? { ko: name };
}
