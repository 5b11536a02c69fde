import { useSite } from "../app/context.ts";
import { currentVersion } from "../data/aggregate.ts";
import type { ApiResult } from "./client.ts";
import type { Inventory } from "./model.ts";
import { q } from "./queries.ts";
import { type Resource, useResource } from "./useResource.ts";

export function useTenantSlug(): string | null {
  return useSite().tenant?.slug ?? null;
}

// The inventory is shared by Home, Emissions and the line pages: loaded once per tenant and kept.
const inventoryCache = new Map<string, Promise<ApiResult<Inventory>>>();

async function loadInventory(slug: string): Promise<ApiResult<Inventory>> {
  const refs = await q.inventories(slug);
  if (!refs.ok) return refs;
  const v = currentVersion(refs.data);
  if (!v) return { ok: false, error: { status: 404, code: "not_found", message: "no inventory" } };
  return q.inventory(slug, v.version);
}

/** The city's current inventory (newest published version), all its years. */
export function useInventory(): Resource<Inventory> {
  const slug = useTenantSlug();
  return useResource(slug && `inventory:${slug}`, () => {
    const key = slug as string;
    let p = inventoryCache.get(key);
    if (!p) {
      p = loadInventory(key).then((r) => {
        if (!r.ok) inventoryCache.delete(key);
        return r;
      });
      inventoryCache.set(key, p);
    }
    return p;
  });
}
