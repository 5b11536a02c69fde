/**
 * The names of the agenda's actions and of the departments that own them, by id, for the participation pages
 * (a consultation holds only the ids of its plan item and department): asked for once per city and kept.
 */
import { type ApiResult, api, result } from "../api/client.ts";
import { useTenantSlug } from "../api/hooks.ts";
import type { Localized } from "../api/model.ts";
import { useResource } from "../api/useResource.ts";

/** Names by id: the agenda's actions and the departments that own them. */
export interface AgendaNames {
  actions: ReadonlyMap<string, Localized>;
  departments: ReadonlyMap<string, Localized>;
}

/** The names from the agenda's action list; empty until the city publishes its agenda (404). */
async function agendaNames(tenant: string): Promise<ApiResult<AgendaNames>> {
  const r = await result(api.http.GET("/api/tenants/{tenant}/actions", { params: { path: { tenant } } }));
  if (!r.ok)
    return r.error.status === 404 ? { ok: true, data: { actions: new Map(), departments: new Map() } } : r;
  const departments = new Map<string, Localized>();
  for (const a of r.data.actions)
    for (const d of a.departments_named) if (d.name) departments.set(d.id, d.name);
  return { ok: true, data: { actions: new Map(r.data.actions.map((a) => [a.id, a.name])), departments } };
}

const cache = new Map<string, Promise<ApiResult<AgendaNames>>>();

/** The agenda's action and department names by id; null while they load (or when they fail). */
export function useAgendaNames(): AgendaNames | null {
  const slug = useTenantSlug();
  const r = useResource(slug && `agenda-names:${slug}`, () => {
    const key = slug as string;
    let p = cache.get(key);
    if (!p) {
      p = agendaNames(key).then((x) => {
        if (!x.ok) cache.delete(key);
        return x;
      });
      cache.set(key, p);
    }
    return p;
  });
  return r.state === "ready" ? r.data : null;
}
