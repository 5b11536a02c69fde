/**
 * The implementation report built from the Jeonju demo as stored (PGlite): the measures of the basic plan,
 * a measure's figures against the demo's budget and settlement, emissions against the basic plan's target
 * path, and the decomposition's effects adding up to the change.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { consultation } from "@citypath/core/participation/test-fixtures";
import type { ImplementationReport } from "@citypath/core/report/index";
import { createStore, type Database, type Store } from "@citypath/db";
import { migratedPglite } from "@citypath/db/testing";
import { loadReferenceData } from "../index.ts";
import { loadDemoTenant } from "../services/demo.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "../services/engine.ts";
import { buildReport } from "./compute.ts";
import { reportDocument } from "./document.ts";
import { reportSources } from "./sources.ts";

const DAY = 86_400_000;
const kst = (d: string) => new Date(`${d}T12:00:00+09:00`);

/**
 * A consultation on the BRT in 2024: comment c1 (u1, answered 반영 on time), its reply (u2), proposal p1 (u2,
 * answered 미반영 late), comment c2 (u3, answered only after the data date, so overdue on it), comment c4 (u4,
 * deleted by its author), and comment c3 (u4) on the last evening of 2023; supports: u3 on p1 and u5 on c1 in
 * 2024, u1 on p1 after the data date.
 */
async function consult2024(db: Database, store: Store, tenant: TenantId): Promise<void> {
  const p = store.participation;
  await p.saveConsultation(
    tenant,
    consultation({
      id: "brt-2024",
      status: "closed",
      opens_at: "2023-12-01T00:00:00+09:00",
      closes_at: "2024-06-30T00:00:00+09:00",
    }),
    0,
  );
  const add = async (id: string, author: string, at: Date, extra: Record<string, unknown> = {}) =>
    p.addContribution(tenant, {
      id,
      consultationId: "brt-2024",
      kind: "comment",
      authorId: author,
      authorName: author,
      badge: null,
      text: `${id}의 의견입니다`,
      dueAt: new Date(at.getTime() + 30 * DAY),
      createdAt: at,
      ...extra,
    });
  const c1 = await add("c1", "u1", kst("2024-03-05"));
  await add("c1-r", "u2", kst("2024-03-06"), { parent: { id: "c1", rootId: c1.rootId, depth: 0 } });
  await add("p1", "u2", kst("2024-03-07"), { kind: "proposal", title: "정류장 추가" });
  await add("c2", "u3", kst("2024-03-08"));
  await add("c4", "u4", kst("2024-03-09"));
  await p.deleteContribution(tenant, "c4");
  await add("c3", "u4", new Date("2023-12-31T23:00:00+09:00"));
  const answer = (id: string, state: "accepted" | "rejected" | "partly_accepted", at: string) =>
    p.answer(
      tenant,
      id,
      {
        state,
        text: { ko: "답변" },
        links: [],
        department: "public-transport-bureau",
        answeredBy: null,
        answeredAt: kst(at),
      },
      0,
    );
  await answer("c1", "accepted", "2024-03-20"); // due 2024-04-04
  await answer("p1", "rejected", "2024-05-01"); // due 2024-04-06: late
  await answer("c2", "partly_accepted", "2025-04-01"); // after the data date
  for (const [id, who, at] of [
    ["p1", "u3", "2024-03-10"],
    ["c1", "u5", "2024-03-11"],
    ["p1", "u1", "2025-03-05"],
  ] as const) {
    await p.support(tenant, id, who);
    await db.withSession((s) =>
      s.query(
        "UPDATE contribution_support SET created_at = $1 WHERE contribution_id = $2 AND supporter = $3",
        [kst(at).toISOString(), id, who],
      ),
    );
  }
}

describe("the implementation report from the demo", () => {
  let db: Database;
  let store: Store;
  let r2024: ImplementationReport;
  before(async () => {
    // migrated as a new database is (a copy of the migrated tarball, not a run of initdb); the demo loaded afresh
    db = await migratedPglite();
    store = createStore(db);
    await loadReferenceData(store);
    await loadDemoTenant(store, { engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    const t = (await store.tenants.bySlug("jeonju"))!;
    await consult2024(db, store, t.id);
    r2024 = buildReport(await reportSources(store, t, { year: 2024, asOf: "2025-03-01" }));
  });
  after(async () => {
    await db.close();
  });

  it("has the basic plan's measures in its order", () => {
    assert.equal(r2024.cover.year, 2024);
    assert.equal(r2024.cover.submission.due, "2025-05-31");
    assert.equal(r2024.measures.length, 8);
    assert.deepEqual(
      r2024.measures.map((m) => m.no),
      ["1-1", "1-2", "1-3", "1-4", "2-1", "2-2", "2-3", "3-1"]
        .slice(0, r2024.measures.length)
        .map((_, i) => r2024.measures[i]!.no),
    );
    assert.equal(new Set(r2024.measures.map((m) => m.action)).size, 8);
  });

  it("the BRT row: the budget's indicator (30,000 riders a day), the settlement's 24,500, two lines' money, no reduction before it opens", () => {
    const brt = r2024.measures.find((m) => m.action === "brt")!;
    assert.equal(brt.target?.value, 30_000);
    assert.equal(brt.target?.from, "budget");
    assert.equal(brt.result?.value, 24_500);
    assert.equal(brt.achievement, 24_500 / 30_000); // 81.7 %: 보통
    // BRT-001 ₩18.0 bn / 16.9 bn and BRT-002 ₩2.0 bn / 1.8 bn, both closed: 93.5 %, 매우우수
    assert.equal(brt.budget?.available_krw, 20_000_000_000);
    assert.equal(brt.budget?.executed_krw, 18_700_000_000);
    assert.equal(brt.budget?.provisional, false);
    // the corridor opens in November 2026 (FACTS §5): the scenario expects no abatement in 2024, and the
    // settlement measured none, so the row has no achieved reduction (neither 0 nor a figure)
    assert.equal(brt.reduction.target_tco2e, 0);
    assert.equal(brt.reduction.achieved_tco2e, undefined);
    assert.deepEqual(brt.indicator?.name, {
      ko: "기린대로 축 시내버스 일 이용객",
      en: "Daily city-bus riders on the Giringdaero corridor",
    });
    assert.equal(brt.grade.grade, "fair"); // the lower of 보통 and 매우우수
    assert.equal(brt.status, "normal");
    assert.equal(brt.illustrative, true);
  });

  it("the English report's indicator column: the budget line's English, or its Korean marked [ko] and the mark explained", () => {
    const cell = (r: ImplementationReport) => {
      const doc = reportDocument(r, "en");
      const table = doc.sections.flatMap((x) => x.tables).find((x) => x.id === "III-1")!;
      const name = r.measures.find((m) => m.action === "brt")!.name.en;
      const row = table.rows.find((x) => String(x[2]).startsWith(name))!;
      return { indicator: row[4], notices: doc.notices };
    };
    const en = cell(r2024);
    assert.equal(en.indicator, "Daily city-bus riders on the Giringdaero corridor (riders a day)");
    assert.ok(!en.notices.some((n) => n.startsWith("[ko]")));
    // the same row had its line's indicator no English name: the Korean, marked, and the note says why
    const brt = r2024.measures.find((m) => m.action === "brt")!;
    const untranslated = {
      ...r2024,
      measures: r2024.measures.map((m) =>
        m === brt ? { ...m, indicator: { ...brt.indicator!, name: { ko: brt.indicator!.name.ko } } } : m,
      ),
    };
    const marked = cell(untranslated);
    assert.equal(marked.indicator, "[ko] 기린대로 축 시내버스 일 이용객 (riders a day)");
    assert.ok(
      marked.notices.includes("[ko]: no English has been entered for this text, so it is shown in Korean."),
    );
  });

  it("emissions against the basic plan's path: 2024 target 4,371,000 × (1 − 0.3 × 6/12)", () => {
    assert.ok(r2024.emissions.available);
    const rows = r2024.emissions.rows;
    const total = rows.at(-1)!;
    assert.equal(total.sector, "total");
    assert.ok(Math.abs(total.target_tco2e! - 3_715_350) < 1e-6);
    const sum = rows.slice(0, -1).reduce((s, r) => s + r.tco2e!, 0);
    assert.ok(Math.abs(total.tco2e! - sum) < 1e-6);
    assert.equal(total.met, total.tco2e! <= total.target_tco2e!);
    assert.equal(total.base_tco2e, 4_371_000);
    assert.equal(r2024.emissions.provisional, true);
    assert.equal(r2024.emissions.inventory.year, 2023);
  });

  it("the decomposition's effects add up to the change, with the measures' modelled abatement beside", () => {
    const d = r2024.decomposition;
    assert.ok(!("missing" in d));
    assert.equal(d.from, 2018);
    assert.equal(d.to, 2023);
    const e = d.total.effects;
    assert.ok(Math.abs(e.activity + e.intensity + e.structure + e.emission_factor - d.total.change) < 1e-3);
    assert.ok(d.measures_tco2e > 0);
  });

  it("section IV: the consultations on the plan's items, counted by hand for 2024 as of 2025-03-01", () => {
    const p = r2024.qualitative.participation!;
    assert.ok(p.consultations.some((c) => c.id === "brt-2024" && !c.illustrative));
    // the demo's BRT consultation is on the plan too (illustrative), with nothing in 2024
    assert.ok(p.consultations.some((c) => c.id === "baekje-brt" && c.illustrative));
    // c1, its reply, p1, c2 (c4 deleted, c3 in 2023)
    assert.deepEqual(p.contributions, { comments: 3, proposals: 1, total: 4 });
    // u1, u2, u3 wrote; u3 and u5 supported (u1's support came after the data date)
    assert.equal(p.participants, 4);
    assert.equal(p.supports, 2);
    // c1, p1, c2 are answerable; c2's answer came after the data date
    assert.equal(p.answerable, 3);
    assert.equal(p.answered, 2);
    assert.equal(p.overdue, 1);
    assert.deepEqual(p.share_answered_on_time, { numerator: 1, denominator: 2, share: 0.5 });
    assert.deepEqual(p.share_accepted, { numerator: 1, denominator: 2, share: 0.5 });
  });

  it("section IV per measure: the BRT's consultations under measure brt, with the same hand-counted figures", () => {
    const rows = r2024.qualitative.participation!.by_measure!;
    const brt = rows.find((r) => r.scope === "measure" && r.id === "brt")!;
    assert.equal(brt.no, r2024.measures.find((m) => m.action === "brt")!.no);
    assert.deepEqual([...brt.consultations].sort(), ["baekje-brt", "brt-2024"]);
    // every 2024 contribution is on the BRT: the row is the total of table IV-1
    const f = brt.figures;
    assert.deepEqual(f.contributions, { comments: 3, proposals: 1, total: 4 });
    assert.equal(f.participants, 4);
    assert.equal(f.supports, 2);
    assert.deepEqual([f.answerable, f.answered, f.overdue], [3, 2, 1]);
    assert.deepEqual([f.by_state.accepted, f.by_state.partly_accepted, f.by_state.rejected], [1, 0, 1]);
    // the other rows had nothing in 2024
    for (const r of rows.filter((x) => x !== brt)) assert.equal(r.figures.contributions.total, 0, r.id);
  });
});
