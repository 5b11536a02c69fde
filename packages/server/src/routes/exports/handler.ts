import { ACTIVITY_FILE_COLUMNS, CitypathError, FACTOR_FILE_COLUMNS, problem } from "@citypath/core";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { seesDrafts } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { presentInventory } from "../../presenters/inventory.ts";
import { type Table, type TableFormat, writeTable } from "../../services/tables.ts";
import { writePathwayInWorker } from "../../workers/files.ts";
import { fileResponse, notFound } from "../common.ts";
import {
  exportActivityRoute,
  exportFactorSetRoute,
  exportInventoryRoute,
  exportPathwayRoute,
} from "./schema.ts";

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
  return fileResponse(c, bytes, TYPES[q.format], `${name}.${q.format}`);
}

export function register(app: OpenAPIHono<AppEnv>) {
  registerPathwayExport(app);
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
    // each line location-based with its gases; a scope 2 line once more market-based (CO2e only), as the
    // inventory CSV of the CLI: sum the rows of one method only
    const table: Table = {
      columns: ["year", "gpc_ref", "scope", "level", "scope2_method", "tco2e", ...gases.map((g) => `${g}_t`)],
      rows: p.years.flatMap((y) =>
        y.lines.flatMap((l) => {
          const head = [y.year, l.gpc_ref, l.scope, l.level];
          const loc = [...head, "location_based", l.tco2e, ...gases.map((g) => l.gases_t[g] ?? null)];
          if (l.scope !== 2) return [loc];
          return [loc, [...head, "market_based", l.market_based_tco2e, ...gases.map(() => null)]];
        }),
      ),
    };
    return send(c, table, `${t.slug}-inventory-v${inv.version}`, q);
  });

  app.openapi(exportFactorSetRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const f = await store.factorSets.get(t.id, id);
    if (!f) throw notFound(`No factor set "${id}" in ${t.slug}.`, "id");
    const table: Table = {
      columns: FACTOR_FILE_COLUMNS,
      rows: f.factors.map((x) => FACTOR_FILE_COLUMNS.map((k) => x[k] ?? null)),
    };
    return send(c, table, `${t.slug}-factors-${id}`, c.req.valid("query"));
  });

  app.openapi(exportActivityRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const d = await store.activity.get(t.id, id);
    if (!d) throw notFound(`No activity dataset "${id}" in ${t.slug}.`, "id");
    const rows = await store.activity.rows(t.id, id);
    const table: Table = {
      columns: ACTIVITY_FILE_COLUMNS,
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
        r.instrument ?? null,
        r.instrumentFactor ?? null,
        r.instrumentFactorUnit ?? null,
      ]),
    };
    return send(c, table, `${t.slug}-activity-${id}`, c.req.valid("query"));
  });
}

export function registerPathwayExport(app: OpenAPIHono<AppEnv>) {
  app.openapi(exportPathwayRoute, async (c) => {
    const t = c.get("tenant");
    const { store, services } = c.get("deps");
    const { instance, scenario } = c.req.valid("param");
    const q = c.req.valid("query");
    if (!services.pathways)
      throw new CitypathError(problem("NOT_READY", "The pathway engine is not available in this server."));
    const inst = await store.instances.get(t.id, instance, q.version);
    if (!inst) throw notFound(`No model instance "${instance}" in ${t.slug}.`, "instance");
    const pathway = await services.pathways.get(inst, scenario);
    // the rows are built and written in the file worker, off the event loop (workers/table-write.ts)
    const name = `${t.slug}-${instance}-${scenario}`;
    const bytes = await writePathwayInWorker({
      pathway,
      scenario,
      format: q.format,
      lang: q.lang,
      sheetName: name,
    });
    return fileResponse(c, bytes, TYPES[q.format], `${name}.${q.format}`);
  });
}
