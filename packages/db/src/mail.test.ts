/**
 * The mail outbox and invitations on every database kind: claims that two senders never share, attempts
 * recorded with their outcome, invitations open until accepted, withdrawn or expired, and accepted once.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import type { Database } from "./connect.ts";
import {
  createInvitation,
  markInvitationAccepted,
  openInvitation,
  pendingInvitations,
  withdrawInvitation,
} from "./invitations.ts";
import { claimDueMail, mailAttempts, outbox, queueMail, recordMailAttempt } from "./mail.ts";
import * as schema from "./schema.ts";
import { createStore, type Store } from "./store.ts";
import { testDatabaseKinds } from "./testing.ts";

const T0 = new Date("2026-05-20T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

for (const kind of testDatabaseKinds()) {
  describe(`mail outbox and invitations (${kind.name})`, { skip: kind.skip }, () => {
    let db: Database;
    let store: Store;
    let tenant: TenantId;
    before(async () => {
      db = await kind.open();
      store = createStore(db);
      tenant = (await store.tenants.create({ slug: "mailtown", name: "메일시", nameEn: "Mailtown" })).id;
    });
    after(() => db?.close());

    it("claimsAreExclusive: parallel senders claim each due message once; a claim is a lease", async () => {
      for (let i = 0; i < 12; i++)
        await queueMail(store, {
          kind: "invitation",
          email: `m${i}@example.kr`,
          link: `http://x/${i}`,
          forTenant: tenant,
          at: T0,
        });
      const claims = await Promise.all([1, 2, 3, 4].map(() => claimDueMail(store, T0, 60_000, 5)));
      const ids = claims.flat().map((m) => m.id);
      assert.equal(ids.length, new Set(ids).size, "no message claimed twice");
      // under the lease nobody else gets them; after it they are due again
      const all = new Set((await outbox(store, { forTenant: tenant })).map((m) => m.id));
      const rest = await claimDueMail(store, T0, 60_000, 20);
      assert.equal(ids.length + rest.length, all.size);
      assert.deepEqual(await claimDueMail(store, at(59_999), 60_000, 20), []);
      assert.equal((await claimDueMail(store, at(60_000), 60_000, 20)).length, all.size);
    });

    it("a message queued with the database's clock (microseconds) is claimed too", async () => {
      await store.db.insert(schema.mailOutbox).values({
        id: "from-before",
        kind: "password-reset",
        email: "old@example.kr",
        link: "http://x/old",
      });
      const far = new Date(Date.now() + 86_400_000);
      const got = await claimDueMail(store, far, 60_000, 100);
      assert.ok(got.some((m) => m.id === "from-before"));
      assert.ok(!(await claimDueMail(store, far, 60_000, 100)).some((m) => m.id === "from-before"));
    });

    it("records each attempt: a retry moves the next attempt, a success or a give-up ends it", async () => {
      const id = await queueMail(store, {
        kind: "password-reset",
        email: "Lee@Example.kr",
        link: "http://x/r",
        at: T0,
      });
      await recordMailAttempt(store, id, { at: T0, ok: false, detail: "451 busy", retryAt: at(60_000) });
      let [m] = await outbox(store, { email: "lee@example.kr" });
      assert.equal(m!.attempts, 1);
      assert.equal(m!.nextAttemptAt.getTime(), at(60_000).getTime());
      await recordMailAttempt(store, id, { at: at(60_000), ok: true, detail: "250 ok" });
      [m] = await outbox(store, { email: "lee@example.kr" });
      assert.equal(m!.sentAt?.getTime(), at(60_000).getTime());
      assert.deepEqual(
        (await mailAttempts(store, id)).map((a) => [a.attempt, a.ok, a.detail]),
        [
          [1, false, "451 busy"],
          [2, true, "250 ok"],
        ],
      );
      const gone = await queueMail(store, {
        kind: "account-exists",
        email: "gone@example.kr",
        link: "http://x/g",
        at: T0,
      });
      await recordMailAttempt(store, gone, { at: T0, ok: false, detail: "550 no such user" });
      assert.equal((await outbox(store, { email: "gone@example.kr" }))[0]!.failedAt?.getTime(), T0.getTime());
      // sent and given-up messages are never claimed again
      const due = await claimDueMail(store, at(10 * 86_400_000), 1, 100);
      assert.ok(!due.some((d) => d.id === id || d.id === gone));
    });

    it("invitationsOpenUntilUsed: the newest link of an address works, once, until it expires or is withdrawn", async () => {
      const base = {
        tenantId: tenant,
        role: "editor" as const,
        departments: ["교통정책과"],
        invitedBy: null,
        now: T0,
      };
      const first = await createInvitation(store, {
        ...base,
        email: "Kim@Example.kr",
        token: "t-one",
        expiresAt: at(7 * 86_400_000),
      });
      assert.equal(first.email, "kim@example.kr");
      await createInvitation(store, {
        ...base,
        email: "kim@example.kr",
        token: "t-two",
        expiresAt: at(7 * 86_400_000),
      });
      assert.equal(
        await openInvitation(store, tenant, "t-one", T0),
        undefined,
        "the older link is withdrawn",
      );
      const open = await openInvitation(store, tenant, "t-two", T0);
      assert.ok(open);
      assert.equal(await openInvitation(store, tenant, "t-two", at(7 * 86_400_000)), undefined, "expired");
      assert.deepEqual(
        (await pendingInvitations(store, tenant, T0)).map((i) => i.email),
        ["kim@example.kr"],
      );
      // two accepts at once: one wins
      const wins = await Promise.all(
        [1, 2, 3].map((n) => markInvitationAccepted(store, tenant, open!.id, `u${n}`, T0)),
      );
      assert.equal(wins.filter(Boolean).length, 1);
      assert.equal(await openInvitation(store, tenant, "t-two", T0), undefined);
      assert.deepEqual(await pendingInvitations(store, tenant, T0), []);
      const other = await createInvitation(store, {
        ...base,
        email: "park@example.kr",
        token: "t-three",
        expiresAt: at(1000),
      });
      assert.equal((await withdrawInvitation(store, tenant, other.id, T0))?.id, other.id);
      assert.equal(await withdrawInvitation(store, tenant, other.id, T0), undefined);
      assert.equal(await openInvitation(store, tenant, "t-three", T0), undefined);
    });
  });
}
