import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bigSheetXlsx, sheetXml, workbookParts, zip } from "@citypath/data/testing/xlsx-build";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

type Err = { error: { code: string; message: string; details: { path: string; message: string }[] } };

describe("file limits on import (checked before parsing and while streaming; parsed off the event loop)", () => {
  let t: TestApp;
  let editor: Session;
  before(async () => {
    t = await createTestApp();
    editor = await signIn(t, "editor@jeonju.example");
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    await t.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
  });
  after(() => t.close());

  const preview = (file_name: string, bytes: Uint8Array) =>
    t.app.request("/api/tenants/jeonju/imports/preview", {
      method: "POST",
      headers: editor.headers(true),
      body: JSON.stringify({
        kind: "activity",
        file_name,
        content_base64: Buffer.from(bytes).toString("base64"),
      }),
    });

  it("a few kilobytes of XLSX stating 26 million cells: 413 naming the limit and the file's figure", async () => {
    const bytes = zip(
      workbookParts(sheetXml('<row r="1"><c t="inlineStr"><is><t>year</t></is></c></row>', "A1:Z1000000")),
    );
    assert.ok(bytes.length < 4096);
    const r = await preview("bomb.xlsx", bytes);
    assert.equal(r.status, 413);
    const e = (await r.json()) as Err;
    assert.equal(e.error.code, "FILE_TOO_LARGE");
    assert.match(e.error.message, /26,000,000 cells; at most 1,000,000 cells per sheet/);
  });

  it("a sheet with more cells than the limit and no stated range: 413 while streaming", async () => {
    const bytes = bigSheetXlsx(5001, 200, { dimension: false });
    assert.ok(bytes.length < 200_000, `${bytes.length}`);
    const r = await preview("many.xlsx", bytes);
    assert.equal(r.status, 413);
    assert.match(((await r.json()) as Err).error.message, /more than 1,000,000 cells/);
  });

  it("a sheet XML of 120 MB (as the zip states it): 413 naming 100 MB before inflating", async () => {
    // the count while inflating, when the zip states less than it holds, is tested with the reader
    const xml = sheetXml('<row r="1"><c><v>1</v></c></row>');
    const bytes = zip(workbookParts(xml, { statedSheetSize: 120 * 1024 * 1024 }));
    const r = await preview("deep.xlsx", bytes);
    assert.equal(r.status, 413);
    assert.match(((await r.json()) as Err).error.message, /over 120 MB of XML uncompressed; at most 100 MB/);
  });

  it("a sheet wider than 200 columns, and a CSV line of 201 columns: 413", async () => {
    const r = await preview("wide.xlsx", bigSheetXlsx(2, 201));
    assert.equal(r.status, 413);
    assert.match(((await r.json()) as Err).error.message, /201 columns; at most 200 columns/);
    const csv = `${Array.from({ length: 201 }, (_, i) => `c${i}`).join(",")}\n`;
    const c = await preview("wide.csv", new TextEncoder().encode(csv));
    assert.equal(c.status, 413);
    assert.match(((await c.json()) as Err).error.message, /201 columns; at most 200/);
  });

  it("a file over 20 MB: 413 naming its size; a body over the upload limit: 413 naming the limit", async () => {
    const r = await preview("big.csv", new Uint8Array(20.5 * 1024 * 1024).fill(0x41));
    assert.equal(r.status, 413);
    assert.match(
      ((await r.json()) as Err).error.message,
      /the file is 20\.5 MB \(21,495,808 bytes\); at most 20 MB/,
    );
    const b = await preview("bigger.csv", new Uint8Array(22 * 1024 * 1024).fill(0x41));
    assert.equal(b.status, 413);
    assert.match(((await b.json()) as Err).error.message, /a file of at most 20 MB/);
  });

  it("the server answers /api/health while a large file is parsed", async () => {
    // 2,000 rows of 190 cells: within the limits, a second or more of parsing
    const bytes = bigSheetXlsx(2000, 190);
    const order: string[] = [];
    const parsing = Promise.resolve(preview("slow.xlsx", bytes)).then((r) => {
      order.push(`preview ${r.status}`);
      return r;
    });
    // let the request reach the worker before asking for health
    await new Promise((res) => setTimeout(res, 50));
    const health = await t.app.request("/api/health");
    order.push(`health ${health.status}`);
    const r = await parsing;
    assert.equal(r.status, 200, await r.clone().text());
    assert.deepEqual(order, ["health 200", "preview 200"]);
  });
});
