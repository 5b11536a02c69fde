import { useTenantSlug } from "../api/hooks.ts";
import { q } from "../api/queries.ts";
import { type Resource, useResource } from "../api/useResource.ts";

/** The city's model instance document (the first the API lists), as the worker compiles it. */
export function useInstanceDocument(): Resource<unknown> {
  const slug = useTenantSlug();
  return useResource(slug && `instance-doc:${slug}`, async (s) => {
    const list = await q.instances(slug as string, s);
    if (!list.ok) return list;
    const first = list.data[0];
    if (!first)
      return { ok: false as const, error: { status: 404, code: "not_found", message: "no instance" } };
    return q.instance(slug as string, first.id, s);
  });
}
