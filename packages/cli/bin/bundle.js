// The `citypath` command's bundle: the workspace's TypeScript (the CLI, the server, the database, the core and
// the data package) built by esbuild into a few plain ES modules in packages/cli/dist/, which Node loads
// without a TypeScript loader (decision 0069). npm packages stay outside the bundle and load as usual; the
// plugin that builds the sources (sources-plugin.js) is the test files' build's too.
//
// No step builds it by hand, and a stale bundle is never run: dist/current.json lists every file the bundle
// was built from with its size and modification time, and bundleEntry() builds again whenever one of them
// (or this file, or a workspace's package.json) differs, or the list is missing.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_OPTIONS, sourcesPlugin } from "./sources-plugin.js";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "../../..");
export const DIST = resolve(HERE, "../dist");
const ENTRY = "packages/cli/src/main.ts";

/**
 * The worker threads' entries (plain JavaScript that loads TypeScript through tsx when run from the sources).
 * Each is built as an entry of its own, named by its file name, beside the bundle's other modules; the code
 * that starts one (`new URL("./NAME.mjs", import.meta.url)`) then finds the built one.
 */
const WORKERS = [
  "packages/server/src/compute/worker.mjs",
  "packages/server/src/workers/files-worker.mjs",
  "packages/server/src/workers/statements-worker.mjs",
  "packages/cli/src/solver/highs-worker.mjs",
];

/**
 * Whether a file starts one of the bundle's workers (`new URL("./NAME.mjs", import.meta.url)`, NAME a built
 * worker's file name): such a file keeps the built module's own address, beside which the worker is built. A
 * file that also uses `import.meta.url` otherwise would find its other files in the wrong place: the build
 * fails, naming it.
 */
function startsWorker(path, src, workerNames, root) {
  const starts = [...src.matchAll(/new URL\("\.\/([\w-]+\.mjs)", import\.meta\.url\)/g)].filter((m) =>
    workerNames.has(m[1]),
  ).length;
  if (starts === 0) return false;
  if (src.split("import.meta.url").length - 1 !== starts)
    throw new Error(
      `${relative(root, path)} starts a worker of the bundle and names import.meta.url otherwise: the bundle ` +
        "keeps that file's own address only for the worker; find the other files in another module.",
    );
  return true;
}

/**
 * Files whose change changes the bundle without being one of its inputs: this file and its plugin, the
 * manifests, tsconfig.
 */
function configFiles(root) {
  return [
    relative(root, fileURLToPath(import.meta.url)),
    relative(root, fileURLToPath(new URL("./sources-plugin.js", import.meta.url))),
    "package.json",
    "tsconfig.json",
    ...readdirSync(join(root, "packages")).map((p) => `packages/${p}/package.json`),
  ];
}

/** A file's size and modification time, or null when it is gone. */
function stamp(root, file) {
  try {
    const s = statSync(join(root, file));
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/**
 * The current bundle's entry (a file: URL string) when every file it was built from is as it was then;
 * undefined when there is none or one changed.
 */
export function freshEntry(dist = DIST, root = ROOT) {
  let current;
  try {
    current = JSON.parse(readFileSync(join(dist, "current.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (!current || typeof current.id !== "string" || typeof current.files !== "object") return undefined;
  for (const [file, was] of Object.entries(current.files)) {
    const now = stamp(root, file);
    if (!now || !Array.isArray(was) || now[0] !== was[0] || now[1] !== was[1]) return undefined;
  }
  return new URL(`${current.id}/main.mjs`, `file://${dist}/`).href;
}

/**
 * Builds the bundle into a folder of its own (dist/ID/), then points dist/current.json at it (written to a
 * temporary file and renamed, so that a process starting meanwhile reads the old list or the new one, never
 * half of one). Two processes that build at once each make a complete bundle; the last rename wins. Bundles
 * that are not the current one are removed after a day, not at once: a process started on one may still load
 * a module of it (the bundle's parts load on first use).
 */
export async function build(dist = DIST, root = ROOT) {
  const { build: esbuild } = await import("esbuild");
  const id = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const outdir = join(dist, id);
  const workerNames = new Set(WORKERS.map((w) => w.split("/").pop()));
  const result = await esbuild({
    ...BUILD_OPTIONS,
    absWorkingDir: root,
    entryPoints: [
      { in: ENTRY, out: "main" },
      ...WORKERS.map((w) => ({
        in: w,
        out: w
          .split("/")
          .pop()
          .replace(/\.mjs$/, ""),
      })),
    ],
    outdir,
    chunkNames: "part-[hash]",
    metafile: true,
    plugins: [
      sourcesPlugin({
        name: "citypath",
        // relative to the built module (every module of the bundle is in its folder): no machine path inside
        sourceUrl: (path) => `new URL(${JSON.stringify(relative(outdir, path))}, import.meta.url).href`,
        ownUrl: (path, src) => startsWorker(path, src, workerNames, root),
      }),
    ],
  });
  const files = {};
  for (const f of [
    ...Object.keys(result.metafile.inputs).filter((f) => !f.includes(":")),
    ...configFiles(root),
  ])
    files[f] = stamp(root, f);
  const tmp = join(dist, `current.json.${process.pid}.${id}`);
  writeFileSync(tmp, `${JSON.stringify({ id, files })}\n`);
  renameSync(tmp, join(dist, "current.json"));
  for (const old of readdirSync(dist)) {
    const p = join(dist, old);
    if (old === id || old === "current.json") continue;
    try {
      if (Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
  return new URL(`${id}/main.mjs`, `file://${dist}/`).href;
}

/** The bundle's entry, built first when there is none or it is stale. */
export async function bundleEntry(dist = DIST, root = ROOT) {
  const fresh = freshEntry(dist, root);
  if (fresh) return fresh;
  mkdirSync(dist, { recursive: true });
  return build(dist, root);
}
