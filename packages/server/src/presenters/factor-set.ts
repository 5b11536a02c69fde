/** What leaves the server about factor sets and GWP sets. */
import { FactorRowSchema, type GwpSet, GwpSetSchema } from "@citypath/core";
import type { FactorSetRecord } from "@citypath/db";
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

/** One emission factor, as the factors CSV (docs/formats.md) with the id and origin the server gives it. */
export const factorSchema = FactorRowSchema.omit({ file: true, line: true }).openapi("Factor", {
  description:
    "One emission factor, as the factors CSV (docs/formats.md). scope2_method market_based: the activity's residual-mix factor (the market-based figure of scope 2 rows only).",
});

/** A factor as a city sends it (the server numbers it and marks it a user factor). */
export const factorInputSchema = FactorRowSchema.omit({
  id: true,
  origin: true,
  file: true,
  line: true,
}).openapi("FactorInput", { description: "One emission factor, as the factors CSV (docs/formats.md)." });

export const factorSetSchema = factorSetHeaderSchema
  .extend({ factors: z.array(factorSchema) })
  .openapi("FactorSet");

export const gwpSetSchema = GwpSetSchema.extend({ id: z.string() }).openapi("GwpSet");

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
  return { ...presentFactorSetHeader(f), factors: f.factors.map(({ file: _f, line: _l, ...x }) => x) };
}

export function presentGwpSet(g: { id: string; document: GwpSet }) {
  return { id: g.id, ...g.document };
}
