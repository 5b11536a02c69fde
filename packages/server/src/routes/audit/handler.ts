import { listAudit, schema as s, verifyAuditChains } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { inArray } from "drizzle-orm";
import type { AppEnv } from "../../env.ts";
import { presentAuditRecord } from "../../presenters/audit.ts";
import { listAuditRoute, verifyAuditRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAuditRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const q = c.req.valid("query");
    let actorId = q.user;
    if (actorId?.includes("@")) actorId = (await store.users.byEmail(actorId))?.id ?? "(nobody)";
    const records = await listAudit(store.db, t.id, {
      entity: q.entity,
      entityId: q.entity_id,
      actorId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      afterSeq: q.after,
      limit: q.limit,
    });
    const ids = [...new Set(records.map((r) => r.actorId).filter((x): x is string => x !== null))];
    const users = ids.length
      ? await store.db
          .select({ id: s.user.id, email: s.user.email, name: s.user.name })
          .from(s.user)
          .where(inArray(s.user.id, ids))
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return c.json(
      {
        tenant: t.slug,
        records: records.map((r) => presentAuditRecord(r, byId)),
        next_after: records.length === q.limit ? (records.at(-1)?.seq ?? null) : null,
      },
      200,
    );
  });

  app.openapi(verifyAuditRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const [r] = await verifyAuditChains(store.db, { tenantId: t.id });
    return c.json(
      { tenant: t.slug, records: r?.records ?? 0, intact: !r?.broken, broken: r?.broken ?? null },
      200,
    );
  });
}
