/**
 * The model instance: the zod types the engine uses, from which the loader validates YAML files and the
 * JSON Schema for editors is generated (docs/schema/instance.schema.json). One instance = one city's model:
 * base-year inventory, drivers, business-as-usual rules, actions, scenarios, targets.
 *
 * Provenance: every figure carries `source`, or `illustrative: true` with a `note` saying why no published
 * figure exists. The check is part of the schema, so a figure without either is an error that names it.
 */
import { z } from "zod";
import { wasteMethodSchema } from "../inventory/waste-methods.ts";
import { ModelKeySchema } from "../vocabulary/ids.ts";
import {
  PROVENANCE_MISSING,
  type ProvenanceLike,
  provenanceFields,
  provenanceIssue,
  requireProvenance,
} from "../vocabulary/provenance.ts";
import { KrSectorIdSchema, ModelActionStatusSchema, Scope2MethodSchema } from "../vocabulary/schemas.ts";
import { NameSchema, TextSchema } from "../vocabulary/text.ts";
import { GPC_REF_PATTERN } from "./gpc.ts";
import { rangeNoteSchema } from "./levers.ts";

export const INSTANCE_FORMAT = "citypath-instance/1";

const year = z.number().int().min(1990).max(2100);
const id = ModelKeySchema;
const label = NameSchema;
const text = z.string().min(1);
const gpcRef = z
  .string()
  .regex(GPC_REF_PATTERN, "a GPC v1.1 reference number such as I.1.1, II.1.2, III.1.1, IV.1 or V.2");
/** A year as a mapping key (`2018: 657432`). */
const yearKey = z.string().regex(/^(19|20|21)\d\d$/, "a key must be a four-digit year");

/** The model instance cites its sources in words. */
const provenance = provenanceFields(text);

export const inventoryLineSchema = z
  .strictObject({
    gpc_ref: gpcRef,
    /** Emissions of the line in the inventory year, tCO2e (negative for a net sink). */
    tco2e: z.number(),
    label: label.optional(),
    /** Korean plan sector; default from the GPC reference. */
    kr_sector: KrSectorIdSchema.optional(),
    /** A sink line may go below zero; default: true when the sector is sinks. */
    sink: z.boolean().optional(),
    /**
     * The method the figure comes from (IPCC 2006 incineration, biological treatment or wastewater) with its
     * inputs: the engine recomputes it and refuses a `tco2e` that differs by more than 0.5 t.
     */
    computed: wasteMethodSchema.optional(),
    ...provenance,
  })
  .superRefine(requireProvenance);

export const linesInventorySchema = z.strictObject({
  /** A published inventory given as lines, or computed lines (see activityInventorySchema). */
  kind: z.literal("lines"),
  year,
  /** What the lines cover, in words (e.g. the municipal-control basis). */
  coverage: text,
  /** A published total the lines must add up to (checked, with a tolerance of 0.5 tCO2e). */
  published_total: z.strictObject({ tco2e: z.number(), source: text, note: text.optional() }).optional(),
  lines: z.array(inventoryLineSchema).min(1),
  /** Set when the lines were computed by the inventory engine from activity data (kind: activity). */
  computed_from: z
    .strictObject({ activity_file: text, factor_files: z.array(text), gwp_set: text, rows: z.number().int() })
    .optional(),
});

/**
 * An inventory computed by the inventory engine (computeInventory) from the instance's activity data: a CSV
 * in the activity format (docs/formats.md) beside the instance files, the built-in factors plus optional
 * factor files, and a GWP set. The instance loader computes it and replaces it with `kind: lines` (each line
 * citing the computation), so the engine always sees lines.
 */
export const activityInventorySchema = z.strictObject({
  kind: z.literal("activity"),
  year,
  coverage: text,
  /** Activity CSV, relative to the instance folder. */
  activity_file: text,
  /** Factor CSVs that replace built-in factors per activity, relative to the instance folder. */
  factor_files: z.array(text).optional(),
  /** GWP set: SAR, AR4, AR5 or AR6. */
  gwp_set: text,
  published_total: z.strictObject({ tco2e: z.number(), source: text, note: text.optional() }).optional(),
  /** Korean sector or sink flag of computed lines, by GPC reference. */
  line_settings: z
    .record(
      z.string(),
      z.strictObject({
        kr_sector: KrSectorIdSchema.optional(),
        sink: z.boolean().optional(),
        label: label.optional(),
      }),
    )
    .optional(),
  source: text,
});

export const inventorySchema = z.discriminatedUnion("kind", [linesInventorySchema, activityInventorySchema]);

export const DRIVER_ROLES = ["grid_factor", "hydrogen_factor"] as const;

const seriesValues = z.record(yearKey, z.number());

export const driverSchema = z
  .strictObject({
    id,
    name: label,
    /** Unit of the values, a symbol the unit parser reads (`count`, `tCO2e/MWh`, `km`) or `1`. */
    unit: text,
    role: z.enum(DRIVER_ROLES).optional(),
    /** Values by year; between given years per `interpolation`. */
    values: seriesValues,
    /** Sources of single values, by year, where they differ from `source`. */
    value_sources: z.record(yearKey, text).optional(),
    /** Which year a value stands for when the publication says otherwise (e.g. a 2014-16 average). */
    value_notes: z.record(yearKey, text).optional(),
    interpolation: z.enum(["linear", "step"]),
    /** Outside the given years: `hold` keeps the nearest value (a visible assumption); `none` is an error. */
    extrapolate: z.enum(["hold", "none"]),
    ...provenance,
  })
  .superRefine(requireProvenance);

export const bauRuleSchema = z
  .strictObject({
    id,
    /** The lines this rule projects; every inventory line is projected by exactly one rule. */
    lines: z.array(gpcRef).min(1),
    /** Activity follows a driver: (driver(y) / driver(base)) ^ elasticity. */
    activity: z.strictObject({ driver: id, elasticity: z.number() }).optional(),
    /** Emissions per unit of activity follow a driver (e.g. the grid factor): driver(y) / driver(base). */
    intensity: z.strictObject({ driver: id }).optional(),
    /** An annual change of intensity, compounding from the base year: (1 + rate) ^ (y - base). */
    trend: z.strictObject({ rate: z.number().gt(-1) }).optional(),
    ...provenance,
  })
  .superRefine(requireProvenance);

export const actionSchema = z
  .strictObject({
    id,
    /** The action type (`fixed_abatement`, `intensity_change`, or a library type). */
    type: id,
    name: label,
    status: ModelActionStatusSchema.optional(),
    /** Parameters, validated by the action type's own schema. */
    params: z.record(z.string(), z.unknown()),
    ...provenance,
  })
  .superRefine(requireProvenance);

/** A four-digit year standing on its own (not inside a longer number such as an article id). */
const NAMES_A_YEAR = /(?<!\d)(19|20)\d\d(?!\d)/;

export const RANGE_PROVENANCE_MISSING =
  "a lever's range (min, max) needs a `source` naming its year, or `illustrative: true` with a `note` saying what it rests on";
export const RANGE_SOURCE_YEAR = "a range's `source` names the year of what it cites (e.g. 2023)";
export const RANGE_PROVENANCE_WITHOUT_RANGE =
  "`source`, `illustrative` and `note` here say where a range comes from: give `min` or `max`, or leave them out";

/**
 * The provenance rule for a level range (`min`, `max` of a scenario's action, or of a portfolio spec's): the
 * instance's one rule (vocabulary/provenance.ts), with a source that names its year; fields without a range
 * are refused rather than ignored.
 */
export function requireRangeProvenance(
  v: {
    action: string;
    min?: number | undefined;
    max?: number | undefined;
    source?: string | undefined;
  } & ProvenanceLike,
  ctx: z.RefinementCtx,
): void {
  const add = (message: string, field: string) =>
    ctx.addIssue({ code: "custom", message: `action "${v.action}": ${message}`, path: [field] });
  if (v.min === undefined && v.max === undefined) {
    const given = (["source", "illustrative", "note"] as const).find((k) => v[k] !== undefined);
    if (given) add(RANGE_PROVENANCE_WITHOUT_RANGE, given);
    return;
  }
  const issue = provenanceIssue(v);
  if (issue)
    add(issue.message === PROVENANCE_MISSING ? RANGE_PROVENANCE_MISSING : issue.message, issue.field);
  else if (v.source !== undefined && !NAMES_A_YEAR.test(v.source)) add(RANGE_SOURCE_YEAR, "source");
}

export const scenarioActionSchema = z
  .strictObject({
    action: id,
    /** Multiplies the action's response; 0 = off, 1 = as parameterised. */
    level: z.number().min(0),
    /** Range the least-cost portfolio may choose from (and the explorer's slider covers). */
    min: z.number().min(0).optional(),
    max: z.number().min(0).optional(),
    /** Where the range comes from: required with `min` or `max` (see requireRangeProvenance). */
    ...provenance,
    /**
     * What the range rests on, in Korean with English (`{ko, en?}`). A version saved before decision 0085
     * holds one English string, read as the English alone; a new version needs the Korean.
     */
    note: rangeNoteSchema.optional(),
  })
  .superRefine(requireRangeProvenance);

export const driverOverrideSchema = z
  .strictObject({
    values: seriesValues,
    interpolation: z.enum(["linear", "step"]).optional(),
    extrapolate: z.enum(["hold", "none"]).optional(),
    /** Sources of single values, by year, where they differ from `source` (as for a driver). */
    value_sources: z.record(yearKey, text).optional(),
    /** How a value was derived or which year it stands for, by year. */
    value_notes: z.record(yearKey, text).optional(),
    ...provenance,
  })
  .superRefine(requireProvenance);

export const scenarioSchema = z.strictObject({
  id,
  name: label,
  description: TextSchema.optional(),
  actions: z.array(scenarioActionSchema),
  /** Driver paths that replace the instance's in this scenario (e.g. a faster grid decarbonisation). */
  drivers: z.record(id, driverOverrideSchema).optional(),
});

export const basisSchema = z.strictObject({
  id,
  name: label,
  /** The lines that make up the basis. */
  lines: z.array(gpcRef).min(1),
  note: text.optional(),
});

export const targetPointSchema = z
  .strictObject({
    year,
    /** Reduction from the base, as a fraction (0.445 = −44.5 %; 1 = net zero). */
    reduction: z.number().max(2).optional(),
    /** Or the target's emissions, tCO2e. */
    tco2e: z.number().optional(),
    source: text.optional(),
  })
  .refine((p) => (p.reduction === undefined) !== (p.tco2e === undefined), {
    message: "give either `reduction` or `tco2e`, not both and not neither",
  });

/**
 * How a target's path is shared between the plan sectors for "what it takes" (pathway/what-it-takes.ts):
 * the sectors' reductions by year (a sector's share of the path = its base emissions × (1 − reduction),
 * normalised), or the same reduction for every sector. Absent: the national plans' sector reductions.
 */
export const sectorSplitSchema = z.strictObject({
  rule: z.enum(["plan_sector_reductions", "equal_reduction"]),
  /** plan_sector_reductions: { year: { sector: reduction from the base year } }, linear between years. */
  reductions: z.record(yearKey, z.partialRecord(KrSectorIdSchema, z.number().max(2))).optional(),
  source: text.optional(),
  note: text.optional(),
});

export const targetSchema = z
  .strictObject({
    id,
    name: label,
    /** `basic`, `basic_plus`, `territorial` or the id of a basis defined in `bases`. */
    basis: id,
    base_year: year,
    /** The base emissions; required when the base year is not the model's base year. */
    base_tco2e: z.number().optional(),
    /** Whose target: the city's own, the national one applied to the city as a yardstick... */
    kind: z.enum(["city", "national", "regional", "plan"]),
    points: z.array(targetPointSchema).min(1),
    /** Between points: linear in tCO2e from the base year, or the earlier point's value held (step). */
    interpolation: z.enum(["linear", "step"]),
    /** How the path is shared between the plan sectors (default: the national plans' sector reductions). */
    sector_split: sectorSplitSchema.optional(),
    /**
     * Which Scope 2 method the target is measured on: its gap, what it takes and the least-cost portfolio
     * use that method's figures. Default location_based, as Korea's inventories count electricity.
     */
    scope2_method: Scope2MethodSchema.optional(),
    ...provenance,
  })
  .superRefine(requireProvenance);

export const instanceSchema = z.strictObject({
  format: z.literal(INSTANCE_FORMAT),
  id,
  /** Version of this instance's content (e.g. 2026.1); stored with every result. */
  version: text,
  name: label,
  description: TextSchema.optional(),
  /** Last year of the pathway (the base year is the inventory's year). */
  end_year: year,
  /** Price year of every KRW figure. */
  price_year: year.optional(),
  inventory: inventorySchema,
  bases: z.array(basisSchema).optional(),
  drivers: z.array(driverSchema),
  bau: z.array(bauRuleSchema).min(1),
  actions: z.array(actionSchema).optional(),
  scenarios: z.array(scenarioSchema).optional(),
  targets: z.array(targetSchema).optional(),
});

export type Instance = z.output<typeof instanceSchema>;
export type InstanceInput = z.input<typeof instanceSchema>;
export type InstanceInventoryLine = z.output<typeof inventoryLineSchema>;
export type LinesInventory = z.output<typeof linesInventorySchema>;
export type ActivityInventory = z.output<typeof activityInventorySchema>;
/** An instance whose inventory is given as lines (an activity inventory resolved by the loader). */
export type ResolvedInstance = Omit<Instance, "inventory"> & { readonly inventory: LinesInventory };
export type Driver = z.output<typeof driverSchema>;
export type BauRule = z.output<typeof bauRuleSchema>;
export type ActionEntry = z.output<typeof actionSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Target = z.output<typeof targetSchema>;
export type Basis = z.output<typeof basisSchema>;
export type DriverOverride = z.output<typeof driverOverrideSchema>;

/** The top-level keys of an instance, in the order documents list them. */
export const INSTANCE_KEYS = Object.keys(instanceSchema.shape) as ReadonlyArray<keyof Instance>;
