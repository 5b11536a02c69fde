/**
 * Test harness: the real app over a real, migrated PGlite (in memory) with the reference data and the Jeonju
 * demo loaded, exactly as `citypath serve --demo` prepares it.
 */
import { createStore, type Database, migrate, openDatabase, type Store } from "@citypath/db";
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
  opts: { devWrites?: boolean; demo?: boolean; database?: Database } & ServicesOptions = {},
): Promise<TestApp> {
  const database = opts.database ?? (await openDatabase({ memory: true }));
  await migrate(database);
  const store = createStore(database);
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
  return { app: createApp(deps), store, database, deps, log, close: () => database.close() };
}

/** JSON request helper for app.request(). */
export function jsonInit(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
