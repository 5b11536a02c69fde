import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { readTableFile } from "./table-file.ts";
import { sheetXml, workbookParts, zip } from "./testing/xlsx-build.ts";
import { readXlsxSheet } from "./xlsx.ts";

async function excel(rows: unknown[][], name = "Sheet1"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("the bounded XLSX reader", () => {
  it("reads what a spreadsheet program shows: text, numbers, dates, booleans, formulas' values, rich text", async () => {
    const bytes = await excel([
      ["year", "activity", "amount", "when", "flag", "sum"],
      [2022, "도시가스", 1234.5, new Date(Date.UTC(2023, 4, 1)), true, { formula: "1+1", result: 2 }],
      [],
      [2023, { richText: [{ text: "경" }, { text: "유" }] }, 0.1, null, false, "=not a formula"],
    ]);
    const r = await readXlsxSheet(bytes, { file: "a.xlsx" });
    assert.ok(r.ok);
    assert.deepEqual(r.value.header, ["year", "activity", "amount", "when", "flag", "sum"]);
    assert.deepEqual(r.value.rows, [
      ["2022", "도시가스", "1234.5", "2023-05-01", "true", "2"],
      ["2023", "경유", "0.1", "", "false", "=not a formula"],
    ]);
    assert.deepEqual(r.value.lines, [2, 4]);
    assert.equal(r.value.file, "a.xlsx#Sheet1");
  });

  it("names the sheets a workbook has when the one asked for is missing", async () => {
    const r = await readXlsxSheet(await excel([["a"]], "활동"), { file: "a.xlsx", sheet: "없음" });
    assert.ok(!r.ok);
    assert.match(r.problems[0]!.message, /no sheet "없음" \(it has 활동\)/);
  });

  it("refuses bytes that are not a workbook, and a cut-short zip, as bad values (never an exception)", async () => {
    const good = await excel([
      ["a", "b"],
      [1, 2],
    ]);
    for (const bytes of [
      new TextEncoder().encode("year,amount\n2022,1\n"),
      good.subarray(0, good.length - 30),
      good.subarray(0, 100),
      new Uint8Array(0),
    ]) {
      const r = await readXlsxSheet(bytes, { file: "x.xlsx" });
      assert.ok(!r.ok);
      assert.equal(r.problems[0]!.code, "BAD_VALUE", r.problems[0]!.message);
    }
  });

  it("refuses a range over the limits from the sheet's own dimension, before reading a cell", async () => {
    const bytes = zip(
      workbookParts(sheetXml('<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>', "A1:Z1000000")),
    );
    assert.ok(bytes.length < 4096);
    const r = await readXlsxSheet(bytes, { file: "big.xlsx" });
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.code, "FILE_TOO_LARGE");
    assert.match(r.problems[0]!.message, /26,000,000 cells; at most 1,000,000 cells per sheet/);
  });

  it("counts cells and columns while streaming when the sheet states no range", async () => {
    const row = (r: number, n: number) => `<row r="${r}">${"<c><v>1</v></c>".repeat(n)}</row>`;
    const rows = Array.from({ length: 11 }, (_, i) => row(i + 1, 10)).join("");
    const r = await readXlsxSheet(zip(workbookParts(sheetXml(rows))), {
      file: "b.xlsx",
      limits: { cells: 100 },
    });
    assert.ok(!r.ok);
    assert.match(r.problems[0]!.message, /more than 100 cells/);
    const wide = await readXlsxSheet(
      zip(workbookParts(sheetXml('<row r="1"><c r="GS1"><v>1</v></c></row>'))),
      {
        file: "c.xlsx",
      },
    );
    assert.ok(!wide.ok);
    assert.match(wide.problems[0]!.message, /column 201 \(GS1\); at most 200 columns/);
  });

  it("counts the uncompressed XML as it streams, whatever size the zip's directory states", async () => {
    const padding = " ".repeat(3 * 1024 * 1024);
    const xml = sheetXml(`<row r="1"><c><v>1</v></c></row>${padding}`);
    const lying = zip(workbookParts(xml, { statedSheetSize: 100 }));
    assert.ok(lying.length < 20_000);
    const r = await readXlsxSheet(lying, { file: "bomb.xlsx", limits: { sheetXmlBytes: 1024 * 1024 } });
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.code, "FILE_TOO_LARGE");
    assert.match(r.problems[0]!.message, /at most 1 MB is read/);
    // the honest directory is refused before anything is inflated
    const honest = zip(workbookParts(xml));
    const h = await readXlsxSheet(honest, { file: "bomb.xlsx", limits: { sheetXmlBytes: 1024 * 1024 } });
    assert.ok(!h.ok);
    assert.match(h.problems[0]!.message, /holds over 3 MB of XML uncompressed/);
  });

  it("an XML entity bomb is not expanded", async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>';
    const r = await readXlsxSheet(zip(workbookParts(xml)), { file: "lol.xlsx" });
    if (r.ok) assert.ok(r.value.header.join("").length < 100);
    else assert.equal(r.problems[0]!.code, "BAD_VALUE");
  });
});

describe("table files within the limits", () => {
  it("refuses a file over the upload limit naming its size", async () => {
    const r = await readTableFile({
      bytes: new Uint8Array(2048),
      format: "csv",
      file: "x.csv",
      limits: { uploadBytes: 1024 },
    });
    assert.ok(!r.ok);
    assert.match(r.problems[0]!.message, /the file is .* \(2,048 bytes\); at most/);
  });

  it("counts a CSV file's columns and cells", async () => {
    const wide = `${Array.from({ length: 201 }, (_, i) => `c${i}`).join(",")}\n`;
    const r = await readTableFile({ bytes: new TextEncoder().encode(wide), format: "csv", file: "w.csv" });
    assert.ok(!r.ok);
    assert.match(r.problems[0]!.message, /line 1 has 201 columns; at most 200/);
    const many = await readTableFile({
      bytes: new TextEncoder().encode("a,b\n1,2\n3,4\n"),
      format: "csv",
      file: "m.csv",
      limits: { cells: 5 },
    });
    assert.ok(!many.ok);
    assert.equal(many.problems[0]!.line, 3);
  });
});
