import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "./connect.ts";
import {
  clearLimit,
  isKnownSignInAddress,
  KNOWN_ADDRESSES_PER_ACCOUNT,
  limitKey,
  refundLimit,
  rememberSignInAddress,
  sweepLimits,
  takeLimit,
  takeLimits,
} from "./limits.ts";
import { createStore, type Store } from "./store.ts";
import { testDatabaseKinds } from "./testing.ts";

for (const kind of testDatabaseKinds()) {
  describe(`rate limits in the database (${kind.name})`, { skip: kind.skip }, () => {
    let db: Database;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = createStore(db);
    });
    after(() => db?.close());

    it("takeLimitAtomic: 40 parallel takes with a limit of 7 let exactly 7 through", async () => {
      const key = limitKey("test", "burst");
      const spec = { max: 7, windowMs: 60_000 };
      const got = await Promise.all(Array.from({ length: 40 }, () => takeLimit(store, key, spec, 1_000)));
      assert.equal(got.filter((g) => g.allowed).length, 7);
      assert.deepEqual(
        got
          .filter((g) => g.allowed)
          .map((g) => g.count)
          .sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7],
      );
      for (const g of got.filter((x) => !x.allowed)) assert.equal(g.retryAfterMs, 60_000);
      // the window ends: counting starts again
      assert.equal((await takeLimit(store, key, spec, 61_000)).count, 1);
    });

    it("takeLimits: several keys in one statement, each with its own limit; 30 parallel calls let each limit through exactly", async () => {
      const shared = limitKey("test", "many", "address");
      const mine = (i: number) => limitKey("test", "many", `account-${i % 3}`);
      const got = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          takeLimits(
            store,
            [
              { key: mine(i), spec: { max: 4, windowMs: 60_000 } },
              { key: shared, spec: { max: 20, windowMs: 30_000 } },
            ],
            1_000,
          ),
        ),
      );
      // each account's key counted 4 times at most (3 accounts: 12), the shared one 20 times
      assert.equal(got.filter((g) => g[0]!.allowed).length, 12);
      assert.equal(got.filter((g) => g[1]!.allowed).length, 20);
      for (const g of got) {
        if (!g[0]!.allowed) assert.equal(g[0]!.retryAfterMs, 60_000);
        if (!g[1]!.allowed) assert.equal(g[1]!.retryAfterMs, 30_000);
      }
      // the same counters as takeLimit's: a window past its end starts again
      assert.deepEqual(await takeLimit(store, shared, { max: 20, windowMs: 30_000 }, 31_000), {
        allowed: true,
        retryAfterMs: 0,
        count: 1,
      });
    });

    it("attempts whose clock readings reach the database out of order are all counted, none refused", async () => {
      const key = limitKey("test", "order");
      const spec = { max: 100, windowMs: 60_000 };
      assert.equal((await takeLimit(store, key, spec, 1_005)).allowed, true);
      const late = await takeLimit(store, key, spec, 1_000); // read the clock earlier, ran later
      assert.deepEqual(late, { allowed: true, retryAfterMs: 0, count: 2 });
      const delayed = { ...spec, delay: { free: 5, baseMs: 1_000, maxMs: 5_000 } };
      const k2 = limitKey("test", "order-delay");
      assert.equal((await takeLimit(store, k2, delayed, 2_005)).allowed, true);
      assert.equal((await takeLimit(store, k2, delayed, 2_000)).allowed, true);
    });

    it("refund gives one attempt back; clear forgets the key; sweep deletes what has passed", async () => {
      const key = limitKey("test", "refund");
      const spec = { max: 2, windowMs: 10_000 };
      await takeLimit(store, key, spec, 0);
      await takeLimit(store, key, spec, 0);
      assert.equal((await takeLimit(store, key, spec, 1)).allowed, false);
      await refundLimit(store, key);
      assert.equal((await takeLimit(store, key, spec, 2)).allowed, true);
      await clearLimit(store, key);
      assert.equal((await takeLimit(store, key, spec, 3)).count, 1);
      assert.ok((await sweepLimits(store, 1_000_000)) >= 1);
      assert.equal((await takeLimit(store, key, spec, 1_000_000)).count, 1);
    });

    it("growing delays: free attempts, then waits doubling up to the maximum, sliding window", async () => {
      const key = limitKey("test", "delay");
      const spec = {
        max: 1_000,
        windowMs: 60_000,
        sliding: true,
        delay: { free: 3, baseMs: 1_000, maxMs: 5_000 },
      };
      let now = 0;
      for (let i = 0; i < 3; i++) assert.equal((await takeLimit(store, key, spec, now)).allowed, true);
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await takeLimit(store, key, spec, now);
        assert.equal(r.allowed, false);
        waits.push(r.retryAfterMs);
        now += r.retryAfterMs;
        assert.equal((await takeLimit(store, key, spec, now)).allowed, true);
      }
      assert.deepEqual(waits, [1_000, 2_000, 4_000, 5_000, 5_000]);
      // a quiet window ends the count
      now += 60_000 + 5_000;
      assert.equal((await takeLimit(store, key, spec, now)).count, 1);
    });

    it("known sign-in addresses: remembered per account, the newest kept, forgotten when old", async () => {
      const id = "00000000-0000-4000-8000-000000000001";
      await store.users.create({ id, email: "known@example.kr", name: "k" });
      await rememberSignInAddress(store, id, "203.0.113.1", 1_000);
      assert.equal(await isKnownSignInAddress(store, "known@example.kr", "203.0.113.1", 2_000), true);
      assert.equal(await isKnownSignInAddress(store, "known@example.kr", "203.0.113.2", 2_000), false);
      assert.equal(await isKnownSignInAddress(store, "other@example.kr", "203.0.113.1", 2_000), false);
      assert.equal(
        await isKnownSignInAddress(store, "known@example.kr", "203.0.113.1", 1_000 + 181 * 86_400_000),
        false,
      );
      for (let i = 0; i < KNOWN_ADDRESSES_PER_ACCOUNT; i++)
        await rememberSignInAddress(store, id, `198.51.100.${i}`, 10_000 + i);
      assert.equal(await isKnownSignInAddress(store, "known@example.kr", "203.0.113.1", 20_000), false);
      assert.equal(await isKnownSignInAddress(store, "known@example.kr", "198.51.100.0", 20_000), true);
    });
  });
}
