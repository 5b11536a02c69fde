/**
 * Computing an inventory version: the stored activity rows and factor sets go through the core's inventory
 * engine (no arithmetic here), and the result is stored as the next version. Bad input fails with every
 * problem the core found.
 */
import {
  type ActivityRow,
  CitypathError,
  type FactorRow,
  type LocalName,
  problem,
  type TenantId,
} from "@citypath/core";
import { GWP_SETS } from "@citypath/data";
import type { ActivityRowRecord, FactorSetRef, InventoryRecord, JsonObject, Store } from "@citypath/db";
import type { ComputePool } from "../compute/pool.ts";
import { type InventoryTaskValue, inventory as inventoryTask } from "../compute/tasks.ts";
import { BUILTIN_FACTOR_SET_ID } from "./reference.ts";

/** A stored activity row in the core's vocabulary. Absent optional fields stay absent, never empty strings. */
export function toCoreActivityRow(r: ActivityRowRecord, file: string): ActivityRow {
  return {
    year: r.year,
    gpc_ref: r.gpcRef,
    activity: r.activity,
    amount: r.amount,
    unit: r.unit,
    ...(r.notation ? { notation: r.notation } : {}),
    ...(r.district !== null ? { district: r.district } : {}),
    ...(r.source !== null ? { source: r.source } : {}),
    ...(r.quality !== null ? { quality: r.quality as ActivityRow["quality"] & string } : {}),
    ...(r.note !== null ? { note: r.note } : {}),
    ...(r.instrument != null
      ? {
          instrument: r.instrument as NonNullable<ActivityRow["instrument"]>,
          instrument_factor: r.instrumentFactor!,
          instrument_factor_unit: r.instrumentFactorUnit!,
        }
      : {}),
    ...(Object.keys(r.extra).length ? { extra: r.extra as Record<string, string> } : {}),
    file,
    line: r.line,
  };
}

/** A core activity row as stored (the file's line number is kept; rows without one are numbered from 2). */
export function fromCoreActivityRow(r: ActivityRow, index: number): ActivityRowRecord {
  return {
    line: r.line ?? index + 2,
    year: r.year,
    gpcRef: r.gpc_ref,
    activity: r.activity,
    amount: r.amount,
    unit: r.unit,
    notation: r.notation ?? null,
    district: r.district ?? null,
    source: r.source ?? null,
    quality: r.quality ?? null,
    note: r.note ?? null,
    instrument: r.instrument ?? null,
    instrumentFactor: r.instrument_factor ?? null,
    instrumentFactorUnit: r.instrument_factor_unit ?? null,
    extra: (r.extra ?? {}) as JsonObject,
  };
}

export interface ComputeInventoryInput {
  /** The version's name, in Korean with English where entered. */
  readonly label: LocalName;
  readonly activityDatasetId: string;
  /** Tenant factor sets to apply over the built-in factors, in order (a later set wins per activity). */
  readonly factorSets: readonly string[];
  readonly gwpSet: string;
  readonly basedOnVersion?: number | null;
  readonly publish?: boolean;
}

export async function computeInventoryVersion(
  store: Store,
  tenantId: TenantId,
  input: ComputeInventoryInput,
  compute?: ComputePool,
): Promise<InventoryRecord> {
  if (!Object.hasOwn(GWP_SETS, input.gwpSet))
    throw new CitypathError(
      problem(
        "UNKNOWN_GWP_SET",
        `GWP set "${input.gwpSet}" is not one of ${Object.keys(GWP_SETS).join(", ")}.`,
        {
          path: "gwp_set",
        },
      ),
    );
  const dataset = await store.activity.get(tenantId, input.activityDatasetId);
  if (!dataset)
    throw new CitypathError(
      problem("NOT_FOUND", `No activity dataset "${input.activityDatasetId}".`, { path: "activity_dataset" }),
    );
  const rows = await store.activity.rows(tenantId, dataset.id);
  const activities = rows.map((r) => toCoreActivityRow(r, dataset.source ?? dataset.id));
  const sets: FactorRow[][] = [];
  const refs: FactorSetRef[] = [{ kind: "builtin", id: BUILTIN_FACTOR_SET_ID }];
  const missing = [];
  for (const [i, id] of input.factorSets.entries()) {
    const set = await store.factorSets.get(tenantId, id);
    if (!set) {
      missing.push(problem("NOT_FOUND", `No factor set "${id}".`, { path: `factor_sets[${i}]` }));
      continue;
    }
    sets.push(set.factors);
    refs.push({ kind: "tenant", id });
  }
  if (missing.length) throw new CitypathError(missing);
  // the core's computation: in a compute thread when the server has them, else here (same function)
  const task = { activities, factorSets: sets, gwpSet: input.gwpSet };
  let computed: InventoryTaskValue;
  if (compute) computed = await compute.inventory(task);
  else {
    const r = inventoryTask(task);
    if (!r.ok) throw new CitypathError(r.problems);
    computed = r.value;
  }
  const { years, document: doc } = computed;
  if (years.length === 0)
    throw new CitypathError(problem("MISSING_VALUE", `Activity dataset "${dataset.id}" has no rows.`));
  return store.inventories.create(tenantId, {
    label: input.label,
    gwpSet: input.gwpSet,
    activityDatasetId: dataset.id,
    factorSets: refs,
    basedOnVersion: input.basedOnVersion ?? null,
    result: doc,
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    status: input.publish ? "published" : "draft",
  });
}
