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
    await t.store.memberships.put(j.id, editor.userId, "editor", ["public-transport-bureau"]);
    citizen = await signIn(t, "census-citizen@example.kr");
  });
  after(() => t.close());

  const TYPES = {
    csv: "text/csv",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  } as const;
  /** Sends the file's bytes as the body (a stream when given one, as a browser's upload may come). */
  const upload = (
    as: Session,
    file: {
      name: string;
      bytes: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
      commit?: boolean;
      type?: string;
    },
  ) =>
    t.app.request(
      `${base}/census/file?file_name=${encodeURIComponent(file.name)}&commit=${file.commit ? "true" : "false"}`,
      {
        method: "POST",
        headers: {
          ...as.headers(),
          "content-type": file.type ?? (file.name.endsWith(".xlsx") ? TYPES.xlsx : TYPES.csv),
        },
        body: file.bytes,
        ...(file.bytes instanceof ReadableStream ? { duplex: "half" } : {}),
      },
    );
  const csv = (text: string) => Buffer.from(`\uFEFF${text}`, "utf8");
  type Answer = {
    stored: boolean;
    rows: number;
    entries: number | null;
    problems: { row: number; column: string | null; code: string; reason: string; reason_ko: string }[];
    problem_count: number;
  };

  it("a CSV with problems: each with its row, column and reasons; nothing stored even with commit", async () => {
    const r = await upload(admin, {
      name: "명부.csv",
      bytes: csv(
        "성명,생년월일,행정동\n김전주,1985-04-12,효자동\n이덕진,1990-02-30,송천1동\n,1970-01-01,중앙동\n",
      ),
      commit: true,
    });
    assert.equal(r.status, 200);
    const a = (await r.json()) as Answer;
    assert.equal(a.stored, false);
    assert.equal(a.problem_count, 2);
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
    const content = new Uint8Array(await wb.xlsx.writeBuffer());
    const check = (await (await upload(admin, { name: "명부.xlsx", bytes: content })).json()) as Answer;
    assert.deepEqual([check.stored, check.rows, check.entries, check.problems], [false, 3, null, []]);
    const r = await upload(admin, { name: "명부.xlsx", bytes: content, commit: true });
    assert.equal(r.status, 200);
    const stored = (await r.json()) as Answer;
    assert.deepEqual([stored.stored, stored.rows, stored.entries], [true, 3, 2]);
    const verify = await t.app.request(`${base}/residents/verify`, {
      method: "POST",
      headers: citizen.headers(true),
      body: JSON.stringify({ name: "김전주", birth_date: "1985-04-12", district: "효자동" }),
    });
    assert.equal(verify.status, 200);
  });

  it("refused: not an admin (403), a file that is not CSV or XLSX (400), JSON (415), a registration-number column", async () => {
    const body = { name: "a.csv", bytes: csv("name,birth_date,district\n김,1985-01-01,효자동\n") };
    assert.equal((await upload(editor, body)).status, 403);
    assert.equal((await upload(citizen, body)).status, 403);
    const bad = await upload(admin, { name: "a.pdf", bytes: csv("x"), type: "application/octet-stream" });
    assert.equal(bad.status, 400);
    const json = await upload(admin, { ...body, type: "application/json" });
    assert.equal(json.status, 415);
    const empty = await upload(admin, { name: "a.csv", bytes: new Uint8Array(0) });
    assert.equal(empty.status, 400);
    const rrn = (await (
      await upload(admin, {
        name: "a.csv",
        bytes: csv("name,birth_date,district,주민등록번호\n김,1985-01-01,효자동,850101-1234567\n"),
        commit: true,
      })
    ).json()) as Answer;
    assert.equal(rrn.stored, false);
    assert.deepEqual(
      rrn.problems.map((p) => p.code),
      ["REFUSED_COLUMN"],
    );
  });

  it("a CP949 file, a bad byte later in the file named by its line, and problems past the first 1,000 counted", async () => {
    const cp949 = new Uint8Array(
      Buffer.concat([
        Buffer.from([0xc0, 0xcc, 0xb8, 0xa7]), // 이름
        Buffer.from(",birth_date,district\n"),
        Buffer.from([0xb1, 0xe8]), // 김
        Buffer.from(",1985-01-01,"),
        Buffer.from([0xc8, 0xbf, 0xc0, 0xda, 0xb5, 0xbf]), // 효자동
        Buffer.from("\n"),
      ]),
    );
    const read = (await (await upload(admin, { name: "cp949.csv", bytes: cp949 })).json()) as Answer;
    assert.deepEqual([read.rows, read.problem_count], [1, 0]);
    // valid UTF-8 in the first 64 KB, then a byte that is not
    const head = `name,birth_date,district\n${"김,1985-01-01,효자동\n".repeat(5000)}`;
    const broken = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0x0a])]);
    const b = (await (await upload(admin, { name: "b.csv", bytes: broken })).json()) as Answer;
    assert.equal(b.problems[0]!.code, "BAD_ENCODING");
    assert.equal(b.problems[0]!.row, 5002);
    const many = `name,birth_date,district\n${"김,1985-02-30,효자동\n".repeat(1500)}`;
    const m = (await (await upload(admin, { name: "m.csv", bytes: csv(many) })).json()) as Answer;
    assert.deepEqual([m.problems.length, m.problem_count, m.problems[999]!.row], [1000, 1500, 1001]);
  });

  it("a census larger than a whole-file read allowed, streamed through the route; stored in batches and verified", async () => {
    // 400,000 residents: 1.2 million cells, over the 1,000,000 cells the whole-file readers take. The body is
    // made as it is sent, so that neither the test nor the server holds the file (memory: census-file.test.ts)
    const body = (n: number) => {
      let i = 0;
      return new ReadableStream<Uint8Array>({
        pull(ctl) {
          if (i === 0) ctl.enqueue(Buffer.from("이름,생년월일,행정동\n"));
          if (i >= n) return ctl.close();
          const lines: string[] = [];
          for (const end = Math.min(n, i + 2000); i < end; i++)
            lines.push(
              `주민${i},${1940 + (i % 60)}-${String(1 + (i % 12)).padStart(2, "0")}-15,효자${i % 30}동`,
            );
          ctl.enqueue(Buffer.from(`${lines.join("\n")}\n`));
        },
      });
    };
    const check = (await (
      await upload(admin, { name: "큰명부.csv", bytes: body(400_000) })
    ).json()) as Answer;
    assert.deepEqual([check.rows, check.problem_count, check.stored], [400_000, 0, false]);
    // stored: three batches of hashes from the worker, one transaction
    const stored = (await (
      await upload(admin, { name: "명부.csv", bytes: body(12_000), commit: true })
    ).json()) as Answer;
    assert.deepEqual([stored.stored, stored.rows, stored.entries], [true, 12_000, 12_000]);
    const verify = await t.app.request(`${base}/residents/verify`, {
      method: "POST",
      headers: citizen.headers(true),
      body: JSON.stringify({ name: "주민11999", birth_date: "1999-12-15", district: "효자29동" }),
    });
    assert.equal(verify.status, 200, await verify.text());
  });
});
