/**
 * The contract every Store must keep, run against each database kind (store.test.ts). One suite, so that the
 * embedded and the server database cannot drift apart.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CitypathError,
  PATHWAY_FORMAT,
  type PathwayJson,
  SCOPE2_METHODS,
  type TenantId,
} from "@citypath/core";
import { DepartmentSchema, ProgressUpdateSchema, SourceSchema } from "@citypath/core/agenda/index";
import {
  action as sampleAction,
  indicator as sampleIndicator,
  plan as samplePlan,
} from "@citypath/core/agenda/test-fixtures";
import { and, eq } from "drizzle-orm";
import { appendAudit, auditHash } from "./audit.ts";
import type { Database } from "./connect.ts";
import { sampleActivityRows, sampleInventoryResult } from "./fixtures.ts";
import { limitKey, takeLimit } from "./limits.ts";
import { deleteImportProfile, getImportProfile, listImportProfiles, saveImportProfile } from "./profiles.ts";
import { implementationReport as reportTable, session as sessionTable } from "./schema.ts";
import { conflictVersion, createStore, FrozenInventoryError, type Store } from "./store.ts";
import type { TestDatabaseKind } from "./testing.ts";

function code(e: unknown): string | undefined {
  return e instanceof CitypathError ? e.code : undefined;
}

export function storeContract(kind: TestDatabaseKind): void {
  describe(`Store contract on ${kind.name}`, { skip: kind.skip }, () => {
    let database: Database;
    let store: Store;
    let n = 0;
    const newTenant = () =>
      store.tenants.create({
        slug: `city-${++n}`,
        name: `시${n}`,
        nameEn: `City ${n}`,
        settings: { default_locale: "en" },
      });

    before(async () => {
      database = await kind.open();
      store = createStore(database);
    });
    after(async () => {
      await database?.close();
    });

    it("creates, finds and lists tenants; a duplicate slug is a CONFLICT", async () => {
      const a = await newTenant();
      assert.equal((await store.tenants.bySlug(a.slug))?.id, a.id);
      assert.deepEqual((await store.tenants.byId(a.id))?.settings, { default_locale: "en" });
      assert.ok((await store.tenants.list()).some((t) => t.slug === a.slug));
      assert.equal(await store.tenants.bySlug("nobody"), undefined);
      await assert.rejects(
        store.tenants.create({ slug: a.slug, name: "x", nameEn: "x" }),
        (e) => code(e) === "CONFLICT",
      );
    });

    it("refuses a slug that is not a URL name", async () => {
      await assert.rejects(store.tenants.create({ slug: "Not A Slug", name: "x", nameEn: "x" }));
    });

    it("updates a tenant on its current version and refuses a stale one with the current version", async () => {
      const a = await newTenant();
      const b = await store.tenants.update(a.id, 1, { settings: { default_locale: "ko", demo: true } });
      assert.equal(b.version, 2);
      assert.deepEqual(b.settings, { default_locale: "ko", demo: true });
      await assert.rejects(store.tenants.update(a.id, 1, { name: "late" }), (e) => {
        assert.equal(code(e), "CONFLICT");
        assert.equal(conflictVersion(e), 2);
        return true;
      });
    });

    it("stores activity rows exactly, including Korean text, nulls and extra columns", async () => {
      const t = await newTenant();
      const rows = sampleActivityRows(5);
      const d = await store.activity.create(t.id, {
        id: "2020-energy",
        name: "에너지",
        source: "file.csv",
        rows,
      });
      assert.equal(d.rowCount, rows.length);
      assert.deepEqual(await store.activity.rows(t.id, "2020-energy"), rows);
      assert.deepEqual(
        await store.activity.rows(t.id, "2020-energy", { year: 2021 }),
        rows.filter((r) => r.year === 2021),
      );
      await assert.rejects(
        store.activity.create(t.id, { id: "2020-energy", name: "again", rows: [] }),
        (e) => code(e) === "CONFLICT",
      );
      // nothing half-written: the failed dataset left no rows behind
      assert.equal((await store.activity.list(t.id)).length, 1);
    });

    it("a dataset with two rows on one line is refused whole", async () => {
      const t = await newTenant();
      const [r] = sampleActivityRows(1);
      await assert.rejects(
        store.activity.create(t.id, { id: "bad", name: "bad", rows: [{ ...r!, amount: null }] }),
        "an amount or a notation key, never neither",
      );
      await assert.rejects(
        store.activity.create(t.id, { id: "dup", name: "dup", rows: [r!, r!] }),
        (e) => code(e) === "DUPLICATE",
      );
      assert.deepEqual(await store.activity.list(t.id), []);
    });

    it("numbers round-trip bit for bit", async () => {
      const t = await newTenant();
      const amounts = [0.1 + 0.2, 1e-300, 123456789.12345679, 5e-324, 1.7976931348623157e308, -2.5e-7];
      const rows = amounts.map((amount, i) => ({ ...sampleActivityRows(1)[0]!, line: i + 2, amount }));
      await store.activity.create(t.id, { id: "num", name: "num", rows });
      const back = await store.activity.rows(t.id, "num");
      assert.deepEqual(
        back.map((r) => r.amount),
        amounts,
      );
      // jsonb keeps the shortest round-trip form too
      const inv = await store.inventories.create(t.id, {
        label: { ko: "n" },
        gwpSet: "AR5",
        result: { x: amounts },
        firstYear: 2020,
        lastYear: 2020,
      });
      assert.deepEqual((await store.inventories.get(t.id, inv.version))?.result, { x: amounts });
    });

    it("inventory versions count up; a published one is frozen; the latest published is found", async () => {
      const t = await newTenant();
      const v1 = await store.inventories.create(t.id, {
        label: { ko: "2020 초안" },
        gwpSet: "AR5",
        result: sampleInventoryResult(2020),
        firstYear: 2020,
        lastYear: 2020,
      });
      assert.equal(v1.version, 1);
      assert.equal(v1.status, "draft");
      assert.equal(v1.publishedAt, null);
      const p1 = await store.inventories.publish(t.id, 1);
      assert.equal(p1.status, "published");
      assert.ok(p1.publishedAt instanceof Date);
      await assert.rejects(store.inventories.publish(t.id, 1), (e) => code(e) === "CONFLICT");
      await assert.rejects(
        store.inventories.deleteDraft(t.id, 1),
        (e) => e instanceof FrozenInventoryError && code(e) === "CONFLICT" && conflictVersion(e) === 1,
      );
      const v2 = await store.inventories.create(t.id, {
        label: { ko: "2020 재계산" },
        gwpSet: "AR6",
        basedOnVersion: 1,
        factorSets: [{ kind: "builtin", id: "ipcc-2006" }],
        result: sampleInventoryResult(2020, 2),
        firstYear: 2020,
        lastYear: 2020,
      });
      assert.equal(v2.version, 2);
      assert.deepEqual(v2.factorSets, [{ kind: "builtin", id: "ipcc-2006" }]);
      assert.equal((await store.inventories.latest(t.id))?.version, 2);
      assert.equal((await store.inventories.latest(t.id, { status: "published" }))?.version, 1);
      assert.deepEqual(
        (await store.inventories.list(t.id)).map((h) => [h.version, h.status]),
        [
          [2, "draft"],
          [1, "published"],
        ],
      );
      assert.deepEqual((await store.inventories.get(t.id, 2))?.result, sampleInventoryResult(2020, 2));
      await store.inventories.deleteDraft(t.id, 2);
      assert.equal(await store.inventories.get(t.id, 2), undefined);
      await assert.rejects(store.inventories.deleteDraft(t.id, 9), (e) => code(e) === "NOT_FOUND");
    });

    it("a published version is provisional until a verification is recorded; the figures stay frozen", async () => {
      const t = await newTenant();
      await store.inventories.create(t.id, {
        label: { ko: "2021" },
        gwpSet: "AR5",
        result: sampleInventoryResult(2021),
        firstYear: 2021,
        lastYear: 2021,
      });
      const draft = await store.inventories.get(t.id, 1);
      assert.equal(draft?.verification.status, "provisional");
      assert.equal(draft?.verification.recordedAt, null);
      const input = {
        status: "verified" as const,
        verified_by: "한국환경공단 검증팀",
        verified_on: "2025-03-31",
        basis: { ko: "검증 의견서 (시험용)", en: "Verification opinion (test)" },
        illustrative: true,
      };
      // a draft can still change: it is not verified
      await assert.rejects(store.inventories.setVerification(t.id, 1, input), (e) => code(e) === "CONFLICT");
      await assert.rejects(store.inventories.setVerification(t.id, 7, input), (e) => code(e) === "NOT_FOUND");
      await store.inventories.publish(t.id, 1);
      const when = new Date("2025-04-01T09:00:00Z");
      const v = await store.inventories.setVerification(t.id, 1, input, when);
      assert.deepEqual(v.verification, {
        status: "verified",
        verifiedBy: "한국환경공단 검증팀",
        verifiedOn: "2025-03-31",
        basis: { ko: "검증 의견서 (시험용)", en: "Verification opinion (test)" },
        illustrative: true,
        recordedAt: when,
      });
      assert.deepEqual(v.result, sampleInventoryResult(2021), "the figures are untouched");
      assert.equal((await store.inventories.list(t.id))[0]?.verification.status, "verified");
      assert.equal(
        (await store.inventories.latest(t.id, { status: "published" }))?.verification.verifiedBy,
        "한국환경공단 검증팀",
      );
      // set back to provisional (a verification withdrawn): who and when go
      const back = await store.inventories.setVerification(t.id, 1, {
        status: "provisional",
        verified_by: null,
        verified_on: null,
        basis: { ko: "검증 철회 (시험용)" },
        illustrative: true,
      });
      assert.equal(back.verification.status, "provisional");
      assert.equal(back.verification.verifiedBy, null);
      assert.deepEqual(
        back.verification.basis,
        { ko: "검증 철회 (시험용)" },
        "no English entered: none stored",
      );
      // the database refuses a verified row without who and when
      await assert.rejects(
        database.withSession((s) =>
          s.exec(
            `UPDATE inventory_verification SET status = 'verified', verified_by = NULL WHERE tenant_id = '${t.id}'`,
          ),
        ),
      );
    });

    it("the database itself refuses to change a published inventory", async () => {
      const t = await newTenant();
      await store.inventories.create(t.id, {
        label: { ko: "p" },
        gwpSet: "AR5",
        status: "published",
        result: sampleInventoryResult(2019),
        firstYear: 2019,
        lastYear: 2019,
      });
      await assert.rejects(
        database.withSession((s) =>
          s.exec(`UPDATE inventory SET label = '{"ko": "changed"}' WHERE tenant_id = '${t.id}'`),
        ),
        /published and frozen/,
      );
      // deleting the whole tenant still removes it
      await store.tenants.delete(t.id);
      assert.deepEqual(await store.inventories.list(t.id), []);
    });

    it("instances are versioned: a save on a stale version is a CONFLICT carrying the current version", async () => {
      const t = await newTenant();
      const doc = { name: "전주", scenarios: [{ id: "bau" }] };
      const v1 = await store.instances.save(
        t.id,
        { id: "main", name: "전주", document: doc, documentHash: "h1" },
        0,
      );
      assert.equal(v1.version, 1);
      const v2 = await store.instances.save(
        t.id,
        { id: "main", name: "전주", document: { ...doc, note: "2" }, documentHash: "h2" },
        1,
      );
      assert.equal(v2.version, 2);
      await assert.rejects(
        store.instances.save(t.id, { id: "main", name: "x", document: doc, documentHash: "h3" }, 1),
        (e) => code(e) === "CONFLICT" && conflictVersion(e) === 2,
      );
      assert.deepEqual((await store.instances.get(t.id, "main"))?.document, { ...doc, note: "2" });
      assert.deepEqual((await store.instances.get(t.id, "main", 1))?.document, doc);
      assert.deepEqual(
        (await store.instances.list(t.id)).map((i) => [i.id, i.version]),
        [["main", 2]],
      );
      assert.deepEqual(
        (await store.instances.versions(t.id, "main")).map((i) => i.version),
        [2, 1],
      );
    });

    it("two concurrent saves on the same base: exactly one wins", async () => {
      const t = await newTenant();
      await store.instances.save(t.id, { id: "m", name: "m", document: {}, documentHash: "0" }, 0);
      const results = await Promise.allSettled([
        store.instances.save(t.id, { id: "m", name: "a", document: { a: 1 }, documentHash: "a" }, 1),
        store.instances.save(t.id, { id: "m", name: "b", document: { b: 1 }, documentHash: "b" }, 1),
      ]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      assert.equal(code(lost.reason), "CONFLICT");
      assert.equal((await store.instances.get(t.id, "m"))?.version, 2);
    });

    it("tenant factor sets: create, replace on the current version, CONFLICT on a stale one", async () => {
      const t = await newTenant();
      const factors = [
        {
          id: "local:1",
          activity: "lng",
          gas: "CO2",
          factor: 56100,
          unit: "kg/TJ",
          source: "IPCC 2006",
          origin: "user" as const,
        },
      ];
      const f1 = await store.factorSets.save(t.id, { id: "local", name: "자체", factors }, 0);
      assert.equal(f1.version, 1);
      assert.equal(f1.factorCount, 1);
      await assert.rejects(
        store.factorSets.save(t.id, { id: "local", name: "again", factors }, 0),
        (e) => code(e) === "CONFLICT" && conflictVersion(e) === 1,
      );
      const f2 = await store.factorSets.save(t.id, { id: "local", name: "자체 2", factors: [] }, 1);
      assert.equal(f2.version, 2);
      assert.deepEqual((await store.factorSets.get(t.id, "local"))?.factors, []);
      await assert.rejects(
        store.factorSets.save(t.id, { id: "nope", name: "x", factors }, 3),
        (e) => code(e) === "NOT_FOUND",
      );
    });

    it("reference data is replaced only when its content changes", async () => {
      const gwp = (gases: Record<string, number>) => ({
        name: "AR5",
        title: "IPCC AR5",
        year: 2013,
        gases: Object.fromEntries(Object.entries(gases).map(([g, value]) => [g, { value, source: "AR5" }])),
      });
      assert.equal(await store.reference.putGwpSet("AR5", gwp({ CH4: 28 }), "h1"), true);
      assert.equal(await store.reference.putGwpSet("AR5", gwp({ CH4: 28 }), "h1"), false);
      assert.equal(await store.reference.putGwpSet("AR5", gwp({ CH4: 28, N2O: 265 }), "h2"), true);
      assert.deepEqual(await store.reference.gwpSets(), [
        { id: "AR5", document: gwp({ CH4: 28, N2O: 265 }), contentHash: "h2" },
      ]);
      assert.equal(
        await store.reference.putBuiltinFactorSet({
          id: "ipcc",
          name: "IPCC",
          factors: [
            { id: "ipcc:1", activity: "lng", gas: "CO2", factor: 56100, unit: "kg/TJ", origin: "builtin" },
          ],
          contentHash: "x",
        }),
        true,
      );
      assert.equal((await store.reference.builtinFactorSet("ipcc"))?.factorCount, 1);
      assert.equal(await store.reference.builtinFactorSet("none"), undefined);
    });

    it("pathway results are cached per input version", async () => {
      const t = await newTenant();
      await store.instances.save(t.id, { id: "m", name: "m", document: {}, documentHash: "0" }, 0);
      const key = {
        tenantId: t.id,
        instanceId: "m",
        instanceVersion: 1,
        scenarioId: "bau",
        engineVersion: "1",
      };
      // an empty pathway document of one year
      const result = (year: number): PathwayJson => ({
        format: PATHWAY_FORMAT,
        instance: { id: "m", version: "1" },
        base_year: year,
        end_year: year,
        years: [year],
        unit: "tCO2e",
        lines: [],
        bases: [],
        targets: [],
        actions: [],
        scope2: SCOPE2_METHODS,
        scenarios: [],
      });
      assert.equal(await store.pathwayResults.get(key), undefined);
      await store.pathwayResults.put(key, result(2020));
      await store.pathwayResults.put(key, result(2021));
      assert.deepEqual(await store.pathwayResults.get(key), result(2021));
      assert.equal(await store.pathwayResults.get({ ...key, instanceVersion: 2 }), undefined);
    });

    it("users are global; memberships tie them to tenants with a role", async () => {
      const t1 = await newTenant();
      const t2 = await newTenant();
      const u = await store.users.create({ name: "김기후", email: `Kim${n}@Example.org` });
      assert.equal(u.email, `kim${n}@example.org`);
      assert.equal((await store.users.byEmail(`KIM${n}@example.org`))?.id, u.id);
      await assert.rejects(store.users.create({ name: "x", email: u.email }), (e) => code(e) === "CONFLICT");
      await store.memberships.put(t1.id, u.id, "editor", ["기후"]);
      await store.memberships.put(t2.id, u.id, "council");
      await store.memberships.put(t1.id, u.id, "admin", ["기후"]);
      assert.deepEqual(
        (await store.memberships.list(t1.id)).map((m) => [m.email, m.role, m.departments]),
        [[u.email, "admin", ["기후"]]],
      );
      assert.equal((await store.memberships.list(t2.id))[0]?.role, "council");
      await assert.rejects(store.memberships.put(t1.id, u.id, "owner" as "admin"));
      assert.equal(await store.users.passwordHash(u.id), undefined);
      await store.users.setPasswordHash(u.id, "$argon2id$a");
      await store.users.setPasswordHash(u.id, "$argon2id$b");
      assert.equal(await store.users.passwordHash(u.id), "$argon2id$b");
      assert.ok((await store.users.count()) >= 1);
    });

    it("a session's access, an account's memberships, verified email and district are read and kept through the Store", async () => {
      const t1 = await newTenant();
      const t2 = await newTenant();
      const u = await store.users.create({ name: "이참여", email: `lee${n}@example.org` });
      assert.deepEqual([u.emailVerified, u.district], [false, null]);
      // a session (better-auth writes them) and what a request with it may do, in one read
      const token = `token-${n}-${u.id}`;
      const expiresAt = new Date("2031-01-01T00:00:00Z");
      await store.db.insert(sessionTable).values({ id: `session-${u.id}`, token, userId: u.id, expiresAt });
      assert.deepEqual(await store.users.bySession(token), {
        userId: u.id,
        emailVerified: false,
        expiresAt,
        role: "user",
        lastActiveAt: u.lastActiveAt,
        memberships: [],
      });
      await store.memberships.put(t2.id, u.id, "council");
      await store.memberships.put(t1.id, u.id, "editor", ["기후"]);
      const access = await store.users.bySession(token);
      assert.deepEqual(
        access?.memberships.map((m) => [m.tenantId, m.role]).sort(),
        [
          [t1.id, "editor"],
          [t2.id, "council"],
        ].sort(),
      );
      assert.deepEqual(
        (await store.memberships.ofUser(u.id)).map((m) => [m.tenantId, m.slug, m.role, m.departments]),
        [
          [t1.id, t1.slug, "editor", ["기후"]],
          [t2.id, t2.slug, "council", []],
        ],
      );
      assert.equal(await store.users.bySession("no-such-token"), undefined);
      const later = new Date("2031-02-01T00:00:00Z");
      await store.users.extendSession(token, later);
      assert.deepEqual((await store.users.bySession(token))?.expiresAt, later);
      // signed out: the session row is gone, and so is the access
      await store.db.delete(sessionTable).where(eq(sessionTable.token, token));
      assert.equal(await store.users.bySession(token), undefined);
      await store.users.markEmailVerified(u.id);
      await store.users.setDistrict(u.id, "효자동");
      const kept = await store.users.byId(u.id);
      assert.deepEqual([kept?.emailVerified, kept?.district], [true, "효자동"]);
      await store.users.setDistrict(u.id, null);
      assert.equal((await store.users.byId(u.id))?.district, null);
      // the row read under lock inside a transaction is the account
      assert.equal((await store.transaction((s) => s.users.lock(u.id)))?.email, u.email);
      assert.equal(await store.transaction((s) => s.users.lock("no-such-user")), undefined);
    });

    it("a session read that counts a write takes the account's write limit in the same statement", async () => {
      const t1 = await newTenant();
      const t2 = await newTenant();
      const u = await store.users.create({ name: "한쓰기", email: `write${n}@example.org` });
      // memberships in two tenants: several rows (on Citus, on different shards), one count
      await store.memberships.put(t1.id, u.id, "editor");
      await store.memberships.put(t2.id, u.id, "council");
      const token = `write-token-${n}-${u.id}`;
      await store.db
        .insert(sessionTable)
        .values({ id: `ws-${u.id}`, token, userId: u.id, expiresAt: new Date("2031-01-01T00:00:00Z") });
      const now = Date.parse("2030-06-01T00:00:00Z");
      const write = { max: 3, windowMs: 60_000, now };
      const got = await Promise.all(Array.from({ length: 5 }, () => store.users.bySession(token, write)));
      for (const g of got) assert.equal(g?.memberships.length, 2);
      assert.deepEqual(
        got
          .filter((g) => g?.write?.allowed)
          .map((g) => g?.write?.count)
          .sort(),
        [1, 2, 3],
      );
      assert.equal(got.filter((g) => g?.write?.allowed === false).length, 2);
      // refused, nothing counted: the Retry-After is the window's end
      assert.deepEqual((await store.users.bySession(token, write))?.write, {
        allowed: false,
        retryAfterMs: 60_000,
        count: 3,
      });
      // the same counter as limitKey("write:user", id) (the limiter's own write count)
      const key = limitKey("write:user", u.id);
      assert.equal((await takeLimit(store, key, write, now + 1)).allowed, false);
      assert.equal((await store.users.bySession(token, { ...write, now: now + 60_000 }))?.write?.count, 1);
      assert.equal((await takeLimit(store, key, write, now + 60_001)).count, 2);
      // a session that has expired by then counts nothing (the caller is anonymous)
      const late = { ...write, now: Date.parse("2031-01-01T00:00:00Z") + 1 };
      const expired = await store.users.bySession(token, late);
      assert.equal(expired?.userId, u.id);
      assert.equal(expired?.write, undefined);
      assert.equal((await takeLimit(store, key, write, late.now)).count, 1);
      assert.equal(await store.users.bySession(`no-such-${token}`, write), undefined);
      // the session's expiry is checked against sessionNow when given (the wall clock sessions live on), the
      // window against now (the limiter's clock): a limiter clock past the expiry still counts, and not the
      // other way round
      const valid = await store.users.bySession(token, { ...late, sessionNow: now });
      assert.deepEqual(valid?.write, { allowed: true, retryAfterMs: 0, count: 2 });
      const gone = await store.users.bySession(token, { ...write, sessionNow: late.now });
      assert.equal(gone?.write, undefined);
      assert.equal((await takeLimit(store, key, write, late.now)).count, 3);
    });

    it("a verification is taken once, and not after it expires", async () => {
      const now = new Date("2030-01-01T00:00:00Z");
      const later = new Date("2030-01-02T00:00:00Z");
      await store.verifications.put({ identifier: `v${n}:a`, value: "첫째", expiresAt: later }, now);
      await store.verifications.put({ identifier: `v${n}:b`, value: "둘째", expiresAt: later }, now);
      assert.equal(await store.verifications.take(`v${n}:a`, now), "첫째");
      assert.equal(await store.verifications.take(`v${n}:a`, now), undefined);
      assert.equal(await store.verifications.take(`v${n}:b`, new Date("2030-01-03T00:00:00Z")), undefined);
      // a put clears what has expired at its time
      await store.verifications.put({ identifier: `v${n}:c`, value: "셋째", expiresAt: later }, now);
      await store.verifications.put(
        { identifier: `v${n}:d`, value: "넷째", expiresAt: new Date("2030-02-01T00:00:00Z") },
        new Date("2030-01-05T00:00:00Z"),
      );
      assert.equal(await store.verifications.take(`v${n}:c`, now), undefined);
      assert.equal(await store.verifications.take(`v${n}:d`, now), "넷째");
    });

    it("the audit trail is read and its chains checked through the Store", async () => {
      const t = await newTenant();
      for (const id of ["a", "b"])
        await appendAudit(store, {
          tenantId: t.id,
          actorId: null,
          action: "create",
          entity: "plan",
          entityId: id,
        });
      assert.deepEqual((await store.audit.list(t.id)).map((r) => r.entityId).sort(), ["a", "b"]);
      assert.deepEqual(
        (await store.audit.list(t.id, { entityId: "b" })).map((r) => r.entityId),
        ["b"],
      );
      assert.deepEqual(await store.audit.verifyChains({ tenantId: t.id }), [{ tenantId: t.id, records: 2 }]);
    });

    it("a transaction is all or nothing", async () => {
      const t = await newTenant();
      await assert.rejects(
        store.transaction(async (s) => {
          await s.activity.create(t.id, { id: "tx", name: "tx", rows: sampleActivityRows(2) });
          await s.inventories.create(t.id, {
            label: { ko: "tx" },
            gwpSet: "AR5",
            result: {},
            firstYear: 2020,
            lastYear: 2020,
          });
          throw new Error("abort");
        }),
        /abort/,
      );
      assert.deepEqual(await store.activity.list(t.id), []);
      assert.deepEqual(await store.inventories.list(t.id), []);
    });

    it("a write bumps the generation of its own domain and the tenant's, not the other domains'", async () => {
      const t = await newTenant();
      const other = await newTenant();
      const g = () => ({
        all: store.generation(t.id),
        inventory: store.generation(t.id, "inventory"),
        agenda: store.generation(t.id, "agenda"),
        instances: store.generation(t.id, "instances"),
        both: store.generation(t.id, "agenda", "instances"),
        other: store.generation(other.id),
      });
      const g0 = g();
      await store.inventories.create(t.id, {
        label: { ko: "g" },
        gwpSet: "AR5",
        result: {},
        firstYear: 2020,
        lastYear: 2020,
      });
      const g1 = g();
      assert.ok(g1.all > g0.all && g1.inventory > g0.inventory);
      assert.deepEqual(
        [g1.agenda, g1.instances, g1.both, g1.other],
        [g0.agenda, g0.instances, g0.both, g0.other],
      );
      // inside a transaction too, and again once it has committed
      await store.transaction((s) => s.agenda.save(t.id, "plan", samplePlan({ id: "g-plan" }), 0));
      const g2 = g();
      assert.ok(g2.agenda > g1.agenda && g2.both > g1.both && g2.all > g1.all);
      assert.deepEqual([g2.inventory, g2.instances, g2.other], [g1.inventory, g1.instances, g1.other]);
      await store.reference.putGwpSet(
        "AR6",
        { name: "AR6", title: `AR6 ${n}`, year: 2021, gases: {} },
        `g${n}`,
      );
      const g3 = g();
      for (const k of Object.keys(g3) as (keyof typeof g3)[])
        assert.ok(g3[k] > g2[k], `a change of reference data bumps every tenant's ${k}`);
    });

    it("a store that watches hears the writes made through another store on the same database", async (c) => {
      // what the earlier tests' writes still gather (decision 0079: told up to 50 ms later, a change of reference
      // data to every tenant) is told before the other store listens, so it cannot arrive in the middle
      await store.flushNotices();
      const elsewhere = createStore(database);
      if (!(await elsewhere.watch())) {
        assert.equal(database.kind, "pglite", "only the embedded database (one process) has nothing to hear");
        return c.skip("one process has the embedded database: no other writer to hear");
      }
      const t = await newTenant();
      const g0 = elsewhere.generation(t.id, "inventory");
      const agenda0 = elsewhere.generation(t.id, "agenda");
      await store.inventories.create(t.id, {
        label: { ko: "heard" },
        gwpSet: "AR5",
        result: {},
        firstYear: 2020,
        lastYear: 2020,
      });
      // the message comes after the commit, on another connection: wait for it (not a timing assertion)
      for (let i = 0; i < 500 && elsewhere.generation(t.id, "inventory") === g0; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.ok(elsewhere.generation(t.id, "inventory") > g0, "the other store heard the write");
      assert.equal(elsewhere.generation(t.id, "agenda"), agenda0, "and only its domain");
    });

    it("a store tells other processes of a write at once when quiet, else gathered in one notice (decision 0079)", async () => {
      const sent: string[] = [];
      const notify = async (channel: string, payload: string) => {
        assert.equal(channel, "citypath_writes");
        sent.push(payload);
      };
      // a long interval: the first write is told at once, the next ones gathered until flushNotices
      const gathering = createStore({ ...database, notify }, { noticeGatherMs: 60_000 });
      const t = await newTenant();
      const inventory = (label: string) =>
        gathering.inventories.create(t.id, {
          label: { ko: label },
          gwpSet: "AR5",
          result: {},
          firstYear: 2020,
          lastYear: 2020,
        });
      const g0 = gathering.generation(t.id, "inventory");
      await inventory("a");
      for (let i = 0; i < 500 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(sent[0]?.split(" ").slice(1), [`${t.id}/inventory`], "a quiet store tells at once");
      await inventory("b");
      await gathering.transaction((s) => s.agenda.save(t.id, "plan", samplePlan({ id: "gathered" }), 0));
      await inventory("c");
      // counted in this process at once
      assert.ok(gathering.generation(t.id, "inventory") >= g0 + 3);
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(sent.length, 1, "nothing more told before the interval ends");
      await gathering.flushNotices();
      assert.equal(sent.length, 2, "three writes, one notice");
      const [origin, ...changes] = (sent[1] ?? "").split(" ");
      assert.match(origin ?? "", /^[a-z0-9]+$/);
      assert.deepEqual(changes.sort(), [`${t.id}/agenda`, `${t.id}/inventory`], "each change once");
      await gathering.flushNotices();
      assert.equal(sent.length, 2, "nothing left to tell");
      // a short interval: each write told without flushNotices
      const quick = createStore({ ...database, notify }, { noticeGatherMs: 5 });
      const quickly = (label: string) =>
        quick.inventories.create(t.id, {
          label: { ko: label },
          gwpSet: "AR5",
          result: {},
          firstYear: 2020,
          lastYear: 2020,
        });
      const told = async (n: number) => {
        for (let i = 0; i < 500 && sent.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      };
      await quickly("d");
      await told(3);
      await quickly("e");
      await told(4);
      assert.deepEqual(
        sent.slice(2).map((x) => x.split(" ").slice(1)),
        [[`${t.id}/inventory`], [`${t.id}/inventory`]],
      );
    });

    it("import profiles: created, replaced and deleted on their current version; stale ones are CONFLICT", async () => {
      const a = await newTenant();
      const b = await newTenant();
      const input = {
        id: "seoul-lines",
        name: "서울식 예산 파일",
        kind: "budget_lines" as const,
        mapping: { original_krw: "예산액(천원)" },
        constants: {},
        valueMap: { class: { 친화: "reduction" } },
        scale: { original_krw: 1000 },
        encoding: "auto" as const,
        sheet: null,
      };
      const v1 = await saveImportProfile(store, a.id, input, 0);
      assert.equal(v1.version, 1);
      const v2 = await saveImportProfile(store, a.id, { ...input, name: "서울식 (천원)" }, 1);
      assert.equal(v2.version, 2);
      // a replace returns the version it replaced, from its own statement; a create has none
      assert.equal(v1.before, undefined);
      assert.deepEqual(v2.before, v1);
      assert.deepEqual(v2.scale, { original_krw: 1000 });
      assert.deepEqual(v2.valueMap, { class: { 친화: "reduction" } });
      // the other tenant's same id is its own profile
      await saveImportProfile(store, b.id, input, 0);
      // a delete on the version read before the replace is refused with the current version
      await assert.rejects(
        deleteImportProfile(store, a.id, "seoul-lines", 1),
        (e) => conflictVersion(e) === 2,
      );
      const gone = await deleteImportProfile(store, a.id, "seoul-lines", 2);
      assert.equal(gone.name, "서울식 (천원)");
      assert.equal(await getImportProfile(store, a.id, "seoul-lines"), undefined);
      assert.deepEqual(await listImportProfiles(store, a.id), []);
      await assert.rejects(
        deleteImportProfile(store, a.id, "seoul-lines", 2),
        (e) => code(e) === "NOT_FOUND",
      );
      assert.equal((await getImportProfile(store, b.id, "seoul-lines"))?.version, 1);
    });

    it("an audited import profile save: the profile and its record in one statement, the record's hash the one auditHash gives, a stale or concurrent save CONFLICT with no record", async () => {
      const a = await newTenant();
      const input = {
        id: "seoul-lines",
        name: '서울식 "예산" 파일\n',
        kind: "budget_lines" as const,
        mapping: { original_krw: "예산액(천원)", year: "연도" },
        constants: { unit: "원" },
        valueMap: { class: { 친화: "reduction", "🌱": "adaptation" } },
        scale: { original_krw: 1000, tiny: 1e-7 },
        encoding: "cp949" as const,
        sheet: "2024",
      };
      const view = (p: { id: string; name: string; version: number; scale: Record<string, number> }) => ({
        id: p.id,
        name: p.name,
        version: p.version,
        scale: p.scale,
      });
      const audited = { actorId: "user-1", view };
      const v1 = await saveImportProfile(store, a.id, input, 0, audited);
      assert.equal(v1.version, 1);
      assert.equal(v1.audit?.action, "create");
      assert.equal(v1.audit?.before, null);
      assert.deepEqual(v1.audit?.after, {
        id: "seoul-lines",
        name: input.name,
        version: 1,
        scale: input.scale,
      });
      // what the save returned is what a read gives
      const read1 = await getImportProfile(store, a.id, "seoul-lines");
      assert.deepEqual({ ...v1, audit: undefined }, { ...read1, audit: undefined });
      const v2 = await saveImportProfile(store, a.id, { ...input, name: "서울식 (천원)" }, 1, audited);
      assert.equal(v2.version, 2);
      assert.deepEqual(v2.before, read1);
      assert.equal(v2.audit?.action, "update");
      assert.deepEqual(v2.audit?.before, {
        id: "seoul-lines",
        name: input.name,
        version: 1,
        scale: input.scale,
      });
      assert.deepEqual(v2.audit?.after, {
        id: "seoul-lines",
        name: "서울식 (천원)",
        version: 2,
        scale: input.scale,
      });
      // stored as returned, and hashed as auditHash defines (the chain verifies)
      const trail = await store.audit.list(a.id, { entity: "import_profile" });
      assert.equal(trail.length, 2);
      for (const r of trail) assert.equal(r.hash, auditHash(r));
      assert.deepEqual(
        trail.find((r) => r.version === 2),
        v2.audit,
      );
      // a save on a version already replaced, or on none, is refused with the current version and writes nothing
      await assert.rejects(
        saveImportProfile(store, a.id, input, 1, audited),
        (e) => conflictVersion(e) === 2,
      );
      await assert.rejects(
        saveImportProfile(store, a.id, input, 0, audited),
        (e) => conflictVersion(e) === 2,
      );
      await assert.rejects(
        saveImportProfile(store, a.id, { ...input, id: "nowhere" }, 3, audited),
        (e) => code(e) === "NOT_FOUND",
      );
      // eight saves on the same version at once: one replaces it, the others are CONFLICT at its version
      const racing = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          saveImportProfile(store, a.id, { ...input, name: `race ${i}` }, 2, audited),
        ),
      );
      const won = racing.filter((r) => r.status === "fulfilled");
      assert.equal(won.length, 1);
      for (const r of racing) if (r.status === "rejected") assert.equal(conflictVersion(r.reason), 3);
      const after = await store.audit.list(a.id, { entity: "import_profile" });
      assert.equal(after.length, 3);
      assert.deepEqual(
        (after.find((r) => r.version === 3)!.before as { name: string }).name,
        "서울식 (천원)",
      );
      assert.deepEqual(await store.audit.verifyChains({ tenantId: a.id }), [{ tenantId: a.id, records: 3 }]);
      // inside a transaction that rolls back: neither the profile's version nor the record stays
      await assert.rejects(
        store.transaction(async (s) => {
          await saveImportProfile(s, a.id, { ...input, name: "rolled back" }, 3, audited);
          throw new Error("roll back");
        }),
        /roll back/,
      );
      assert.equal((await getImportProfile(store, a.id, "seoul-lines"))?.version, 3);
      assert.equal((await store.audit.list(a.id, { entity: "import_profile" })).length, 3);
    });

    it("tenant data stays within its tenant", async () => {
      const a = await newTenant();
      const b = await newTenant();
      await store.inventories.create(a.id, {
        label: { ko: "a" },
        gwpSet: "AR5",
        result: {},
        firstYear: 2020,
        lastYear: 2020,
      });
      await store.instances.save(a.id, { id: "m", name: "m", document: {}, documentHash: "0" }, 0);
      assert.deepEqual(await store.inventories.list(b.id), []);
      assert.equal(await store.inventories.get(b.id, 1), undefined);
      assert.equal(await store.instances.get(b.id, "m"), undefined);
      assert.equal(await store.tenants.byId("no-such" as TenantId), undefined);
    });

    it("agenda: saves versioned documents; progress and observations come back in order; stale saves are CONFLICT", async () => {
      const a = await newTenant();
      const b = await newTenant();
      assert.equal(await store.agenda.isEmpty(a.id), true);
      const p = await store.agenda.save(a.id, "plan", samplePlan({ id: "plan" }), 0);
      assert.equal(p.version, 1);
      const progress = [
        {
          id: "u2",
          date: "2026-03-01",
          author: { name: "담당" },
          text: { ko: "둘", en: "two" },
          evidence: [],
        },
        {
          id: "u1",
          date: "2026-02-01",
          author: { name: "담당" },
          text: { ko: "하나", en: "one" },
          evidence: [],
        },
      ];
      const act = sampleAction({ id: "brt", departments: ["dept-a", "dept-b"], progress });
      const saved = await store.agenda.save(a.id, "action", act, 0);
      // the schema keeps the order it was given; the store returns progress by date
      assert.deepEqual(
        saved.document.progress.map((u) => u.id),
        ["u1", "u2"],
      );
      assert.deepEqual({ ...saved.document, progress: [] }, { ...act, progress: [] });
      const ind = sampleIndicator({
        id: "ind",
        observed: [
          { year: 2025, value: 2.5, district: "완산구", illustrative: true, note: "test figure" },
          { year: 2024, value: 1, illustrative: true, note: "test figure" },
        ],
      });
      await store.agenda.save(a.id, "indicator", ind, 0);
      const got = await store.agenda.get(a.id, "indicator", "ind");
      assert.deepEqual(
        got?.document.observed.map((o) => [o.year, o.value, o.district]),
        [
          [2024, 1, undefined],
          [2025, 2.5, "완산구"],
        ],
      );
      const v2 = await store.agenda.save(a.id, "action", { ...act, progress: act.progress.slice(0, 1) }, 1);
      assert.equal(v2.version, 2);
      assert.deepEqual(
        (await store.agenda.get(a.id, "action", "brt"))?.document.progress.map((u) => u.id),
        ["u2"],
      );
      await assert.rejects(store.agenda.save(a.id, "action", act, 1), (e) => {
        assert.equal(code(e), "CONFLICT");
        assert.equal(conflictVersion(e), 2);
        return true;
      });
      await assert.rejects(store.agenda.save(a.id, "action", act, 0), (e) => code(e) === "CONFLICT");
      await assert.rejects(
        store.agenda.save(a.id, "action", sampleAction({ id: "nobody" }), 3),
        (e) => code(e) === "NOT_FOUND",
      );
      assert.deepEqual(
        (await store.agenda.list(a.id, "action")).map((r) => [r.id, r.version]),
        [["brt", 2]],
      );
      // tenant b sees nothing of tenant a, and may use the same ids
      assert.deepEqual(await store.agenda.list(b.id, "action"), []);
      assert.equal(await store.agenda.get(b.id, "plan", "plan"), undefined);
      assert.equal(await store.agenda.isEmpty(b.id), true);
      await store.agenda.save(b.id, "action", sampleAction({ id: "brt" }), 0);
      assert.equal((await store.agenda.get(a.id, "action", "brt"))?.version, 2);
    });

    it("agenda: a save writes only the progress updates and observations that changed", async () => {
      const a = await newTenant();
      const update = (id: string, date: string, ko: string) =>
        ProgressUpdateSchema.parse({
          id,
          date,
          author: { name: "담당" },
          text: { ko, en: ko },
          evidence: [],
        });
      const act = sampleAction({
        id: "tram",
        progress: [
          update("u1", "2026-01-01", "하나"),
          update("u2", "2026-02-01", "둘"),
          update("u3", "2026-03-01", "셋"),
        ],
      });
      await store.agenda.save(a.id, "action", act, 0);
      // each row's creating transaction (xmin) tells whether a later save rewrote it
      const stamps = (table: string, col: string, key: string) =>
        database.withSession((s) =>
          s.query<{ k: string; x: string }>(
            `SELECT ${key} AS k, xmin::text AS x FROM ${table} WHERE tenant_id = $1 AND ${col} = $2 ORDER BY 1`,
            [a.id, col === "action_id" ? "tram" : "ind"],
          ),
        );
      const before = new Map((await stamps("agenda_progress", "action_id", "id")).map((r) => [r.k, r.x]));
      const next = {
        ...act,
        progress: [
          update("u1", "2026-01-01", "하나"),
          update("u3", "2026-03-01", "셋, 고침"),
          update("u4", "2026-04-01", "넷"),
        ],
      };
      const saved = await store.agenda.save(a.id, "action", next, 1);
      assert.deepEqual(
        saved.document.progress.map((u) => [u.id, u.text.ko]),
        [
          ["u1", "하나"],
          ["u3", "셋, 고침"],
          ["u4", "넷"],
        ],
      );
      const after = new Map((await stamps("agenda_progress", "action_id", "id")).map((r) => [r.k, r.x]));
      assert.deepEqual([...after.keys()], ["u1", "u3", "u4"]);
      assert.equal(after.get("u1"), before.get("u1"), "an unchanged update is not rewritten");
      assert.notEqual(after.get("u3"), before.get("u3"), "a changed update is rewritten");

      const ind = sampleIndicator({
        id: "ind",
        observed: [
          { year: 2023, value: 1, illustrative: true, note: "test figure" },
          { year: 2024, value: 2, illustrative: true, note: "test figure" },
        ],
      });
      await store.agenda.save(a.id, "indicator", ind, 0);
      const o1 = new Map(
        (await stamps("agenda_observation", "indicator_id", "year::text")).map((r) => [r.k, r.x]),
      );
      const o2saved = await store.agenda.save(
        a.id,
        "indicator",
        {
          ...ind,
          observed: [
            { year: 2023, value: 1, illustrative: true, note: "test figure" },
            { year: 2025, value: 3, illustrative: true, note: "test figure" },
          ],
        },
        1,
      );
      assert.deepEqual(
        o2saved.document.observed.map((o) => [o.year, o.value]),
        [
          [2023, 1],
          [2025, 3],
        ],
      );
      const o2 = new Map(
        (await stamps("agenda_observation", "indicator_id", "year::text")).map((r) => [r.k, r.x]),
      );
      assert.deepEqual([...o2.keys()], ["2023", "2025"]);
      assert.equal(o2.get("2023"), o1.get("2023"));
    });

    it("agenda: registers are replaced per kind", async () => {
      const a = await newTenant();
      const src = SourceSchema.parse({ id: "s1", title: "출처", ref: "https://example.org" });
      const dep = DepartmentSchema.parse({
        id: "d1",
        name: { ko: "부서", en: "Dept" },
        illustrative: true,
        note: "test figure",
      });
      await store.agenda.putRegisters(a.id, { sources: [src], departments: [dep], categories: [] });
      await store.agenda.putRegisters(a.id, { departments: [] });
      assert.deepEqual(await store.agenda.registers(a.id), {
        sources: [src],
        departments: [],
        categories: [],
      });
    });

    it("agenda: reminder messages are queued once per key", async () => {
      const a = await newTenant();
      const m = (dept: string) => ({
        dedupe_key: `agenda.reminder:${dept}:2026-05-10`,
        department: dept,
        created_for: "2026-05-10",
        subject: { ko: "알림", en: "Reminder" },
      });
      assert.deepEqual(await store.agenda.queueMessages(a.id, [m("d1"), m("d2")]), [
        "agenda.reminder:d1:2026-05-10",
        "agenda.reminder:d2:2026-05-10",
      ]);
      assert.deepEqual(await store.agenda.queueMessages(a.id, [m("d1")]), []);
      const out = await store.agenda.outbox(a.id);
      assert.deepEqual(
        out.map((o) => [o.message.department, o.sentAt]),
        [
          ["d1", null],
          ["d2", null],
        ],
      );
      assert.deepEqual(out[0]!.message, m("d1"));
      const at = new Date("2026-05-10T09:00:00Z");
      await store.agenda.markSent(a.id, ["agenda.reminder:d2:2026-05-10"], at);
      assert.deepEqual(
        (await store.agenda.outbox(a.id)).map((o) => [o.message.department, o.sentAt?.toISOString() ?? null]),
        [
          ["d1", null],
          ["d2", at.toISOString()],
        ],
      );
    });

    it("agenda: a failed save in a transaction leaves nothing behind", async () => {
      const a = await newTenant();
      await assert.rejects(
        store.transaction(async (s) => {
          await s.agenda.save(a.id, "action", sampleAction({ id: "x" }), 0);
          throw new Error("boom");
        }),
      );
      assert.equal(await store.agenda.get(a.id, "action", "x"), undefined);
    });

    it("implementation reports: versioned per plan and year; the snapshot stays as saved; tenants apart", async () => {
      const a = await newTenant();
      const b = await newTenant();
      const entries = { measures: [], best_practices: [{ ko: "사례" }], follow_up: [], opinions: [] };
      const draft = { stage: "draft" as const, published: false, entries, snapshot: null, completedAt: null };
      const r1 = await store.reports.save(a.id, "plan-1", 2024, draft, 0);
      assert.equal(r1.version, 1);
      await assert.rejects(store.reports.save(a.id, "plan-1", 2024, draft, 0), /exists/);
      const snapshot = { format: "citypath-implementation-report/1", figures: [1.1, 0.1 + 0.2, 1e-300] };
      const done = await store.reports.save(
        a.id,
        "plan-1",
        2024,
        { ...draft, stage: "review", snapshot, completedAt: new Date("2025-04-30T00:00:00Z") },
        1,
      );
      assert.equal(done.version, 2);
      await assert.rejects(
        store.reports.save(a.id, "plan-1", 2024, draft, 1),
        (e: unknown) => (e as { currentVersion?: number }).currentVersion === 2,
      );
      const back = await store.reports.get(a.id, "plan-1", 2024);
      assert.deepEqual(back?.snapshot, snapshot);
      assert.equal(back?.stage, "review");
      assert.equal(back?.completedAt?.toISOString(), "2025-04-30T00:00:00.000Z");
      await store.reports.save(a.id, "plan-1", 2025, draft, 0);
      assert.deepEqual(
        (await store.reports.list(a.id)).map((r) => r.year),
        [2024, 2025],
      );
      assert.deepEqual(await store.reports.list(b.id), []);
      assert.equal(await store.reports.get(b.id, "plan-1", 2024), undefined);
      // the database's own check refuses a stage outside the vocabulary, whoever writes the row (the
      // repository's type would not let one through, so the row is written as the table types it: text)
      await assert.rejects(
        database.db
          .update(reportTable)
          .set({ stage: "finished" })
          .where(
            and(eq(reportTable.tenantId, a.id), eq(reportTable.planId, "plan-1"), eq(reportTable.year, 2025)),
          ),
      );
      assert.equal((await store.reports.get(a.id, "plan-1", 2025))?.stage, "draft");
    });
  });
}
