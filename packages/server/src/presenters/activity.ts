import { NotationKeySchema, Scope2InstrumentIdSchema } from "@citypath/core";
/** What leaves the server about activity data: the CSV's own vocabulary (snake_case columns). */
import type { ActivityDatasetRecord, ActivityRowRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

export const activityDatasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    source: z.string().nullable(),
    row_count: z.number().int(),
    version: z.number().int(),
    created_at: z.string(),
  })
  .openapi("ActivityDataset");

export const activityRowSchema = z
  .object({
    line: z.number().int().openapi({ description: "Line in the file it came from (the header is line 1)." }),
    year: z.number().int(),
    gpc_ref: z.string(),
    activity: z.string(),
    amount: z.number().nullable(),
    unit: z.string(),
    notation: NotationKeySchema.nullable(),
    district: z.string().nullable(),
    source: z.string().nullable(),
    quality: z.string().nullable(),
    note: z.string().nullable(),
    instrument: Scope2InstrumentIdSchema.nullable().openapi({
      description: "Scope 2, market-based: the contractual instrument covering the row (docs/formats.md).",
    }),
    instrument_factor: z.number().min(0).nullable().openapi({ description: "The instrument's factor." }),
    instrument_factor_unit: z
      .string()
      .nullable()
      .openapi({ description: "A CO2e mass per unit of the row's amount, e.g. tCO2e/MWh." }),
    extra: z.record(z.string(), z.string()),
  })
  .openapi("ActivityRow");

export function presentDataset(d: ActivityDatasetRecord) {
  return {
    id: d.id,
    name: d.name,
    source: d.source,
    row_count: d.rowCount,
    version: d.version,
    created_at: d.createdAt.toISOString(),
  };
}

export function presentActivityRow(r: ActivityRowRecord): z.infer<typeof activityRowSchema> {
  return {
    line: r.line,
    year: r.year,
    gpc_ref: r.gpcRef,
    activity: r.activity,
    amount: r.amount,
    unit: r.unit,
    notation: r.notation,
    district: r.district,
    source: r.source,
    quality: r.quality,
    note: r.note,
    instrument: r.instrument ?? null,
    instrument_factor: r.instrumentFactor ?? null,
    instrument_factor_unit: r.instrumentFactorUnit ?? null,
    extra: r.extra as Record<string, string>,
  };
}
