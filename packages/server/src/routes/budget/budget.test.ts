/**
 * The budget routes on the real app over PGlite with the Jeonju demo: who sees and changes what, one audit
 * record per change, the all-or-nothing import, and the statements: the JSON tables against the sourced
 * totals, the HTML's structure, the XLSX read back sheet by sheet, the PDF's page count and text. What the
 * statements say (English indicators, the [ko] mark, 2024's modelled and measured reductions) is checked on
 * PGlite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { listAudit } from "@citypath/db";
import ExcelJS from "exceljs";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { pdfText } from "../../statements/pdf-text.ts";
import { createTestApp, routeTestKinds, type Session, signIn, type TestApp } from "../../testing.ts";
import { closeStatementPool } from "../../workers/statements.ts";

// biome-ignore lint/suspicious/noExplicitAny: the answers are read loosely; the assertions check their shape
type Json = Record<string, any>;

const BRT = "120-123-TR01-BRT-001";

describe("the budget API", () => {
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

  const req = async (path: string, as?: string, init: { method?: string; body?: unknown } = {}) => {
    const r = await t.app.request(path, {
      method: init.method ?? "GET",
      headers: as ? who[as]!.headers(init.body !== undefined) : {},
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return r;
  };
  const json = async (path: string, as?: string, init: { method?: string; body?: unknown } = {}) => {
    const r = await req(path, as, init);
    return { status: r.status, body: (await r.json()) as Json };
  };

  it("lists a published year's lines to anyone; a year not there is 404", async () => {
    const r = await json("/api/tenants/jeonju/budget/2024/lines");
    assert.equal(r.status, 200);
    assert.equal(r.body.lines.length, 15);
    assert.equal((await json("/api/tenants/jeonju/budget/2031/lines", "admin")).status, 404);
    assert.equal((await json("/api/tenants/jeonju/budget/20x4/lines")).status, 400);
  });

  it("an editor changes their department's line only; stale versions are 409; each change is audited", async () => {
    const r = await json("/api/tenants/jeonju/budget/2024/lines", "transport");
    const rec = r.body.lines.find((l: Json) => l.line.code === BRT);
    const line = { ...rec.line, change_reason: "2단계 공사 (수정)" };
    const before = (await listAudit(t.store.db, jeonju)).length;
    const path = `/api/tenants/jeonju/budget/2024/lines/${BRT}`;
    assert.equal(
      (await json(path, "building", { method: "PUT", body: { base_version: rec.version, line } })).status,
      403,
    );
    assert.equal(
      (await json(path, "citizen", { method: "PUT", body: { base_version: rec.version, line } })).status,
      403,
    );
    const ok = await json(path, "transport", { method: "PUT", body: { base_version: rec.version, line } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version, rec.version + 1);
    const stale = await json(path, "transport", { method: "PUT", body: { base_version: rec.version, line } });
    assert.equal(stale.status, 409);
    const bad = await json(path, "admin", {
      method: "PUT",
      body: { base_version: ok.body.version, line: { ...line, class: "감축" } },
    });
    assert.equal(bad.status, 400);
    assert.equal((await listAudit(t.store.db, jeonju)).length, before + 1);
  });

  it("a line without a department id (a Korean name two departments share) is the admins' until one chooses (decision 0095)", async () => {
    // two bureaus' 녹지정책과, so the name alone does not say which department
    for (const [id, en] of [
      ["green-policy-north", "Green Policy Division (North)"],
      ["green-policy-south", "Green Policy Division (South)"],
    ])
      assert.equal(
        (
          await json(`/api/tenants/jeonju/departments/${id}`, "admin", {
            method: "PUT",
            body: { name: { ko: "녹지정책과", en } },
          })
        ).status,
        200,
      );
    const code = "120-123-TR01-BRT-099";
    const stored = {
      year: 2024,
      code,
      name: { ko: "미확인 부서 사업" },
      bureau: "교통국",
      department: "녹지정책과",
      account: "general" as const,
      cost_kind: "project" as const,
      amount: { original_krw: 1_000_000 },
      class: "neutral" as const,
      class_reason: "예시",
      illustrative: true,
    };
    // as stored before decision 0095, with no id (migration 0039 leaves a shared name unresolved)
    const rec = await t.store.budget.saveLine(jeonju, stored, 0);
    const path = `/api/tenants/jeonju/budget/2024/lines/${code}`;
    const put = (as: string, line: object) =>
      json(path, as, { method: "PUT", body: { base_version: rec.version, line } });
    // no read-time rule gives it to a department: an editor may not claim it for theirs
    const editor = await put("transport", { ...stored, department_id: "transport-policy" });
    assert.equal(editor.status, 403);
    assert.match(
      editor.body.error.message,
      /names no department of the register yet \("녹지정책과"\); an admin chooses it/,
    );
    // the admin must choose: the name alone is refused, naming both ids; an id not in the register too
    const none = await put("admin", stored);
    assert.equal(none.status, 400);
    assert.equal(none.body.error.details[0].path, "json.line.department_id");
    assert.match(
      none.body.error.message,
      /2 departments .* "녹지정책과".*green-policy-north, green-policy-south/,
    );
    const unknown = await put("admin", { ...stored, department_id: "no-such-division" });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.details[0].path, "json.line.department_id");
    assert.match(unknown.body.error.message, /"no-such-division" is not a department id/);
    const chosen = await put("admin", { ...stored, department_id: "green-policy-north" });
    assert.equal(chosen.status, 200);
    assert.equal(chosen.body.line.department_id, "green-policy-north");
    assert.equal(
      (await t.store.budget.line(jeonju, 2024, code))?.document.department_id,
      "green-policy-north",
    );
    // a name the register knows once gives its id without one being given
    const named = await json(path, "admin", {
      method: "PUT",
      body: { base_version: chosen.body.version, line: { ...stored, department: "건축과" } },
    });
    assert.equal(named.status, 200);
    assert.equal(named.body.line.department_id, "architecture");
    await t.store.budget.deleteLine(jeonju, 2024, code, named.body.version);
  });

  it("imports settlements all or nothing, every problem located", async () => {
    const csv = (rows: string[]) =>
      Buffer.from(
        ["year,code,available_krw,executed_krw,closed,as_of,illustrative", ...rows].join("\n"),
      ).toString("base64");
    const bad = await json("/api/tenants/jeonju/budget/import/commit", "admin", {
      method: "POST",
      body: {
        kind: "settlements",
        file_name: "s.csv",
        content_base64: csv([
          `2025,${BRT},8000000000,4000000000,아니오,2025-10-31,예`,
          `2025,${BRT},x,1,예,2025-10-31,예`,
        ]),
      },
    });
    assert.equal(bad.status, 400);
    const ok = await json("/api/tenants/jeonju/budget/import/preview", "transport", {
      method: "POST",
      body: {
        kind: "settlements",
        file_name: "s.csv",
        content_base64: csv([`2025,${BRT},8000000000,4000000000,아니오,2025-10-31,예`]),
      },
    });
    assert.deepEqual(ok.body.changes, [{ year: 2025, code: BRT, change: "changed" }]);
    const stored = await json("/api/tenants/jeonju/budget/import/commit", "transport", {
      method: "POST",
      body: {
        kind: "settlements",
        file_name: "s.csv",
        content_base64: csv([`2025,${BRT},8000000000,4000000000,아니오,2025-10-31,예`]),
      },
    });
    assert.equal(stored.body.stored, 1);
    assert.equal((await t.store.budget.settlement(jeonju, 2025, BRT))?.document.executed_krw, 4_000_000_000);
  });

  it("imports lines through a saved profile per source layout: Seoul's columns in 천원, Jeonbuk's colour tags", async () => {
    const b64 = (rows: string[]) => Buffer.from(rows.join("\n")).toString("base64");
    const put = (id: string, profile: object) =>
      json(`/api/tenants/jeonju/import-profiles/${id}`, "admin", {
        method: "PUT",
        body: { base_version: 0, kind: "budget_lines", ...profile },
      });
    // Seoul's statement: its own headers, amounts in thousand won, classes in Seoul's words
    assert.equal(
      (
        await put("seoul-statement", {
          name: "서울식 기후예산서",
          mapping: {
            year: "회계연도",
            code: "예산과목",
            name: "세부사업명",
            bureau: "실국명",
            department: "부서명",
            account: "회계구분",
            original_krw: "예산액(천원)",
            class: "기후예산 구분",
            class_reason: "구분 사유",
            indicator: "성과지표명",
            indicator_en: "성과지표명(영문)",
            indicator_unit: "단위",
            indicator_target: "목표",
          },
          constants: { indicator_direction: "증가" },
          scale: { original_krw: 1000 },
        })
      ).status,
      200,
    );
    const seoul = b64([
      "회계연도,예산과목,세부사업명,실국명,부서명,회계구분,예산액(천원),기후예산 구분,구분 사유,감축유형,감축부문,성과지표명,성과지표명(영문),단위,목표,예시",
      '2026,120-123-SE01-BUS-001,전기버스 도입,교통국,대중교통과,일반회계,"1,234,567",감축,전기버스 전환,정량,수송,전기버스 보급,Electric buses in service,대,40,예',
      "2026,050-051-SE02-EDU-001,기후교육,환경국,기후변화대응과,일반회계,250000.5,중립,교육,,,,,,,예",
    ]);
    const body = (content: string, profile: string) => ({
      method: "POST",
      body: { kind: "lines", file_name: "statement.csv", content_base64: content, profile },
    });
    const pre = await json(
      "/api/tenants/jeonju/budget/import/preview",
      "admin",
      body(seoul, "seoul-statement"),
    );
    assert.equal(pre.status, 200);
    assert.deepEqual(pre.body.problems, []);
    assert.deepEqual(
      pre.body.changes.map((ch: Json) => [ch.code, ch.change]),
      [
        ["120-123-SE01-BUS-001", "new"],
        ["050-051-SE02-EDU-001", "new"],
      ],
    );
    const done = await json(
      "/api/tenants/jeonju/budget/import/commit",
      "admin",
      body(seoul, "seoul-statement"),
    );
    assert.deepEqual(done.body, { stored: 2 });
    const bus = (await t.store.budget.line(jeonju, 2026, "120-123-SE01-BUS-001"))!.document;
    // 1,234,567 thousand won -> ₩1,234,567,000; 250,000.5 thousand won -> ₩250,000,500
    assert.equal(bus.amount.original_krw, 1_234_567_000);
    assert.deepEqual([bus.class, bus.reduction?.sector, bus.account], ["reduction", "transport", "general"]);
    // the file's department names are matched to the register (decision 0083): the line names the id
    assert.deepEqual([bus.department, bus.department_id], ["대중교통과", "public-transport-division"]);
    // a name the register does not know is refused where it stands, and nothing is stored
    const unknown = await json(
      "/api/tenants/jeonju/budget/import/preview",
      "admin",
      body(
        b64([
          "회계연도,예산과목,세부사업명,실국명,부서명,회계구분,예산액(천원),기후예산 구분,구분 사유,감축유형,감축부문,성과지표명,성과지표명(영문),단위,목표,예시",
          "2026,050-051-SE02-SPC-001,우주 교육,환경국,우주과,일반회계,1000,중립,교육,,,,,,,예",
        ]),
        "seoul-statement",
      ),
    );
    assert.equal(unknown.status, 200, JSON.stringify(unknown.body));
    assert.equal(unknown.body.ok, false);
    assert.deepEqual(
      unknown.body.problems.map((d: Json) => [d.row, d.column, d.code]),
      [[2, "department", "UNKNOWN_REFERENCE"]],
    );
    assert.match(unknown.body.problems[0].reason, /no department "우주과"/);
    // the indicator through the profile: the English name from its own column, the unit without one
    assert.deepEqual(bus.reduction?.indicator, {
      name: { ko: "전기버스 보급", en: "Electric buses in service" },
      unit: { ko: "대" },
      target: 40,
      direction: "increase",
    });
    assert.equal(
      (await t.store.budget.line(jeonju, 2026, "050-051-SE02-EDU-001"))!.document.amount.original_krw,
      250_000_500,
    );

    // Jeonbuk's: other headers, won, and its three colour tags as the class set
    await put("jeonbuk-tags", {
      name: "전북 감축인지 색상",
      mapping: {
        year: "연도",
        code: "사업코드",
        name: "사업명",
        bureau: "담당국",
        department: "담당과",
        account: "회계",
        original_krw: "본예산(원)",
        class: "색상",
        class_reason: "사유",
      },
      constants: { illustrative: "예" },
      value_map: { class: { 초록: "reduction", 빨강: "emission", 회색: "neutral" } },
    });
    // Jeonbuk's file names a department the demo's register does not have: the admin adds it first
    for (const [id, ko, en] of [["forestry", "산림과", "Forestry Division"]])
      assert.equal(
        (
          await json(`/api/tenants/jeonju/departments/${id}`, "admin", {
            method: "PUT",
            body: { name: { ko, en } },
          })
        ).status,
        200,
      );
    const jeonbuk = (tag: string) =>
      b64([
        "연도,사업코드,사업명,담당국,담당과,회계,본예산(원),색상,사유,배출원인",
        "2026,140-141-JB01-ROAD-001,도로 확장,건설국,도로과,일반,3000000000,빨강,교통량 증가,차량 통행 증가",
        `2026,100-101-JB02-FOR-001,숲 가꾸기,환경국,산림과,일반,500000000,${tag},흡수,`,
      ]);
    const wrong = await json(
      "/api/tenants/jeonju/budget/import/preview",
      "admin",
      body(jeonbuk("보라"), "jeonbuk-tags"),
    );
    assert.equal(wrong.body.ok, false);
    // located: the file's third line, the class column, the value quoted
    assert.deepEqual(
      wrong.body.problems.map((p: Json) => [p.row, p.column, p.code]),
      [[3, "class", "BAD_VALUE"]],
    );
    assert.match(wrong.body.problems[0].reason, /"보라"/);
    const right = await json(
      "/api/tenants/jeonju/budget/import/preview",
      "admin",
      body(jeonbuk("회색"), "jeonbuk-tags"),
    );
    assert.deepEqual(right.body.problems, []);
    assert.deepEqual(
      right.body.changes.map((ch: Json) => ch.change),
      ["new", "new"],
    );
    // a profile for another kind of file is refused by name
    const other = await json("/api/tenants/jeonju/budget/import/preview", "admin", {
      method: "POST",
      body: { kind: "settlements", file_name: "s.csv", content_base64: seoul, profile: "seoul-statement" },
    });
    assert.equal(other.status, 400);
    assert.match(JSON.stringify(other.body), /budget_lines files, not budget_settlements/);
  });

  it("the budget statement as tables: the sourced 2024 totals", async () => {
    const r = await json("/api/tenants/jeonju/budget/2024/statement?kind=budget");
    assert.equal(r.status, 200);
    const summary = r.body.tables[0];
    const reduction = summary.rows.find((row: unknown[]) => row[0] === "감축");
    assert.deepEqual(reduction.slice(0, 3), ["감축", 210, 242_300_000]);
    const total = summary.rows[summary.totals[0]];
    assert.deepEqual(total.slice(0, 3), ["합계", 3148, 2_795_000_000]);
    const sectors = r.body.tables[3];
    assert.equal(sectors.rows.at(-1)[3], 33_159.4);
    // a quantitative line without an estimate reads "정성 (미산정)", never 0
    const lines = r.body.tables[4];
    const fw = lines.rows.find((row: unknown[]) => row[0] === "070-073-WS01-FW-001");
    assert.equal(fw[10], "정성 (미산정)");
    const en = await json("/api/tenants/jeonju/budget/2024/statement?kind=budget&lang=en");
    assert.match(en.body.title, /GHG-reduction budget statement/);
  });

  it("the 2023 settlement statement: executed ₩237.5 bn of the reduction lines, 15,249.5 t", async () => {
    const r = await json("/api/tenants/jeonju/budget/2023/statement?kind=settlement");
    const byClass = r.body.tables[1];
    const reduction = byClass.rows.find((row: unknown[]) => row[0] === "감축");
    assert.equal(reduction[3], 237_500_000);
    assert.equal(reduction[7], 15_249.5);
  });

  it("HTML and XLSX of the budget statement", async () => {
    const html = await req("/api/tenants/jeonju/budget/2024/statement?kind=budget&format=html");
    assert.equal(html.status, 200);
    const text = await html.text();
    assert.match(text, /^<!doctype html><html lang="ko">/);
    assert.ok(text.includes('<th scope="col">사업코드</th>'));
    assert.ok(text.includes("정성 (미산정)"));
    const xlsx = await req("/api/tenants/jeonju/budget/2024/statement?kind=budget&format=xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [
        "개요",
        "규모 총괄표",
        "분야별",
        "실국별",
        "감축부문별",
        "감축사업",
        "배출·혼합사업",
        "전년 대비 변동",
      ],
    );
    const sheet = wb.getWorksheet("규모 총괄표")!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1, 4);
    assert.deepEqual(values(1), ["분류", "사업수", "예산액(천원)"]);
    assert.deepEqual(values(2), ["감축", 210, 242_300_000]);
  });

  it("the PDF: A4 pages, Korean text", {
    skip: existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium") ? false : "no Chromium",
  }, async () => {
    const r = await req("/api/tenants/jeonju/budget/2024/statement?kind=budget&format=pdf");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/pdf");
    const bytes = new Uint8Array(await r.arrayBuffer());
    const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
    assert.equal(head, "%PDF-");
    if (process.env.CITYPATH_KEEP_PDF)
      writeFileSync(join(mkdtempSync(join(tmpdir(), "pdf-")), "budget.pdf"), bytes);
    const { pages, text } = pdfText(bytes);
    assert.ok(pages >= 3 && pages <= 40, `${pages} pages`);
    const flat = text.replace(/\s+/g, "");
    for (const s of [
      "전주시2024년도온실가스감축인지예산서",
      "규모총괄표",
      "사업코드",
      "정성(미산정)",
      "33,159.4",
      "242,300,000",
      "쪽1/",
    ])
      assert.ok(flat.includes(s), `the PDF's text has ${s}`);
  });
});

/**
 * What the statements say, on PGlite and PostgreSQL: the indicators in English, a missing English marked, and
 * the demo's modelled and measured reductions of 2024.
 */
for (const kind of routeTestKinds()) {
  describe(`the statements' texts and reductions on ${kind.name}`, { skip: kind.skip ?? false }, () => {
    let t: TestApp;
    let jeonju: TenantId;
    const who: Record<string, Session> = {};
    before(async () => {
      t = await createTestApp({
        engine: corePathwayEngine(),
        demoInstance: jeonjuDemoInstance,
        on: kind.name,
      });
      jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
      who.admin = await signIn(t, "admin@example.kr");
      await t.store.memberships.put(jeonju, who.admin.userId, "admin");
    });
    after(async () => {
      await closeStatementPool();
      await t.close();
    });
    const req = (path: string, as?: string) =>
      t.app.request(path, as ? { headers: who[as]!.headers(false) } : {});
    const json = async (path: string, as?: string) => {
      const r = await req(path, as);
      return { status: r.status, body: (await r.json()) as Json };
    };
    const HANGUL = /\p{Script=Hangul}/u;
    const codeRow = (table: Json, code: string) => table.rows.find((row: unknown[]) => row[0] === code);

    it("the English statements: the demo's indicators in English, no Hangul in the indicator column", async () => {
      const b = (await json("/api/tenants/jeonju/budget/2024/statement?kind=budget&lang=en")).body;
      const lines = b.tables[4];
      assert.equal(lines.columns[8].label, "Indicator");
      const indicators = lines.rows.map((row: unknown[]) => row[8]).filter((c: unknown) => c !== null);
      // the BRT, hydrogen buses and trees lines of 2024 have indicators
      assert.deepEqual(indicators, [
        "Trees planted in the year (trees)",
        "Daily city-bus riders on the Giringdaero corridor (riders a day)",
        "Hydrogen city buses in service (cumulative) (buses)",
      ]);
      for (const c of indicators) assert.doesNotMatch(c, HANGUL);
      // the only texts marked [ko] are the bureaus' names, which the layout has in Korean only (no English
      // column): the table by bureau, and the note saying what the mark means
      const marked = b.tables.flatMap((tb: Json) =>
        tb.rows.flat().filter((c: unknown) => typeof c === "string" && c.includes("[ko]")),
      );
      assert.deepEqual(marked, [
        "[ko] (전체)",
        "[ko] 대중교통국",
        "[ko] 도시건설국",
        "[ko] 복지환경국",
        "[ko] 자원순환녹지국",
      ]);
      assert.ok(
        b.notices.includes("[ko]: no English has been entered for this text, so it is shown in Korean."),
      );
      const st = (await json("/api/tenants/jeonju/budget/2024/statement?kind=settlement&lang=en")).body;
      const col = st.tables[0].columns.findIndex((c: Json) => c.label === "Indicator");
      for (const row of st.tables[0].rows)
        if (row[col] !== null) assert.doesNotMatch(row[col], HANGUL, `${row[0]}: ${row[col]}`);
      assert.equal(
        codeRow(st.tables[0], BRT)[col],
        "Daily city-bus riders on the Giringdaero corridor (riders a day)",
      );
    });

    it("a line without English: the Korean shown marked [ko], and the statement says what the mark means", async () => {
      await t.store.budget.saveLine(
        jeonju,
        {
          year: 2027,
          code: "120-123-TR09-TEST-001",
          name: { ko: "시험 사업" },
          bureau: "대중교통국",
          department: "교통정책과",
          account: "general",
          cost_kind: "project",
          amount: { original_krw: 1_000_000_000 },
          class: "reduction",
          class_reason: "시험",
          reduction: {
            type: "quantitative",
            sector: "transport",
            indicator: {
              name: { ko: "일 이용객" },
              unit: { ko: "명/일", en: "riders a day" },
              target: 10,
              direction: "increase",
            },
          },
          illustrative: true,
        },
        0,
      );
      const en = (await json("/api/tenants/jeonju/budget/2027/statement?kind=budget&lang=en", "admin")).body;
      const row = codeRow(en.tables[4], "120-123-TR09-TEST-001");
      // the name and the indicator have no English: Korean, marked; the unit has its English
      assert.deepEqual([row[1], row[8]], ["[ko] 시험 사업", "[ko] 일 이용객 (riders a day)"]);
      assert.ok(
        en.notices.includes("[ko]: no English has been entered for this text, so it is shown in Korean."),
      );
      // the Korean statement shows the Korean, unmarked
      const ko = (await json("/api/tenants/jeonju/budget/2027/statement?kind=budget", "admin")).body;
      assert.equal(codeRow(ko.tables[4], "120-123-TR09-TEST-001")[8], "일 이용객 (명/일)");
      assert.ok(!ko.notices.some((n: string) => n.includes("[ko]")));
      // the HTML says the marked text is Korean
      const html = await (
        await req("/api/tenants/jeonju/budget/2027/statement?kind=budget&format=html&lang=en", "admin")
      ).text();
      assert.ok(html.includes('<span lang="ko">[ko] 일 이용객 (riders a day)</span>'));
      await t.store.budget.deleteLine(jeonju, 2027, "120-123-TR09-TEST-001", 1);
    });

    it("2024's modelled and measured reductions agree: the BRT, not open until 2026, has neither", async () => {
      const b = (await json("/api/tenants/jeonju/budget/2024/statement?kind=budget&lang=en")).body;
      const lines = b.tables[4];
      // the BRT opens in November 2026 (FACTS §5); the model gives the corridor its first reduction in 2026,
      // so both 2024 BRT lines are expected 0.0 and say why; the solar and public-retrofit programmes start
      // in the model in 2025, the homes' in 2026
      for (const [code, first] of [
        [BRT, 2026],
        ["120-123-TR01-BRT-002", 2026],
        ["110-114-EN01-PV-001", 2025],
        ["140-141-BL01-GRM-001", 2025],
        ["140-141-BL02-HOME-001", 2026],
      ] as const) {
        const row = codeRow(lines, code);
        assert.equal(row[10], 0, `${code} is expected 0.0 t in 2024`);
        assert.match(
          row[11],
          new RegExp(`modelled effect starts in ${first}, so its modelled reduction this year is 0`),
          code,
        );
      }
      const ko = (await json("/api/tenants/jeonju/budget/2024/statement?kind=budget")).body;
      assert.match(
        codeRow(ko.tables[4], BRT)[11],
        /모형에서 이 과제의 효과는 2026년부터 나므로 이 해의 모형 감축량은 0/,
      );
      // the settlement records no measured reduction for the BRT in 2024, and why
      const st = (await json("/api/tenants/jeonju/budget/2024/statement?kind=settlement")).body;
      const brt = codeRow(st.tables[0], BRT);
      assert.deepEqual([brt[11], brt[12]], [0, "미산정"]);
      assert.match(brt[14], /BRT 개통 전이라 감축 실적 없음/);
      // solar: 720 t measured in 2024 against the model's 0 (its effect from 2025), each named for what it is
      const pv = codeRow(st.tables[0], "110-114-EN01-PV-001");
      assert.deepEqual([pv[11], pv[12]], [0, 720]);
      assert.equal(
        pv[13],
        "사업 실적 × 감축 원단위 (예시); 예상은 계획 시나리오의 모형값 (모형 효과 2025년부터), 실제는 사업의 측정값",
      );
    });
  });
}
