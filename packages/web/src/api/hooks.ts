import { useSite } from "../app/context.ts";
import type { ApiResult } from "./client.ts";
import type { Inventory } from "./model.ts";
import { q } from "./queries.ts";
import { type Resource, useResource } from "./useResource.ts";

export function useTenantSlug(): string | null {
  return useSite().tenant?.slug ?? null;
}

// The inventory is shared by Home, Emissions and the line pages: loaded once per tenant and kept.
const inventoryCache = new Map<string, Promise<ApiResult<Inventory>>>();

/** "latest" is the server's newest published version (for members: the newest version). */
function loadInventory(slug: string): Promise<ApiResult<Inventory>> {
  return q.inventory(slug, "latest");
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
