/**
 * Golden instances: small model instances whose pathway outputs are checked in
 * (instances/golden/NAME/expected.pathway.json), plus the Jeonju demo (instances/golden/jeonju.pathway.json).
 * Any change of a result shows as a diff that someone must explain. After a deliberate change, rewrite the
 * expected files with:  UPDATE_GOLDEN=1 node scripts/run-tests.mjs instance-golden
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { pathwayJson, unwrap } from "@citypath/core";
import { JEONJU_INSTANCE_DIR, loadInstance, runLoaded } from "./instance.ts";

const GOLDEN = fileURLToPath(new URL("../instances/golden", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";

function check(dir: string, expectedFile: string): void {
  const load = unwrap(loadInstance(dir));
  const runs = unwrap(runLoaded(load));
  const got = `${JSON.stringify(pathwayJson(runs), null, 1)}\n`;
  if (update || !existsSync(expectedFile)) {
    if (!update) assert.fail(`${expectedFile} is missing; run with UPDATE_GOLDEN=1 to write it`);
    writeFileSync(expectedFile, got);
    return;
  }
  const want = readFileSync(expectedFile, "utf8");
  if (got !== want) {
    // Name the first differing line, then fail with the whole comparison.
    const a = got.split("\n");
    const b = want.split("\n");
    const i = a.findIndex((l, k) => l !== b[k]);
    assert.fail(`${expectedFile} differs at line ${i + 1}: got ${a[i]?.trim()} expected ${b[i]?.trim()}`);
  }
}

describe("golden instances", () => {
  for (const name of readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    it(`${name.name}: pathway output is unchanged`, () => {
      check(join(GOLDEN, name.name), join(GOLDEN, name.name, "expected.pathway.json"));
    });
  }
  it("jeonju: pathway output is unchanged", () => {
    check(JEONJU_INSTANCE_DIR, join(GOLDEN, "jeonju.pathway.json"));
  });
});
