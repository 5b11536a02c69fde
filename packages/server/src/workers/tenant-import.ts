/**
 * The tenant import's body, checked in the file worker (files-worker.mjs): the bytes are decoded, parsed as
 * JSON, searched for strings the database cannot store (as boundary.ts does for every other body) and checked
 * against the export's schema (parseTenantExport). An export may be 64 MB; parsing and checking it took
 * hundreds of milliseconds of the server's thread, and zod's first check of the large schema most of a
 * second. The answer is the checked export, or every problem with its path in the body ("json. ...").
 */
import { type Problem, problem } from "@citypath/core";
import { type CheckedTenantExport, parseTenantExport } from "@citypath/db/export";
import { scan } from "../storable.ts";

export type TenantExportCheck = CheckedTenantExport | { readonly ok: false; readonly problems: Problem[] };

export function checkTenantExport(bytes: Uint8Array): TenantExportCheck {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problems: [problem("BAD_VALUE", "The body is not UTF-8 text.", { path: "json" })] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      problems: [problem("BAD_VALUE", `The body is not JSON: ${(e as Error).message}`, { path: "json" })],
    };
  }
  const unstorable: Problem[] = [];
  scan(doc, "json", unstorable);
  if (unstorable.length) return { ok: false, problems: unstorable };
  const r = parseTenantExport(doc);
  if (r.ok) return r;
  return {
    ok: false,
    problems: r.problems.map((p) => ({
      ...p,
      path: p.path ? `json.${p.path.replace(/\[(\d+)\]/g, ".$1")}` : "json",
    })),
  };
}
