/**
 * Personal data through the real app: consent at sign-up (the four items, the age declaration, optional
 * consents apart, version and instant recorded), "my data" (see, download, delete), contributions after
 * deletion, staff reads in the audit trail, the register of personal-data files and the inactivity job with
 * a moved clock.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { CONSENT_TEXT_VERSION } from "@citypath/core/participation/index";
import { consultation } from "@citypath/core/participation/test-fixtures";
import { consentsOf, listAudit, outbox, schema } from "@citypath/db";
import { eq } from "drizzle-orm";
import { runInactivityPass } from "../../services/inactivity.ts";
import { createTestApp, type Session, signIn, TEST_CONSENT, type TestApp } from "../../testing.ts";

const NOW0 = Date.parse("2026-03-10T00:00:00Z");
const DAY = 86_400_000;

describe("personal data", () => {
  let t: TestApp;
  let now = NOW0;
  let jeonju: TenantId;
  const who = new Map<string, Session>();

  const req = (method: string, path: string, as?: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: as
        ? who.get(as)!.headers(body !== undefined)
        : body !== undefined
          ? { "content-type": "application/json" }
          : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const signUp = (body: Record<string, unknown>) =>
    t.app.request("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9" },
      body: JSON.stringify({ password: "a long and unusual phrase 7", name: "시민", ...body }),
    });

  before(async () => {
    t = await createTestApp({ now: () => now });
    jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    for (const name of ["admin", "moderator", "author", "resident", "leaver"]) {
      const s = await signIn(t, `${name}@example.kr`);
      who.set(name, s);
      if (name === "admin" || name === "moderator") await t.store.memberships.put(jeonju, s.userId, name);
    }
    const put = await req("PUT", "/api/tenants/jeonju/consultations/bus", "admin", {
      base_version: 0,
      consultation: consultation({
        id: "bus",
        title: { ko: "버스 노선 의견", en: "Bus routes" },
        description: { ko: "노선 의견을 받습니다", en: "Comments on routes" },
        subject: { kind: "plan", id: "jeonju-2050" },
      }),
    });
    assert.equal(put.status, 200, await put.clone().text());
  });
  after(() => t.close());

  it("serves the consent texts with the four items, the age declaration and the rule after deletion", async () => {
    const r = await req("GET", "/api/privacy/consent-texts");
    assert.equal(r.status, 200);
    const b = (await r.json()) as {
      version: string;
      required: Record<string, { ko: string; en: string }>;
      age: { ko: string };
      after_deletion: { en: string };
      optional: Record<string, unknown>;
      inactivity: { delete_after_days: number; warnings_days_before: number[] };
    };
    assert.equal(b.version, CONSENT_TEXT_VERSION);
    assert.deepEqual(Object.keys(b.required).sort(), ["items", "purpose", "refusal", "retention"]);
    assert.match(b.age.ko, /만 14세/);
    assert.match(b.after_deletion.en, /deleted account/);
    assert.deepEqual(Object.keys(b.optional).sort(), ["optional_district", "optional_mail_notices"]);
    assert.deepEqual(b.inactivity, { delete_after_days: 365, warnings_days_before: [30, 7] });
  });

  it("refuses a sign-up under 14, without the required consent, with old texts, or a district without its consent", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ consent: { ...TEST_CONSENT, age_14_or_older: false } }, /guardian/],
      [{ consent: { ...TEST_CONSENT, required: false } }, /required consent/],
      [{ consent: { ...TEST_CONSENT, version: "2020-01-01" } }, /read them again/],
      [{ consent: TEST_CONSENT, district: "효자동" }, /optional consent/],
      [{}, /consent/],
    ];
    for (const [body, why] of cases) {
      const r = await signUp({ email: "young@example.kr", ...body });
      assert.equal(r.status, 400);
      assert.match(await r.text(), why);
    }
    assert.equal((await outbox(t.store, { email: "young@example.kr" })).length, 0);
  });

  it("records the consents given (kind, text version, when; nothing more) and the district only with its consent", async () => {
    now = NOW0 + 1000;
    const up = await signUp({
      email: "district@example.kr",
      consent: { ...TEST_CONSENT, optional: ["optional_district"] },
      district: "효자동",
    });
    assert.equal(up.status, 202);
    const mail = (await outbox(t.store, { email: "district@example.kr" }))[0]!;
    now = NOW0 + 60_000; // confirmed a minute later: the consent is dated when it was given
    const ok = await t.app.request("/api/auth/confirm-account", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: new URL(mail.link).searchParams.get("token") }),
    });
    assert.equal(ok.status, 200);
    const u = (await t.store.users.byEmail("district@example.kr"))!;
    const consents = await consentsOf(t.store, u.id);
    assert.deepEqual(
      consents.map((c) => [c.kind, c.textVersion, c.givenAt.getTime(), c.withdrawnAt]),
      [
        ["age_14_or_older", CONSENT_TEXT_VERSION, NOW0 + 1000, null],
        ["optional_district", CONSENT_TEXT_VERSION, NOW0 + 1000, null],
        ["required_processing", CONSENT_TEXT_VERSION, NOW0 + 1000, null],
      ],
    );
    const [row] = await t.store.db.select().from(schema.user).where(eq(schema.user.id, u.id));
    assert.equal(row!.district, "효자동");
    // withdrawing the optional consent removes the district at once
    const s = await signIn(t, "district@example.kr", { signUp: false });
    who.set("district", s);
    const w = await req("PUT", "/api/me/consents", "district", {
      version: CONSENT_TEXT_VERSION,
      optional: [],
    });
    assert.equal(w.status, 200);
    const [after] = await t.store.db.select().from(schema.user).where(eq(schema.user.id, u.id));
    assert.equal(after!.district, null);
    const c2 = await consentsOf(t.store, u.id);
    assert.ok(c2.find((c) => c.kind === "optional_district")!.withdrawnAt, "withdrawn");
  });

  let comment: string;
  it("shows and downloads one's own data: account, consents, contributions with texts, supports", async () => {
    const post = await req("POST", "/api/tenants/jeonju/consultations/bus/comments", "author", {
      text: "야간 버스를 늘려 주세요",
    });
    assert.equal(post.status, 201);
    comment = ((await post.json()) as { contribution: { id: string } }).contribution.id;
    const census = { entries: [{ name: "홍길동", birth_date: "1990-01-01", district: "효자동" }] };
    assert.equal((await req("PUT", "/api/tenants/jeonju/census", "admin", census)).status, 200);
    const v = await req("POST", "/api/tenants/jeonju/residents/verify", "resident", census.entries[0]);
    assert.equal(v.status, 200);
    assert.equal(
      (await req("PUT", `/api/tenants/jeonju/contributions/${comment}/support`, "resident")).status,
      200,
    );

    assert.equal((await req("GET", "/api/me/data")).status, 401);
    const mine = (await (await req("GET", "/api/me/data", "author")).json()) as {
      account: { email: string };
      consents: { kind: string }[];
      contributions: { tenant: string; text: string }[];
    };
    assert.equal(mine.account.email, "author@example.kr");
    assert.deepEqual(mine.consents.map((c) => c.kind).sort(), ["age_14_or_older", "required_processing"]);
    assert.deepEqual(
      mine.contributions.map((c) => [c.tenant, c.text]),
      [["jeonju", "야간 버스를 늘려 주세요"]],
    );
    const res = (await (await req("GET", "/api/me/data", "resident")).json()) as {
      supports: { contribution: string }[];
      resident_verifications: { tenant: string }[];
    };
    assert.deepEqual(
      res.supports.map((s) => s.contribution),
      [comment],
    );
    assert.deepEqual(
      res.resident_verifications.map((x) => x.tenant),
      ["jeonju"],
    );
    const dl = await req("GET", "/api/me/data/download", "author");
    assert.equal(dl.status, 200);
    assert.match(
      dl.headers.get("content-disposition") ?? "",
      /attachment; filename="citypath-my-data-2026-03-10\.json"/,
    );
    assert.equal(((await dl.json()) as { format: string }).format, "citypath.my-data");
  });

  it("the audit trail holds references and hashes of contributions, never their text", async () => {
    const text = "이 문장은 감사 기록에 남으면 안 됩니다";
    const p = await req("POST", "/api/tenants/jeonju/consultations/bus/comments", "author", { text });
    const id = ((await p.json()) as { contribution: { id: string } }).contribution.id;
    const e = await req("PATCH", `/api/tenants/jeonju/contributions/${id}`, "author", {
      base_version: 1,
      text: `${text} (고침)`,
    });
    assert.equal(e.status, 200, await e.clone().text());
    assert.equal((await req("DELETE", `/api/tenants/jeonju/contributions/${id}`, "author")).status, 200);
    const trail = JSON.stringify(await listAudit(t.store.db, jeonju, { limit: 5000 }));
    assert.ok(trail.includes(id), "the trail names the contribution");
    assert.ok(!trail.includes("감사 기록에 남으면"), "a contribution's text reached the audit trail");
    assert.ok(!trail.includes("야간 버스"), "a contribution's text reached the audit trail");
  });

  it("every staff read of personal data is written to the trail: members, invitations, the moderation queue", async () => {
    const before = (await listAudit(t.store.db, jeonju, { entity: "personal_data", limit: 5000 })).length;
    assert.equal((await req("GET", "/api/tenants/jeonju/members", "admin")).status, 200);
    assert.equal((await req("GET", "/api/tenants/jeonju/invitations", "admin")).status, 200);
    assert.equal((await req("GET", "/api/tenants/jeonju/moderation", "moderator")).status, 200);
    const reads = (await listAudit(t.store.db, jeonju, { entity: "personal_data", limit: 5000 })).slice(
      before,
    );
    assert.deepEqual(
      reads.map((r) => [r.action, r.entityId, r.actorId]),
      [
        ["read", "members", who.get("admin")!.userId],
        ["read", "invitations", who.get("admin")!.userId],
        ["read", "moderation_queue", who.get("moderator")!.userId],
      ],
    );
    assert.deepEqual(reads[0]!.after, { people: 2 });
  });

  it("the register of personal-data files: admins only, counts, CSV with formulas neutralised", async () => {
    const r = (await (await req("GET", "/api/tenants/jeonju/privacy/register", "admin")).json()) as {
      files: { name: { en: string }; records: number }[];
    };
    const byName = Object.fromEntries(r.files.map((f) => [f.name.en, f.records]));
    assert.equal(byName["Participants in consultations on the carbon-neutrality plan"], 2);
    assert.equal(byName["Resident verification"], 1);
    assert.equal(byName["Census (keyed hashes)"], 1);
    assert.equal(byName["Staff accounts"], 2);
    const csv = await req("GET", "/api/tenants/jeonju/privacy/register?format=csv", "admin");
    assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "a UTF-8 byte order mark first");
    const body = new TextDecoder().decode(bytes);
    assert.equal(body.slice(0, 8), "파일명,name");
    assert.equal(body.trim().split("\r\n").length, 1 + r.files.length);
  });

  it("deletes one's account with the password: contributions stay under 'deleted account', supports as counts", async () => {
    const post = await req("POST", "/api/tenants/jeonju/consultations/bus/comments", "leaver", {
      text: "떠나기 전에 남기는 의견",
    });
    const id = ((await post.json()) as { contribution: { id: string } }).contribution.id;
    assert.equal(
      (await req("PUT", `/api/tenants/jeonju/contributions/${comment}/support`, "leaver")).status,
      403,
    );
    const wrong = await req("DELETE", "/api/me", "leaver", {
      password: "not it at all",
      contributions: "keep_text",
    });
    assert.equal(wrong.status, 400);
    const ok = await req("DELETE", "/api/me", "leaver", {
      password: "a long and unusual phrase 7",
      contributions: "keep_text",
    });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.deepEqual(await ok.json(), {
      deleted: true,
      contributions: 1,
      texts_removed: 0,
      supports: 0,
      reports: 0,
      memberships: 0,
    });
    assert.equal(await t.store.users.byEmail("leaver@example.kr"), undefined);
    assert.equal((await req("GET", "/api/me/data", "leaver")).status, 401);
    const shown = (await (await req("GET", `/api/tenants/jeonju/contributions/${id}`)).json()) as {
      contribution: { text: string; author: { name: string | null; deleted: boolean } };
    };
    assert.equal(shown.contribution.text, "떠나기 전에 남기는 의견");
    assert.deepEqual([shown.contribution.author.name, shown.contribution.author.deleted], [null, true]);
    const trail = await listAudit(t.store.db, "*", { entity: "user", entityId: who.get("leaver")!.userId });
    assert.equal(trail.at(-1)!.action, "delete");
    assert.ok(!JSON.stringify(trail).includes("leaver@example.kr"), "no email in the trail");
  });

  it("with remove_text the texts go too; the supports the person gave stay as counts", async () => {
    const supports = async () =>
      (
        (await (await req("GET", `/api/tenants/jeonju/contributions/${comment}`)).json()) as {
          contribution: { supports: number };
        }
      ).contribution.supports;
    assert.equal(await supports(), 1);
    const r = await req("DELETE", "/api/me", "resident", {
      password: "a long and unusual phrase 7",
      contributions: "remove_text",
    });
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { supports: number }).supports, 1);
    assert.equal(await supports(), 1);
    const a = await req("DELETE", "/api/me", "author", {
      password: "a long and unusual phrase 7",
      contributions: "remove_text",
    });
    assert.equal(((await a.json()) as { texts_removed: number }).texts_removed, 1);
    const shown = (await (await req("GET", `/api/tenants/jeonju/contributions/${comment}`)).json()) as {
      contribution: { text: string | null; moderation: string; supports: number };
    };
    assert.equal(shown.contribution.text, null);
    assert.equal(shown.contribution.moderation, "deleted");
    assert.equal((await t.store.participation.contribution(jeonju, comment))!.text, "");
  });

  it("the inactivity job warns at 30 and 7 days and deletes at 365 days; staff accounts are kept", async () => {
    const sleeper = await signIn(t, "sleeper@example.kr");
    const last = Date.parse("2025-01-01T00:00:00Z");
    for (const id of [sleeper.userId, who.get("moderator")!.userId])
      await t.store.db
        .update(schema.user)
        .set({ lastActiveAt: new Date(last) })
        .where(eq(schema.user.id, id));
    const deleteAt = last + 365 * DAY;
    const warnings = async () =>
      (await outbox(t.store, { email: "sleeper@example.kr" })).filter((m) => m.kind === "inactivity-warning");

    assert.deepEqual(await runInactivityPass(t.store, deleteAt - 31 * DAY), { warned: 0, deleted: 0 });
    assert.deepEqual(await runInactivityPass(t.store, deleteAt - 30 * DAY), { warned: 1, deleted: 0 });
    assert.deepEqual(await runInactivityPass(t.store, deleteAt - 29 * DAY), { warned: 0, deleted: 0 });
    const w30 = await warnings();
    assert.equal(w30.length, 1);
    assert.deepEqual(w30[0]!.data, { days_before: "30", delete_on: "2026-01-01" });
    assert.deepEqual(await runInactivityPass(t.store, deleteAt - 7 * DAY), { warned: 1, deleted: 0 });
    assert.equal((await warnings()).length, 2);
    assert.deepEqual(await runInactivityPass(t.store, deleteAt - 1), { warned: 0, deleted: 0 });
    assert.deepEqual(await runInactivityPass(t.store, deleteAt), { warned: 0, deleted: 1 });
    assert.equal(await t.store.users.byId(sleeper.userId), undefined);
    // the moderator (a staff membership) is never warned nor deleted
    assert.ok(await t.store.users.byId(who.get("moderator")!.userId), "the moderator's account is kept");
  });

  it("a sign-in starts a new period: the warnings of the old one do not count", async () => {
    const back = await signIn(t, "back@example.kr");
    const last = Date.parse("2025-01-01T00:00:00Z");
    await t.store.db
      .update(schema.user)
      .set({ lastActiveAt: new Date(last) })
      .where(eq(schema.user.id, back.userId));
    assert.equal((await runInactivityPass(t.store, last + 358 * DAY)).warned, 1);
    // signed in again at day 360 (the sign-in marks the account used)
    now = last + 360 * DAY;
    await signIn(t, "back@example.kr", { signUp: false });
    assert.deepEqual(await runInactivityPass(t.store, last + 366 * DAY), { warned: 0, deleted: 0 });
    assert.ok(await t.store.users.byId(back.userId), "the account is kept");
  });
});
