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
  /** The tenant when `tenantBySlug` has it cached and current, without a promise (every read asks). */
  cachedTenant(slug: string): TenantRecord | undefined;
  readonly pathways: ReturnType<typeof createPathwayResults> | undefined;
  readonly compute: ComputePool | undefined;
}

export function createServices(store: Store, opts: ServicesOptions = {}): Services {
  const ttl = opts.ttlMs ?? Number.POSITIVE_INFINITY;
  const bySlug = new Map<string, { t: TenantRecord; gen: number; at: number }>();
  const current = (slug: string) => {
    const hit = bySlug.get(slug);
    return hit && hit.gen === store.generation(hit.t.id, "tenant") && Date.now() - hit.at <= ttl
      ? hit.t
      : undefined;
  };
  return {
    engine: opts.engine,
    demoInstance: opts.demoInstance,
    pathways: opts.engine ? createPathwayResults(store, opts.engine, opts.compute) : undefined,
    compute: opts.compute,
    cachedTenant: (slug) => current(slug),
    async tenantBySlug(slug) {
      const hit = current(slug);
      if (hit) return hit;
      const t = await store.tenants.bySlug(slug);
      if (t) bySlug.set(slug, { t, gen: store.generation(t.id, "tenant"), at: Date.now() });
      else bySlug.delete(slug);
      return t;
    },
  };
}
