import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { openDatabase } from "./connect.ts";
import { postgresSkipReason } from "./testing.ts";

const skip = postgresSkipReason();

describe("a PostgreSQL database's close", { skip }, () => {
  // Test databases are dropped right after close (WITH (FORCE) on Citus), servers stopped after it: a session
  // still ending then is terminated, and the server's message reached the pool as an uncaught 'error' event.
  it("resolves once every connection of the pool and of its listeners has ended on the server", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      // the pool's end() leaves backends behind more often than not: ten rounds find it
      for (let round = 0; round < 10; round++) {
        const app = `citypath_close_${process.pid}_${round}`;
        url.searchParams.set("application_name", app);
        const d = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
        await d.listen!(
          "citypath_close_test",
          () => {},
          () => {},
        );
        // four statements at once: the pool holds four connections
        await Promise.all([1, 2, 3, 4].map(() => d.withSession((s) => s.query("SELECT pg_sleep(0.05)"))));
        const before = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
          [app],
        );
        assert.equal(before.rows[0]!.n, 5, "four pooled connections and the listener's");
        await d.close();
        const after = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
          [app],
        );
        assert.equal(after.rows[0]!.n, 0, `round ${round}: sessions left after close`);
      }
    } finally {
      await admin.end();
    }
  });
});
