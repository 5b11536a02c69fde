/**
 * Golden output of the built-in demo activity file: the whole JSON document is checked in, so any change to a
 * result shows up as a diff someone must explain. Regenerate deliberately with UPDATE_GOLDEN=1.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { computeInventory, inventoryCsv, inventoryJson, mergeFactors } from "@citypath/core";
import { readActivityCsv } from "./csv.ts";
import { builtinActivities, builtinFactors } from "./factors/builtin.ts";
import { gwpSet } from "./gwp.ts";

const DEMO = new URL("../demo/", import.meta.url).pathname;

function demo() {
  const rows = readActivityCsv("activity.csv", { cwd: DEMO });
  assert.ok(rows.ok, JSON.stringify(!rows.ok && rows.problems));
  const defs = builtinActivities();
  const r = computeInventory({
    activities: rows.value,
    factors: mergeFactors(builtinFactors(), [], defs),
    gwp: gwpSet("AR5"),
    activityDefs: defs,
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return { r, rows: rows.value };
}

function golden(name: string, actual: string) {
  const path = `${DEMO}golden/${name}`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  assert.equal(
    actual,
    readFileSync(path, "utf8"),
    `${name} differs from the golden file; explain the change or run with UPDATE_GOLDEN=1`,
  );
}

test("demo activity file: golden JSON and CSV", () => {
  const { r, rows } = demo();
  golden("inventory.json", `${JSON.stringify(inventoryJson("AR5", r.value, r.warnings, rows), null, 2)}\n`);
  golden("inventory.csv", inventoryCsv(r.value));
  // every line is traced to file lines that hold its activity
  const doc = JSON.parse(readFileSync(`${DEMO}golden/inventory.json`, "utf8"));
  const text = readFileSync(`${DEMO}activity.csv`, "utf8").split("\n");
  for (const l of doc.years[0].lines)
    for (const n of l.activity_lines)
      assert.ok(text[n - 1]!.includes(`,${l.gpc_ref},`), `${l.gpc_ref} line ${n}`);
});

test("demo activity file: totals add up", () => {
  const { r } = demo();
  for (const y of r.value.years) {
    const sum = (f: (l: (typeof y.lines)[number]) => boolean) =>
      y.lines.filter(f).reduce((s, l) => s + l.tco2e, 0);
    const tol = 1e-9 * y.totals_tco2e.basic;
    assert.ok(Math.abs(y.totals_tco2e.basic - sum((l) => l.level === "basic")) < tol);
    const kr = Object.values(y.kr_sectors_tco2e).reduce((a, b) => a + b, 0);
    // Korean sectors = BASIC + IV + V
    assert.ok(
      Math.abs(
        kr - (y.totals_tco2e.basic + sum((l) => l.gpc_ref.startsWith("IV") || l.gpc_ref.startsWith("V."))),
      ) < tol,
    );
  }
});
