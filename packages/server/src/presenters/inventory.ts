/**
 * What leaves the server about inventories. The stored result follows the inventory JSON contract of the core
 * (docs/formats.md); presenters pick from it, filter lines, and never send rows as they are.
 */
import {
  FactorUseSchema,
  INVENTORY_SCOPE2,
  INVENTORY_VERIFICATION_STATUSES,
  InventoryLineSchema,
  InventoryStatusSchema,
  type InventoryYear,
  LocalTextAnswerSchema,
  upgradeInventoryJson,
} from "@citypath/core";
import { builtinActivities } from "@citypath/data/factors/builtin";
import type { InventoryHeader, InventoryRecord, InventoryVerificationRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

const totals = z.object({ basic: z.number(), basic_plus: z.number(), territorial: z.number() });

/** Which Scope 2 method each figure uses (the core's inventory contract says it the same way). */
const scope2 = z.object({ totals: z.literal("location_based"), market_based: z.string() }).openapi({
  description: "Every figure outside `market_based` is location-based (the grid average factor).",
});

/** A version's verification status (provisional until a verification is recorded). */
export const inventoryVerificationSchema = z
  .object({
    status: z.enum(INVENTORY_VERIFICATION_STATUSES),
    verified_by: z
      .string()
      .nullable()
      .openapi({ description: "Who verified it (the body); null while provisional." }),
    verified_on: z.string().nullable().openapi({ description: "YYYY-MM-DD; null while provisional." }),
    basis: LocalTextAnswerSchema.nullable().openapi({
      description: "Where the status comes from; null when nothing was recorded (provisional).",
    }),
    illustrative: z.boolean(),
    recorded_at: z.string().nullable(),
  })
  .openapi("InventoryVerification");

export function presentVerification(
  v: InventoryVerificationRecord,
): z.infer<typeof inventoryVerificationSchema> {
  return {
    status: v.status,
    verified_by: v.verifiedBy,
    verified_on: v.verifiedOn,
    basis: v.basis,
    illustrative: v.illustrative,
    recorded_at: v.recordedAt?.toISOString() ?? null,
  };
}

export const inventoryHeaderSchema = z
  .object({
    version: z.number().int(),
    label: LocalTextAnswerSchema,
    status: InventoryStatusSchema,
    gwp_set: z.string(),
    first_year: z.number().int(),
    last_year: z.number().int(),
    based_on_version: z.number().int().nullable(),
    activity_dataset: z.string().nullable(),
    factor_sets: z.array(z.object({ kind: z.enum(["builtin", "tenant"]), id: z.string() })),
    created_at: z.string(),
    published_at: z.string().nullable(),
    verification: inventoryVerificationSchema,
  })
  .openapi("InventoryHeader");

/** The built-in activities' names by id (data's factor set): what a factor use's activity is called. */
const ACTIVITY_NAMES = new Map(builtinActivities().map((a) => [a.id, { ko: a.name_ko, en: a.name }]));

const factorUseSchema = z.object(FactorUseSchema.shape).extend({
  activity_name: z.object({ ko: z.string(), en: z.string() }).nullable().openapi({
    description:
      "The activity's name in Korean and English (a built-in activity); null for an activity the built-in set does not name, shown by its id.",
  }),
});

type StoredLine = InventoryYear["lines"][number];

/** A stored line with each factor use's activity named (read-time: stored results are left as computed). */
function withActivityNames(l: StoredLine) {
  return {
    ...l,
    factors: l.factors.map((f) => ({ ...f, activity_name: ACTIVITY_NAMES.get(f.activity) ?? null })),
  };
}

export const inventoryLineSchema = z
  // every field of the core's inventory line (citypath.inventory), as the stored result holds it
  .object(InventoryLineSchema.shape)
  .extend({
    factors: z.array(factorUseSchema),
    district_tco2e: z.number().optional().openapi({ description: "With ?district=: this district's share." }),
  })
  .openapi("InventoryLine", {
    description: "One GPC line, as the core's inventory contract (docs/formats.md).",
  });

const yearSummary = z.object({
  year: z.number().int(),
  totals_tco2e: totals.openapi({ description: "Location-based." }),
  kr_sectors_tco2e: z.record(z.string(), z.number()).openapi({ description: "Location-based." }),
  market_based: z
    .object({ totals_tco2e: totals, kr_sectors_tco2e: z.record(z.string(), z.number()) })
    .openapi({ description: "The same totals and sectors by the market-based Scope 2 method." }),
  data_quality: z.record(z.string(), z.number()).optional(),
});

export const inventorySummarySchema = inventoryHeaderSchema
  .extend({ tenant: z.string(), scope2, years: z.array(yearSummary) })
  .openapi("InventorySummary");

export const inventorySchema = inventoryHeaderSchema
  .extend({
    tenant: z.string(),
    scope2,
    years: z.array(
      yearSummary.extend({
        completeness: z.record(z.string(), z.string()).optional(),
        lines: z.array(inventoryLineSchema),
      }),
    ),
  })
  .openapi("Inventory");

export const inventoryDiffSchema = z
  .object({
    tenant: z.string(),
    from_version: z.number().int(),
    to_version: z.number().int(),
    years: z.array(
      z.object({
        year: z.number().int(),
        totals: z.object({ before: totals.nullable(), after: totals.nullable() }),
        lines: z.array(
          z.object({
            gpc_ref: z.string(),
            before_tco2e: z.number().nullable(),
            after_tco2e: z.number().nullable(),
            change_tco2e: z.number(),
          }),
        ),
      }),
    ),
  })
  .openapi("InventoryDiff", {
    description:
      "Line by line differences of the location-based figures; a line missing on one side is null.",
  });

export type InventoryHeaderOut = z.infer<typeof inventoryHeaderSchema>;

/**
 * A year of a stored result: the core's inventory year (docs/formats.md). A result stored under an earlier
 * version of the contract may lack the completeness and the data quality, which the answer then leaves out.
 */
type StoredYear = Omit<InventoryYear, "completeness" | "data_quality"> &
  Partial<Pick<InventoryYear, "completeness" | "data_quality">>;

/**
 * The stored result's years, read as the current contract (a version 1 result is upgraded on the way). The
 * result was written by the core's inventory, or checked against its schema on import, when it was stored.
 */
function years(inv: InventoryRecord): readonly StoredYear[] {
  const doc = upgradeInventoryJson(inv.result) as { years?: readonly StoredYear[] };
  return doc.years ?? [];
}

export function presentInventoryHeader(h: InventoryHeader): InventoryHeaderOut {
  return {
    version: h.version,
    label: h.label,
    status: h.status,
    gwp_set: h.gwpSet,
    first_year: h.firstYear,
    last_year: h.lastYear,
    based_on_version: h.basedOnVersion,
    activity_dataset: h.activityDatasetId,
    factor_sets: h.factorSets.map((f) => ({ kind: f.kind, id: f.id })),
    created_at: h.createdAt.toISOString(),
    published_at: h.publishedAt?.toISOString() ?? null,
    verification: presentVerification(h.verification),
  };
}

export function presentInventorySummary(slug: string, inv: InventoryRecord) {
  return {
    tenant: slug,
    ...presentInventoryHeader(inv),
    scope2: INVENTORY_SCOPE2,
    years: years(inv).map((y) => ({
      year: y.year,
      totals_tco2e: y.totals_tco2e,
      kr_sectors_tco2e: y.kr_sectors_tco2e,
      market_based: y.market_based,
      ...(y.data_quality ? { data_quality: y.data_quality } : {}),
    })),
  };
}

export interface LineFilter {
  readonly year?: number | undefined;
  /** A GPC reference or a prefix of one: "I.1.1", "I.1", "II". */
  readonly gpcRef?: string | undefined;
  readonly district?: string | undefined;
}

const matchesRef = (ref: string, prefix: string) => ref === prefix || ref.startsWith(`${prefix}.`);

export function presentInventory(slug: string, inv: InventoryRecord, f: LineFilter = {}) {
  return {
    tenant: slug,
    ...presentInventoryHeader(inv),
    scope2: INVENTORY_SCOPE2,
    years: years(inv)
      .filter((y) => f.year === undefined || y.year === f.year)
      .map((y) => ({
        year: y.year,
        totals_tco2e: y.totals_tco2e,
        kr_sectors_tco2e: y.kr_sectors_tco2e,
        market_based: y.market_based,
        ...(y.data_quality ? { data_quality: y.data_quality } : {}),
        ...(y.completeness ? { completeness: y.completeness } : {}),
        lines: y.lines
          .filter((l) => f.gpcRef === undefined || matchesRef(l.gpc_ref, f.gpcRef))
          .flatMap((l) => {
            if (f.district === undefined) return [withActivityNames(l)];
            const share = l.districts?.[f.district];
            return share === undefined ? [] : [{ ...withActivityNames(l), district_tco2e: share }];
          }),
      })),
  };
}

/** Differences per year and line between two versions (after minus before). */
export function presentInventoryDiff(slug: string, before: InventoryRecord, after: InventoryRecord) {
  const b = new Map(years(before).map((y) => [y.year, y]));
  const a = new Map(years(after).map((y) => [y.year, y]));
  const allYears = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => x - y);
  return {
    tenant: slug,
    from_version: before.version,
    to_version: after.version,
    years: allYears.map((year) => {
      const by = b.get(year);
      const ay = a.get(year);
      const bl = new Map((by?.lines ?? []).map((l) => [l.gpc_ref, l.tco2e]));
      const al = new Map((ay?.lines ?? []).map((l) => [l.gpc_ref, l.tco2e]));
      const refs = [...new Set([...bl.keys(), ...al.keys()])].sort();
      return {
        year,
        totals: { before: by?.totals_tco2e ?? null, after: ay?.totals_tco2e ?? null },
        lines: refs.map((gpc_ref) => {
          const x = bl.get(gpc_ref) ?? null;
          const y = al.get(gpc_ref) ?? null;
          return { gpc_ref, before_tco2e: x, after_tco2e: y, change_tco2e: (y ?? 0) - (x ?? 0) };
        }),
      };
    }),
  };
}
