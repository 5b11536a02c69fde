import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { presentActivityRow, presentDataset } from "../../presenters/activity.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { notFound } from "../common.ts";
import { createDatasetRoute, datasetRowsRoute, listDatasetsRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listDatasetsRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    return c.json({ tenant: t.slug, datasets: (await store.activity.list(t.id)).map(presentDataset) }, 200);
  });

  app.openapi(datasetRowsRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { id } = c.req.valid("param");
    const { year } = c.req.valid("query");
    const d = await store.activity.get(t.id, id);
    if (!d) throw notFound(`No activity dataset "${id}" in ${t.slug}.`, "id");
    const rows = await store.activity.rows(t.id, id, year === undefined ? {} : { year });
    return c.json({ dataset: presentDataset(d), rows: rows.map(presentActivityRow) }, 200);
  });

  app.openapi(createDatasetRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const body = c.req.valid("json");
    const d = await recordChange(store, c.get("caller"), async (s) => {
      const r = await s.activity.create(t.id, {
        id: body.id,
        name: body.name,
        source: body.source ?? null,
        rows: body.rows.map((r) => ({
          line: r.line,
          year: r.year,
          gpcRef: r.gpc_ref,
          activity: r.activity,
          amount: r.amount,
          unit: r.unit,
          notation: r.notation,
          district: r.district ?? null,
          source: r.source ?? null,
          quality: r.quality ?? null,
          note: r.note ?? null,
          instrument: r.instrument ?? null,
          instrumentFactor: r.instrument_factor ?? null,
          instrumentFactorUnit: r.instrument_factor_unit ?? null,
          extra: r.extra,
        })),
      });
      // The rows are stored once and never changed: the record names them by dataset id and count.
      return {
        result: r,
        audit: {
          tenantId: t.id,
          action: "create",
          entity: "activity_dataset",
          entityId: r.id,
          version: r.version,
          after: asJson({ name: r.name, source: r.source, row_count: r.rowCount }),
        },
      };
    });
    return c.json(presentDataset(d), 201);
  });
}
