/**
 * The zod schemas of the pathway engine's JSON answers: the pathway document (json.ts, docs/pathway-json.md)
 * and the explanation of one number (explain.ts). The API declares its answers with them; json-schema.test.ts
 * holds the engine's output to them.
 */
import { z } from "zod";
import { ProblemSchema } from "../inventory/schema.ts";
import { Scope2MethodSchema } from "../vocabulary/schemas.ts";
import { TextAnswerSchema } from "../vocabulary/text.ts";
import { PATHWAY_FORMAT, SCOPE2_METHODS } from "./json.ts";

const name = TextAnswerSchema;
const year = z.number().int();
/** One value per year of `years`, tCO2e. */
const series = z.array(z.number());
/** One value per year; null where the value is undefined (a target path before its first point). */
const gappedSeries = z.array(z.number().nullable());
const byKey = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

/** The figures that exist for both Scope 2 methods. */
const methodFiguresSchema = z.object({
  totals_tco2e: byKey(series).describe("by basis"),
  kr_sectors_tco2e: byKey(series).describe("by plan sector"),
  cumulative_tco2e: byKey(series).describe("by basis, from the base year, inclusive"),
  abatement_by_action_tco2e: byKey(series).describe("by action of the scenario (level not 0)"),
  gap_tco2e: byKey(gappedSeries).describe("by target: emissions above the target path"),
});

export const pathwayJsonSchema = z.object({
  format: z.literal(PATHWAY_FORMAT),
  instance: z.object({ id: z.string(), version: z.string() }),
  base_year: year,
  end_year: year,
  years: z.array(year),
  unit: z.literal("tCO2e"),
  lines: z.array(
    z.object({
      gpc_ref: z.string(),
      scope: z.number().int(),
      kr_sector: z
        .string()
        .nullable()
        .describe("the plan sector of the line (vocabulary sectors); null: none"),
      sink: z.boolean(),
    }),
  ),
  bases: z.array(z.object({ id: z.string(), name, lines: z.array(z.string()) })),
  targets: z.array(
    z.object({
      id: z.string(),
      name,
      basis: z.string(),
      scope2_method: Scope2MethodSchema.describe("the Scope 2 method the target is measured on"),
      base_year: year,
      base_tco2e: z.number(),
      path_tco2e: gappedSeries,
    }),
  ),
  actions: z.array(z.object({ id: z.string(), type: z.string(), name })),
  scope2: z.object({
    totals: z.literal(SCOPE2_METHODS.totals),
    market_based: z.literal(SCOPE2_METHODS.market_based),
    targets: z.literal(SCOPE2_METHODS.targets),
  }),
  warnings: z.array(ProblemSchema).optional(),
  scenarios: z.array(
    methodFiguresSchema.extend({
      id: z.string(),
      name,
      drivers: z.string().describe("the scenario whose driver paths apply (bau or one that sets drivers)"),
      levels: byKey(z.number()).describe("by action: 0 off, 1 as specified"),
      emissions_by_line_tco2e: byKey(series).describe("by GPC line"),
      market_based: methodFiguresSchema,
    }),
  ),
});

const explainInputSchema = z.object({
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  source: z.string().optional(),
  illustrative: z.boolean().optional(),
});

/** One step of a chain: `value` (in `unit`) = `formula`, written with the numbers used. */
const explainStepSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  formula: z.string(),
  source: z.string().optional(),
  illustrative: z.boolean().optional(),
  inputs: z.array(explainInputSchema).optional(),
  note: z.string().optional(),
});

export const explanationSchema = z.object({
  gpc_ref: z.string(),
  year,
  scenario: z.string(),
  value: z.number(),
  unit: z.literal("tCO2e"),
  steps: z.array(explainStepSchema),
  bau: z.number(),
  actions: z.array(
    z.object({
      id: z.string(),
      level: z.number(),
      scale_fraction: z.number(),
      delta_tco2e: z.number(),
      delta_follows_tco2e: z.number(),
      abatement_tco2e: z.number(),
      chain: z.array(explainStepSchema),
    }),
  ),
});
