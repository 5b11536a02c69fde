import type { OpenAPIHono } from "@hono/zod-openapi";
import { roleIn } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { presentTenant } from "../../presenters/tenant.ts";
import { asJson, recordChange } from "../../services/audit.ts";

import { cachedJson } from "../common.ts";
import { createTenantRoute, getTenantRoute, listTenantsRoute, updateTenantRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTenantsRoute, async (c) => {
    const { store } = c.get("deps");
    const tenants = await store.tenants.list();
    const caller = c.get("caller");
    return c.json(
      { tenants: tenants.map((t) => presentTenant(t, { member: roleIn(caller, t.id) !== undefined })) },
      200,
    );
  });

  app.openapi(getTenantRoute, async (c) => {
    const t = c.get("tenant");
    const member = roleIn(c.get("caller"), t.id) !== undefined;
    const { store } = c.get("deps");
    return cachedJson(c, `tenant:${t.id}:${store.generation(t.id, "tenant")}:${member}`, async () =>
      presentTenant(t, { member }),
    );
  });

  app.openapi(createTenantRoute, async (c) => {
    const body = c.req.valid("json");
    const { store } = c.get("deps");
    const t = await recordChange(store, c.get("caller"), async (s) => {
      const created = await s.tenants.create({
        slug: body.slug,
        name: body.name,
        nameEn: body.name_en,
        settings: body.settings ?? {},
      });
      const { id, createdAt, updatedAt, ...after } = created;
      return {
        result: created,
        audit: {
          tenantId: id,
          action: "create",
          entity: "tenant",
          entityId: id,
          version: 1,
          after: asJson(after),
        },
      };
    });
    return c.json(presentTenant(t, { member: true }), 201);
  });

  app.openapi(updateTenantRoute, async (c) => {
    const body = c.req.valid("json");
    const { store } = c.get("deps");
    const tenantId = c.get("tenant").id;
    const t = await recordChange(store, c.get("caller"), async (s) => {
      const before = await s.tenants.byId(tenantId);
      const updated = await s.tenants.update(tenantId, body.base_version, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.name_en !== undefined ? { nameEn: body.name_en } : {}),
        ...(body.settings !== undefined ? { settings: body.settings } : {}),
      });
      const shown = (r: typeof updated) => asJson({ name: r.name, nameEn: r.nameEn, settings: r.settings });
      return {
        result: updated,
        audit: {
          tenantId,
          action: "update",
          entity: "tenant",
          entityId: tenantId,
          version: updated.version,
          before: before ? shown(before) : null,
          after: shown(updated),
        },
      };
    });
    return c.json(presentTenant(t, { member: true }), 200);
  });
}
