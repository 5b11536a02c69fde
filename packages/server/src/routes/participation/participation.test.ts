/**
 * Participation through the real app on the Jeonju demo: who may comment, propose, support, report, moderate
 * and answer; the rules at their numbers; the audit trail without the text; the author's mail.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { consultation as sampleConsultation } from "@citypath/core/participation/test-fixtures";
import { listAudit, outbox, textHash } from "@citypath/db";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

const NOW0 = Date.parse("2026-03-10T00:00:00Z");

describe("participation routes", () => {
  let t: TestApp;
  let now = NOW0;
  let jeonju: TenantId;
  const who = new Map<string, Session>();
  const base = "/api/tenants/jeonju";

  const req = (method: string, path: string, as?: string, body?: unknown, address?: string) =>
    t.app.request(`${base}${path}`, {
      method,
      headers: {
        ...(as
          ? who.get(as)!.headers(body !== undefined)
          : body !== undefined
            ? { "content-type": "application/json" }
            : {}),
        ...(address ? { "x-forwarded-for": address } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const consultation = (id: string, over: Record<string, unknown> = {}) =>
    sampleConsultation({
      id,
      title: { ko: "BRT 2단계 의견", en: "BRT phase 2" },
      description: { ko: "노선과 정류장 의견을 받습니다", en: "Comments on route and stops" },
      ...over,
    });

  before(async () => {
    t = await createTestApp({
      now: () => now,
      engine: corePathwayEngine(),
      demoInstance: jeonjuDemoInstance,
    });
    jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    const wanju = await t.store.tenants.create({ slug: "wanju", name: "완주군", nameEn: "Wanju" });
    for (const name of [
      "admin",
      "moderator",
      "council",
      "transport",
      "energy",
      "citizen",
      "r1",
      "r2",
      "r3",
      "other",
    ]) {
      const s = await signIn(t, `${name}@example.kr`);
      who.set(name, s);
      if (name === "admin" || name === "moderator" || name === "council")
        await t.store.memberships.put(jeonju, s.userId, name);
      if (name === "transport")
        await t.store.memberships.put(jeonju, s.userId, "editor", ["public-transport-bureau"]);
      if (name === "energy") await t.store.memberships.put(jeonju, s.userId, "editor", ["energy-transition"]);
      if (name === "other") await t.store.memberships.put(wanju.id, s.userId, "admin");
    }
    for (const [id, over] of [
      ["brt-phase-2", {}],
      ["draft-one", { status: "draft" }],
      ["experts-only", { audience: "experts" }],
    ] as const) {
      const r = await req("PUT", `/consultations/${id}`, "admin", {
        base_version: 0,
        consultation: consultation(id, over),
      });
      assert.equal(r.status, 200, r.status === 200 ? "" : await r.clone().text());
    }
  });
  after(() => t.close());

  it("lists consultations for everyone, drafts for staff only", async () => {
    const anon = (await (await req("GET", "/consultations")).json()) as {
      consultations: { id: string; shown_status: string }[];
    };
    // the demo's two illustrative consultations, and this test's open ones
    assert.deepEqual(anon.consultations.map((c) => c.id).sort(), [
      "baekje-brt",
      "brt-phase-2",
      "experts-only",
      "hanok-tram",
    ]);
    assert.equal((await req("GET", "/consultations/draft-one")).status, 404);
    assert.equal((await req("GET", "/consultations/draft-one", "admin")).status, 200);
    const staff = (await (await req("GET", "/consultations", "council")).json()) as {
      consultations: unknown[];
    };
    assert.equal(staff.consultations.length, 5);
  });

  it("an editor of another department may not create the consultation; another city's admin may not either", async () => {
    const body = { base_version: 0, consultation: consultation("x-1") };
    assert.equal((await req("PUT", "/consultations/x-1", "energy", body)).status, 403);
    assert.equal((await req("PUT", "/consultations/x-1", "other", body)).status, 403);
    assert.equal((await req("PUT", "/consultations/x-1", "citizen", body)).status, 403);
  });

  let first: string;
  it("any signed-in account comments without a membership; the rules answer 400 with where and why", async () => {
    const ok = await req("POST", "/consultations/brt-phase-2/comments", "citizen", {
      text: "송천동까지 연장해 주세요",
    });
    assert.equal(ok.status, 201, ok.status === 201 ? "" : await ok.clone().text());
    const c = (await ok.json()) as {
      contribution: { id: string; author: { me: boolean; badge: null }; depth: number };
    };
    first = c.contribution.id;
    assert.equal(c.contribution.author.me, true);
    assert.equal(
      (await req("POST", "/consultations/brt-phase-2/comments", undefined, { text: "익명 의견입니다" }))
        .status,
      401,
    );
    const short = await req("POST", "/consultations/brt-phase-2/comments", "r1", { text: "좋아요" });
    assert.equal(short.status, 400);
    assert.match(await short.text(), /at least 5 characters/);
    const long = await req("POST", "/consultations/brt-phase-2/comments", "r1", { text: "가".repeat(1001) });
    assert.equal(long.status, 400);
    const rrn = await req("POST", "/consultations/brt-phase-2/comments", "r1", {
      text: "제 번호 900101-1234567 로 연락",
      confirm_personal_data: true,
    });
    assert.equal(rrn.status, 400);
    assert.match(await rrn.text(), /resident registration number/);
    const phone = await req("POST", "/consultations/brt-phase-2/comments", "r1", {
      text: "연락처 010-1234-5678 입니다",
    });
    assert.equal(phone.status, 400);
    assert.match(await phone.text(), /confirm_personal_data/);
    const confirmed = await req("POST", "/consultations/brt-phase-2/comments", "r1", {
      text: "연락처 010-1234-5678 입니다",
      confirm_personal_data: true,
    });
    assert.equal(confirmed.status, 201);
    assert.equal(((await confirmed.json()) as { warnings: string[] }).warnings.length, 1);
  });

  it("replies go two levels deep; a council member comments under a badge, filterable", async () => {
    const r1 = (await (
      await req("POST", "/consultations/brt-phase-2/comments", "council", {
        text: "의회에서도 검토하겠습니다",
        parent: first,
      })
    ).json()) as {
      contribution: { id: string; depth: number; author: { badge: string } };
    };
    assert.equal(r1.contribution.depth, 1);
    assert.equal(r1.contribution.author.badge, "council");
    const r2 = (await (
      await req("POST", "/consultations/brt-phase-2/comments", "r2", {
        text: "정류장 위치도 중요합니다",
        parent: r1.contribution.id,
      })
    ).json()) as {
      contribution: { id: string; depth: number };
    };
    assert.equal(r2.contribution.depth, 2);
    const r3 = await req("POST", "/consultations/brt-phase-2/comments", "r3", {
      text: "세 번째 단계 답글입니다",
      parent: r2.contribution.id,
    });
    assert.equal(r3.status, 400);
    const page = (await (await req("GET", "/consultations/brt-phase-2/comments?sort=newest")).json()) as {
      total: number;
      page_size: number;
      items: { id: string; parent: string | null }[];
    };
    assert.equal(page.page_size, 50);
    const i = page.items.findIndex((x) => x.id === first);
    assert.deepEqual(
      page.items.slice(i, i + 3).map((x) => x.id),
      [first, r1.contribution.id, r2.contribution.id],
    );
    const councilOnly = (await (
      await req("GET", "/consultations/brt-phase-2/comments?badge=council")
    ).json()) as { total: number };
    assert.equal(councilOnly.total, 0); // the council member's comment is a reply, not a top-level comment
    assert.equal(
      (await req("POST", "/consultations/experts-only/comments", "citizen", { text: "전문가 전용입니다" }))
        .status,
      403,
    );
  });

  it("the author edits within 5 minutes (history kept), not after, and nobody else edits", async () => {
    const r = (await (
      await req("POST", "/consultations/brt-phase-2/comments", "r3", { text: "처음 쓴 의견입니다" })
    ).json()) as {
      contribution: { id: string; version: number };
    };
    const id = r.contribution.id;
    assert.equal(
      (await req("PATCH", `/contributions/${id}`, "r2", { base_version: 1, text: "남의 글 수정 시도" }))
        .status,
      403,
    );
    now += 4 * 60_000;
    const e = await req("PATCH", `/contributions/${id}`, "r3", {
      base_version: 1,
      text: "고쳐 쓴 의견입니다",
    });
    assert.equal(e.status, 200, e.status === 200 ? "" : await e.clone().text());
    const read = (await (await req("GET", `/contributions/${id}`)).json()) as {
      contribution: { text: string; edited_at: string | null };
      edits: { text: string }[];
    };
    assert.equal(read.contribution.text, "고쳐 쓴 의견입니다");
    assert.ok(read.contribution.edited_at);
    assert.deepEqual(
      read.edits.map((x) => x.text),
      ["처음 쓴 의견입니다"],
    );
    now += 2 * 60_000;
    // (the clock only moves forward: limits' windows are counted on it)
    assert.equal(
      (await req("PATCH", `/contributions/${id}`, "r3", { base_version: 2, text: "너무 늦은 수정입니다" }))
        .status,
      403,
    );
  });

  it("the audit trail holds the hash of a contribution's text, never the text", async () => {
    const trail = await listAudit(t.store.db, jeonju, { entity: "contribution", entityId: first });
    assert.equal(trail.length, 1);
    assert.equal(
      (trail[0]!.after as { text_sha256: string }).text_sha256,
      textHash("송천동까지 연장해 주세요"),
    );
    assert.ok(!JSON.stringify(trail).includes("송천동"));
  });

  it("supports come from verified residents only; the census holds hashes; twice at once counts once", async () => {
    assert.equal((await req("PUT", `/contributions/${first}/support`, "r1")).status, 403);
    const census = {
      entries: [
        { name: "홍길동", birth_date: "1990-01-01", district: "효자동" },
        { name: "김영희", birth_date: "1985-05-05", district: "송천동" },
      ],
    };
    assert.equal((await req("PUT", "/census", "citizen", census)).status, 403);
    assert.equal((await req("PUT", "/census", "admin", census)).status, 200);
    assert.equal(
      (
        await req("POST", "/residents/verify", "r1", {
          name: "홍길동",
          birth_date: "1990-01-02",
          district: "효자동",
        })
      ).status,
      404,
    );
    assert.equal(
      (
        await req("POST", "/residents/verify", "r1", {
          name: " 홍길동",
          birth_date: "1990-01-01",
          district: "효자동",
        })
      ).status,
      200,
    );
    assert.equal(
      (
        await req("POST", "/residents/verify", "r2", {
          name: "홍길동",
          birth_date: "1990-01-01",
          district: "효자동",
        })
      ).status,
      409,
    );
    const me = (await (await req("GET", "/participation/me", "r1")).json()) as {
      resident: boolean;
      email_verified: boolean;
    };
    assert.deepEqual([me.resident, me.email_verified], [true, true]);
    const both = await Promise.all([
      req("PUT", `/contributions/${first}/support`, "r1"),
      req("PUT", `/contributions/${first}/support`, "r1"),
    ]);
    assert.deepEqual(
      both.map((r) => r.status),
      [200, 200],
    );
    const bodies = (await Promise.all(both.map((r) => r.json()))) as { changed: boolean; supports: number }[];
    assert.equal(bodies.filter((b) => b.changed).length, 1);
    const read = (await (await req("GET", `/contributions/${first}`, "r1")).json()) as {
      contribution: { supports: number; supported: boolean };
    };
    assert.deepEqual([read.contribution.supports, read.contribution.supported], [1, true]);
    const w = (await (await req("DELETE", `/contributions/${first}/support`, "r1")).json()) as {
      supports: number;
    };
    assert.equal(w.supports, 0);
  });

  it("the anonymous page is answered from the cache until a support changes it; a signed-in page says what its caller supported", async () => {
    type Page = { items: { id: string; supports: number; supported: boolean }[] };
    const anonymous = async () =>
      ((await (await req("GET", "/consultations/brt-phase-2/comments")).json()) as Page).items.find(
        (i) => i.id === first,
      )!;
    // answered from the response cache by the route, or before the router from its front (decision 0089)
    const hits = () => t.deps.cache.stats().hits + t.deps.cache.front.hits();
    const before = await anonymous();
    const h0 = hits();
    assert.deepEqual(await anonymous(), before);
    assert.equal(hits(), h0 + 1);
    assert.equal((await req("PUT", `/contributions/${first}/support`, "r1")).status, 200);
    assert.equal((await anonymous()).supports, before.supports + 1);
    const mine = (
      (await (await req("GET", "/consultations/brt-phase-2/comments", "r1")).json()) as Page
    ).items.find((i) => i.id === first)!;
    assert.deepEqual([mine.supports, mine.supported], [before.supports + 1, true]);
    assert.equal((await req("DELETE", `/contributions/${first}/support`, "r1")).status, 200);
    assert.equal((await anonymous()).supports, before.supports);
  });

  it("three reports hide a comment pending review; a moderator sees it in the queue and restores it", async () => {
    const c = (await (
      await req("POST", "/consultations/brt-phase-2/comments", "r2", {
        text: "광고성 글입니다 여기로 오세요",
      })
    ).json()) as { contribution: { id: string } };
    const id = c.contribution.id;
    assert.equal((await req("POST", `/contributions/${id}/reports`, "r2", { reason: "spam" })).status, 400);
    for (const r of ["r1", "r3"])
      assert.equal((await req("POST", `/contributions/${id}/reports`, r, { reason: "spam" })).status, 200);
    const third = (await (
      await req("POST", `/contributions/${id}/reports`, "citizen", { reason: "spam" })
    ).json()) as { hidden: boolean };
    assert.equal(third.hidden, true);
    const shown = (await (await req("GET", `/contributions/${id}`)).json()) as {
      contribution: { text: string | null; moderation: string };
    };
    assert.deepEqual(
      [shown.contribution.text, shown.contribution.moderation],
      [null, "hidden_pending_review"],
    );
    assert.equal((await req("GET", "/moderation", "citizen")).status, 403);
    assert.equal((await req("GET", "/moderation", "other")).status, 403);
    const q = (await (await req("GET", "/moderation", "moderator")).json()) as {
      items: { contribution: { id: string }; text: string; reports: unknown[] }[];
    };
    assert.equal(q.items[0]?.contribution.id, id);
    assert.equal(q.items[0]?.text, "광고성 글입니다 여기로 오세요");
    assert.equal(q.items[0]?.reports.length, 3);
    const r = (await (
      await req("POST", "/moderation", "moderator", {
        action: "restore",
        contributions: [id],
        reason: "광고 아님",
      })
    ).json()) as { changed: string[] };
    assert.deepEqual(r.changed, [id]);
    const trail = await listAudit(t.store.db, jeonju, { entity: "contribution", entityId: id });
    assert.deepEqual(
      trail.map((x) => x.action),
      ["create", "report", "report", "report", "restore"],
    );
  });

  it("a moderator blocks an account with a reason: it can no longer comment", async () => {
    assert.equal(
      (await req("PUT", `/blocks/${who.get("r3")!.userId}`, "moderator", { reason: "반복된 스팸" })).status,
      200,
    );
    const r = await req("POST", "/consultations/brt-phase-2/comments", "r3", { text: "차단된 뒤의 의견" });
    assert.equal(r.status, 403);
    assert.match(await r.text(), /blocked/);
    assert.equal((await req("DELETE", `/blocks/${who.get("r3")!.userId}`, "moderator")).status, 200);
  });

  it("the responsible department answers; another department may not; the author is mailed once; figures count it", async () => {
    const body = {
      base_version: 0,
      state: "accepted",
      text: { ko: "2단계 노선에 반영합니다" },
      links: [{ kind: "action_status", id: "brt", note: { ko: "2단계 반영", en: "Taken into phase 2" } }],
    };
    // a link's note as one string (the shape before it had languages) is refused, naming the field
    const flat = await req("PUT", `/contributions/${first}/answer`, "transport", {
      ...body,
      links: [{ kind: "action_status", id: "brt", note: "2단계 반영" }],
    });
    assert.equal(flat.status, 400);
    assert.match(await flat.text(), /links\.0\.note|links\[0\]\.note/);
    assert.equal((await req("PUT", `/contributions/${first}/answer`, "energy", body)).status, 403);
    assert.equal((await req("PUT", `/contributions/${first}/answer`, "citizen", body)).status, 403);
    const a = await req("PUT", `/contributions/${first}/answer`, "transport", body);
    assert.equal(a.status, 200, a.status === 200 ? "" : await a.clone().text());
    assert.deepEqual(((await a.clone().json()) as { links: unknown }).links, body.links);
    const mails = (await outbox(t.store, { email: "citizen@example.kr" })).filter(
      (m) => m.kind === "participation-answer",
    );
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.link, /\/ko\/consultations\/brt-phase-2\?city=jeonju#contribution-/);
    const again = await req("PUT", `/contributions/${first}/answer`, "transport", {
      ...body,
      base_version: 1,
      text: { ko: "2단계 노선에 반영합니다(수정)" },
    });
    assert.equal(again.status, 200);
    assert.equal(
      (await outbox(t.store, { email: "citizen@example.kr" })).filter(
        (m) => m.kind === "participation-answer",
      ).length,
      1,
    );
    const d = (await (await req("GET", "/consultations/brt-phase-2")).json()) as {
      figures: { answered: number; share_accepted: { share: number | null }; participants: number };
    };
    assert.equal(d.figures.answered, 1);
    assert.equal(d.figures.share_accepted.share, 1);
    assert.ok(d.figures.participants >= 5);
  });

  it("a proposal with an explorer scenario shows its modelled effect for 2030 and 2050; a bad level is refused", async () => {
    const bad = await req("POST", "/consultations/brt-phase-2/proposals", "r1", {
      title: "BRT 노선 확대",
      text: "백제대로 BRT를 두 배로",
      scenario: { instance: "jeonju", scenario: "agenda_2021", levels: { brt_baekjedaero: 5 } },
    });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /scenario\.levels\.brt_baekjedaero/);
    const p = await req("POST", "/consultations/brt-phase-2/proposals", "r1", {
      title: "수소버스 없이 BRT만",
      text: "수소버스 대신 BRT에 집중하자는 제안입니다",
      scenario: { instance: "jeonju", scenario: "agenda_2021", levels: { hydrogen_buses: 0 } },
    });
    assert.equal(p.status, 201, p.status === 201 ? "" : await p.clone().text());
    const id = ((await p.json()) as { contribution: { id: string } }).contribution.id;
    const e = await req("GET", `/contributions/${id}/effect`);
    assert.equal(e.status, 200, e.status === 200 ? "" : await e.clone().text());
    const body = (await e.json()) as {
      newer_model: boolean;
      effect: { years: { year: number; difference_tco2e: number }[]; changes: unknown[] };
    };
    assert.equal(body.newer_model, false);
    assert.deepEqual(
      body.effect.years.map((y) => y.year),
      [2030, 2050],
    );
    // dropping a measure that abates cannot lower emissions
    assert.ok(body.effect.years.every((y) => y.difference_tco2e >= 0));
    assert.deepEqual(body.effect.changes, [{ action: "hydrogen_buses", plan_level: 1, proposed_level: 0 }]);
  });

  it("limits: the sixth comment in a minute is 429 with Retry-After, for that account only", async () => {
    const s = await signIn(t, "busy@example.kr");
    who.set("busy", s);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await req("POST", "/consultations/brt-phase-2/comments", "busy", { text: `바쁜 사람의 의견 ${i}` }))
          .status,
      );
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    const r = await req("POST", "/consultations/brt-phase-2/comments", "busy", {
      text: "또 다른 의견입니다",
    });
    assert.ok(Number(r.headers.get("retry-after")) > 0);
    assert.equal(
      (await req("POST", "/consultations/brt-phase-2/comments", "r2", { text: "다른 사람은 됩니다" })).status,
      201,
    );
  });

  it("the demo: an open consultation on BRT phase 2 and an answered one on the tourism tram, illustrative", async () => {
    const open = (await (await req("GET", "/consultations/baekje-brt")).json()) as {
      consultation: { status: string; illustrative: boolean; subject: { id: string } };
    };
    assert.deepEqual(
      [open.consultation.status, open.consultation.illustrative, open.consultation.subject.id],
      ["open", true, "brt"],
    );
    const comments = (await (await req("GET", "/consultations/baekje-brt/comments")).json()) as {
      items: {
        id: string;
        illustrative: boolean;
        author: { name: string; deleted: boolean; badge: string | null };
      }[];
    };
    const c1 = comments.items.find((i) => i.id === "brt2-c1")!;
    assert.deepEqual(
      [c1.illustrative, c1.author.name, c1.author.deleted],
      [true, "효자동 주민 (예시)", false],
    );
    assert.equal(comments.items.find((i) => i.id === "brt2-c2")!.author.badge, "expert");
    // the answered one: four answerable contributions answered, three on time, three taken up; 4 authors and
    // 61 supporters
    const tram = (await (await req("GET", "/consultations/hanok-tram")).json()) as {
      figures: {
        participants: number;
        supports: number;
        share_answered: { numerator: number; denominator: number };
        share_answered_on_time: { numerator: number; denominator: number };
        share_accepted: { numerator: number; denominator: number };
      };
    };
    const f = tram.figures;
    assert.deepEqual(
      [f.participants, f.supports, f.share_answered, f.share_answered_on_time, f.share_accepted],
      [
        65,
        61,
        { numerator: 4, denominator: 4, share: 1 },
        { numerator: 3, denominator: 4, share: 0.75 },
        { numerator: 3, denominator: 4, share: 0.75 },
      ],
    );
  });
});
