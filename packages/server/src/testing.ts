/**
 * Test harness: the real app over a real, migrated PGlite (in memory) with the reference data and the Jeonju
 * demo loaded, exactly as `citypath serve --demo` prepares it.
 */
import { createStore, type Database, migrate, type Store } from "@citypath/db";
import { migratedPglite } from "@citypath/db/testing";
import { createApp } from "./app.ts";
import { createResponseCache } from "./cache.ts";
import type { AppDeps } from "./env.ts";
import { memoryLogger } from "./log.ts";
import { loadDemoTenant } from "./services/demo.ts";
import { createServices, type ServicesOptions } from "./services/index.ts";
import { loadReferenceData } from "./services/reference.ts";

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly store: Store;
  readonly database: Database;
  readonly deps: AppDeps;
  readonly log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: {
    devWrites?: boolean;
    demo?: boolean;
    database?: Database;
    shareWith?: TestApp;
  } & ServicesOptions = {},
): Promise<TestApp> {
  const database = opts.shareWith?.database ?? opts.database ?? (await migratedPglite());
  await migrate(database);
  const store = opts.shareWith?.store ?? createStore(database);
  const services = createServices(store, opts);
  await loadReferenceData(store);
  if (opts.demo !== false)
    await loadDemoTenant(store, { engine: services.engine, demoInstance: services.demoInstance });
  const log = memoryLogger();
  const deps: AppDeps = {
    store,
    log,
    services,
    cache: createResponseCache(),
    devWrites: opts.devWrites ?? false,
    state: { ready: true, stopping: false, checks: { migrations: true, demo: true } },
  };
  // an app sharing another's database leaves closing it to that one
  const close = opts.shareWith ? async () => {} : () => database.close();
  return { app: createApp(deps), store, database, deps, log, close };
}

/** JSON request helper for app.request(). */
export function jsonInit(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
