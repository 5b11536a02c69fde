/**
 * The pages' data, one function per question, each mapping the API's answer (wire.ts) to a view model
 * (model.ts). Routes follow packages/server/src/routes and /api/openapi.json.
 */
import { type ApiClient, type ApiResult, api } from "./client.ts";
import type {
  ActionDetail,
  ActionSummary,
  Inventory,
  InventoryRef,
  OpenDataset,
  Pathway,
  Tenant,
} from "./model.ts";
import {
  agendaActionDetail,
  agendaActionSummary,
  inventoryFromWire,
  inventoryRefFromWire,
  modelActionDetail,
  modelActionSummary,
  pathwayFromWire,
  tenantFromWire,
  type WireAgendaAction,
  type WireAgendaActionSummary,
  type WireBand,
  type WireInstanceAction,
  type WireInventory,
  type WireInventoryHeader,
  type WirePathway,
  type WireTenant,
  withBand,
} from "./wire.ts";

const enc = encodeURIComponent;

function map<A, B>(r: ApiResult<A>, f: (a: A) => B): ApiResult<B> {
  return r.ok ? { ok: true, data: f(r.data) } : r;
}

/** A list answer: a bare array or an object holding it under `key`. */
function list<T>(d: T[] | Record<string, unknown>, key: string): T[] {
  if (Array.isArray(d)) return d;
  const v = d[key];
  return Array.isArray(v) ? (v as T[]) : [];
}

export function queries(client: ApiClient = api) {
  /** The first model instance's document, or null when the city has none. */
  async function instanceDoc(
    tenant: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<{ instanceId: string; actions?: WireInstanceAction[] } | null>> {
    const insts = await client.get<{ instances: InstanceRef[] }>(`/tenants/${enc(tenant)}/instances`, signal);
    if (!insts.ok) return insts;
    const first = insts.data.instances[0];
    if (!first) return { ok: true, data: null };
    const doc = await client.get<{ document: { actions?: WireInstanceAction[] } }>(
      `/tenants/${enc(tenant)}/instances/${enc(first.id)}`,
      signal,
    );
    return map(doc, (d) => ({ instanceId: first.id, actions: d.document.actions }));
  }

  /** The pathway of every scenario of an instance (each answer holds BAU and the scenario). */
  async function scenarioRuns(
    tenant: string,
    instance: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<WirePathway[]>> {
    const base = `/tenants/${enc(tenant)}/instances/${enc(instance)}`;
    const sc = await client.get<{ scenarios: Array<{ id: string }> }>(`${base}/scenarios`, signal);
    if (!sc.ok) return sc;
    const ids = sc.data.scenarios.map((s) => s.id).filter((id) => id !== "bau");
    const runs = await Promise.all(
      (ids.length ? ids : ["bau"]).map((id) =>
        client.get<WirePathway>(`${base}/scenarios/${enc(id)}/pathway`, signal),
      ),
    );
    const out: WirePathway[] = [];
    for (const r of runs) {
      if (!r.ok) return r;
      out.push(r.data);
    }
    return { ok: true, data: out };
  }

  return {
    tenants: (signal?: AbortSignal): Promise<ApiResult<Tenant[]>> =>
      client
        .get<WireTenant[] | Record<string, unknown>>("/tenants", signal)
        .then((r) => map(r, (d) => list<WireTenant>(d, "tenants").map(tenantFromWire))),
    inventories: (tenant: string, signal?: AbortSignal): Promise<ApiResult<InventoryRef[]>> =>
      client
        .get<WireInventoryHeader[] | Record<string, unknown>>(`/tenants/${enc(tenant)}/inventories`, signal)
        .then((r) => map(r, (d) => list<WireInventoryHeader>(d, "inventories").map(inventoryRefFromWire))),
    inventory: (
      tenant: string,
      version: number | "latest",
      signal?: AbortSignal,
    ): Promise<ApiResult<Inventory>> =>
      client
        .get<WireInventory>(`/tenants/${enc(tenant)}/inventories/${version}`, signal)
        .then((r) => map(r, inventoryFromWire)),
    scenarios: (tenant: string, instance: string, signal?: AbortSignal) =>
      client
        .get<{ scenarios: Array<{ id: string; name: { ko: string; en: string } }> }>(
          `/tenants/${enc(tenant)}/instances/${enc(instance)}/scenarios`,
          signal,
        )
        .then((r) => map(r, (d) => d.scenarios)),
    /** Every scenario's pathway (computed and cached by the server), drawn on one basis. */
    pathway: async (tenant: string, signal?: AbortSignal): Promise<ApiResult<Pathway | null>> => {
      const insts = await client.get<{ instances: InstanceRef[] }>(
        `/tenants/${enc(tenant)}/instances`,
        signal,
      );
      if (!insts.ok) return insts;
      const inst = insts.data.instances[0];
      if (!inst) return { ok: true, data: null };
      const runs = map(await scenarioRuns(tenant, inst.id, signal), pathwayFromWire);
      if (!runs.ok || !runs.data) return runs;
      // The uncertainty band of the main scenario, when the city has an uncertainty spec (404 otherwise).
      const p = runs.data;
      const band = await client.get<WireBand>(
        `/tenants/${enc(tenant)}/instances/${enc(inst.id)}/scenarios/${enc(p.scenarioId)}/band`,
        signal,
      );
      if (!band.ok) return band.error.status === 404 ? runs : band;
      return { ok: true, data: withBand(p, band.data) };
    },
    /**
     * The agenda's actions (route of the agenda, when the server has it); until the city publishes its
     * agenda, the actions of its model instance, marked as such.
     */
    actions: async (tenant: string, signal?: AbortSignal): Promise<ApiResult<ActionSummary[]>> => {
      const r = await client.get<WireAgendaActionSummary[] | Record<string, unknown>>(
        `/tenants/${enc(tenant)}/actions`,
        signal,
      );
      if (r.ok) return map(r, (d) => list<WireAgendaActionSummary>(d, "actions").map(agendaActionSummary));
      if (r.error.status !== 404) return r;
      const doc = await instanceDoc(tenant, signal);
      return map(doc, (d) => (d?.actions ?? []).map(modelActionSummary));
    },
    action: async (tenant: string, id: string, signal?: AbortSignal): Promise<ApiResult<ActionDetail>> => {
      const r = await client.get<WireAgendaAction>(`/tenants/${enc(tenant)}/actions/${enc(id)}`, signal);
      if (r.ok || r.error.status !== 404) return map(r, agendaActionDetail);
      const doc = await instanceDoc(tenant, signal);
      if (!doc.ok) return doc;
      const a = doc.data?.actions?.find((x) => x.id === id);
      if (!a || !doc.data)
        return { ok: false, error: { status: 404, code: "NOT_FOUND", message: `no action ${id}` } };
      const runs = await scenarioRuns(tenant, doc.data.instanceId, signal);
      return { ok: true, data: modelActionDetail(a, runs.ok ? runs.data : []) };
    },
    /** The city's district boundaries as GeoJSON; 404 when none were uploaded (the demo has none). */
    boundaries: (tenant: string, signal?: AbortSignal) =>
      client.get<GeoJSON>(`/tenants/${enc(tenant)}/boundaries`, signal),
    instances: (tenant: string, signal?: AbortSignal): Promise<ApiResult<InstanceRef[]>> =>
      client
        .get<InstanceRef[] | Record<string, unknown>>(`/tenants/${enc(tenant)}/instances`, signal)
        .then((r) => map(r, (d) => list<InstanceRef>(d, "instances"))),
    instance: (tenant: string, id: string, signal?: AbortSignal) =>
      client.get<unknown>(`/tenants/${enc(tenant)}/instances/${enc(id)}`, signal),
    /** The instance's analysis settings (uncertainty spec, portfolio settings); null where none (404). */
    analysis: async (
      tenant: string,
      id: string,
      signal?: AbortSignal,
    ): Promise<ApiResult<{ uncertainty: unknown; portfolio: unknown }>> => {
      const r = await client.get<{ uncertainty: unknown; portfolio: unknown }>(
        `/tenants/${enc(tenant)}/instances/${enc(id)}/analysis`,
        signal,
      );
      if (!r.ok && r.error.status === 404) return { ok: true, data: { uncertainty: null, portfolio: null } };
      return map(r, (d) => ({ uncertainty: d.uncertainty ?? null, portfolio: d.portfolio ?? null }));
    },
    datasets: (tenant: string, signal?: AbortSignal): Promise<ApiResult<OpenDataset[]>> =>
      client
        .get<OpenDataset[] | Record<string, unknown>>(`/tenants/${enc(tenant)}/datasets`, signal)
        .then((r) => map(r, (d) => list<OpenDataset>(d, "datasets"))),
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
