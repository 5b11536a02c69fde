import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

// a deadline no render can meet: every task is stopped and answered BUSY (read when the module loads)
process.env.CITYPATH_RENDER_DEADLINE_S = "0.001";
const { closeStatementPool, renderReportInWorker } = await import("./statements.ts");
const { RetryLaterError } = await import("../errors.ts");

describe("document rendering in workers", () => {
  after(closeStatementPool);

  it("stops a render that runs past its deadline and answers BUSY with a Retry-After", async () => {
    await assert.rejects(renderReportInWorker({ format: "html", lang: "ko" }), (e: unknown) => {
      assert.ok(e instanceof RetryLaterError, String(e));
      assert.equal(e.code, "BUSY");
      assert.match(e.message, /longer than 0\.001 s/);
      assert.ok(e.retryAfterS > 0);
      return true;
    });
  });
});
