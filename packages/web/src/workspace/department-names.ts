/**
 * Department names in the page's language, from the tenant's department register (decision 0083): a
 * membership, an action and a budget line name a department by its id, and the register names it in Korean
 * with English where entered; a name without English is the Korean, which an English page marks [ko]
 * (components/LocalText). A budget line without an id (its Korean name shared by several departments, decision
 * 0095) shows the name as the budget writes it, in Korean.
 */
import { useQuery } from "@tanstack/react-query";
import { departmentsQuery } from "./accounts-api.ts";

export type LocalName = { ko: string; en?: string };

/** The register's name of a department by its id; without one, `name` as Korean. */
export function useDepartmentNames(tenant: string): (name: string, id?: string | null) => LocalName {
  const register = useQuery(departmentsQuery(tenant));
  const byId = new Map<string, LocalName>();
  for (const d of register.data?.departments ?? []) byId.set(d.id, d.name);
  return (name, id) => (id ? byId.get(id) : undefined) ?? { ko: name };
}
