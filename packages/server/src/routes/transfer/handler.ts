import { CitypathError } from "@citypath/core";
import { exportTenant, importCheckedTenant } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentTenant } from "../../presenters/tenant.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { checkTenantExportInWorker } from "../../workers/files.ts";
import { exportRoute, importRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(exportRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const doc = await exportTenant(store, t.slug);
    c.header("content-disposition", `attachment; filename="${t.slug}-export.json"`);
    return c.json(doc, 200);
  });

  // The import's body (up to 64 MB) is parsed and checked in the file worker, not by the route's validator
  // on the event loop: the document describes the body (TenantExport), the route registered here validates
  // only its query, and the worker checks the body against the same schema (workers/tenant-import.ts).
  const { middleware: _access, ...documented } = importRoute;
  app.openAPIRegistry.registerPath(documented);
  app.openapi({ ...importRoute, hide: true, request: { query: importRoute.request.query } }, async (c) => {
    const { store } = c.get("deps");
    const { slug } = c.req.valid("query");
    const checked = await checkTenantExportInWorker(new Uint8Array(await c.req.arrayBuffer()));
    if (!checked.ok) throw new CitypathError(checked.problems);
    const t = await recordChange(store, c.get("caller"), async (s) => {
      const r = await importCheckedTenant(s, checked, slug ? { slug } : {});
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
