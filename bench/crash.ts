/**
 * Crash safety (`npm run bench:crash`): SIGKILL during concurrent audited writes, CYCLES times (default 10) on
 * the embedded database and (when `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` names a PostgreSQL server) on
 * PostgreSQL; after each restart every acknowledged write must be there and the audit chain intact. Settings:
 * CYCLES (10), WRITERS (8), ONLY (pglite or postgres). Prints the figures and ends with one JSON line; exits 1
 * when a write was lost or a chain broken.
 */
import { type CrashFigures, crashCycles } from "./lib/crash.ts";
import { embeddedStorage, postgresStorage, type Storage } from "./lib/server.ts";

const CYCLES = Number(process.env.CYCLES ?? 10);
const WRITERS = Number(process.env.WRITERS ?? 8);
const ONLY = process.env.ONLY;

async function run(storage: Storage): Promise<CrashFigures> {
  try {
    return await crashCycles(storage, { cycles: CYCLES, writers: WRITERS, killAfterMs: [1000, 4000] });
  } finally {
    await storage.drop();
  }
}

const results: Record<string, CrashFigures> = {};
if (ONLY !== "postgres") results.pglite = await run(await embeddedStorage());
if (ONLY !== "pglite") {
  const pg = await postgresStorage();
  if (pg) results.postgres = await run(pg);
  else console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
}
const flat: Record<string, unknown> = { bench: "crash", writers: WRITERS };
let bad = false;
for (const [db, f] of Object.entries(results)) {
  const sorted = [...f.restartMs].sort((a, b) => a - b);
  console.log(
    `${db}: ${f.cycles} kills; ${f.acknowledged} writes acknowledged, ${f.lost} lost, ${f.failed} cut or refused; ` +
      `${f.failedRestarts} failed restarts; audit chain intact after ${f.auditIntact} of ${f.cycles} restarts ` +
      `(${f.auditRecords} records); restart to ready: median ${sorted[Math.floor(sorted.length / 2)]} ms, ` +
      `max ${sorted[sorted.length - 1]} ms`,
  );
  bad ||= f.lost > 0 || f.auditIntact < f.cycles;
  flat[`${db}_cycles`] = f.cycles;
  flat[`${db}_acknowledged`] = f.acknowledged;
  flat[`${db}_lost`] = f.lost;
  flat[`${db}_failed_writes`] = f.failed;
  flat[`${db}_failed_restarts`] = f.failedRestarts;
  flat[`${db}_audit_intact`] = f.auditIntact;
  flat[`${db}_audit_records`] = f.auditRecords;
  flat[`${db}_restart_max_ms`] = Math.max(...f.restartMs);
}
console.log(JSON.stringify(flat));
if (bad) process.exit(1);
