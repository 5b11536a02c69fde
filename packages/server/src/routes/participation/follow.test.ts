/**
 * Followers and overdue answers through the real app: a follower with the optional consent to such mail is
 * mailed the official answer and a later status change of the linked action, one without it is not; the
 * author is told in any case, from every path that changes the action's status (the status route, the
 * whole-action form, an uploaded table); the department's queue of answers due lists overdue ones first.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { CONSENT_TEXT_VERSION } from "@citypath/core/participation/index";
import { outbox } from "@citypath/db";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

const DAY = 86_400_000;
const NOW0 = Date.parse("2026-12-01T00:00:00Z");

describe("followers and overdue answers", () => {
  let t: TestApp;
  let now = NOW0;
  let jeonju: TenantId;
  const who = new Map<string, Session>();
  const req = (method: string, path: string, as?: string, body?: unknown) =>
    t.app.request(`/api/tenants/jeonju${path}`, {
      method,
      headers: as ? who.get(as)!.headers(body !== undefined) : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const mails = async (email: string, kind: string) =>
    (await outbox(t.store, { email })).filter((m) => m.kind === kind);

  before(async () => {
    t = await createTestApp({ now: () => now });
    jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    for (const name of ["admin", "author", "fan", "quiet"]) {
      const s = await signIn(t, `${name}@example.kr`);
      who.set(name, s);
      if (name === "admin") await t.store.memberships.put(jeonju, s.userId, "admin");
    }
    const consent = await t.app.request("/api/me/consents", {
      method: "PUT",
      headers: who.get("fan")!.headers(true),
      body: JSON.stringify({ version: CONSENT_TEXT_VERSION, optional: ["optional_mail_notices"] }),
    });
    assert.equal(consent.status, 200);
  });
  after(() => t.close());

  let id: string;
  it("follows a consultation; says whether mail goes out; a consultation that is not there is 404", async () => {
    assert.equal((await req("PUT", "/follows/consultation/baekje-brt")).status, 401);
    assert.equal((await req("PUT", "/follows/consultation/nowhere", "fan")).status, 404);
    const f = await req("PUT", "/follows/consultation/baekje-brt", "fan");
    assert.deepEqual(await f.json(), { following: true, mail: true, changed: true });
    const q = await req("PUT", "/follows/consultation/baekje-brt", "quiet");
    assert.deepEqual(await q.json(), { following: true, mail: false, changed: true });
    const again = await req("PUT", "/follows/consultation/baekje-brt", "fan");
    assert.equal(((await again.json()) as { changed: boolean }).changed, false);
    const mine = (await (await req("GET", "/follows", "fan")).json()) as { follows: { id: string }[] };
    assert.deepEqual(
      mine.follows.map((x) => x.id),
      ["baekje-brt"],
    );
    const post = await req("POST", "/consultations/baekje-brt/comments", "author", {
      text: "정류장 간격을 줄여 주세요",
    });
    assert.equal(post.status, 201);
    id = ((await post.json()) as { contribution: { id: string } }).contribution.id;
  });

  it("the answers due list overdue ones first, for the department that answers", async () => {
    now = NOW0 + 31 * DAY;
    const due = (await (await req("GET", "/answers/due", "admin")).json()) as {
      overdue: number;
      items: { contribution: { id: string; overdue: boolean } }[];
    };
    const mine = due.items.find((i) => i.contribution.id === id)!;
    assert.equal(mine.contribution.overdue, true);
    assert.ok(due.overdue >= 1, "overdue counted");
    assert.equal(due.items[0]!.contribution.overdue, true);
    assert.equal((await req("GET", "/answers/due", "fan")).status, 403);
  });

  it("an answer mails the author and the consenting follower, not the follower without the consent", async () => {
    const a = await req("PUT", `/contributions/${id}/answer`, "admin", {
      base_version: 0,
      state: "accepted",
      text: { ko: "2단계 정류장 간격에 반영하겠습니다" },
      links: [{ kind: "action_status", id: "brt" }],
    });
    assert.equal(a.status, 200, await a.clone().text());
    assert.equal((await mails("author@example.kr", "participation-answer")).length, 1);
    const fan = await mails("fan@example.kr", "participation-answer");
    assert.deepEqual(
      fan.map((m) => m.data),
      [{ follower: "1" }],
    );
    assert.equal((await mails("quiet@example.kr", "participation-answer")).length, 0);
    // no longer overdue once answered
    const due = (await (await req("GET", "/answers/due", "admin")).json()) as {
      items: { contribution: { id: string } }[];
    };
    assert.equal(
      due.items.some((i) => i.contribution.id === id),
      false,
    );
  });

  it("a later status change of the linked action mails the author and the consenting follower again", async () => {
    const action = (await (await req("GET", "/actions/brt", "admin")).json()) as { version: number };
    const s = await req("POST", "/actions/brt/status", "admin", {
      base_version: action.version,
      status: "delayed",
      date: "2026-12-20",
      reason: { ko: "공사 지연", en: "Construction delayed" },
      illustrative: true,
      note: "test figure",
    });
    assert.equal(s.status, 200, await s.clone().text());
    assert.equal((await mails("author@example.kr", "participation-action-status")).length, 1);
    assert.equal((await mails("fan@example.kr", "participation-action-status")).length, 1);
    assert.equal((await mails("quiet@example.kr", "participation-action-status")).length, 0);
  });

  it("a status change through the whole-action form mails them again; a save that keeps the status does not", async () => {
    const rec = (await t.store.agenda.get(jeonju, "action", "brt"))!;
    const same = await req("PUT", "/actions/brt", "admin", {
      base_version: rec.version,
      action: { ...rec.document, description: { ko: "설명만 바꿈", en: "Only the description" } },
    });
    assert.equal(same.status, 200, await same.clone().text());
    assert.equal((await mails("author@example.kr", "participation-action-status")).length, 1);
    const now2 = (await t.store.agenda.get(jeonju, "action", "brt"))!;
    const changed = await req("PUT", "/actions/brt", "admin", {
      base_version: now2.version,
      action: {
        ...now2.document,
        status: "in_progress",
        status_history: [
          ...now2.document.status_history,
          {
            status: "in_progress",
            date: "2026-12-22",
            reason: { ko: "공사 재개", en: "Works resumed" },
            illustrative: true,
            note: "test figure",
          },
        ],
      },
    });
    assert.equal(changed.status, 200, await changed.clone().text());
    assert.equal((await mails("author@example.kr", "participation-action-status")).length, 2);
    assert.equal((await mails("fan@example.kr", "participation-action-status")).length, 2);
    assert.equal((await mails("quiet@example.kr", "participation-action-status")).length, 0);
  });

  it("a status change from an uploaded table of actions mails them again", async () => {
    const csv =
      "id,status,status_date,reason_ko,reason_en,illustrative,note\nbrt,delayed,2026-12-24,다시 지연,Delayed again,true,test figure\n";
    const r = await req("POST", "/actions/import/commit", "admin", {
      file_name: "actions.csv",
      content_base64: Buffer.from(csv, "utf8").toString("base64"),
    });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal((await mails("author@example.kr", "participation-action-status")).length, 3);
    assert.equal((await mails("fan@example.kr", "participation-action-status")).length, 3);
  });
});
