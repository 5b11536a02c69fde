/** The participation repository's contract, on PGlite, PostgreSQL and Citus alike. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CitypathError, type TenantId } from "@citypath/core";
import type { Consultation } from "@citypath/core/participation/index";
import { consultation as sampleConsultation } from "@citypath/core/participation/test-fixtures";
import { eq } from "drizzle-orm";
import { auditHash, listAudit, verifyAuditChains } from "./audit.ts";
import type { Database } from "./connect.ts";
import { censusHash, contributionRef, textHash } from "./participation.ts";
import * as schema from "./schema.ts";
import { createStore, type Store } from "./store.ts";
import { testDatabaseKinds } from "./testing.ts";

const code = (e: unknown) => (e instanceof CitypathError ? e.code : undefined);
const T0 = new Date("2026-03-01T00:00:00Z");
const DAY = 86_400_000;

const consultation = (over: Partial<Consultation> = {}): Consultation =>
  sampleConsultation({
    id: "brt-phase-2",
    title: { ko: "BRT 2단계", en: "BRT phase 2" },
    description: { ko: "노선 의견", en: "Route comments" },
    closes_at: "2026-04-01T00:00:00+09:00",
    department: "transport-policy",
    ...over,
  });

for (const kind of testDatabaseKinds()) {
  describe(`participation repository on ${kind.name}`, { skip: kind.skip }, () => {
    let database: Database;
    let store: Store;
    let n = 0;
    let tenant: TenantId;
    const users: string[] = [];
    before(async () => {
      database = await kind.open();
      store = createStore(database);
      tenant = (await store.tenants.create({ slug: "part-1", name: "시", nameEn: "City" })).id;
      for (let i = 0; i < 30; i++)
        users.push((await store.users.create({ name: `u${i}`, email: `u${i}@example.kr` })).id);
      await store.participation.saveConsultation(tenant, consultation(), 0);
    });
    after(async () => {
      await database?.close();
    });
    const comment = (
      text: string,
      author = users[0]!,
      parent?: { id: string; rootId: string; depth: number },
    ) =>
      store.participation.addContribution(tenant, {
        id: `c-${++n}`,
        consultationId: "brt-phase-2",
        kind: "comment",
        parent,
        authorId: author,
        authorName: "시민",
        badge: null,
        text,
        dueAt: new Date(T0.getTime() + 30 * DAY),
        createdAt: new Date(T0.getTime() + n * 1000),
      });

    it("saves consultations by version; a stale save is a CONFLICT; the database refuses a close before the open", async () => {
      const cur = await store.participation.consultation(tenant, "brt-phase-2");
      assert.equal(cur?.version, 1);
      assert.deepEqual(cur?.consultation.title, { ko: "BRT 2단계", en: "BRT phase 2" });
      await assert.rejects(
        store.participation.saveConsultation(tenant, consultation(), 0),
        (e) => code(e) === "CONFLICT",
      );
      const b = await store.participation.saveConsultation(tenant, consultation({ audience: "experts" }), 1);
      assert.equal(b.version, 2);
      await assert.rejects(
        store.participation.saveConsultation(tenant, consultation(), 1),
        (e) => code(e) === "CONFLICT",
      );
      await store.participation.saveConsultation(tenant, consultation(), 2);
      const bad = { ...consultation({ id: "bad" }), closes_at: "2026-01-01T00:00:00Z" } as Consultation;
      await assert.rejects(store.participation.saveConsultation(tenant, bad, 0));
      const list = await store.participation.consultations(tenant);
      assert.deepEqual(
        list.map((c) => c.consultation.id),
        ["brt-phase-2"],
      );
    });

    it("threads: replies come right after their parents, pages count top-level comments", async () => {
      const a = await comment("첫 번째 의견입니다");
      const b = await comment("두 번째 의견입니다");
      const a1 = await comment("첫 의견에 답합니다", users[1], a);
      const a11 = await comment("답에 다시 답합니다", users[2], a1);
      const page = await store.participation.page(tenant, "brt-phase-2", "comment", {
        sort: "newest",
        page: 1,
        pageSize: 50,
      });
      const ours = page.items.filter((i) => [a.id, b.id, a1.id, a11.id].includes(i.id)).map((i) => i.id);
      assert.deepEqual(ours, [b.id, a.id, a1.id, a11.id]);
      assert.equal(a11.depth, 2);
      assert.equal(a11.rootId, a.id);
      assert.equal(page.total, page.items.filter((i) => i.depth === 0).length);
      // the database refuses a third level
      await assert.rejects(comment("너무 깊은 답글입니다", users[3], a11));
      const p2 = await store.participation.page(tenant, "brt-phase-2", "comment", {
        sort: "newest",
        page: 2,
        pageSize: 1,
      });
      assert.deepEqual(
        p2.items.map((i) => i.id),
        [a.id, a1.id, a11.id],
      );
    });

    it("edits keep the previous text in the history; a stale edit is a CONFLICT; deleting removes text and history", async () => {
      const c = await comment("원래 의견입니다");
      const e = await store.participation.editContribution(
        tenant,
        c.id,
        { text: "고친 의견입니다" },
        1,
        new Date(T0.getTime() + 60_000),
      );
      assert.equal(e.version, 2);
      assert.equal(e.text, "고친 의견입니다");
      assert.ok(e.editedAt);
      await assert.rejects(
        store.participation.editContribution(tenant, c.id, { text: "늦은 수정입니다" }, 1, new Date()),
        (x) => code(x) === "CONFLICT",
      );
      assert.deepEqual(
        (await store.participation.edits(tenant, c.id)).map((h) => [h.version, h.text]),
        [[1, "원래 의견입니다"]],
      );
      const d = await store.participation.deleteContribution(tenant, c.id);
      assert.equal(d.moderation, "deleted");
      assert.equal(d.text, "");
      assert.deepEqual(await store.participation.edits(tenant, c.id), []);
    });

    it("the audit reference of a contribution holds the hash of its text, not the text", async () => {
      const c = await comment("감사 기록에 남지 않을 글");
      const ref = contributionRef(c);
      assert.equal(ref.text_sha256, textHash("감사 기록에 남지 않을 글"));
      assert.ok(!JSON.stringify(ref).includes("감사 기록"));
    });

    it("one support per person: 20 concurrent requests by one person count once; 25 people count 25", async () => {
      const c = await comment("지지받을 의견입니다");
      const same = await Promise.all(
        Array.from({ length: 20 }, () => store.participation.support(tenant, c.id, users[5]!)),
      );
      assert.equal(same.filter((r) => r.changed).length, 1);
      const many = await Promise.all(
        users.slice(0, 25).map((u) => store.participation.support(tenant, c.id, u)),
      );
      assert.equal(many.filter((r) => r.changed).length, 24); // users[5] had supported already
      const rows = await store.db
        .select()
        .from(schema.contributionSupport)
        .where(eq(schema.contributionSupport.contributionId, c.id));
      assert.equal(rows.length, 25);
      assert.equal((await store.participation.contribution(tenant, c.id))?.supportCount, 25);
      // withdraw, concurrently too: once
      const w = await Promise.all(
        Array.from({ length: 10 }, () => store.participation.withdrawSupport(tenant, c.id, users[5]!)),
      );
      assert.equal(w.filter((r) => r.changed).length, 1);
      assert.equal((await store.participation.contribution(tenant, c.id))?.supportCount, 24);
      assert.deepEqual(
        await store.participation.supportedBy(tenant, users[6]!, [c.id, "nothing"]),
        new Set([c.id]),
      );
      const sorted = await store.participation.page(tenant, "brt-phase-2", "comment", {
        sort: "most_supported",
        page: 1,
        pageSize: 1,
      });
      assert.equal(sorted.items[0]?.id, c.id);
    });

    it("answers are versioned; the first is version 1", async () => {
      const c = await comment("답변을 기다리는 의견");
      const a = await store.participation.answer(
        tenant,
        c.id,
        {
          state: "accepted",
          text: { ko: "반영하겠습니다" },
          links: [
            { kind: "action_status", id: "brt", note: { ko: "2단계 착공", en: "Phase 2 under way" } },
            { kind: "target", id: "t2030", note: { ko: "목표 상향" } },
          ],
          department: "transport-policy",
          answeredBy: users[9]!,
          answeredAt: new Date(T0.getTime() + 5 * DAY),
        },
        0,
      );
      assert.equal(a.version, 1);
      await assert.rejects(
        store.participation.answer(tenant, c.id, { ...a, state: "rejected" }, 0),
        (e) => code(e) === "CONFLICT",
      );
      const back = await store.participation.contribution(tenant, c.id);
      assert.equal(back?.answer?.state, "accepted");
      assert.deepEqual(back?.answer?.links, [
        { kind: "action_status", id: "brt", note: { ko: "2단계 착공", en: "Phase 2 under way" } },
        { kind: "target", id: "t2030", note: { ko: "목표 상향" } },
      ]);
    });

    it("three distinct reporters hide a comment pending review; the same reporter counts once; a restore clears them", async () => {
      const c = await comment("신고될 의견입니다");
      const at = new Date();
      await store.participation.report(tenant, c.id, users[1]!, "spam", at);
      const again = await store.participation.report(tenant, c.id, users[1]!, "offensive", at);
      assert.equal(again.changed, false);
      await store.participation.report(tenant, c.id, users[2]!, "spam", at);
      const third = await store.participation.report(tenant, c.id, users[3]!, "off_topic", at);
      assert.deepEqual(third, { changed: true, reportCount: 3, moderation: "hidden_pending_review" });
      assert.equal((await store.participation.moderationQueue(tenant))[0]?.id, c.id);
      const r = await store.participation.moderate(tenant, c.id, "restore");
      assert.equal(r.moderation, "visible");
      assert.equal(r.reportCount, 0);
      assert.deepEqual(await store.participation.reportsOf(tenant, c.id), []);
      await assert.rejects(
        store.participation.moderate(tenant, c.id, "restore"),
        (e) => code(e) === "CONFLICT",
      );
      assert.equal((await store.participation.moderate(tenant, c.id, "hide")).moderation, "hidden");
    });

    it("blocks an account with a reason, and unblocks it", async () => {
      await store.participation.block(tenant, users[7]!, "반복된 스팸", users[0]!, new Date());
      assert.equal((await store.participation.blocked(tenant, users[7]!))?.reason, "반복된 스팸");
      assert.deepEqual(await store.participation.standing(tenant, users[7]!), {
        blocked: true,
        resident: false,
      });
      assert.equal(await store.participation.unblock(tenant, users[7]!), true);
      assert.deepEqual(await store.participation.standing(tenant, users[7]!), {
        blocked: false,
        resident: false,
      });
      assert.equal(await store.participation.blocked(tenant, users[7]!), undefined);
    });

    it("the census holds keyed hashes only; an entry verifies one account", async () => {
      const secret = await store.participation.censusSecret(tenant);
      assert.equal(secret.length, 32);
      assert.deepEqual(await store.participation.censusSecret(tenant), secret);
      const h = censusHash(secret, ["홍길동", "1990-01-01", "55000"]);
      // the same details however spaced or spelled in full width
      assert.equal(censusHash(secret, [" 홍길동 ", "1990-01-01", "５５０００"]), h);
      assert.notEqual(censusHash(Buffer.alloc(32), ["홍길동", "1990-01-01", "55000"]), h);
      assert.equal(
        await store.participation.replaceCensus(tenant, [
          h,
          h,
          censusHash(secret, ["김", "2000-02-02", "1"]),
        ]),
        2,
      );
      // in batches as a streamed file gives them: the same person in two batches is one entry
      async function* batches() {
        yield [h, censusHash(secret, ["김", "2000-02-02", "1"])];
        yield [censusHash(secret, ["이", "2001-03-03", "2"]), h];
      }
      assert.equal(await store.participation.replaceCensus(tenant, batches()), 3);
      assert.equal(await store.participation.censusSize(tenant), 3);
      assert.equal(
        await store.participation.replaceCensus(tenant, [h, censusHash(secret, ["김", "2000-02-02", "1"])]),
        2,
      );
      const stored = await store.db
        .select()
        .from(schema.censusEntry)
        .where(eq(schema.censusEntry.tenantId, tenant));
      assert.ok(!JSON.stringify(stored).includes("홍길동"));
      assert.equal(
        await store.participation.verifyResident(tenant, users[0]!, "nope", new Date()),
        "not_found",
      );
      const both = await Promise.all([
        store.participation.verifyResident(tenant, users[0]!, h, new Date()),
        store.participation.verifyResident(tenant, users[1]!, h, new Date()),
      ]);
      assert.deepEqual([...both].sort(), ["taken", "verified"]);
      assert.equal(
        (await store.participation.isResident(tenant, users[0]!)) !==
          (await store.participation.isResident(tenant, users[1]!)),
        true,
      );
      const standings = await Promise.all(
        users.slice(0, 2).map((u) => store.participation.standing(tenant, u)),
      );
      assert.deepEqual(standings.map((x) => x.resident).sort(), [false, true]);
      assert.ok(standings.every((x) => !x.blocked));
    });

    it("a support with its audit record in one statement: concurrent requests change it and write a record once; the chain verifies", async () => {
      const c = await comment("감사 기록과 함께 지지");
      const by = { actorId: users[7]! };
      const same = await Promise.all(
        Array.from({ length: 12 }, () => store.participation.support(tenant, c.id, users[7]!, by)),
      );
      const changed = same.filter((r) => r.changed);
      assert.equal(changed.length, 1);
      assert.deepEqual(
        same.map((r) => r.supportCount),
        same.map(() => 1),
      );
      for (const r of same.filter((x) => !x.changed)) assert.equal(r.audit, undefined);
      const rec = changed[0]!.audit!;
      assert.deepEqual(
        [rec.tenantId, rec.actorId, rec.action, rec.entity, rec.entityId, rec.version, rec.before, rec.after],
        [tenant, users[7], "support", "contribution_support", c.id, null, null, { supports: 1 }],
      );
      // the hash the database computed is audit.ts's over the record as returned and as stored
      assert.equal(rec.hash, auditHash(rec));
      const stored = (
        await listAudit(store.db, tenant, { entity: "contribution_support", entityId: c.id })
      ).map((r) => [r.seq, r.stream, r.hash, r.after]);
      assert.deepEqual(stored, [[rec.seq, rec.stream, rec.hash, { supports: 1 }]]);
      // another person: the count with it; then both withdraw, at once, each once
      const other = await store.participation.support(tenant, c.id, users[8]!, { actorId: users[8]! });
      assert.deepEqual([other.changed, other.supportCount, other.audit?.after], [true, 2, { supports: 2 }]);
      const w = await Promise.all(
        [7, 8, 7, 8].map((i) =>
          store.participation.withdrawSupport(tenant, c.id, users[i]!, { actorId: users[i]! }),
        ),
      );
      assert.equal(w.filter((r) => r.changed).length, 2);
      assert.deepEqual(
        w.filter((r) => r.changed).map((r) => r.audit?.action),
        ["withdraw", "withdraw"],
      );
      assert.equal((await store.participation.contribution(tenant, c.id))?.supportCount, 0);
      assert.equal(
        (await listAudit(store.db, tenant, { entity: "contribution_support", entityId: c.id })).length,
        4,
      );
      const [chain] = await verifyAuditChains(store.db, { tenantId: tenant });
      assert.equal(chain?.broken, undefined);
      // without `audited` (the demo's illustrative supports): the change and no record
      const plain = await store.participation.support(tenant, c.id, users[9]!);
      assert.deepEqual([plain.changed, plain.supportCount, plain.audit], [true, 1, undefined]);
      assert.equal(
        (await listAudit(store.db, tenant, { entity: "contribution_support", entityId: c.id })).length,
        4,
      );
      // in a transaction that rolls back, neither the support nor its record stays
      await assert.rejects(
        store.transaction(async (s) => {
          const r = await s.participation.support(tenant, c.id, users[10]!, { actorId: users[10]! });
          assert.equal(r.supportCount, 2);
          throw new Error("roll back");
        }),
        /roll back/,
      );
      assert.equal((await store.participation.contribution(tenant, c.id))?.supportCount, 1);
      assert.equal(
        (await listAudit(store.db, tenant, { entity: "contribution_support", entityId: c.id })).length,
        4,
      );
      // the figures below count this consultation's supports
      assert.equal((await store.participation.withdrawSupport(tenant, c.id, users[9]!)).supportCount, 0);
    });

    it("figure inputs count what the core needs: authors by key, answers, supports", async () => {
      const f = await store.participation.figureInputs(tenant, "brt-phase-2");
      assert.ok(f.contributions.length > 5);
      assert.ok(f.contributions.some((c) => c.answer === "accepted" && c.answeredAt !== undefined));
      assert.equal(f.supports.length, 24);
    });

    it("another tenant sees none of it", async () => {
      const other = (await store.tenants.create({ slug: "part-2", name: "군", nameEn: "County" })).id;
      assert.deepEqual(await store.participation.consultations(other), []);
      assert.equal(await store.participation.contribution(other, "c-1"), undefined);
      assert.equal(
        (
          await store.participation.page(other, "brt-phase-2", "comment", {
            sort: "newest",
            page: 1,
            pageSize: 50,
          })
        ).total,
        0,
      );
    });
  });
}
