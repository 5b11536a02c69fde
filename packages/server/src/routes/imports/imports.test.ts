import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "@citypath/db";
import ExcelJS from "exceljs";
import { createTestApp, routeTestKinds, type Session, signIn, type TestApp } from "../../testing.ts";

type Preview = {
  ok: boolean;
  rows: number;
  columns: string[];
  problems: { file: string; row: number | null; column: string | null; code: string; reason: string }[];
};
type Err = { error: { code: string; details: { path: string; message: string; code: string }[] } };

const b64 = (bytes: Uint8Array | string) =>
  Buffer.from(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes).toString("base64");

/** CP949 bytes of Hangul text: the test writes them by hand (Node has no CP949 encoder). */
const CP949: Record<string, number[]> = { 전: [0xc0, 0xfc], 력: [0xb7, 0xc2] };
function cp949(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = CP949[ch];
    if (code) out.push(...code);
    else out.push(ch.charCodeAt(0));
  }
  return new Uint8Array(out);
}

async function xlsx(rows: (string | number)[][], sheet = "Sheet1"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("importing activity data and factor sets", () => {
      let t: TestApp;
      let editor: Session;
      let tenantId: string;
      before(async () => {
        t = await createTestApp({ on: kind.name });
        editor = await signIn(t, "editor@jeonju.example");
        const j = (await t.store.tenants.bySlug("jeonju"))!;
        tenantId = j.id;
        await t.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
      });
      after(() => t.close());

      const post = (path: string, body: unknown) =>
        t.app.request(`/api/tenants/jeonju/imports/${path}`, {
          method: "POST",
          headers: editor.headers(true),
          body: JSON.stringify(body),
        });

      const BAD = [
        "year,gpc_ref,activity,amount,unit",
        "2022,I.1.1,electricity,1200,MWh", // line 2: fine
        "20x2,I.1.1,electricity,1300,MWh", // line 3: year
        "2022,I.1.1,electricity,lots,MWh", // line 4: amount
        "2022,I.1.1,,1300,MWh", // line 5: activity missing
        "2022,Z.9,electricity,5,MWh", // line 6: GPC reference
      ].join("\n");

      it("a bad file: the preview lists every problem with row, column, code and reason; the commit stores nothing", async () => {
        const body = { kind: "activity", file_name: "bad.csv", content_base64: b64(BAD) };
        const r = await post("preview", body);
        assert.equal(r.status, 200);
        const p = (await r.json()) as Preview;
        assert.equal(p.ok, false);
        assert.equal(p.rows, 1);
        const where = p.problems.map((x) => `${x.row}:${x.column}:${x.code}`).sort();
        assert.deepEqual(where, [
          "3:year:BAD_VALUE",
          "4:amount:BAD_NUMBER",
          "5:activity:MISSING_VALUE",
          "6:gpc_ref:UNKNOWN_GPC_REF",
        ]);
        for (const x of p.problems) {
          assert.equal(x.file, "bad.csv");
          assert.ok(x.reason.length > 5);
        }
        const auditBefore = (await listAudit(t.store.db, tenantId)).length;
        const c = await post("commit", { ...body, target: { id: "bad", name: "Bad" } });
        assert.equal(c.status, 400);
        const e = (await c.json()) as Err;
        assert.deepEqual(
          e.error.details.map((d) => d.path).sort(),
          ["bad.csv:3 [year]", "bad.csv:4 [amount]", "bad.csv:5 [activity]", "bad.csv:6 [gpc_ref]"].sort(),
        );
        assert.equal(await t.store.activity.get(tenantId as never, "bad"), undefined);
        assert.equal((await listAudit(t.store.db, tenantId)).length, auditBefore);
      });

      it("a CP949 CSV is read as Korean, committed in one transaction with one audit record", async () => {
        const text =
          "year,gpc_ref,activity,amount,unit,note\r\n2022,I.1.1,electricity,1200,MWh,전력\r\n2023,I.1.1,electricity,1250,MWh,전력\r\n";
        const body = {
          kind: "activity",
          file_name: "cp949.csv",
          content_base64: b64(cp949(text)),
          target: { id: "kepco-2022", name: "한전 전력" },
        };
        const r = await post("commit", body);
        assert.equal(r.status, 201, await r.clone().text());
        assert.deepEqual(await r.json(), { kind: "activity", id: "kepco-2022", version: 1, rows: 2 });
        const rows = await t.store.activity.rows(tenantId as never, "kepco-2022");
        assert.deepEqual(
          rows.map((x) => [x.line, x.year, x.amount, x.note]),
          [
            [2, 2022, 1200, "전력"],
            [3, 2023, 1250, "전력"],
          ],
        );
        const audit = await listAudit(t.store.db, tenantId, {
          entity: "activity_dataset",
          entityId: "kepco-2022",
        });
        assert.equal(audit.length, 1);
        assert.equal(audit[0]!.actorId, editor.userId);
        assert.equal(audit[0]!.action, "import");
      });

      it("an agency's XLSX goes through a column mapping saved as a profile, and the profile is reused", async () => {
        const agency = [
          ["연도", "구분", "연료", "사용량", "비고"],
          [2021, "I.1.1", "electricity", 900, "1월-12월"],
          [2022, "I.1.1", "electricity", 950, ""],
        ];
        const mapping = { year: "연도", gpc_ref: "구분", activity: "연료", amount: "사용량", note: "비고" };
        const saved = await t.app.request("/api/tenants/jeonju/import-profiles/agency-electricity", {
          method: "PUT",
          headers: editor.headers(true),
          body: JSON.stringify({
            base_version: 0,
            name: "한전 전력 통계",
            kind: "activity",
            mapping,
            constants: { unit: "MWh" },
          }),
        });
        assert.equal(saved.status, 200, await saved.clone().text());
        const file = await xlsx(agency);
        const p = (await (
          await post("preview", {
            kind: "activity",
            file_name: "agency.xlsx",
            content_base64: b64(file),
            profile: "agency-electricity",
          })
        ).json()) as Preview;
        assert.equal(p.ok, true, JSON.stringify(p.problems));
        assert.equal(p.rows, 2);
        assert.deepEqual(p.columns, ["year", "gpc_ref", "activity", "amount", "note", "unit"]);
        // the next year's file, same layout: the saved profile alone reads it
        const next = await xlsx([agency[0]!, [2023, "I.1.1", "electricity", 990, ""]]);
        const c = await post("commit", {
          kind: "activity",
          file_name: "agency-2023.xlsx",
          content_base64: b64(next),
          profile: "agency-electricity",
          target: { id: "agency-2023", name: "2023" },
        });
        assert.equal(c.status, 201, await c.clone().text());
        const rows = await t.store.activity.rows(tenantId as never, "agency-2023");
        assert.deepEqual(
          rows.map((x) => [x.line, x.year, x.amount, x.unit]),
          [[2, 2023, 990, "MWh"]],
        );
        // a file whose layout changed: the mapped column that is gone is named
        const changed = await xlsx([
          ["연도", "구분", "연료", "소비량"],
          [2024, "I.1.1", "electricity", 1],
        ]);
        const bad = (await (
          await post("preview", {
            kind: "activity",
            file_name: "changed.xlsx",
            content_base64: b64(changed),
            profile: "agency-electricity",
          })
        ).json()) as Preview;
        assert.equal(bad.ok, false);
        assert.deepEqual(bad.problems.map((x) => [x.file, x.row, x.column, x.code]).sort(), [
          ["changed.xlsx#Sheet1", 1, "비고", "MISSING_COLUMN"],
          ["changed.xlsx#Sheet1", 1, "사용량", "MISSING_COLUMN"],
        ]);
      });

      it("a profile is deleted on the version read (a changed one: 409), audited; an auditor may not", async () => {
        const put = (base_version: number, name: string) =>
          t.app.request("/api/tenants/jeonju/import-profiles/to-delete", {
            method: "PUT",
            headers: editor.headers(true),
            body: JSON.stringify({
              base_version,
              name,
              kind: "budget_lines",
              mapping: { original_krw: "예산액" },
              scale: { original_krw: 1000 },
            }),
          });
        assert.equal((await put(0, "지울 프로필")).status, 200);
        assert.equal((await put(1, "지울 프로필 (고침)")).status, 200);
        const del = (version: string, who: Session = editor) =>
          t.app.request(`/api/tenants/jeonju/import-profiles/to-delete?version=${version}`, {
            method: "DELETE",
            headers: who.headers(true),
          });
        const auditor = await signIn(t, "auditor@jeonju.example");
        await t.store.memberships.put(tenantId as never, auditor.userId, "auditor", []);
        assert.equal((await del("2", auditor)).status, 403);
        const stale = await del("1");
        assert.equal(stale.status, 409, await stale.clone().text());
        assert.equal((await del("x")).status, 400);
        assert.equal((await del("2")).status, 204);
        const gone = await t.app.request("/api/tenants/jeonju/import-profiles/to-delete", {
          headers: editor.headers(),
        });
        assert.equal(gone.status, 404);
        assert.equal((await del("2")).status, 404);
        const audit = await listAudit(t.store.db, tenantId, {
          entity: "import_profile",
          entityId: "to-delete",
        });
        assert.deepEqual(
          audit.map((a) => a.action),
          ["create", "update", "delete"],
        );
        // the update's record holds the version it replaced (read by the update's own statement)
        const [created, updated] = audit as [(typeof audit)[0], (typeof audit)[0]];
        assert.deepEqual(updated.before, created.after);
        assert.deepEqual(
          [
            updated.version,
            (updated.before as { version: number }).version,
            (updated.after as { name: string }).name,
          ],
          [2, 1, "지울 프로필 (고침)"],
        );
        const last = audit.at(-1)!;
        assert.equal(last.actorId, editor.userId);
        assert.equal((last.before as { name: string }).name, "지울 프로필 (고침)");
        assert.equal(last.after, null);
      });

      it("a factor set from CSV, then exported with Korean headers and read back unchanged", async () => {
        const csv =
          "activity,gas,factor,unit,source,source_year\nelectricity,CO2e,0.4594,tCO2e/MWh,전력거래소 2022,2023\n";
        const c = await post("commit", {
          kind: "factors",
          file_name: "grid.csv",
          content_base64: b64(csv),
          target: { id: "grid-2022", name: "전력 배출계수" },
        });
        assert.equal(c.status, 201, await c.clone().text());
        const ex = await t.app.request("/api/tenants/jeonju/exports/factor-set/grid-2022?format=csv&lang=ko");
        assert.equal(ex.status, 200);
        const text = await ex.text();
        assert.match(text, /^\uFEFF?활동,온실가스,배출계수,단위/);
        const back = (await (
          await post("preview", { kind: "factors", file_name: "back.csv", content_base64: b64(text) })
        ).json()) as Preview;
        assert.equal(back.ok, true, JSON.stringify(back.problems));
        assert.equal(back.rows, 1);
        const en = await t.app.request("/api/tenants/jeonju/exports/inventory/latest?format=xlsx&lang=en");
        assert.equal(en.status, 200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(await en.arrayBuffer());
        const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1, 7);
        assert.deepEqual(header, ["year", "gpc_ref", "scope", "level", "scope2_method", "tco2e"]);
      });
    });
  });
