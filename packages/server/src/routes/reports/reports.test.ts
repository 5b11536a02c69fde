/**
 * The implementation report's routes on the real app over PGlite with the Jeonju demo: the published 2024
 * report for anyone, the 2025 draft for members; a department completes its row (its own only), the admin
 * completes the report, which freezes it (a later agenda edit does not change it), publishes it and reopens
 * it (audited); the files read back: XLSX sheet by sheet, DOCX's text, the PDF's text and page count.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { listAudit } from "@citypath/db";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { pdfText } from "../../statements/pdf-text.ts";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";
import { closeStatementPool } from "../../workers/statements.ts";

// biome-ignore lint/suspicious/noExplicitAny: the answers are read loosely; the assertions check their shape
type Json = Record<string, any>;
const BASE = "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1";

describe("the implementation report API", () => {
  let t: TestApp;
  let jeonju: TenantId;
  const who: Record<string, Session> = {};
  before(async () => {
    t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    for (const name of ["citizen", "transport", "building", "admin"]) {
      const s = await signIn(t, `${name}@example.kr`);
      who[name] = s;
      if (name === "transport")
        await t.store.memberships.put(jeonju, s.userId, "editor", ["transport-policy"]);
      else if (name === "building")
        await t.store.memberships.put(jeonju, s.userId, "editor", ["architecture"]);
      else await t.store.memberships.put(jeonju, s.userId, name as "admin");
    }
  });
  after(async () => {
    await closeStatementPool();
    await t.close();
  });

  const req = (path: string, as?: string, init: { method?: string; body?: unknown } = {}) =>
    t.app.request(path, {
      method: init.method ?? "GET",
      headers: as ? who[as]!.headers(init.body !== undefined) : {},
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const json = async (path: string, as?: string, init: { method?: string; body?: unknown } = {}) => {
    const r = await req(path, as, init);
    return { status: r.status, body: (await r.json()) as Json };
  };

  it("lists the published 2024 report to anyone and the 2025 draft to members", async () => {
    const anon = await json("/api/tenants/jeonju/reports");
    assert.deepEqual(
      anon.body.reports.map((r: Json) => [r.year, r.stage, r.published]),
      [[2024, "reported", true]],
    );
    const admin = await json("/api/tenants/jeonju/reports", "admin");
    assert.deepEqual(
      admin.body.reports.map((r: Json) => [r.year, r.stage]),
      [
        [2024, "reported"],
        [2025, "draft"],
      ],
    );
    assert.equal((await json(`${BASE}/2025`)).status, 404);
    const pub = await json(`${BASE}/2024`);
    assert.equal(pub.status, 200);
    assert.equal(pub.body.frozen, true);
    assert.deepEqual(
      pub.body.document.sections.map((s: Json) => s.id),
      ["I", "II", "III", "IV", "V", "VI", "annex"],
    );
    assert.match(
      pub.body.document.cover.find((c: Json) => c.label === "위원회 심의").text,
      /2025-05-20 \(수정의결\)/,
    );
  });

  it("a department completes its own measure's row only; stale versions are 409", async () => {
    const draft = await json(`${BASE}/2025`, "admin");
    const v = draft.body.report.version;
    const body = {
      base_version: v,
      entry: { achievements: { ko: "BRT 2단계 착공 (예시)" }, completed_on: "2026-03-20" },
    };
    assert.equal((await json(`${BASE}/2025/measures/brt`, "building", { method: "PUT", body })).status, 403);
    assert.equal((await json(`${BASE}/2025/measures/brt`, "citizen", { method: "PUT", body })).status, 403);
    const ok = await json(`${BASE}/2025/measures/brt`, "transport", { method: "PUT", body });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.version, v + 1);
    assert.equal((await json(`${BASE}/2025/measures/brt`, "transport", { method: "PUT", body })).status, 409);
    const after = await json(`${BASE}/2025`, "admin");
    const row = after.body.document.sections[2].tables[0].rows.find((r: unknown[]) =>
      String(r[2]).startsWith("간선급행버스체계"),
    );
    assert.ok(row.includes("BRT 2단계 착공 (예시)"));
  });

  it("a row is completed by a department of the register, by id; a follow-up's owner too (decision 0095)", async () => {
    const draft = await json(`${BASE}/2025`, "admin");
    let v = draft.body.report.version;
    const put = (completed_by: string) =>
      json(`${BASE}/2025/measures/brt`, "transport", {
        method: "PUT",
        body: { base_version: v, entry: { completed_on: "2026-03-21", completed_by } },
      });
    // a Korean name where the id belongs, an id the register does not have, a department not the measure's
    const named = await put("교통정책과");
    assert.equal(named.status, 400);
    assert.equal(named.body.error.details[0].path, "json.entry.completed_by");
    const unknown = await put("no-such-division");
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.details[0].path, "json.entry.completed_by");
    assert.match(
      unknown.body.error.message,
      /no department "no-such-division".*metropolitan-infrastructure, transport-policy/,
    );
    const other = await put("architecture");
    assert.equal(other.status, 400);
    assert.match(other.body.error.message, /"architecture" is neither a department of measure "brt"/);
    const ok = await put("transport-policy");
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    v = ok.body.version;
    // shown by the register's name in the report's language, in the answer and table III-1's last column
    for (const [lang, name] of [
      ["ko", "교통정책과"],
      ["en", "Transport Policy Division"],
    ] as const) {
      const r = await json(`${BASE}/2025?lang=${lang}`, "admin");
      assert.deepEqual(r.body.measures.find((m: Json) => m.action === "brt").completed_by, {
        ko: "교통정책과",
        en: "Transport Policy Division",
      });
      const table = r.body.document.sections[2].tables[0];
      const row = table.rows.find(
        (x: unknown[]) => x[0] === r.body.measures.find((m: Json) => m.action === "brt").no,
      );
      assert.equal(row.at(-1), `${name}, 2026-03-21`);
      assert.equal(table.columns.at(-1).label, lang === "ko" ? "부서 자체점검 완료" : "Row completed by");
    }
    // a follow-up's owner: an id not in the register is refused at its field; the register's is printed by name
    const entries = (await json(`${BASE}/2025`, "admin")).body.entries;
    const follow = { action: "brt", cause: { ko: "원인" }, plan: { ko: "계획" } };
    const bad = await json(`${BASE}/2025`, "admin", {
      method: "PUT",
      body: {
        base_version: v,
        entries: { ...entries, follow_up: [{ ...follow, owner: "no-such-division" }] },
      },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].path, "json.entries.follow_up.0.owner");
    const saved = await json(`${BASE}/2025`, "admin", {
      method: "PUT",
      body: {
        base_version: v,
        entries: { ...entries, follow_up: [{ ...follow, owner: "transport-policy" }] },
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const en = await json(`${BASE}/2025?lang=en`, "admin");
    const v1 = en.body.document.sections.find((x: Json) => x.id === "V").tables[0];
    // V-1 lists the measure only when it lags; where it does, its owner is the register's English name
    for (const r of v1.rows)
      if (String(r[0]).includes("BRT")) assert.equal(r.at(-1), "Transport Policy Division");
    // put back as it was for the tests that follow
    const back = await json(`${BASE}/2025`, "admin", {
      method: "PUT",
      body: { base_version: saved.body.version, entries: { ...entries } },
    });
    assert.equal(back.status, 200);
  });

  it("completing freezes the report: a later agenda edit changes the draft's figures, not the frozen ones", async () => {
    const admin = "admin";
    let v = (await json(`${BASE}/2025`, admin)).body.report.version;
    const done = await json(`${BASE}/2025/stage`, admin, {
      method: "POST",
      body: { base_version: v, to: "review" },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.stage, "review");
    v = done.body.version;
    const frozen = await json(`${BASE}/2025`, admin);
    assert.equal(frozen.body.frozen, true);
    const measuresOf = (b: Json) => JSON.stringify(b.document.sections[2].tables[0].rows);
    // an edit of the agenda after completion: the BRT action's name changes
    const rec = (await t.store.agenda.get(jeonju, "action", "brt"))!;
    await t.store.agenda.save(
      jeonju,
      "action",
      { ...rec.document, name: { ko: "BRT 이름 바뀜", en: "BRT renamed" } },
      rec.version,
    );
    const still = await json(`${BASE}/2025`, admin);
    assert.equal(measuresOf(still.body), measuresOf(frozen.body));
    assert.ok(!measuresOf(still.body).includes("BRT 이름 바뀜"));
    // edits of a completed report are refused
    const edit = await json(`${BASE}/2025/measures/brt`, "transport", {
      method: "PUT",
      body: { base_version: v, entry: {} },
    });
    assert.equal(edit.status, 409);
    // deliberated needs the committee's record; moving two stages at once is refused
    assert.equal(
      (
        await json(`${BASE}/2025/stage`, admin, {
          method: "POST",
          body: { base_version: v, to: "deliberated" },
        })
      ).status,
      400,
    );
    assert.equal(
      (
        await json(`${BASE}/2025/stage`, admin, {
          method: "POST",
          body: { base_version: v, to: "submitted", submitted_on: "2026-05-28" },
        })
      ).status,
      400,
    );
    const pub = await json(`${BASE}/2025/publish`, admin, {
      method: "POST",
      body: { base_version: v, published: true },
    });
    assert.equal(pub.status, 200);
    assert.equal((await json(`${BASE}/2025`)).status, 200);
    // reopening: back to a draft built from today's data (the new name shows), unpublished, audited
    const before = (await listAudit(t.store.db, jeonju)).length;
    const re = await json(`${BASE}/2025/reopen`, admin, {
      method: "POST",
      body: { base_version: pub.body.version, reason: "집행액 정정" },
    });
    assert.equal(re.status, 200);
    assert.deepEqual([re.body.stage, re.body.published], ["draft", false]);
    const trail = await listAudit(t.store.db, jeonju);
    assert.equal(trail.length, before + 1);
    assert.equal(trail.at(-1)!.action, "reopen");
    const draft = await json(`${BASE}/2025`, admin);
    assert.equal(draft.body.frozen, false);
    assert.ok(measuresOf(draft.body).includes("BRT 이름 바뀜"));
    assert.equal((await json(`${BASE}/2025`)).status, 404);
  });

  it("the XLSX has a sheet per table, read back with the demo's figures", async () => {
    const r = await req(`${BASE}/2024/document?format=xlsx`);
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const names = wb.worksheets.map((w) => w.name);
    for (const n of [
      "개요",
      "I-schedule",
      "II-1",
      "II-2",
      "III-1",
      "III-2",
      "V-1",
      "V-2",
      "A-indicators",
      "A-methods",
    ])
      assert.ok(names.includes(n), `${n} in ${names.join(", ")}`);
    const m = wb.getWorksheet("III-1")!;
    assert.equal(m.getRow(1).getCell(3).value, "과제명");
    const brt = m
      .getRows(2, m.rowCount - 1)!
      .find((row) => String(row.getCell(3).value).startsWith("간선급행버스체계"))!;
    assert.equal(brt.getCell(7).value, 30_000); // the target, a number
    assert.equal(brt.getCell(8).value, 24_500);
    assert.equal(brt.getCell(17).value, "보통");
    // table II-1: the inventory's verification status a column of its own (the demo's is provisional)
    const e = wb.getWorksheet("II-1")!;
    const head = (e.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(head.slice(-2), ["잠정/확정", "인벤토리 검증 상태"]);
    const total = e.getRows(2, e.rowCount - 1)!.find((row) => row.getCell(2).value === "합계")!;
    assert.equal(total.getCell(head.length).value, "잠정");
  });

  it("the DOCX opens and reads back: headings, Korean table headers, repeated header rows, page numbers", async () => {
    const r = await req(`${BASE}/2024/document?format=docx`);
    assert.equal(r.status, 200);
    const zip = await JSZip.loadAsync(await r.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, " ");
    for (const s of [
      "이행점검 결과보고서",
      "Ⅱ. 온실가스 배출 현황",
      "표 Ⅲ-1 과제별 추진실적",
      "달성률",
      "집행률",
      "목표 부합 여부",
      "인벤토리 검증 상태",
    ])
      assert.ok(text.includes(s), s);
    assert.ok((xml.match(/<w:tblHeader\/>/g) ?? []).length >= 8);
    assert.ok(xml.includes('w:orient="landscape"'));
    const footer = Object.keys(zip.files).find((f) => /word\/footer\d*\.xml/.test(f))!;
    assert.match(await zip.file(footer)!.async("string"), /PAGE/);
  });

  it("the PDF: A4 pages with the sections, the Korean headers and the demo's figures", async () => {
    const r = await req(`${BASE}/2024/document?format=pdf`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/pdf");
    const { pages, text } = pdfText(new Uint8Array(await r.arrayBuffer()));
    assert.ok(pages >= 7 && pages <= 30, `${pages} pages`);
    const flat = text.replace(/\s+/g, "");
    for (const s of [
      "목차",
      "Ⅰ.점검개요",
      "Ⅲ.부문별·과제별추진실적",
      "목표부합여부",
      "인벤토리검증상태",
      "자체평가등급",
      "24,500",
      "30,000",
    ])
      assert.ok(flat.includes(s), s);
  });

  it("the English HTML is the same report in English", async () => {
    const r = await req(`${BASE}/2024/document?format=html&lang=en`);
    const html = await r.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /III\. Measures/);
    assert.match(html, /Target met/);
    assert.match(html, /<th scope="col">Inventory verification<\/th>/);
    assert.match(html, /<td>Provisional<\/td>/);
    // a sector only the scenario gives is said so in English; a modelled method names its model without a
    // Korean word
    assert.match(html, /the scenario's modelled value \(a sector the inventory does not cover\)/);
    assert.doesNotMatch(html, /모형값|인벤토리 미포함|[a-z_]+ 모형 \(/);
  });

  it("a report with consultations on its measures has section IV per measure in the XLSX, the DOCX and the page", async () => {
    const r = await req(`${BASE}/2025/document?format=xlsx`, "admin");
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("IV-2")!;
    assert.ok(sheet, wb.worksheets.map((w) => w.name).join(", "));
    assert.equal(sheet.getRow(1).getCell(1).value, "과제");
    assert.equal(sheet.getRow(1).getCell(10).value, "반영");
    const brt = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((row) => String(row.getCell(1).value).includes("BRT"))!;
    assert.ok(brt, "the BRT measure has a row");
    assert.equal(typeof brt.getCell(3).value, "number"); // contributions, a number
    const docx = await req(`${BASE}/2025/document?format=docx`, "admin");
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const text = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    assert.ok(text.includes("표 Ⅳ-2 과제별 의견수렴 결과"));
    const page = await json(`${BASE}/2025?lang=en`, "admin");
    const iv = page.body.document.sections.find((s: Json) => s.id === "IV");
    assert.deepEqual(
      iv.tables.map((x: Json) => x.title),
      ["Table IV-1 Consultation figures", "Table IV-2 Consultation figures per measure"],
    );
  });

  it("a draft report is put to consultation: its figures are a row of section IV; a report past its draft is not", async () => {
    const consultation = (id: string, year: number) => ({
      base_version: 0,
      consultation: {
        id,
        title: {
          ko: `${year}년 이행점검 결과보고서 초안 의견 수렴`,
          en: `Consultation on the ${year} report's draft`,
        },
        description: { ko: "초안에 의견을 주세요 (예시).", en: "Comment on the draft (illustrative)." },
        subject: { kind: "plan", id: "carbon-neutral-basic-plan-1", report_year: year },
        audience: "all",
        status: "open",
        opens_at: "2026-01-05T09:00:00+09:00",
        closes_at: "2026-02-05T18:00:00+09:00",
        department: "metropolitan-infrastructure",
        answer_due_days: 30,
        illustrative: true,
      },
    });
    const put = (id: string, year: number, as = "admin") =>
      json(`/api/tenants/jeonju/consultations/${id}`, as, {
        method: "PUT",
        body: consultation(id, year),
      });
    // the report's stages are the admins', and so is putting it to consultation: an editor is refused, even
    // one of the consultation's department
    await t.store.memberships.put(jeonju, who.transport!.userId, "editor", [
      "교통정책과",
      "metropolitan-infrastructure",
    ]);
    const editor = await put("report-2025-draft", 2025, "transport");
    assert.equal(editor.status, 403);
    assert.match(JSON.stringify(editor.body), /administrators put an implementation report to consultation/);
    // the 2024 report is published: no longer a draft to consult on
    const refused = await put("report-2024-draft", 2024);
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body), /only a draft report is put to consultation/);
    assert.equal((await put("report-2031-draft", 2031)).status, 400); // no such report
    const ok = await put("report-2025-draft", 2025);
    assert.equal(ok.status, 200);
    const page = await json(`${BASE}/2025`, "admin");
    const iv2 = page.body.document.sections
      .find((x: Json) => x.id === "IV")
      .tables.find((x: Json) => x.id === "IV-2");
    const row = iv2.rows.find((r: unknown[]) => r[0] === "2025년 이행점검 결과보고서 (초안)");
    assert.ok(row, JSON.stringify(iv2.rows.map((r: unknown[]) => r[0])));
    assert.equal(row[2], 0); // no contribution yet: counted 0, a count, not a missing figure
    // the frozen 2024 report does not count the 2025 report's consultation
    const earlier = await json(`${BASE}/2024`, "admin");
    assert.doesNotMatch(JSON.stringify(earlier.body.document), /이행점검 결과보고서 \(초안\)/);
  });

  it("table II-1's verification column follows the inventory's recorded status in a draft, not in a frozen report", async () => {
    const verified = "검증됨 (제3자 검증기관 (예시), 2026-03-31)";
    const ok = await json("/api/tenants/jeonju/inventories/1/verification", "admin", {
      method: "PUT",
      body: {
        status: "verified",
        verified_by: "제3자 검증기관 (예시)",
        verified_on: "2026-03-31",
        basis: { ko: "검증 의견서 (시험용)" },
        illustrative: true,
      },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const ii1 = (body: Json) =>
      body.document.sections.find((x: Json) => x.id === "II").tables.find((x: Json) => x.id === "II-1");
    // the 2025 draft is built from the data as it is: verified, on every row resting on the inventory
    const draft = ii1((await json(`${BASE}/2025`, "admin")).body);
    const col = draft.columns.findIndex((c: Json) => c.label === "인벤토리 검증 상태");
    assert.ok(col > 0, JSON.stringify(draft.columns));
    const total = draft.rows.find((r: unknown[]) => r[1] === "합계");
    assert.equal(total[col], verified);
    for (const r of draft.rows as unknown[][])
      assert.ok(r[col] === verified || (r[col] === null && r[col - 1] === "모형값"), JSON.stringify(r));
    const r = await req(`${BASE}/2025/document?format=xlsx`, "admin");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("II-1")!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((x) => x.getCell(2).value === "합계")!;
    assert.equal(row.getCell(col + 1).value, verified);
    // the frozen 2024 report keeps the status it was completed with
    const frozen = ii1((await json(`${BASE}/2024`)).body);
    assert.equal(frozen.rows.find((x: unknown[]) => x[1] === "합계")[col], "잠정");
  });
});
