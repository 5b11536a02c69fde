import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { seesDrafts } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { presentInventory } from "../../presenters/inventory.ts";
import { type Table, type TableFormat, writeTable } from "../../services/tables.ts";
import { notFound } from "../common.ts";
import { exportActivityRoute, exportFactorSetRoute, exportInventoryRoute } from "./schema.ts";

const TYPES: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

async function send(
  c: Context<AppEnv>,
  table: Table,
  name: string,
  q: { format: TableFormat; lang: "ko" | "en" },
) {
  const bytes = await writeTable(table, q.format, q.lang, name);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": TYPES[q.format],
    "content-disposition": `attachment; filename="${name}.${q.format}"`,
  });
}

export const ACTIVITY_EXPORT_COLUMNS = [
  "year",
  "gpc_ref",
  "activity",
  "amount",
  "unit",
  "district",
  "source",
  "quality",
  "note",
] as const;

export const FACTOR_EXPORT_COLUMNS = [
  "activity",
  "gas",
  "factor",
  "unit",
  "gpc_ref",
  "year",
  "valid_from",
  "valid_to",
  "ncv",
  "ncv_unit",
  "ncv_source",
  "source",
  "source_year",
  "note",
] as const;

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(exportInventoryRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { version } = c.req.valid("param");
    const q = c.req.valid("query");
    const drafts = seesDrafts(c.get("caller"), t.id);
    const inv =
      version === "latest"
        ? await store.inventories.latest(t.id, drafts ? {} : { status: "published" })
        : await store.inventories.get(t.id, Number(version));
    if (!inv || (inv.status === "draft" && !drafts))
      throw notFound(`No inventory version ${version} visible in ${t.slug}.`, "version");
    const p = presentInventory(t.slug, inv);
    const gases = [...new Set(p.years.flatMap((y) => y.lines.flatMap((l) => Object.keys(l.gases_t))))].sort();
    const table: Table = {
      columns: ["year", "gpc_ref", "scope", "level", "tco2e", ...gases.map((g) => `${g}_t`)],
      rows: p.years.flatMap((y) =>
        y.lines.map((l) => [
          y.year,
          l.gpc_ref,
          l.scope,
          l.level,
          l.tco2e,
          ...gases.map((g) => l.gases_t[g] ?? null),
        ]),
      ),
    };
    return send(c, table, `${t.slug}-inventory-v${inv.version}`, q) as never;
  });

  app.openapi(exportFactorSetRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const f = await store.factorSets.get(t.id, id);
    if (!f) throw notFound(`No factor set "${id}" in ${t.slug}.`, "id");
    const table: Table = {
      columns: FACTOR_EXPORT_COLUMNS,
      rows: (f.factors as Record<string, string | number | null>[]).map((x) =>
        FACTOR_EXPORT_COLUMNS.map((k) => x[k] ?? null),
      ),
    };
    return send(c, table, `${t.slug}-factors-${id}`, c.req.valid("query")) as never;
  });

  app.openapi(exportActivityRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const d = await store.activity.get(t.id, id);
    if (!d) throw notFound(`No activity dataset "${id}" in ${t.slug}.`, "id");
    const rows = await store.activity.rows(t.id, id);
    const table: Table = {
      columns: ACTIVITY_EXPORT_COLUMNS,
      rows: rows.map((r) => [
        r.year,
        r.gpcRef,
        r.activity,
        // a notation-key row carries its key (NO, IE, NE, C) in the amount column, as in the activity CSV
        r.amount ?? r.notation,
        r.unit,
        r.district,
        r.source,
        r.quality,
        r.note,
      ]),
    };
    return send(c, table, `${t.slug}-activity-${id}`, c.req.valid("query")) as never;
  });
}
