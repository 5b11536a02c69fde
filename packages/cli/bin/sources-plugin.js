// The esbuild plugin that builds the workspace's sources into plain ES modules, shared by the `citypath`
// command's bundle (bundle.js, decision 0069) and the test files' build (scripts/test-bundle.mjs, decision 0077).
//
// npm packages stay outside and load from node_modules as usual; the workspace's packages (@citypath/...) are
// built in. A worker entry registers tsx for the TypeScript it imports: built, there is nothing to register.
//
// A source file's `import.meta.url` is its own address in the checkout (the files beside it, its data and its
// migrations are found through it), not the built module's. It is replaced by esbuild's `define` on the parsed
// file: the expression only, never a string or a comment that names it. The address itself is computed by a
// line the build puts before the file's code (a banner, which is not parsed for the define), so it can be an
// expression that uses the built module's own `import.meta.url` (the command's bundle: a path relative to it,
// so that no machine path is built in) or a plain string (the tests' build, made afresh for each run).
import { readFile } from "node:fs/promises";
import { sep } from "node:path";

/** The name the source address is bound to in each built file that uses it. */
const SOURCE_URL = "__citypathSourceUrl";

/**
 * The plugin. `sourceUrl(path)` is the JavaScript expression of the source file's address (path absolute).
 * `ownUrl(path, src)` says that a file keeps the built module's own `import.meta.url`: the command's files that
 * start a worker built beside the bundle's modules, which find it through their own address.
 */
export function sourcesPlugin({ name, sourceUrl, ownUrl = () => false }) {
  return {
    name,
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (a) => {
        if (a.path === "tsx/esm/api" && a.kind === "import-statement")
          return { path: a.path, namespace: "no-tsx" };
        return a.path.startsWith("@citypath/") ? undefined : { path: a.path, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: "no-tsx" }, () => ({ contents: "export function register() {}" }));
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (a) => {
        if (a.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const src = await readFile(a.path, "utf8");
        const loader = /\.[cm]?ts$/.test(a.path) ? "ts" : "js";
        if (!src.includes("import.meta.url") || ownUrl(a.path, src)) return { contents: src, loader };
        const { transform } = await import("esbuild");
        const out = await transform(src, {
          loader,
          format: "esm",
          target: "node20",
          sourcefile: a.path,
          sourcemap: "inline",
          banner: `const ${SOURCE_URL} = ${sourceUrl(a.path)};`,
          define: { "import.meta.url": SOURCE_URL },
        });
        return { contents: out.code, loader: "js" };
      });
    },
  };
}

/** The options both builds share: ES modules for Node 20, split into shared parts, with source maps. */
export const BUILD_OPTIONS = {
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  sourcemap: "linked",
  logLevel: "silent",
};
