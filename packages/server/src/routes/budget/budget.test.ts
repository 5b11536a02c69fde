/**
 * The budget routes on the real app over PGlite with the Jeonju demo: who sees and changes what, one audit
 * record per change, the all-or-nothing import, and the statements: the JSON tables against the sourced
 * totals, the HTML's structure, the XLSX read back sheet by sheet, the PDF's page count and text.
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
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";
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
      if (name === "transport") await t.store.memberships.put(jeonju, s.userId, "editor", ["교통정책과"]);
      else if (name === "building") await t.store.memberships.put(jeonju, s.userId, "editor", ["건축과"]);
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
