#!/usr/bin/env node
// Runs the bundle of the TypeScript sources (bundle.js: built on first use, and again whenever a source it was
// built from changed), so `npx citypath` works right after `npm ci` with no build step. CITYPATH_FROM_SOURCE=1
// runs the sources themselves through tsx instead (slower to start; decision 0069).
let main;
if (process.env.CITYPATH_FROM_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/main.ts"));
} else {
  const { bundleEntry } = await import("./bundle.js");
  ({ main } = await import(await bundleEntry()));
}
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
