/** The Jeonju demo in a fresh in-memory database, as the benches of its files start from it. */
import { createStore, migrate, openDatabase } from "@citypath/db";
import { loadReferenceData } from "@citypath/server";
import { loadDemoTenant } from "@citypath/server/services/demo";
import { corePathwayEngine, jeonjuDemoInstance } from "@citypath/server/services/engine";

export async function demoStore() {
  const database = await openDatabase({ memory: true });
  await migrate(database);
  const store = createStore(database);
  await loadReferenceData(store);
  await loadDemoTenant(store, { engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
  const tenant = (await store.tenants.bySlug("jeonju"))!;
  return { database, store, tenant };
}
