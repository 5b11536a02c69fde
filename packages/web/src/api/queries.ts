/**
 * The pages' data, one function per question, each calling the API through the typed client (routes and
 * bodies from /api/openapi.json, schema.generated.ts) and mapping the answer (wire.ts) to a view model
 * (model.ts).
 */
import { type ApiClient, type ApiResult, api, result, type Schemas } from "./client.ts";
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
  withBand,
} from "./wire.ts";

function map<A, B>(r: ApiResult<A>, f: (a: A) => B): ApiResult<B> {
  return r.ok ? { ok: true, data: f(r.data) } : r;
}

export type InstanceRef = Schemas["InstanceHeader"];

export function queries(client: ApiClient = api) {
  const { http } = client;

  const instances = (tenant: string, signal?: AbortSignal): Promise<ApiResult<InstanceRef[]>> =>
    result(
      http.GET("/api/tenants/{tenant}/instances", { params: { path: { tenant } }, signal }),
      signal,
    ).then((r) => map(r, (d) => d.instances));

  const instance = (tenant: string, id: string, signal?: AbortSignal) =>
    result(
      http.GET("/api/tenants/{tenant}/instances/{instance}", {
        params: { path: { tenant, instance: id } },
        signal,
      }),
      signal,
    );

  /** The first model instance's actions, or null when the city has none. */
  async function instanceActions(
    tenant: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<{ instanceId: string; actions: Schemas["InstanceDocument"]["actions"] } | null>> {
    const insts = await instances(tenant, signal);
    if (!insts.ok) return insts;
    const first = insts.data[0];
    if (!first) return { ok: true, data: null };
    const doc = await instance(tenant, first.id, signal);
    return map(doc, (d) => ({
      instanceId: first.id,
      actions: d.document.actions,
    }));
  }

  /** The pathway of every scenario of an instance (each answer holds BAU and the scenario). */
  async function scenarioRuns(
    tenant: string,
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<Schemas["PathwayDocument"][]>> {
    const sc = await scenarios(tenant, instanceId, signal);
    if (!sc.ok) return sc;
    const ids = sc.data.map((s) => s.id).filter((id) => id !== "bau");
    const runs = await Promise.all(
      (ids.length ? ids : ["bau"]).map((scenario) =>
        result(
          http.GET("/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/pathway", {
            params: { path: { tenant, instance: instanceId, scenario } },
            signal,
          }),
          signal,
        ),
      ),
    );
    const out: Schemas["PathwayDocument"][] = [];
    for (const r of runs) {
      if (!r.ok) return r;
      out.push(r.data);
    }
    return { ok: true, data: out };
  }

  const scenarios = (tenant: string, instanceId: string, signal?: AbortSignal) =>
    result(
      http.GET("/api/tenants/{tenant}/instances/{instance}/scenarios", {
        params: { path: { tenant, instance: instanceId } },
        signal,
      }),
      signal,
    ).then((r) => map(r, (d) => d.scenarios));

  return {
    tenants: (signal?: AbortSignal): Promise<ApiResult<Tenant[]>> =>
      result(http.GET("/api/tenants", { signal }), signal).then((r) =>
        map(r, (d) => d.tenants.map(tenantFromWire)),
      ),
    inventories: (tenant: string, signal?: AbortSignal): Promise<ApiResult<InventoryRef[]>> =>
      result(
        http.GET("/api/tenants/{tenant}/inventories", { params: { path: { tenant } }, signal }),
        signal,
      ).then((r) => map(r, (d) => d.inventories.map(inventoryRefFromWire))),
    /** "latest" is the server's newest published version (for members: the newest version). */
    inventory: (
      tenant: string,
      version: number | "latest",
      signal?: AbortSignal,
    ): Promise<ApiResult<Inventory>> =>
      result(
        http.GET("/api/tenants/{tenant}/inventories/{version}", {
          params: { path: { tenant, version: String(version) } },
          signal,
        }),
        signal,
      ).then((r) => map(r, inventoryFromWire)),
    scenarios,
    /** Every scenario's pathway (computed and cached by the server), drawn on one basis. */
    pathway: async (tenant: string, signal?: AbortSignal): Promise<ApiResult<Pathway | null>> => {
      const insts = await instances(tenant, signal);
      if (!insts.ok) return insts;
      const inst = insts.data[0];
      if (!inst) return { ok: true, data: null };
      const runs = map(await scenarioRuns(tenant, inst.id, signal), pathwayFromWire);
      if (!runs.ok || !runs.data) return runs;
      // The uncertainty band of the main scenario, when the city has an uncertainty spec (404 otherwise).
      const p = runs.data;
      const band = await result(
        http.GET("/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/band", {
          params: { path: { tenant, instance: inst.id, scenario: p.scenarioId } },
          signal,
        }),
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
      const r = await result(
        http.GET("/api/tenants/{tenant}/actions", { params: { path: { tenant } }, signal }),
        signal,
      );
      if (r.ok) return map(r, (d) => d.actions.map(agendaActionSummary));
      if (r.error.status !== 404) return r;
      const doc = await instanceActions(tenant, signal);
      return map(doc, (d) => (d?.actions ?? []).map(modelActionSummary));
    },
    action: async (tenant: string, id: string, signal?: AbortSignal): Promise<ApiResult<ActionDetail>> => {
      const r = await result(
        http.GET("/api/tenants/{tenant}/actions/{action}", {
          params: { path: { tenant, action: id } },
          signal,
        }),
        signal,
      );
      if (r.ok || r.error.status !== 404) return map(r, (d) => agendaActionDetail(d));
      const doc = await instanceActions(tenant, signal);
      if (!doc.ok) return doc;
      const a = doc.data?.actions?.find((x) => x.id === id);
      if (!a || !doc.data)
        return { ok: false, error: { status: 404, code: "NOT_FOUND", message: `no action ${id}` } };
      const runs = await scenarioRuns(tenant, doc.data.instanceId, signal);
      return { ok: true, data: modelActionDetail(a, runs.ok ? runs.data : []) };
    },
    instances,
    instance,
    /** The instance's analysis settings (uncertainty spec, portfolio settings); null where none (404). */
    analysis: async (
      tenant: string,
      id: string,
      signal?: AbortSignal,
    ): Promise<ApiResult<Pick<Schemas["InstanceAnalysis"], "uncertainty" | "portfolio">>> => {
      const r = await result(
        http.GET("/api/tenants/{tenant}/instances/{instance}/analysis", {
          params: { path: { tenant, instance: id } },
          signal,
        }),
        signal,
      );
      if (!r.ok && r.error.status === 404) return { ok: true, data: { uncertainty: null, portfolio: null } };
      return map(r, (d) => ({ uncertainty: d.uncertainty, portfolio: d.portfolio }));
    },
    datasets: (tenant: string, signal?: AbortSignal): Promise<ApiResult<OpenDataset[]>> =>
      result(
        http.GET("/api/tenants/{tenant}/datasets", { params: { path: { tenant } }, signal }),
        signal,
      ).then((r) => map(r, (d) => d.datasets)),
    url: (path: string) => client.url(path),
  };
}

export type Queries = ReturnType<typeof queries>;
export const q = queries();
