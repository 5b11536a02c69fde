/**
 * The `--format json` contract as a zod schema. docs/schema/inventory.schema.json is generated from it (a
 * test keeps the two equal), and the golden outputs are validated against it. Objects allow extra fields:
 * fields may be added to the contract, never removed or renamed.
 */
import { z } from "zod";
import { PROBLEM_CODES } from "../errors.ts";
import { NOTATION_KEYS } from "../vocabulary/notation.ts";
import {
  KrSectorIdSchema,
  NotationKeySchema,
  Scope2InstrumentIdSchema,
  Scope2MethodSchema,
} from "../vocabulary/schemas.ts";
import { INVENTORY_SCOPE2 } from "./present.ts";
import { type ActivityRow, type FactorRow, QUALITY_RATINGS } from "./types.ts";

const num = z.number();
const gasMap = z.record(z.string(), num);

export const ProblemSchema = z.looseObject({
  code: z.enum(Object.keys(PROBLEM_CODES) as [keyof typeof PROBLEM_CODES, ...(keyof typeof PROBLEM_CODES)[]]),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
  file: z.string().optional(),
  line: z.int().min(1).optional(),
  column: z.string().optional(),
  path: z.string().optional(),
});

/**
 * One emission factor as stored and sent (the fields of FactorRow; the factor file's columns plus the id and
 * origin the reader gives it). Unknown fields are dropped, not refused.
 */
export const FactorRowSchema = z.object({
  id: z.string(),
  activity: z.string(),
  gas: z.string(),
  factor: num,
  unit: z.string(),
  gpc_ref: z.string().optional(),
  year: z.int().optional(),
  valid_from: z.int().optional(),
  valid_to: z.int().optional(),
  ncv: num.optional(),
  ncv_unit: z.string().optional(),
  ncv_source: z.string().optional(),
  source: z.string().optional(),
  source_year: z.int().optional(),
  note: z.string().optional(),
  scope2_method: Scope2MethodSchema.optional(),
  origin: z.enum(["builtin", "user"]),
  file: z.string().optional(),
  line: z.int().optional(),
});
// the schema and the interface describe the same row
const _factorRow: z.ZodType<FactorRow> = FactorRowSchema;

/** One activity row as read from an activity file (the fields of ActivityRow). */
export const ActivityRowSchema = z.object({
  year: z.int(),
  gpc_ref: z.string(),
  activity: z.string(),
  amount: num.nullable(),
  unit: z.string(),
  notation: NotationKeySchema.optional(),
  district: z.string().optional(),
  source: z.string().optional(),
  quality: z.enum(QUALITY_RATINGS).optional(),
  note: z.string().optional(),
  instrument: Scope2InstrumentIdSchema.optional(),
  instrument_factor: num.optional(),
  instrument_factor_unit: z.string().optional(),
  extra: z.record(z.string(), z.string()).optional(),
  file: z.string().optional(),
  line: z.int().optional(),
});
// every row the reader gives fits the schema
const _activityRow: (r: ActivityRow) => z.input<typeof ActivityRowSchema> = (r) => r;

export const FactorUseSchema = z.looseObject({
  factor_id: z.string(),
  activity: z.string(),
  gas: z.string(),
  factor: num,
  unit: z.string(),
  gpc_ref: z.string().nullable(),
  years: z.string(),
  ncv: num.nullable(),
  ncv_unit: z.string().nullable(),
  ncv_source: z.string().nullable(),
  source: z.string().nullable(),
  source_year: z.int().nullable(),
  origin: z.enum(["builtin", "user"]),
  flagged: z.boolean().describe("true when the factor has no source: used, and flagged"),
  gas_t: num.describe("tonnes of the gas this factor produced in the line"),
  tco2e: num,
  rows: z.int().min(0),
});

export const InventoryLineSchema = z.looseObject({
  gpc_ref: z.string().describe("GPC v1.1 reference number"),
  subsector_name: z.string(),
  scope: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  level: z.enum(["basic", "basic_plus", "territorial", "other"]),
  kr_sector: KrSectorIdSchema.nullable(),
  tco2e: num.describe("location-based (scope 2 lines at the grid average factor)"),
  market_based_tco2e: num.describe("market-based; equal to tco2e outside scope 2"),
  market_based: z
    .looseObject({
      instruments: z.array(
        z.looseObject({
          instrument: Scope2InstrumentIdSchema,
          factor: num,
          unit: z.string(),
          tco2e: num,
          rows: z.int().min(1),
        }),
      ),
      residual_mix: z
        .array(FactorUseSchema)
        .describe("the residual-mix factors used for rows with no instrument"),
      grid_average_tco2e: num.describe(
        "tCO2e of rows with neither an instrument nor a residual-mix factor, at the grid average (an assumption)",
      ),
    })
    .optional()
    .describe("on scope 2 lines: how the market-based figure was made"),
  gases_t: gasMap.describe("tonnes of each gas; CO2e for factors already in CO2e"),
  gases_tco2e: gasMap,
  factors: z.array(FactorUseSchema),
  districts: gasMap.optional().describe('tCO2e per district; rows without a district under ""'),
  quality: z.enum(QUALITY_RATINGS).nullable(),
  activity_rows: z.array(z.int().min(0)).describe("0-based indexes of the activity rows of the line"),
  activity_lines: z
    .array(z.int().min(2))
    .optional()
    .describe("the file line of each of those rows, when the rows came from a file"),
});

const Totals = z.looseObject({ basic: num, basic_plus: num, territorial: num });
const Sectors = z.looseObject({
  buildings: num,
  transport: num,
  industry: num,
  conversion: num,
  agriculture: num,
  waste: num,
  sinks: num,
});

export const InventoryYearSchema = z.looseObject({
  year: z.int(),
  totals_tco2e: Totals.describe("location-based"),
  lines: z.array(InventoryLineSchema),
  kr_sectors_tco2e: Sectors.describe("location-based"),
  market_based: z
    .looseObject({ totals_tco2e: Totals, kr_sectors_tco2e: Sectors })
    .describe("the same totals and sectors by the market-based Scope 2 method"),
  completeness: z.record(z.string(), z.enum(["reported", "missing", ...NOTATION_KEYS])),
  data_quality: z.looseObject({ H: num, M: num, L: num, unrated: num }),
});

export const InventoryJsonSchema = z
  .looseObject({
    format: z.literal("citypath.inventory"),
    version: z.literal(2).describe("2 added the market-based Scope 2 figures; upgradeInventoryJson reads 1"),
    gwp_set: z.string(),
    scope2: z
      .looseObject({ totals: z.literal("location_based"), market_based: z.string() })
      .describe("which Scope 2 method each figure uses: every figure outside market_based is location-based"),
    years: z.array(InventoryYearSchema).describe("empty on failure"),
    problems: z.array(ProblemSchema).describe("every error on failure; warnings on success"),
  })
  .describe("Citypath inventory, `citypath inventory --format json`");

/** The JSON schema (draft 2020-12) of the contract, as written to docs/schema/inventory.schema.json. */
export function inventoryJsonSchema(): Record<string, unknown> {
  return {
    title: "Citypath inventory (citypath.inventory, version 2)",
    ...z.toJSONSchema(InventoryJsonSchema, { target: "draft-2020-12", io: "output" }),
  } as Record<string, unknown>;
}

type Doc = Record<string, unknown>;

/**
 * A stored inventory document of an earlier version, as the current version. Version 1 had neither
 * instruments nor residual-mix factors, so its market-based figures are its location-based ones (scope 2 at
 * the grid average, as version 2 states when no residual mix is given): each line gets
 * `market_based_tco2e` = `tco2e` (scope 2 lines: all of it at the grid average), each year `market_based` =
 * its totals and sectors. A current document is returned as it is; anything else is left for the schema to
 * refuse.
 */
export function upgradeInventoryJson(doc: unknown): unknown {
  const d = doc as Doc | null;
  if (!d || typeof d !== "object" || d.format !== "citypath.inventory" || d.version !== 1) return doc;
  const years = Array.isArray(d.years) ? (d.years as Doc[]) : [];
  return {
    ...d,
    version: 2,
    scope2: INVENTORY_SCOPE2,
    years: years.map((y) => ({
      ...y,
      lines: ((y.lines as Doc[] | undefined) ?? []).map((l) => ({
        ...l,
        market_based_tco2e: l.tco2e,
        ...(l.scope === 2
          ? { market_based: { instruments: [], residual_mix: [], grid_average_tco2e: l.tco2e } }
          : {}),
      })),
      market_based: { totals_tco2e: y.totals_tco2e, kr_sectors_tco2e: y.kr_sectors_tco2e },
    })),
  };
}
