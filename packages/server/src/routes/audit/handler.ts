import { CitypathError, problem } from "@citypath/core";
import {
  type AuditFilter,
  type AuditRecord,
  auditCursorText,
  parseAuditCursor,
  type Store,
} from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentAuditRecord } from "../../presenters/audit.ts";
import { writeTable } from "../../services/tables.ts";
import { AUDIT_EXPORT_MAX, exportAuditRoute, listAuditRoute, verifyAuditRoute } from "./schema.ts";

interface FilterQuery {
  entity?: string | undefined;
  entity_id?: string | undefined;
  user?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The query's filter for the trail; a user named by email is looked up (an unknown one matches nothing). */
async function filterOf(store: Store, q: FilterQuery): Promise<AuditFilter> {
  let actorId = q.user;
  if (actorId?.includes("@")) actorId = (await store.users.byEmail(actorId))?.id ?? "(nobody)";
  return {
    entity: q.entity,
    entityId: q.entity_id,
    actorId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

function cursorOf(text: string) {
  const c = parseAuditCursor(text);
  if (!c)
    throw new CitypathError(
      problem("BAD_VALUE", "Not a cursor this trail gave (next_after).", { path: "query.after" }),
    );
  return c;
}

/** The email and name of each actor of the records (joined when read: the trail keeps ids only). */
async function actorsOf(store: Store, records: readonly AuditRecord[]) {
  const ids = [...new Set(records.map((r) => r.actorId).filter((x): x is string => x !== null))];
  const users = await store.users.byIds(ids);
  return new Map(users.map((u) => [u.id, { id: u.id, email: u.email, name: u.name }]));
}

const AUDIT_COLUMNS = [
  "stream",
  "seq",
  "at",
  "actor_id",
  "actor_email",
  "actor_name",
  "action",
  "entity",
  "entity_id",
  "version",
  "before",
  "after",
  "prev_hash",
  "hash",
] as const;

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAuditRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const q = c.req.valid("query");
    const records = await store.audit.list(t.id, {
      ...(await filterOf(store, q)),
      after: q.after === undefined ? undefined : cursorOf(q.after),
      limit: q.limit,
    });
    const byId = await actorsOf(store, records);
    const last = records.at(-1);
    return c.json(
      {
        tenant: t.slug,
        records: records.map((r) => presentAuditRecord(r, byId)),
        next_after: records.length === q.limit && last ? auditCursorText(last) : null,
      },
      200,
    );
  });

  app.openapi(verifyAuditRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const [r] = await store.audit.verifyChains({ tenantId: t.id });
    return c.json(
      { tenant: t.slug, records: r?.records ?? 0, intact: !r?.broken, broken: r?.broken ?? null },
      200,
    );
  });

  app.openapi(exportAuditRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const q = c.req.valid("query");
    const filter = await filterOf(store, q);
    // one record more than allowed tells that the filter is too wide
    const records = await store.audit.list(t.id, { ...filter, limit: AUDIT_EXPORT_MAX + 1 });
    if (records.length > AUDIT_EXPORT_MAX)
      throw new CitypathError(
        problem(
          "BAD_VALUE",
          `More than ${AUDIT_EXPORT_MAX} records match: narrow the period (from, to) or the record or user.`,
          { path: "query.from" },
        ),
      );
    const byId = await actorsOf(store, records);
    const rows = records.map((r) => {
      const p = presentAuditRecord(r, byId);
      return [
        p.stream,
        p.seq,
        p.at,
        p.actor?.id ?? null,
        p.actor?.email ?? null,
        p.actor?.name ?? null,
        p.action,
        p.entity,
        p.entity_id,
        p.version,
        p.before === null || p.before === undefined ? null : JSON.stringify(p.before),
        p.after === null || p.after === undefined ? null : JSON.stringify(p.after),
        p.prev_hash,
        p.hash,
      ];
    });
    const bytes = await writeTable({ columns: AUDIT_COLUMNS, rows }, q.format, q.lang, "audit");
    const name = `${t.slug}-audit`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type":
        q.format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${name}.${q.format}"`,
    });
  });
}
