/**
 * The server's services: what routes call beyond plain repository reads. Built once per app from the store
 * and the strategies (pathway engine, demo instance source) passed in.
 */
import type { Store, TenantRecord } from "@citypath/db";
import type { ComputePool } from "../compute/pool.ts";
import { createPathwayResults, type DemoInstanceSource, type PathwayEngine } from "./instances.ts";

export interface ServicesOptions {
  readonly engine?: PathwayEngine | undefined;
  readonly demoInstance?: DemoInstanceSource | undefined;
  /** How long a tenant looked up by slug is trusted without a write seen by this process (PostgreSQL). */
  readonly ttlMs?: number;
  /** Worker threads for the CPU-heavy steps; absent: they run inline (tests, the CLI). */
  readonly compute?: ComputePool | undefined;
}

export interface Services {
  readonly engine: PathwayEngine | undefined;
  readonly demoInstance: DemoInstanceSource | undefined;
  tenantBySlug(slug: string): Promise<TenantRecord | undefined>;
  readonly pathways: ReturnType<typeof createPathwayResults> | undefined;
  readonly compute: ComputePool | undefined;
}

export function createServices(store: Store, opts: ServicesOptions = {}): Services {
  const ttl = opts.ttlMs ?? Number.POSITIVE_INFINITY;
  const bySlug = new Map<string, { t: TenantRecord; gen: number; at: number }>();
  return {
    engine: opts.engine,
    demoInstance: opts.demoInstance,
    pathways: opts.engine ? createPathwayResults(store, opts.engine, opts.compute) : undefined,
    compute: opts.compute,
    async tenantBySlug(slug) {
      const hit = bySlug.get(slug);
      if (hit && hit.gen === store.generation(hit.t.id, "tenant") && Date.now() - hit.at <= ttl) return hit.t;
      const t = await store.tenants.bySlug(slug);
      if (t) bySlug.set(slug, { t, gen: store.generation(t.id, "tenant"), at: Date.now() });
      else bySlug.delete(slug);
      return t;
    },
  };
}
