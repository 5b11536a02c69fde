/**
 * The participation routes count the account's write limit in their own rate-limit statement, and the app's
 * middleware leaves it to them: the routes that do are exactly the ones named, and a participation request
 * counts once against the write limit, which it shares with every other write.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../testing.ts";
import { createRateLimiter, DEFAULT_RATE_LIMITS, participationCountsWrite } from "./rate-limit.ts";

describe("the write limit of participation requests", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(() => t.close());

  it("is left by the middleware to exactly the routes that count participation", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const counted = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .map((m) => m.toUpperCase())
        .filter((m) => participationCountsWrite(m, path.replace(/\{[^}]+\}/g, "x")))
        .map((m) => `${m} ${path}`),
    );
    assert.deepEqual(counted.sort(), [
      "DELETE /api/tenants/{tenant}/contributions/{contribution}/support",
      "POST /api/tenants/{tenant}/consultations/{consultation}/comments",
      "POST /api/tenants/{tenant}/consultations/{consultation}/proposals",
      "POST /api/tenants/{tenant}/contributions/{contribution}/reports",
      "POST /api/tenants/{tenant}/residents/verify",
      "PUT /api/tenants/{tenant}/contributions/{contribution}/support",
      "PUT /api/tenants/{tenant}/follows/{kind}/{id}",
    ]);
  });

  it("counts a participation request once against the write limit it shares with other writes", async () => {
    let now = Date.parse("2026-03-10T00:00:00Z");
    const limiter = createRateLimiter(t.store, { ...DEFAULT_RATE_LIMITS, writesPerUser: 3 }, () => now);
    assert.equal(await limiter.participate("support", "user-a", "10.1.0.1"), 0);
    assert.equal(await limiter.participate("report", "user-a", "10.1.0.1"), 0);
    assert.equal(await limiter.write("user-a"), 0);
    // the fourth write of the minute, participation or not, waits for the window's end (60 s)
    assert.equal(await limiter.participate("support", "user-a", "10.1.0.1"), 60);
    assert.equal(await limiter.write("user-a"), 60);
    // another account is not held back, and the refused support gave back what it counted at the address
    assert.equal(await limiter.participate("support", "user-b", "10.1.0.1"), 0);
    now += 60_000;
    assert.equal(await limiter.participate("support", "user-a", "10.1.0.1"), 0);
  });
});
