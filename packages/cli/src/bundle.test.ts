import assert from "node:assert/strict";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { build, bundleEntry, DIST, freshEntry, ROOT } from "../bin/bundle.js";
import { BUILD_OPTIONS, sourcesPlugin } from "../bin/sources-plugin.js";
import type { CommandIO } from "./io.ts";

const temp = mkdtempSync(join(tmpdir(), "citypath-bundle-"));
after(() => rmSync(temp, { recursive: true, force: true }));

describe("the bundle's freshness", () => {
  // a bundle listed as built from one file of a root of its own: fresh while that file is as it was
  const root = join(temp, "root");
  const dist = join(temp, "dist");
  mkdirSync(root);
  mkdirSync(join(dist, "b1"), { recursive: true });
  const file = join(root, "a.ts");
  const list = () => {
    writeFileSync(file, "export const a = 1;\n");
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    writeFileSync(
      join(dist, "current.json"),
      JSON.stringify({ id: "b1", files: { "a.ts": [20, 1_700_000_000_000] } }),
    );
  };

  it("is fresh while every listed file has its size and time; its entry is the bundle's main module", () => {
    list();
    assert.equal(freshEntry(dist, root), new URL("b1/main.mjs", `file://${dist}/`).href);
  });

  it("is stale when a file's content, its time or the file itself changed, or when there is no list", () => {
    list();
    writeFileSync(file, "export const a = 2;\n"); // same size, a new time
    assert.equal(freshEntry(dist, root), undefined);
    list();
    utimesSync(file, 1_700_000_001, 1_700_000_001);
    assert.equal(freshEntry(dist, root), undefined);
    list();
    writeFileSync(file, "export const a = 10;\n");
    utimesSync(file, 1_700_000_000, 1_700_000_000); // same time, another size
    assert.equal(freshEntry(dist, root), undefined);
    list();
    rmSync(file);
    assert.equal(freshEntry(dist, root), undefined);
    for (const bad of ["", "{", "null", JSON.stringify({ id: 3, files: {} })]) {
      writeFileSync(join(dist, "current.json"), bad);
      assert.equal(freshEntry(dist, root), undefined, bad);
    }
    rmSync(join(dist, "current.json"));
    assert.equal(freshEntry(dist, root), undefined);
  });
});

describe("the sources' plugin (the command's bundle and the tests' build)", () => {
  it("puts the source's address in place of the expression only: a string or a comment naming it stays", async () => {
    const { build: esbuild } = await import("esbuild");
    const dir = join(temp, "plugin");
    mkdirSync(join(dir, "src"), { recursive: true });
    const source = join(dir, "src", "a.ts");
    writeFileSync(
      source,
      [
        "// the comment names import.meta.url",
        'export const said: string = "a string that names import.meta.url";',
        "export const own: string = import.meta.url;",
        'export const beside: string = new URL("./b.txt", import.meta.url).href;',
        "",
      ].join("\n"),
    );
    await esbuild({
      ...BUILD_OPTIONS,
      absWorkingDir: dir,
      entryPoints: [source],
      outdir: join(dir, "out"),
      plugins: [
        sourcesPlugin({
          name: "test",
          sourceUrl: (path) =>
            `new URL(${JSON.stringify(`../src/${path.split("/").pop()}`)}, import.meta.url).href`,
        }),
      ],
    });
    const built = join(dir, "out", "a.mjs");
    const code = readFileSync(built, "utf8");
    assert.ok(code.includes('"a string that names import.meta.url"'), code);
    const m = (await import(new URL(`file://${built}`).href)) as {
      said: string;
      own: string;
      beside: string;
    };
    assert.equal(m.said, "a string that names import.meta.url");
    assert.equal(m.own, new URL(`file://${source}`).href);
    assert.equal(m.beside, new URL(`file://${join(dir, "src", "b.txt")}`).href);
  });
});

describe("the bundle built from the sources", () => {
  // beside the real bundles (in the checkout, so that the paths it holds are relative to it), in a folder of
  // this test's own
  const dist = join(DIST, `test-${process.pid}-${Date.now().toString(36)}`);
  after(() => rmSync(dist, { recursive: true, force: true }));

  it("runs the command, lists what it was built from, and names no path of this machine", async () => {
    const entry = await build(dist);
    assert.equal(freshEntry(dist), entry, "fresh right after the build");
    assert.equal(await bundleEntry(dist), entry, "not built again while fresh");
    const dir = fileURLToPath(new URL(".", entry));
    const built = readdirSync(dir);
    for (const m of [
      "main.mjs",
      "worker.mjs",
      "files-worker.mjs",
      "statements-worker.mjs",
      "highs-worker.mjs",
    ])
      assert.ok(built.includes(m), `${m} in ${built.join(", ")}`);
    const { files } = JSON.parse(readFileSync(join(dist, "current.json"), "utf8")) as {
      files: Record<string, unknown>;
    };
    // the workspace's sources, this builder and the manifests; no npm package (those load from node_modules)
    for (const f of [
      "packages/cli/src/main.ts",
      "packages/server/src/server.ts",
      "packages/db/src/migrate.ts",
      "packages/core/src/index.ts",
      "packages/cli/bin/bundle.js",
      "packages/cli/bin/sources-plugin.js",
      "packages/server/package.json",
    ])
      assert.ok(f in files, f);
    assert.ok(!Object.keys(files).some((f) => f.includes("node_modules")));
    for (const m of built.filter((m) => m.endsWith(".mjs")))
      assert.ok(!readFileSync(join(dir, m), "utf8").includes(ROOT), `${m} holds the checkout's path`);
    let out = "";
    const io: CommandIO = {
      cwd: temp,
      stdout: { write: (s: string) => (out += s) },
      stderr: process.stderr,
    };
    const { main } = (await import(entry)) as { main: (argv: string[], io: CommandIO) => Promise<number> };
    assert.equal(await main(["help"], io), 0);
    assert.match(out, /serve\s/);
  });
});
