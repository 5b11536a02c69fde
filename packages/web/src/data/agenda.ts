/**
 * Filtering and search of agenda actions. Search matches the Korean and the English text whatever the
 * page's language, case-insensitively and ignoring spaces (Korean names are often written with or without
 * spaces: "탄소중립 도시" = "탄소중립도시").
 */
import type { ActionSummary, Localized } from "../api/model.ts";

export interface AgendaFilter {
  q: string;
  status: string;
  sector: string;
  department: string;
  policyArea: string;
}

const norm = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, "");

function texts(l: Localized | undefined): string[] {
  if (l === undefined) return [];
  if (typeof l === "string") return [l];
  return [l.ko, l.en].filter((x): x is string => typeof x === "string");
}

/** A stable key for a localized value (its Korean text, else English), used for filter options. */
export function keyOf(l: Localized | undefined): string {
  if (l === undefined) return "";
  return typeof l === "string" ? l : (l.ko ?? l.en ?? "");
}

export function matches(a: ActionSummary, f: AgendaFilter): boolean {
  if (f.status && a.status !== f.status) return false;
  if (f.sector && a.sector !== f.sector) return false;
  if (f.department && keyOf(a.department) !== f.department) return false;
  if (f.policyArea && keyOf(a.policyArea) !== f.policyArea) return false;
  if (f.q.trim()) {
    const needle = norm(f.q);
    const hay = [...texts(a.name), ...texts(a.policyArea), ...texts(a.department), a.id].map(norm);
    if (!hay.some((h) => h.includes(needle))) return false;
  }
  return true;
}

export function filterFromQuery(q: URLSearchParams): AgendaFilter {
  return {
    q: q.get("q") ?? "",
    status: q.get("status") ?? "",
    sector: q.get("sector") ?? "",
    department: q.get("department") ?? "",
    policyArea: q.get("area") ?? "",
  };
}

export function filterToQuery(f: AgendaFilter): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.status) p.set("status", f.status);
  if (f.sector) p.set("sector", f.sector);
  if (f.department) p.set("department", f.department);
  if (f.policyArea) p.set("area", f.policyArea);
  const s = p.toString();
  return s ? `?${s}` : "";
}
