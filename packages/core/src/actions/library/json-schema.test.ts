import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LIBRARY_ACTION_TYPES } from "./index.ts";
import { actionParamsJsonSchemas } from "./json-schema.ts";

describe("parameter JSON Schemas", () => {
  const all = actionParamsJsonSchemas(LIBRARY_ACTION_TYPES);

  test("one schema per type; every numeric parameter carries its unit", () => {
    assert.equal(Object.keys(all).length, LIBRARY_ACTION_TYPES.length);
    for (const t of LIBRARY_ACTION_TYPES)
      for (const [k, m] of Object.entries(t.params))
        assert.equal(all[t.type]!.properties?.[k]?.["x-unit"], m.unit, k);
  });

  test("parameters without a default are required; defaults name their source", () => {
    const brt = all.brt_corridor!;
    assert.ok(brt.required?.includes("riders_per_day"));
    assert.ok(!brt.required?.includes("car_occupancy"));
    assert.match(String(brt.properties?.car_occupancy?.description), /1\.22.*MOLIT\/KOTI/);
  });
});
