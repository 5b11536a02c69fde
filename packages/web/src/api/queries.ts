/**
 * The pages' data, one function per question, each mapping the API's answer to a view model (model.ts).
 * Routes follow packages/server/src/routes and /api/openapi.json.
 */
import { type ApiClient, type ApiResult, api } from "./client.ts";
import type {
  ActionDetail,
  ActionSummary,
  District,
  Inventory,
  InventoryRef,
  LineDetail,
  OpenDataset,
  Pathway,
  Tenant,
} from "./model.ts";

const enc = encodeURIComponent;

function map<A, B>(r: ApiResult<A>, f: (a: A) => B): ApiResult<B> {
  return r.ok ? { ok: true, data: f(r.data) } : r;
}

export function queries(client: ApiClient = api) {
  return {
    tenants: (signal?: AbortSignal) =>
      client
        .get<{ tenants: Tenant[] } | Tenant[]>("/tenants", signal)
        .then((r) => map(r, (d) => (Array.isArray(d) ? d : d.tenants))),
    inventories: (tenant: string, signal?: AbortSignal) =>
      client
        .get<{ inventories: InventoryRef[] } | InventoryRef[]>(`/tenants/${enc(tenant)}/inventories`, signal)
        .then((r) => map(r, (d) => (Array.isArray(d) ? d : d.inventories))),
    inventory: (tenant: string, id: string, signal?: AbortSignal) =>
      client.get<Inventory>(`/tenants/${enc(tenant)}/inventories/${enc(id)}`, signal),
    line: (tenant: string, lineId: string, signal?: AbortSignal) =>
      client.get<LineDetail>(`/tenants/${enc(tenant)}/inventory-lines/${enc(lineId)}`, signal),
    pathway: (tenant: string, scenario: string | null, signal?: AbortSignal) =>
      client.get<Pathway>(
        scenario
          ? `/tenants/${enc(tenant)}/scenarios/${enc(scenario)}/pathway`
          : `/tenants/${enc(tenant)}/pathway`,
        signal,
      ),
    actions: (tenant: string, signal?: AbortSignal) =>
      client
        .get<{ actions: ActionSummary[] } | ActionSummary[]>(`/tenants/${enc(tenant)}/actions`, signal)
        .then((r) => map(r, (d) => (Array.isArray(d) ? d : d.actions))),
    action: (tenant: string, id: string, signal?: AbortSignal) =>
      client.get<ActionDetail>(`/tenants/${enc(tenant)}/actions/${enc(id)}`, signal),
    districts: (tenant: string, signal?: AbortSignal) =>
      client
        .get<{ districts: District[] } | District[]>(`/tenants/${enc(tenant)}/districts`, signal)
        .then((r) => map(r, (d) => (Array.isArray(d) ? d : d.districts))),
    /** The city's district boundaries as GeoJSON; 404 when none were uploaded (the demo has none). */
    boundaries: (tenant: string, signal?: AbortSignal) =>
      client.get<GeoJSON>(`/tenants/${enc(tenant)}/boundaries`, signal),
    instances: (tenant: string, signal?: AbortSignal) =>
      client
        .get<{ instances: InstanceRef[] } | InstanceRef[]>(`/tenants/${enc(tenant)}/instances`, signal)
        .then((r) => map(r, (d) => (Array.isArray(d) ? d : d.instances))),
    instance: (tenant: string, id: string, signal?: AbortSignal) =>
      client.get<unknown>(`/tenants/${enc(tenant)}/instances/${enc(id)}`, signal),
    datasets: (tenant: string, signal?: AbortSignal) =>
      client
        .get<{ datasets: OpenDataset[] } | OpenDataset[]>(`/tenants/${enc(tenant)}/datasets`, signal)
        .then((r) => map(r, (d) => (Array.isArray(d) ? d : d.datasets))),
    url: (path: string) => client.url(path),
  };
}

/** A GeoJSON FeatureCollection of district polygons; each feature's properties carry `id` and `name`. */
export interface GeoJSON {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    properties: { id?: string; name?: string; [k: string]: unknown } | null;
    geometry: { type: string; coordinates: unknown };
  }>;
}

export interface InstanceRef {
  id: string;
  version?: string;
}

export type Queries = ReturnType<typeof queries>;
export const q = queries();
