/**
 * Department names in the page's language, from the tenant's department register (decision 0083): a
 * membership, an action and a budget line name a department by its id, and the register names it in Korean
 * with English where entered; a name without English is the Korean, which an English page marks [ko]
 * (components/LocalText). A budget line written before its department had an id is matched by its Korean name.
 */
import { useQuery } from "@tanstack/react-query";
import { departmentsQuery } from "./accounts-api.ts";

export type LocalName = { ko: string; en?: string };

/** The register's name of a department, by its id (or, for an older budget line, its Korean name). */
export function useDepartmentNames(tenant: string): (name: string, id?: string | null) => LocalName {
  const register = useQuery(departmentsQuery(tenant));
  const byKey = new Map<string, LocalName>();
  for (const d of register.data?.departments ?? []) {
    byKey.set(d.id, d.name);
    if (!byKey.has(d.name.ko)) byKey.set(d.name.ko, d.name);
  }
  return (name, id) => (id ? byKey.get(id) : undefined) ?? byKey.get(name) ?? { ko: name };
}
