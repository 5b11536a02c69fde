/**
 * For tests: embedded databases with the reference data and the Jeonju demo already loaded, as `citypath serve
 * --demo` loads them on its first start (docs/testing.md, decision 40). Loading the demo costs one to two CPU
 * seconds per database, and a first `serve --demo` on a fresh data directory (initdb, every migration, the
 * demo) about 20; the tests that only need the demo to be there start from a saved copy instead.
 *
 * The copy is a PGlite data-directory tarball in the temporary directory, keyed by everything that decides its
 * content: the sources of core, data (with its demo files), db (with its migrations) and server, test files
 * left out, the dependencies' versions (package-lock.json: PGlite reads the copy) and the day (UTC), so that
 * no copy is older than a day. A change to any of them makes a new copy;
 * the first test process that needs it makes it (the others wait for nothing: each writes its own and renames
 * it into place). The demo loader's own tests, server.test.ts (a fresh `startServer` with the demo) and the
 * serve-processes test still load it from scratch.
 */
import { createHash } from "node:crypto";
import { openAsBlob, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@citypath/db";

/**
 * "plain": the demo as a test app without a pathway engine loads it (no model instance); "instance": with the
 * core's pathway engine and the Jeonju instance, as `citypath serve --demo` loads it.
 */
export type DemoTemplate = "plain" | "instance";

const PACKAGES = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES = ["core/src", "data", "db/src", "db/migrations", "server/src"];
const PREFIX = "citypath-pglite-demo-";

let key: string | undefined;

/** The identity of the demo's content: every file it is made from (tests left out), and today's date. */
export function demoTemplateKey(): string {
  if (key) return key;
  const h = createHash("sha256");
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name.startsWith(".") || name.endsWith(".test.ts")) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}/${name}`);
      else h.update(`${rel}/${name}\0`).update(readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(join(PACKAGES, s), s);
  h.update(readFileSync(join(PACKAGES, "../package-lock.json")));
  key = `${h.digest("hex").slice(0, 16)}-${new Date().toISOString().slice(0, 10)}`;
  return key;
}

function templatePath(variant: DemoTemplate): string {
  return join(tmpdir(), `${PREFIX}${variant}-${demoTemplateKey()}.tar`);
}

/** Loads the reference data and the demo into a migrated database, as `variant` says. */
async function fillDemo(d: Database, variant: DemoTemplate): Promise<void> {
  const [{ createStore }, { loadDemoTenant }, { loadReferenceData }, engine] = await Promise.all([
    import("@citypath/db"),
    import("./services/demo.ts"),
    import("./services/reference.ts"),
    import("./services/engine.ts"),
  ]);
  const store = createStore(d);
  await loadReferenceData(store);
  await loadDemoTenant(
    store,
    variant === "instance"
      ? { engine: engine.corePathwayEngine(), demoInstance: engine.jeonjuDemoInstance }
      : {},
  );
}

/** Builds the template: a migrated database, the reference data, the demo; saved as a tarball. */
async function build(variant: DemoTemplate): Promise<Database> {
  const { migratedPglite } = await import("@citypath/db/testing");
  const d = await migratedPglite();
  await fillDemo(d, variant);
  const file = templatePath(variant);
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, new Uint8Array(await (await d.dump!()).arrayBuffer()));
  renameSync(tmp, file);
  removeOldTemplates();
  return d;
}

/** Templates (and data directories made from them) of earlier days or other checkouts, two days old, go. */
function removeOldTemplates(): void {
  const dir = tmpdir();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(PREFIX)) continue;
    try {
      const p = join(dir, name);
      if (Date.now() - statSync(p).mtimeMs > 2 * 86_400_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

/** The template's tarball (made now if there is none for the current sources). */
export async function demoTemplateFile(variant: DemoTemplate): Promise<string> {
  const file = templatePath(variant);
  try {
    statSync(file);
  } catch {
    await (await build(variant)).close();
  }
  return file;
}

/** A new in-memory PGlite with the reference data and the demo loaded (from the template). */
export async function demoPglite(variant: DemoTemplate): Promise<Database> {
  const { openDatabase, migrate } = await import("@citypath/db");
  let tarball: Blob;
  try {
    // the file as a Blob, read once when PGlite reads it (not read, copied and copied again into a Blob)
    tarball = await openAsBlob(templatePath(variant));
  } catch {
    return build(variant);
  }
  const d = await openDatabase({ memory: true, from: tarball });
  await migrate(d); // a no-op: the template is at the latest version
  return d;
}

/**
 * A new database on the PostgreSQL server of TEST_DATABASE_URL with the reference data and the demo loaded:
 * a copy of a template database holding them, made once per content key (the tarball's key) and variant.
 * Closing it drops it.
 */
export async function demoPostgres(variant: DemoTemplate): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("demoPostgres needs TEST_DATABASE_URL");
  const { postgresFromTemplate } = await import("@citypath/db/testing");
  const family = `citypath_demo_${variant}_`;
  const template = `${family}${demoTemplateKey().replaceAll("-", "")}`;
  return postgresFromTemplate(url, family, template, (d) => fillDemo(d, variant));
}
