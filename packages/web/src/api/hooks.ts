import { useSite } from "../app/context.ts";
import { latestPerYear } from "../data/aggregate.ts";
import type { ApiResult } from "./client.ts";
import type { Inventory, InventoryRef } from "./model.ts";
import { q } from "./queries.ts";
import { type Resource, useResource } from "./useResource.ts";

export function useTenantSlug(): string | null {
  return useSite().tenant?.slug ?? null;
}

export function useInventoryRefs(): Resource<InventoryRef[]> {
  const slug = useTenantSlug();
  return useResource(slug && `inventories:${slug}`, (s) => q.inventories(slug as string, s));
}

/** The newest inventory of each year, with its lines, oldest year first. */
export function useInventories(): Resource<Inventory[]> {
  const slug = useTenantSlug();
  return useResource(slug && `inventories-full:${slug}`, async (s): Promise<ApiResult<Inventory[]>> => {
    const refs = await q.inventories(slug as string, s);
    if (!refs.ok) return refs;
    const picked = latestPerYear(refs.data);
    const all = await Promise.all(picked.map((r) => q.inventory(slug as string, r.id, s)));
    const out: Inventory[] = [];
    for (const r of all) {
      if (!r.ok) return r;
      out.push(r.data);
    }
    return { ok: true, data: out };
  });
}
