import { CitypathError, problem } from "@citypath/core";
import type { InstanceRecord, Store, TenantRecord } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentActionIndex, presentInstance, presentInstanceHeader } from "../../presenters/instance.ts";
import { demoAnalysis } from "../../services/analysis.ts";
import { recordChange } from "../../services/audit.ts";
import { scenarioBand } from "../../services/band.ts";
import type { Services } from "../../services/index.ts";
import { assertModelOwner, instanceInfo, saveInstance } from "../../services/instances.ts";
import { cachedJson, notFound } from "../common.ts";
import {
  actionIndexRoute,
  analysisRoute,
  bandRoute,
  decompositionRoute,
  explainRoute,
  getInstanceRoute,
  instanceVersionsRoute,
  listInstancesRoute,
  listScenariosRoute,
  pathwayRoute,
  saveInstanceRoute,
  whatItTakesRoute,
} from "./schema.ts";

async function load(store: Store, t: TenantRecord, id: string, version?: number): Promise<InstanceRecord> {
  const inst = await store.instances.get(t.id, id, version);
  if (!inst)
    throw notFound(
      `No model instance "${id}"${version ? ` version ${version}` : ""} in ${t.slug}.`,
      "instance",
    );
  return inst;
}

function engineOf(services: Services) {
  if (!services.engine || !services.pathways)
    throw new CitypathError(problem("NOT_READY", "The pathway engine is not available in this server."));
  return { engine: services.engine, pathways: services.pathways };
}

export function register(app: OpenAPIHono<AppEnv>) {
  const analysis = demoAnalysis();
  app.openapi(listInstancesRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    return c.json(
      { tenant: t.slug, instances: (await store.instances.list(t.id)).map(presentInstanceHeader) },
      200,
    );
  });

  app.openapi(getInstanceRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { instance } = c.req.valid("param");
    const { version } = c.req.valid("query");
    return c.json(presentInstance(await load(store, t, instance, version)), 200);
  });

  app.openapi(instanceVersionsRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { instance } = c.req.valid("param");
    const versions = await store.instances.versions(t.id, instance);
    if (!versions.length) throw notFound(`No model instance "${instance}" in ${t.slug}.`, "instance");
    return c.json({ versions: versions.map(presentInstanceHeader) }, 200);
  });

  app.openapi(saveInstanceRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { engine } = engineOf(services);
    const { instance } = c.req.valid("param");
    const body = c.req.valid("json");
    await assertModelOwner(store, c.get("caller"), t);
    const saved = await recordChange(store, c.get("caller"), async (s) => {
      const before = body.base_version === 0 ? undefined : await s.instances.get(t.id, instance);
      const r = await saveInstance(s, engine, t.id, body.document, body.base_version, instance, body.note);
      // Every version of an instance is kept: the record names the versions and their document hashes.
      return {
        result: r,
        audit: {
          tenantId: t.id,
          action: before ? "update" : "create",
          entity: "instance",
          entityId: r.id,
          version: r.version,
          before: before ? { version: before.version, document_hash: before.documentHash } : null,
          after: { version: r.version, document_hash: r.documentHash, name: r.name, note: r.note },
        },
      };
    });
    return c.json(presentInstanceHeader(saved), 200);
  });

  app.openapi(listScenariosRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { engine } = engineOf(services);
    const { instance } = c.req.valid("param");
    const inst = await load(store, t, instance, c.req.valid("query").version);
    const info = await instanceInfo(engine, inst, services.compute);
    const bau = { id: "bau", name: { ko: "기준 전망 (BAU)", en: "Business as usual" }, levers: [] };
    return c.json(
      {
        instance: inst.id,
        version: inst.version,
        scenarios: [bau, ...info.scenarios.filter((s) => s.id !== "bau")],
      },
      200,
    );
  });

  app.openapi(actionIndexRoute, async (c) => {
    const t = c.get("tenant");
    const { instance } = c.req.valid("param");
    const inst = await load(c.get("deps").store, t, instance, c.req.valid("query").version);
    return c.json(presentActionIndex(inst), 200);
  });

  app.openapi(pathwayRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { pathways } = engineOf(services);
    const { instance, scenario } = c.req.valid("param");
    const { version } = c.req.valid("query");
    const key = `pathway:${t.id}:${store.generation(t.id, "instances")}:${instance}:${version ?? "latest"}:${scenario}`;
    return cachedJson(c, key, async () => pathways.get(await load(store, t, instance, version), scenario));
  });

  app.openapi(explainRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { engine } = engineOf(services);
    const { instance, scenario } = c.req.valid("param");
    const q = c.req.valid("query");
    const key = `explain:${t.id}:${store.generation(t.id, "instances")}:${instance}:${q.version ?? "latest"}:${scenario}:${q.line}:${q.year}`;
    return cachedJson(c, key, async () => {
      const inst = await load(store, t, instance, q.version);
      if (services.compute)
        return services.compute.explain({ document: inst.document, scenario, line: q.line, year: q.year });
      const r = engine.explain(inst.document, scenario, q.line, q.year);
      if (!r.ok) throw new CitypathError(r.problems);
      return r.value;
    });
  });

  app.openapi(decompositionRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { engine } = engineOf(services);
    const { instance, scenario } = c.req.valid("param");
    const q = c.req.valid("query");
    const key = `decomposition:${t.id}:${store.generation(t.id, "instances")}:${instance}:${q.version ?? "latest"}:${scenario}:${q.from}:${q.to}`;
    return cachedJson(c, key, async () => {
      const inst = await load(store, t, instance, q.version);
      const task = { document: inst.document, scenario, from: q.from, to: q.to };
      if (services.compute) return services.compute.decompose(task);
      const r = engine.decompose(task.document, scenario, task.from, task.to);
      if (!r.ok) throw new CitypathError(r.problems);
      return r.value;
    });
  });

  app.openapi(whatItTakesRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { engine } = engineOf(services);
    const { instance, scenario } = c.req.valid("param");
    const q = c.req.valid("query");
    const key = `what-it-takes:${t.id}:${store.generation(t.id, "instances")}:${instance}:${q.version ?? "latest"}:${scenario}:${q.target ?? ""}:${q.drivers ?? ""}:${q.years ?? ""}`;
    return cachedJson(c, key, async () => {
      const inst = await load(store, t, instance, q.version);
      const years = q.years?.split(",").map(Number);
      // in a compute thread when the server has them (always, when it serves); inline in in-process tests
      if (services.compute)
        return services.compute.whatItTakes({
          document: inst.document,
          scenario,
          drivers: q.drivers,
          target: q.target,
          years,
        });
      const r = engine.whatItTakes(inst.document, scenario, q.drivers, q.target, years);
      if (!r.ok) throw new CitypathError(r.problems);
      return r.value;
    });
  });

  app.openapi(bandRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    engineOf(services);
    const { instance, scenario } = c.req.valid("param");
    const q = c.req.valid("query");
    const key = `band:${t.id}:${store.generation(t.id, "instances")}:${instance}:${q.version ?? "latest"}:${scenario}:${q.samples}:${q.seed}`;
    return cachedJson(c, key, async () => {
      const inst = await load(store, t, instance, q.version);
      const spec = analysis(inst.id).uncertainty;
      if (!spec)
        throw new CitypathError(
          problem("NOT_FOUND", `Instance "${inst.id}" has no uncertainty spec.`, { path: "instance" }),
        );
      const band = services.compute
        ? await services.compute.band({
            document: inst.document,
            scenario,
            spec,
            samples: q.samples,
            seed: q.seed,
          })
        : scenarioBand(inst.document, scenario, spec, q.samples, q.seed);
      return { instance: inst.id, version: inst.version, ...band };
    });
  });

  app.openapi(analysisRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { instance } = c.req.valid("param");
    const inst = await load(store, t, instance);
    return c.json(analysis(inst.id), 200);
  });
}
