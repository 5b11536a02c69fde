/**
 * Participation's open data through the real app: anonymised (no account, no display name, personal data in
 * texts replaced), drafts left out, hidden texts withheld, under the city's licence; the CSV escapes cells a
 * spreadsheet would run as formulas; the open-data list offers it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { consultation } from "@citypath/core/participation/test-fixtures";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { createTestApp, type Session, signIn, type TestApp } from "../../testing.ts";

const NOW = Date.parse("2026-03-10T00:00:00Z");

interface OpenData {
  licence: string | null;
  consultations: { id: string; status: string }[];
  contributions: {
    consultation: string;
    contribution: string;
    text: string | null;
    answer_state: string;
    answered_on_time: boolean | null;
    illustrative: boolean;
  }[];
}

describe("participation as open data", () => {
  let t: TestApp;
  let jeonju: TenantId;
  let citizen: Session;
  let mine: string;
  let hiddenOne: string;
  const get = (query: string) => t.app.request(`/api/tenants/jeonju/exports/participation${query}`);

  before(async () => {
    t = await createTestApp({ now: () => NOW });
    const j = (await t.store.tenants.bySlug("jeonju"))!;
    jeonju = j.id;
    await t.store.tenants.update(j.id, j.version, {
      settings: { ...j.settings, open_data_licence: "KOGL Type 1" },
    });
    const admin = await signIn(t, "admin@example.kr");
    await t.store.memberships.put(jeonju, admin.userId, "admin");
    citizen = await signIn(t, "open.citizen@example.kr");
    for (const [id, status] of [
      ["open-one", "open"],
      ["draft-one", "draft"],
    ] as const) {
      const r = await t.app.request(`/api/tenants/jeonju/consultations/${id}`, {
        method: "PUT",
        headers: admin.headers(true),
        body: JSON.stringify({ base_version: 0, consultation: consultation({ id, status }) }),
      });
      assert.equal(r.status, 200, await r.clone().text());
    }
    const post = async (text: string) => {
      const r = await t.app.request("/api/tenants/jeonju/consultations/open-one/comments", {
        method: "POST",
        headers: citizen.headers(true),
        body: JSON.stringify({ text, confirm_personal_data: true }),
      });
      assert.equal(r.status, 201, await r.clone().text());
      return ((await r.json()) as { contribution: { id: string } }).contribution.id;
    };
    mine = await post('=HYPERLINK("http://example.invalid","x") 연락 010-1234-5678');
    hiddenOne = await post("가려질 의견입니다");
    for (const x of ["r1", "r2", "r3"]) {
      const s = await signIn(t, `${x}@example.kr`);
      await t.app.request(`/api/tenants/jeonju/contributions/${hiddenOne}/reports`, {
        method: "POST",
        headers: s.headers(true),
        body: JSON.stringify({ reason: "spam" }),
      });
    }
    // a contribution in a draft (the store, as no one may contribute to a draft): not open data
    await t.store.participation.addContribution(jeonju, {
      id: "in-draft",
      consultationId: "draft-one",
      kind: "comment",
      authorId: citizen.userId,
      authorName: "시민",
      badge: null,
      text: "초안의 의견입니다",
      dueAt: new Date(NOW),
      createdAt: new Date(NOW),
    });
  });
  after(() => t.close());

  it("JSON: anonymised contributions and answers of the public consultations, under the city's licence", async () => {
    const r = await get("");
    assert.equal(r.status, 200);
    const raw = await r.text();
    const d = JSON.parse(raw) as OpenData;
    assert.equal(d.licence, "KOGL Type 1");
    assert.deepEqual(d.consultations.map((c) => c.id).sort(), ["baekje-brt", "hanok-tram", "open-one"]);
    assert.ok(!d.contributions.some((c) => c.consultation === "draft-one"));
    // nothing names the person: not the account, not the email, not the display name
    assert.ok(!raw.includes(citizen.userId));
    assert.doesNotMatch(raw, /open\.citizen|author/);
    const own = d.contributions.find((c) => c.contribution === mine)!;
    assert.equal(own.text, '=HYPERLINK("http://example.invalid","x") 연락 [전화번호]');
    assert.equal(own.answer_state, "not_answered");
    assert.equal(own.answered_on_time, null);
    assert.equal(d.contributions.find((c) => c.contribution === hiddenOne)!.text, null);
    // the demo's answered consultation: four final answers, three of them on time (docs/participation.md)
    const tram = d.contributions.filter(
      (c) => c.consultation === "hanok-tram" && c.answered_on_time !== null,
    );
    assert.equal(tram.length, 4);
    assert.equal(tram.filter((c) => c.answered_on_time).length, 3);
    assert.ok(tram.every((c) => c.illustrative));
  });

  it("CSV with Korean headers, formulas escaped; XLSX keeps the text as a string", async () => {
    const r = await get("?format=csv");
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type") ?? "", /text\/csv/);
    const bytes = new Uint8Array(await r.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "a BOM, for spreadsheet programs");
    const rows = Papa.parse<string[]>(new TextDecoder().decode(bytes).trim()).data;
    assert.equal(rows[0]![0], "의견수렴");
    assert.equal(rows[0]![9], "내용");
    const row = rows.find((x) => x[1] === mine)!;
    assert.equal(row[9], `'=HYPERLINK("http://example.invalid","x") 연락 [전화번호]`);
    const en = Papa.parse<string[]>((await (await get("?format=csv&lang=en")).text()).trim()).data;
    assert.equal(en[0]![9], "text");

    const x = await get("?format=xlsx");
    assert.equal(x.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const ws = wb.worksheets[0]!;
    let cell: ExcelJS.Cell | undefined;
    ws.eachRow((rw) => {
      if (rw.getCell(2).value === mine) cell = rw.getCell(10);
    });
    assert.equal(cell?.type, ExcelJS.ValueType.String);
    assert.equal(cell?.value, '=HYPERLINK("http://example.invalid","x") 연락 [전화번호]');
  });

  it("is listed on the open-data list with its three files", async () => {
    const r = await t.app.request("/api/tenants/jeonju/datasets");
    const d = (await r.json()) as { datasets: { id: string; licence: string; csv: string; json?: string }[] };
    const p = d.datasets.find((x) => x.id === "participation")!;
    assert.equal(p.licence, "KOGL Type 1");
    assert.equal(p.json, "/api/tenants/jeonju/exports/participation?format=json");
    assert.equal((await t.app.request(p.csv)).status, 200);
  });
});
