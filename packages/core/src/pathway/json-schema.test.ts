import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unwrap } from "../errors.ts";
import { tinyInstance } from "./fixtures.ts";
import { explain, pathwayJson, pathwayRegistry, runScenarios, validateInstance } from "./index.ts";
import { explanationSchema, pathwayJsonSchema } from "./json-schema.ts";

const registry = pathwayRegistry();

describe("the schemas of the engine's JSON answers", () => {
  const valid = unwrap(validateInstance(tinyInstance(), registry));
  const runs = unwrap(runScenarios(valid, registry));

  it("the pathway document of every scenario of an instance fits its schema, key for key", () => {
    const doc = pathwayJson(runs);
    assert.ok(doc.scenarios.length >= 2, "bau and at least one scenario");
    const parsed = pathwayJsonSchema.strict().safeParse(JSON.parse(JSON.stringify(doc)));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    // nothing the document holds is dropped by the schema
    assert.deepEqual(parsed.data, JSON.parse(JSON.stringify(doc)));
  });

  it("an explanation with actions and their chains fits its schema", () => {
    const last = runs[runs.length - 1]!;
    const line = last.model.lines[0]!.gpc_ref;
    const e = unwrap(explain(last.model, last.levels, line, last.model.endYear, last.id));
    const json = JSON.parse(JSON.stringify(e));
    const parsed = explanationSchema.safeParse(json);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    assert.deepEqual(parsed.data, json);
  });

  it("a document missing a scenario's market-based figures does not fit", () => {
    const doc = JSON.parse(JSON.stringify(pathwayJson(runs)));
    delete doc.scenarios[0].market_based;
    assert.equal(pathwayJsonSchema.safeParse(doc).success, false);
  });
});
