import { useSite } from "../app/context.ts";
import type { ApiResult } from "./client.ts";
import type { Inventory, Pathway } from "./model.ts";
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

/** Asks for the city's inventory now (the entry, before the page mounts); kept for the pages that show it. */
export function startInventory(slug: string): Promise<ApiResult<Inventory>> {
  let p = inventoryCache.get(slug);
  if (!p) {
    p = loadInventory(slug).then((r) => {
      if (!r.ok) inventoryCache.delete(slug);
      return r;
    });
    inventoryCache.set(slug, p);
  }
  return p;
}

/** The city's current inventory (newest published version), all its years. */
export function useInventory(): Resource<Inventory> {
  const slug = useTenantSlug();
  return useResource(slug && `inventory:${slug}`, () => startInventory(slug as string));
}

// The home page's pathways, when the entry asked for them before the page mounted: taken once.
const pathwayStarted = new Map<string, Promise<ApiResult<Pathway | null>>>();

/** Asks for every scenario's pathway and the band now (the entry, on the home page). */
export function startPathway(slug: string): void {
  if (!pathwayStarted.has(slug)) pathwayStarted.set(slug, q.pathway(slug));
}

/** Every scenario's pathway of the city's first model instance, with the main scenario's band. */
export function usePathway(): Resource<Pathway | null> {
  const slug = useTenantSlug();
  return useResource(slug && `pathway:${slug}`, (signal) => {
    const key = slug as string;
    const early = pathwayStarted.get(key);
    pathwayStarted.delete(key);
    return early ?? q.pathway(key, signal);
  });
}
