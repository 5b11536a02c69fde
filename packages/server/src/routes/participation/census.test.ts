/**
 * The census uploaded as a file (CSV or XLSX) through the real app: checked with every problem's row, column
 * and reason in Korean and English, stored only with commit and only when there is none, as keyed hashes;
 * the residents in it can then verify.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

describe("the census as a file", () => {
  let t: TestApp;
  let admin: Session;
  let editor: Session;
  let citizen: Session;
  const base = "/api/tenants/jeonju";
  before(async () => {
    t = await createTestApp();
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    admin = await signIn(t, "census-admin@example.kr");
    await t.store.memberships.put(j.id, admin.userId, "admin");
    editor = await signIn(t, "census-editor@example.kr");
    await t.store.memberships.put(j.id, editor.userId, "editor", ["대중교통국"]);
    citizen = await signIn(t, "census-citizen@example.kr");
  });
  after(() => t.close());

  const upload = (as: Session, body: Record<string, unknown>) =>
    t.app.request(`${base}/census/file`, {
      method: "POST",
      headers: as.headers(true),
      body: JSON.stringify(body),
    });
  const csv = (text: string) => Buffer.from(`\uFEFF${text}`, "utf8").toString("base64");
  type Answer = {
    stored: boolean;
    rows: number;
    entries: number;
    problems: { row: number; column: string | null; code: string; reason: string; reason_ko: string }[];
  };

  it("a CSV with problems: each with its row, column and reasons; nothing stored even with commit", async () => {
    const r = await upload(admin, {
      file_name: "명부.csv",
      content_base64: csv(
        "성명,생년월일,행정동\n김전주,1985-04-12,효자동\n이덕진,1990-02-30,송천1동\n,1970-01-01,중앙동\n",
      ),
      commit: true,
    });
    assert.equal(r.status, 200);
    const a = (await r.json()) as Answer;
    assert.equal(a.stored, false);
    assert.deepEqual(
      a.problems.map((p) => [p.row, p.column, p.code]),
      [
        [3, "birth_date", "BAD_VALUE"],
        [4, "name", "MISSING_VALUE"],
      ],
    );
    assert.match(a.problems[0]!.reason, /not a date/);
    assert.match(a.problems[0]!.reason_ko, /날짜가 아닙니다/);
    const verify = await t.app.request(`${base}/residents/verify`, {
      method: "POST",
      headers: citizen.headers(true),
      body: JSON.stringify({ name: "김전주", birth_date: "1985-04-12", district: "효자동" }),
    });
    assert.equal(verify.status, 404); // nothing was stored
  });

  it("an XLSX (a date cell, Korean headers): checked, then stored with commit; a resident in it verifies", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("명부");
    ws.addRow(["이름", "생년월일", "행정동"]);
    ws.addRow(["김전주", new Date(Date.UTC(1985, 3, 12)), "효자동"]);
    ws.addRow(["이덕진", "1990.01.02", "송천1동"]);
    ws.addRow(["이덕진", "1990.01.02", "송천1동"]); // the same person twice: one entry
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const check = (await (
      await upload(admin, { file_name: "명부.xlsx", content_base64: content })
    ).json()) as Answer;
    assert.deepEqual([check.stored, check.rows, check.entries, check.problems], [false, 3, 2, []]);
    const r = await upload(admin, { file_name: "명부.xlsx", content_base64: content, commit: true });
    assert.equal(r.status, 200);
    assert.deepEqual(((await r.json()) as Answer).stored, true);
    const verify = await t.app.request(`${base}/residents/verify`, {
      method: "POST",
      headers: citizen.headers(true),
      body: JSON.stringify({ name: "김전주", birth_date: "1985-04-12", district: "효자동" }),
    });
    assert.equal(verify.status, 200);
  });

  it("refused: not an admin (403), a file that is not CSV or XLSX (400), a registration-number column", async () => {
    const body = {
      file_name: "a.csv",
      content_base64: csv("name,birth_date,district\n김,1985-01-01,효자동\n"),
    };
    assert.equal((await upload(editor, body)).status, 403);
    assert.equal((await upload(citizen, body)).status, 403);
    const bad = await upload(admin, { file_name: "a.pdf", content_base64: csv("x") });
    assert.equal(bad.status, 400);
    const rrn = (await (
      await upload(admin, {
        file_name: "a.csv",
        content_base64: csv("name,birth_date,district,주민등록번호\n김,1985-01-01,효자동,850101-1234567\n"),
        commit: true,
      })
    ).json()) as Answer;
    assert.equal(rrn.stored, false);
    assert.deepEqual(
      rrn.problems.map((p) => p.code),
      ["REFUSED_COLUMN"],
    );
  });
});
