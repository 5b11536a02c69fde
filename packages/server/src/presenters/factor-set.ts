/** What leaves the server about factor sets and GWP sets. */
import { Scope2MethodSchema } from "@citypath/core";
import type { FactorSetRecord, Json } from "@citypath/db";
import { z } from "@hono/zod-openapi";

export const factorSetHeaderSchema = z
  .object({
    kind: z.enum(["builtin", "tenant"]),
    id: z.string(),
    name: z.string(),
    source: z.string().nullable(),
    factor_count: z.number().int(),
    version: z.number().int(),
    updated_at: z.string(),
  })
  .openapi("FactorSetHeader");

export const factorSchema = z
  .looseObject({
    activity: z.string(),
    gas: z.string(),
    factor: z.number(),
    unit: z.string().openapi({ example: "kg/TJ" }),
    gpc_ref: z.string().optional(),
    year: z.number().int().optional(),
    valid_from: z.number().int().optional(),
    valid_to: z.number().int().optional(),
    ncv: z.number().optional(),
    ncv_unit: z.string().optional(),
    source: z.string().optional(),
    source_year: z.number().int().optional(),
    note: z.string().optional(),
    scope2_method: Scope2MethodSchema.optional().openapi({
      description:
        "market_based: the activity's residual-mix factor (the market-based figure of scope 2 rows only).",
    }),
  })
  .openapi("Factor", { description: "One emission factor, as the factors CSV (docs/formats.md)." });

export const factorSetSchema = factorSetHeaderSchema
  .extend({ factors: z.array(factorSchema) })
  .openapi("FactorSet");

export const gwpSetSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    year: z.number().int(),
    gases: z.record(z.string(), z.looseObject({ value: z.number(), source: z.string() })),
  })
  .openapi("GwpSet");

export function presentFactorSetHeader(f: FactorSetRecord) {
  return {
    kind: f.kind,
    id: f.id,
    name: f.name,
    source: f.source,
    factor_count: f.factorCount,
    version: f.version,
    updated_at: f.updatedAt.toISOString(),
  };
}

export function presentFactorSet(f: FactorSetRecord) {
  return { ...presentFactorSetHeader(f), factors: f.factors as z.infer<typeof factorSchema>[] };
}

export function presentGwpSet(g: { id: string; document: Json }) {
  return { id: g.id, ...(g.document as object) } as z.infer<typeof gwpSetSchema>;
}
