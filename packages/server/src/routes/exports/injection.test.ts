import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { csvCell } from "@citypath/core";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

/** Cells a spreadsheet program would run as formulas, and text that only looks close to one. */
const NOTES = [
  '=HYPERLINK("http://example.invalid","x")',
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1+1)",
  "\tindented",
  "'=already quoted",
  "'plain apostrophe",
  "전력, 한전 자료",
];

describe("CSV exports are escaped against formula injection; XLSX keeps plain strings; CSV re-imports as it was", () => {
  let t: TestApp;
  let editor: Session;
  before(async () => {
    t = await createTestApp();
    editor = await signIn(t, "editor@jeonju.example");
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    await t.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
  });
  after(() => t.close());

  const csvOf = (lines: string[]) => lines.join("\n");
  const post = (path: string, body: unknown) =>
    t.app.request(`/api/tenants/jeonju/imports/${path}`, {
      method: "POST",
      headers: editor.headers(true),
      body: JSON.stringify(body),
    });

  it("an activity dataset whose notes start with =, +, -, @ or tab", async () => {
    const source = csvOf([
      "year,gpc_ref,activity,amount,unit,note",
      // written as Citypath writes CSV, so that the stored notes are exactly NOTES
      ...NOTES.map((n, i) => `2022,I.1.2,전력,${i + 1},MWh,${csvCell(n)}`),
    ]);
    const commit = await post("commit", {
      kind: "activity",
      file_name: "notes.csv",
      content_base64: Buffer.from(source).toString("base64"),
      target: { id: "formula-notes", name: "formula notes" },
    });
    assert.equal(commit.status, 201, await commit.clone().text());

    const csv = await t.app.request("/api/tenants/jeonju/exports/activity/formula-notes?format=csv&lang=en", {
      headers: editor.headers(),
    });
    assert.equal(csv.status, 200);
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    // every cell that would start a formula starts with an apostrophe; nothing else changed
    const cells = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat();
    assert.ok(cells.length > NOTES.length * 5);
    for (const c of cells)
      assert.ok(!/^[=+\-@\t\r]/.test(c), `an unescaped formula cell: ${JSON.stringify(c)}`);
    assert.ok(text.includes(`"'=HYPERLINK(""http://example.invalid"",""x"")"`));
    assert.ok(text.includes("'-2+3"));
    assert.ok(text.includes("''=already quoted"));
    assert.ok(text.includes(",'plain apostrophe"));

    // re-imported, the export gives back the original values
    const again = await post("preview", {
      kind: "activity",
      file_name: "export.csv",
      content_base64: Buffer.from(text).toString("base64"),
    });
    assert.equal(again.status, 200);
    const p = (await again.json()) as { ok: boolean; sample: { note?: string }[] };
    assert.equal(p.ok, true);
    // (the activity reader trims spaces and tabs around a value: the tab case is stored as "indented")
    assert.deepEqual(
      p.sample.map((r) => r.note),
      NOTES.map((n) => n.trim()),
    );

    // XLSX: plain string cells holding the original text, no formula
    const x = await t.app.request("/api/tenants/jeonju/exports/activity/formula-notes?format=xlsx&lang=en", {
      headers: editor.headers(),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const col = (ws.getRow(1).values as string[]).indexOf("note");
    const notes: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) notes.push(row.getCell(col).value);
    });
    assert.deepEqual(
      notes,
      NOTES.map((n) => n.trim()),
    );
    for (let n = 2; n <= ws.rowCount; n++)
      assert.equal(ws.getRow(n).getCell(col).type, ExcelJS.ValueType.String);
  });
});
