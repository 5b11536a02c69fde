/**
 * The Imports page's calls, one per kind of data: activity data and factors go through the dataset import
 * (`/imports/preview`, `/imports/commit`), indicator values and actions through the agenda's own imports
 * (`/indicators/import/*`, `/actions/import/*`). Each answer keeps its own typed shape.
 */
import { type ApiResult, result, type Schemas } from "../api/client.ts";
import { staffClient } from "./session.ts";

export type Kind = "activity" | "factors" | "indicators" | "actions";
export type DatasetBody = Schemas["ImportRequest"];
export type UploadBody = Schemas["ObservationImport"];
export type ImportBody = DatasetBody | UploadBody;
export type Preview =
  | Schemas["ImportPreview"]
  | Schemas["ObservationImportPreview"]
  | Schemas["ActionImportPreview"];
export type Committed =
  | { kind: "activity" | "factors"; id: string; version: number; rows: number }
  | { stored: number; indicators: string[] }
  | { stored: number; actions: string[] };

/** Indicator values and actions change agenda records; activity data and factors make a dataset. */
export const isAgendaKind = (k: Kind): k is "indicators" | "actions" => k === "indicators" || k === "actions";

/** Checks a file of the given kind: every problem, and for agenda kinds what would change; nothing stored. */
export function importPreview(tenant: string, kind: Kind, body: ImportBody): Promise<ApiResult<Preview>> {
  const http = staffClient().http;
  const params = { path: { tenant } };
  if (!isAgendaKind(kind))
    return result(http.POST("/api/tenants/{tenant}/imports/preview", { params, body: body as DatasetBody }));
  return kind === "indicators"
    ? result(http.POST("/api/tenants/{tenant}/indicators/import/preview", { params, body }))
    : result(http.POST("/api/tenants/{tenant}/actions/import/preview", { params, body }));
}

/** Stores a file of the given kind, all or nothing (any problem: 400 with every one, nothing stored). */
export function importCommit(tenant: string, kind: Kind, body: ImportBody): Promise<ApiResult<Committed>> {
  const http = staffClient().http;
  const params = { path: { tenant } };
  if (!isAgendaKind(kind))
    return result(http.POST("/api/tenants/{tenant}/imports/commit", { params, body: body as DatasetBody }));
  return kind === "indicators"
    ? result(http.POST("/api/tenants/{tenant}/indicators/import/commit", { params, body }))
    : result(http.POST("/api/tenants/{tenant}/actions/import/commit", { params, body }));
}
