import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { INSTANCE_SCHEMA_PATH, instanceJsonSchemaText } from "./instance-schema.ts";

describe("instance JSON Schema", () => {
  it("docs/schema/instance.schema.json is generated from the current zod types", () => {
    const want = instanceJsonSchemaText();
    const got = readFileSync(INSTANCE_SCHEMA_PATH, "utf8");
    assert.ok(
      got === want,
      "docs/schema/instance.schema.json is out of date: run node --import tsx packages/data/src/instance-schema.ts --write",
    );
  });

  it("names every action type and checks params by type", () => {
    const s = JSON.parse(instanceJsonSchemaText());
    const all = s.properties.actions.items.allOf;
    assert.ok(all[1].properties.type.enum.includes("fixed_abatement"));
    assert.ok(all[1].properties.type.enum.includes("intensity_change"));
    const fixed = all.find(
      (x: { if?: { properties: { type: { const: string } } } }) =>
        x.if?.properties.type.const === "fixed_abatement",
    );
    assert.deepEqual(fixed.then.properties.params.required.sort(), ["after_last", "line", "tco2e_avoided"]);
  });
});
