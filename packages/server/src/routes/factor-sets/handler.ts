import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentFactorSet, presentFactorSetHeader, presentGwpSet } from "../../presenters/factor-set.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { cachedJson, notFound } from "../common.ts";
import {
  getBuiltinFactorSetRoute,
  getTenantFactorSetRoute,
  listBuiltinFactorSetsRoute,
  listGwpSetsRoute,
  listTenantFactorSetsRoute,
  saveFactorSetRoute,
} from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listBuiltinFactorSetsRoute, async (c) => {
    const { store } = c.get("deps");
    const sets = await store.reference.builtinFactorSets();
    return c.json({ factor_sets: sets.map(presentFactorSetHeader) }, 200);
  });

  app.openapi(getBuiltinFactorSetRoute, async (c) => {
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    return cachedJson(c, `builtin-factors:${store.generation("*")}:${id}`, async () => {
      const f = await store.reference.builtinFactorSet(id);
      if (!f) throw notFound(`No built-in factor set "${id}".`, "id");
      return presentFactorSet(f);
    });
  });

  app.openapi(listGwpSetsRoute, async (c) => {
    const { store } = c.get("deps");
    return c.json({ gwp_sets: (await store.reference.gwpSets()).map(presentGwpSet) }, 200);
  });

  app.openapi(listTenantFactorSetsRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    return c.json(
      { tenant: t.slug, factor_sets: (await store.factorSets.list(t.id)).map(presentFactorSetHeader) },
      200,
    );
  });

  app.openapi(getTenantFactorSetRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const f = await store.factorSets.get(t.id, id);
    if (!f) throw notFound(`No factor set "${id}" in ${t.slug}.`, "id");
    return c.json(presentFactorSet(f), 200);
  });

  app.openapi(saveFactorSetRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    // Factors from a city are "user" factors to the core: they replace built-in factors per activity.
    const factors = body.factors.map((f, i) => ({ ...f, id: `${id}:${i + 1}`, origin: "user" as const }));
    const saved = await recordChange(store, c.get("caller"), async (s) => {
      const before = body.base_version === 0 ? undefined : await s.factorSets.get(t.id, id);
      const r = await s.factorSets.save(
        t.id,
        { id, name: body.name, source: body.source ?? null, factors },
        body.base_version,
      );
      const shown = (f: typeof r) => asJson({ name: f.name, source: f.source, factors: f.factors });
      return {
        result: r,
        audit: {
          tenantId: t.id,
          action: before ? "update" : "create",
          entity: "factor_set",
          entityId: id,
          version: r.version,
          before: before ? shown(before) : null,
          after: shown(r),
        },
      };
    });
    return c.json(presentFactorSetHeader(saved), 200);
  });
}
