/**
 * What the entry asks for before React mounts, by route: the list of cities (index.html asked for it in its
 * first bytes; the client takes that answer), then, as soon as the city is known, the first answers of the
 * page being opened. The page's own code asks for the same answers through the typed client and takes
 * these (api/early.ts), so nothing waits on the page's code, on React or on an answer it does not need.
 */

import type { ApiResult } from "../api/client.ts";
import { adoptPageEarly, askEarly } from "../api/early.ts";
import { startInventory, startPathway } from "../api/hooks.ts";
import type { Tenant } from "../api/model.ts";
import { q } from "../api/queries.ts";
import type { Location } from "./router.ts";

let tenants: Promise<ApiResult<Tenant[]>> | undefined;

/** The list of cities the entry asked for, once (App takes it instead of asking again). */
export function takeTenants(): Promise<ApiResult<Tenant[]>> | undefined {
  const t = tenants;
  tenants = undefined;
  return t;
}

/** The API paths a page asks for first, given the city (none for a page that asks for nothing public). */
export function firstRequests(slug: string, loc: Location): string[] {
  const t = `/api/tenants/${encodeURIComponent(slug)}`;
  const r = loc.route;
  switch (r.page) {
    case "home":
      return [`${t}/actions`, `${t}/inventories`];
    case "agenda":
      return [`${t}/actions`];
    case "action":
      return [`${t}/actions/${encodeURIComponent(r.actionId)}`];
    case "data":
      return [`${t}/datasets`];
    case "consultations":
      return [`${t}/consultations`, `${t}/actions`];
    case "consultation": {
      const c = `${t}/consultations/${encodeURIComponent(r.consultationId)}`;
      // the lists' first pages as the page asks for them when the address chooses no sort, filter or page
      // (the common case; any other is left to the page, which checks the address's values)
      const plain = !["sort", "badge", "page", "psort", "pbadge", "ppage"].some((k) => loc.query.has(k));
      const lists = plain ? [`${c}/comments?sort=newest&page=1`, `${c}/proposals?sort=newest&page=1`] : [];
      return [c, ...lists, "/api/auth/session", `${t}/actions`];
    }
    default:
      return [];
  }
}

/** The pages whose first figure is the inventory (index.html asks for it too, by the same pages' addresses). */
export const INVENTORY_FIRST: ReadonlySet<Location["route"]["page"]> = new Set([
  "home",
  "emissions",
  "line",
  "districts",
]);

/** Where the browser keeps the city the list of cities named first (index.html reads it; decision 0094). */
export const REMEMBERED_CITY_KEY = "citypath.city";

/** Remembers the site's city for the next visit's early requests (nothing when storage is refused). */
export function rememberCity(slug: string): void {
  try {
    if (localStorage.getItem(REMEMBERED_CITY_KEY) !== slug) localStorage.setItem(REMEMBERED_CITY_KEY, slug);
  } catch {
    // storage refused or full: the next visit asks after the list, as without it
  }
}

/** Starts the page's first requests (not for the staff workspace, which starts its own after the session). */
export function startPage(loc: Location): void {
  if (loc.route.page === "workspace") return;
  tenants = q.tenants();
  void tenants.then((r) => {
    const slug = r.ok ? r.data[0]?.slug : undefined;
    if (!slug) return;
    rememberCity(slug);
    const page = loc.route.page;
    if (INVENTORY_FIRST.has(page)) startInventory(slug);
    if (page === "home") startPathway(slug);
    // what index.html asked for meanwhile (a consultation's answers, the inventory) is not asked again
    adoptPageEarly();
    for (const path of firstRequests(slug, loc)) askEarly(path);
  });
}
