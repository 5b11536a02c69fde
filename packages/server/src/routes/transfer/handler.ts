import { exportTenant, importTenant } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentTenant } from "../../presenters/tenant.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { exportRoute, importRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(exportRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const doc = await exportTenant(store, t.slug);
    c.header("content-disposition", `attachment; filename="${t.slug}-export.json"`);
    return c.json(doc, 200);
  });

  app.openapi(importRoute, async (c) => {
    const { store } = c.get("deps");
    const { slug } = c.req.valid("query");
    const t = await recordChange(store, c.get("caller"), async (s) => {
      const r = await importTenant(s, c.req.valid("json"), slug ? { slug } : {});
      return {
        result: r,
        audit: {
          tenantId: r.id,
          action: "import",
          entity: "tenant",
          entityId: r.id,
          version: r.version,
          after: asJson({ slug: r.slug, name: r.name, nameEn: r.nameEn }),
        },
      };
    });
    return c.json(presentTenant(t, { member: true }), 201);
  });
}
