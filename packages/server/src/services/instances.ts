/**
 * Model instances and their pathway results. The pathway engine is a strategy passed in (engine.ts wires the
 * core's): this file stores documents the engine has validated, and caches what it computes per input
 * version (instance id x instance version x scenario x engine version), in memory and in `pathway_result`.
 */
import { createHash } from "node:crypto";
import {
  CitypathError,
  type DecompositionJson,
  type Explanation,
  type PathwayJson,
  type Problem,
  problem,
  type Result,
  type ScenarioLever,
  type TenantId,
  type WhatItTakesJson,
} from "@citypath/core";
import { newVersionProblems } from "@citypath/core/pathway/validate";
import type { InstanceRecord, JsonObject, Store } from "@citypath/db";
import type { ComputePool } from "../compute/pool.ts";
import type { Caller } from "../env.ts";
import { editableDepartments } from "./agenda.ts";

export interface ScenarioInfo {
  readonly id: string;
  readonly name: { readonly ko: string; readonly en: string };
  /** Its actions as levers: level, range and where the range comes from. */
  readonly levers: ScenarioLever[];
}

export interface InstanceInfo {
  readonly id: string;
  readonly name: string;
  readonly scenarios: readonly ScenarioInfo[];
}

/** What the server needs from the pathway engine. */
export interface PathwayEngine {
  /** Changes when results could change for the same input (part of the cache key). */
  readonly version: string;
  /** Checks an instance document; every problem with its path. */
  validate(document: unknown): Result<InstanceInfo>;
  /** The pathway of one scenario ("bau" for business-as-usual) as the pathway JSON contract. */
  run(document: unknown, scenarioId: string): Result<PathwayJson>;
  /** How one number (line, year) of a scenario was computed. */
  explain(document: unknown, scenarioId: string, gpcRef: string, year: number): Result<Explanation>;
  /** What drove the change between two years of a scenario (LMDI, citypath-decompose/1). */
  decompose(document: unknown, scenarioId: string, from: number, to: number): Result<DecompositionJson>;
  /**
   * The gap to a target by plan sector for a scenario on some driver paths (citypath-what-it-takes/2);
   * `drivers` "bau" or a scenario that sets drivers, `years` default the target's point years.
   */
  whatItTakes(
    document: unknown,
    scenarioId: string,
    drivers: string | undefined,
    targetId: string | undefined,
    years: readonly number[] | undefined,
  ): Result<WhatItTakesJson>;
}

/** The demo instance document, when the data package has one. */
export type DemoInstanceSource = () => Promise<unknown | undefined>;

export function documentHash(doc: unknown): string {
  return createHash("sha256").update(JSON.stringify(doc)).digest("hex");
}

function orThrow<T>(r: Result<T>): T {
  if (!r.ok) throw new CitypathError(r.problems);
  return r.value;
}

const INFOS = new Map<string, Promise<InstanceInfo>>();

/**
 * A stored instance's id, name and scenarios, kept per stored version (tenant, id, version, document hash).
 * Validating the document costs 0.1-0.5 s of CPU: with a compute pool it runs there, off the event loop;
 * requests that ask meanwhile wait for the same answer.
 */
export function instanceInfo(
  engine: PathwayEngine,
  inst: InstanceRecord,
  compute?: ComputePool,
): Promise<InstanceInfo> {
  const key = `${inst.tenantId}:${inst.id}:${inst.version}:${inst.documentHash}`;
  const hit = INFOS.get(key);
  if (hit) return hit;
  const p = compute
    ? compute.instanceInfo({ document: inst.document })
    : Promise.resolve().then(() => orThrow(engine.validate(inst.document)));
  if (INFOS.size >= 50) INFOS.delete(INFOS.keys().next().value!);
  INFOS.set(key, p);
  // a refusal (a full queue, a document the engine refuses) is answered, not kept
  p.catch(() => INFOS.get(key) === p && INFOS.delete(key));
  return p;
}

/**
 * The model owners' rule: the tenant's admins change the model instances, and so do the editors of the
 * departments the tenant's setting `model_owners` names (both name departments by their register ids,
 * decision 0083); nobody else, whatever the route lets in.
 */
export async function assertModelOwner(
  store: Store,
  caller: Caller,
  tenant: { id: TenantId; slug: string; settings: { model_owners?: readonly string[] | undefined } },
): Promise<void> {
  const allowed = await editableDepartments(store, caller, tenant.id);
  if (allowed === "all") return;
  const owners = tenant.settings.model_owners ?? [];
  if (owners.some((o) => allowed.has(o))) return;
  const { departments } = await store.agenda.registers(tenant.id);
  const named = owners.map((o) => departments.find((d) => d.id === o)?.name.ko ?? o);
  throw new CitypathError(
    problem(
      "FORBIDDEN",
      owners.length
        ? `The model of ${tenant.slug} is changed by its admins and the editors of ${named.join(", ")}.`
        : `The model of ${tenant.slug} is changed by its admins only (the settings name no model owners).`,
      { path: "instance" },
    ),
  );
}

/** Validates and saves a new version on top of `baseVersion` (0 for a new instance), with its note. */
export async function saveInstance(
  store: Store,
  engine: PathwayEngine,
  tenantId: TenantId,
  document: unknown,
  baseVersion: number,
  expectId?: string,
  note?: string,
): Promise<InstanceRecord> {
  const fresh = newVersionProblems(document);
  if (fresh.length) throw new CitypathError(fresh);
  const info = orThrow(engine.validate(document));
  if (expectId !== undefined && info.id !== expectId)
    throw new CitypathError(
      problem("BAD_VALUE", `The document's id is "${info.id}" but the path names "${expectId}".`, {
        path: "id",
      }),
    );
  return store.instances.save(
    tenantId,
    {
      id: info.id,
      name: info.name,
      document: document as JsonObject,
      documentHash: documentHash(document),
      note: note ?? null,
    },
    baseVersion,
  );
}

export function createPathwayResults(
  store: Store,
  engine: PathwayEngine,
  compute?: ComputePool,
  maxEntries = 200,
) {
  const memory = new Map<string, PathwayJson>();
  return {
    async get(inst: InstanceRecord, scenarioId: string): Promise<PathwayJson> {
      const key = {
        tenantId: inst.tenantId,
        instanceId: inst.id,
        instanceVersion: inst.version,
        scenarioId,
        engineVersion: engine.version,
      };
      const mk = JSON.stringify(key);
      const hit = memory.get(mk);
      if (hit) return hit;
      let result = await store.pathwayResults.get(key);
      if (!result && compute) {
        result = await compute.pathway({ document: inst.document, scenario: scenarioId });
        await store.pathwayResults.put(key, result);
      }
      if (!result) {
        const info = orThrow(engine.validate(inst.document));
        if (scenarioId !== "bau" && !info.scenarios.some((s) => s.id === scenarioId))
          throw new CitypathError(
            problem("NOT_FOUND", `Instance "${inst.id}" has no scenario "${scenarioId}".`, {
              path: "scenario",
            }),
          );
        result = orThrow(engine.run(inst.document, scenarioId));
        await store.pathwayResults.put(key, result);
      }
      if (memory.size >= maxEntries) memory.delete(memory.keys().next().value!);
      memory.set(mk, result);
      return result;
    },
  };
}

/** Saves the demo instance as the tenant's first version, when the data package provides one. */
export async function loadDemoInstanceWith(
  store: Store,
  engine: PathwayEngine | undefined,
  source: DemoInstanceSource | undefined,
  tenantId: TenantId,
): Promise<InstanceRecord | undefined> {
  if (!engine || !source) return undefined;
  const doc = await source();
  if (doc === undefined) return undefined;
  return saveInstance(store, engine, tenantId, doc, 0);
}

export type { Problem };
