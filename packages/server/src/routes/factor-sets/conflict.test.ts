/**
 * Concurrent edits: two saves based on the same version race; one wins, the other gets 409 with the current
 * version, and nothing is silently overwritten. Runs on PGlite and on PostgreSQL (TEST_DATABASE_URL), where
 * the two requests really run at once on two connections.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listAudit, verifyAuditChains } from "@citypath/db";
import { testDatabaseKinds } from "@citypath/db/testing";
import { createTestApp, signIn } from "../../testing.ts";

for (const kind of testDatabaseKinds()) {
  describe(`concurrent edits on ${kind.name}`, { skip: kind.skip }, () => {
    it("a save based on an old version is refused with 409 and the current version", async () => {
      const t = await createTestApp({ database: await kind.open(), demo: false });
      try {
        const tenant = await t.store.tenants.create({
          slug: "race-city",
          name: "경쟁시",
          nameEn: "Race City",
        });
        const ed = await signIn(t, "editor@race.example");
        await t.store.memberships.put(tenant.id, ed.userId, "editor", []);
        const put = (base: number, factor: number) =>
          t.app.request("/api/tenants/race-city/factor-sets/grid", {
            method: "PUT",
            headers: ed.headers(true),
            body: JSON.stringify({
              base_version: base,
              name: `grid ${factor}`,
              factors: [{ activity: "electricity", gas: "CO2e", factor, unit: "tCO2e/MWh", source: "test" }],
            }),
          });
        assert.equal((await put(0, 0.45)).status, 200);
        const [a, b] = await Promise.all([put(1, 0.46), put(1, 0.47)]);
        const statuses = [a.status, b.status].sort();
        assert.deepEqual(statuses, [200, 409]);
        const lost = a.status === 409 ? a : b;
        const won = a.status === 409 ? b : a;
        const err = (await lost.json()) as { error: { code: string; current_version: number } };
        assert.equal(err.error.code, "CONFLICT");
        assert.equal(err.error.current_version, 2);
        const winner = ((await won.json()) as { name: string }).name;
        const stored = await t.store.factorSets.get(tenant.id, "grid");
        assert.equal(stored!.version, 2);
        assert.equal(stored!.name, winner, "the stored set is the winner's, not a mix");
        // one audit record per change that happened: the create and the winning update
        const trail = await listAudit(t.store.db, tenant.id, { entity: "factor_set" });
        assert.deepEqual(
          trail.map((r) => [r.action, r.version]),
          [
            ["create", 1],
            ["update", 2],
          ],
        );
        assert.equal((trail[1]!.after as { name: string }).name, winner);
        assert.equal((trail[1]!.before as { name: string }).name, "grid 0.45");
        const [chain] = await verifyAuditChains(t.store.db, { tenantId: tenant.id });
        assert.equal(chain!.broken, undefined);
        // a save on the stale version afterwards is refused the same way
        const late = await put(1, 0.5);
        assert.equal(late.status, 409);
      } finally {
        await t.close();
      }
    });
  });
}
