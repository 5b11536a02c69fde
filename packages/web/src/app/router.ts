/**
 * The site's routes. The language is the first path segment (/ko/..., /en/...) so that every page can be
 * linked to in either language; "/" goes to /ko/ (Korean is the default).
 */
import { useSyncExternalStore } from "react";
import type { Locale } from "../format.ts";

export const LOCALES: readonly Locale[] = ["ko", "en"];

export type Route =
  | { page: "home" }
  | { page: "emissions" }
  | { page: "line"; lineId: string }
  | { page: "agenda" }
  | { page: "action"; actionId: string }
  | { page: "explorer" }
  | { page: "districts" }
  | { page: "data" }
  /** The consultations, open and past. */
  | { page: "consultations" }
  | { page: "consultation"; consultationId: string }
  /**
   * A person's account for taking part: sign-in or sign-up, resident verification, "my data"; `path` is the
   * part after /account/ (e.g. ["sign-up"]), empty for the entry.
   */
  | { page: "account"; path?: readonly string[] }
  /**
   * The staff workspace (sign-in in place when nobody is signed in); `path` is the part after
   * /workspace/ (a workspace page and its record, e.g. ["actions", "brt"]), empty for the entry.
   */
  | { page: "workspace"; path?: readonly string[] }
  | { page: "notFound" };

export interface Location {
  locale: Locale;
  route: Route;
  /** The query string's parameters (filters, search). */
  query: URLSearchParams;
  /** True when the path had no valid language segment (the app then replaces the URL). */
  missingLocale: boolean;
}

export function parseLocation(pathname: string, search = ""): Location {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const first = parts[0];
  const hasLocale = first === "ko" || first === "en";
  const locale: Locale = hasLocale ? (first as Locale) : "ko";
  const rest = hasLocale ? parts.slice(1) : parts;
  return { locale, route: parseRoute(rest), query: new URLSearchParams(search), missingLocale: !hasLocale };
}

function parseRoute(p: string[]): Route {
  const [a, b, c] = p;
  if (p.length === 0) return { page: "home" };
  if (a === "emissions" && p.length === 1) return { page: "emissions" };
  if (a === "emissions" && b === "lines" && c && p.length === 3) return { page: "line", lineId: c };
  if (a === "agenda" && p.length === 1) return { page: "agenda" };
  if (a === "agenda" && b === "actions" && c && p.length === 3) return { page: "action", actionId: c };
  if (a === "explorer" && p.length === 1) return { page: "explorer" };
  if (a === "districts" && p.length === 1) return { page: "districts" };
  if (a === "data" && p.length === 1) return { page: "data" };
  if (a === "consultations" && p.length === 1) return { page: "consultations" };
  if (a === "consultations" && b && p.length === 2) return { page: "consultation", consultationId: b };
  if (a === "account") return p.length === 1 ? { page: "account" } : { page: "account", path: p.slice(1) };
  if (a === "workspace")
    return p.length === 1 ? { page: "workspace" } : { page: "workspace", path: p.slice(1) };
  return { page: "notFound" };
}

export function pathFor(locale: Locale, route: Route): string {
  const base = `/${locale}`;
  switch (route.page) {
    case "home":
      return `${base}/`;
    case "line":
      return `${base}/emissions/lines/${encodeURIComponent(route.lineId)}`;
    case "action":
      return `${base}/agenda/actions/${encodeURIComponent(route.actionId)}`;
    case "consultation":
      return `${base}/consultations/${encodeURIComponent(route.consultationId)}`;
    case "notFound":
      return `${base}/`;
    case "workspace":
    case "account":
      return route.path?.length
        ? `${base}/${route.page}/${route.path.map(encodeURIComponent).join("/")}`
        : `${base}/${route.page}`;
    default:
      return `${base}/${route.page}`;
  }
}

/** The same page in another language (the query string is kept). */
export function switchLocale(pathname: string, search: string, to: Locale): string {
  const loc = parseLocation(pathname, search);
  const path = loc.route.page === "notFound" ? `/${to}/` : pathFor(to, loc.route);
  return search ? `${path}${search.startsWith("?") ? search : `?${search}`}` : path;
}

// --- history integration --------------------------------------------------------------------------

const listeners = new Set<() => void>();
function emit(): void {
  for (const l of listeners) l();
}
if (typeof window !== "undefined") window.addEventListener("popstate", emit);

export function navigate(href: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  emit();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** The current URL (path + query) as React state. */
export function useUrl(): string {
  return useSyncExternalStore(subscribe, snapshot, () => "/");
}
