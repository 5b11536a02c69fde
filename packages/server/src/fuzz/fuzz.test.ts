/**
 * A seeded sample of generated requests for every operation of /api/openapi.json (openapi-fuzz.ts): no 5xx,
 * no thrown request, every error in the catalogue's shape, nothing changed by a refused write. The long run
 * (at least 100,000 requests and 1,000 malformed files) is `npm run bench:fuzz`.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type FuzzHarness, fuzzHarness } from "./harness.ts";
import { requestsFor } from "./openapi-fuzz.ts";

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 5);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

describe("requests generated from the OpenAPI document", () => {
  let h: FuzzHarness;
  before(async () => {
    h = await fuzzHarness();
  });
  after(() => h.close());

  it("every operation: no 5xx, errors in the catalogue's shape, refused writes change nothing", async () => {
    assert.ok(h.operations.length > 50, `${h.operations.length} operations`);
    for (const op of h.operations)
      await fc.assert(
        fc.asyncProperty(requestsFor(op, h.doc), async (r) => {
          await h.send(r);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
  });
});
