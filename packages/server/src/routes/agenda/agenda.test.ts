/**
 * The agenda's routes on the real app over a real PGlite with the Jeonju demo (its agenda loaded by the demo
 * loader): who sees what, who changes what, 409 on stale versions, one audit record per change, modelled
 * against observed equal to the core's numbers, and the all-or-nothing import of indicator values.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CitypathError, problem, type TenantId } from "@citypath/core";
import type { ActionContext } from "@citypath/core/actions/interface";
import { compareLinkedAction } from "@citypath/core/agenda/index";
import { JEONJU_INSTANCE_DIR, loadInstance } from "@citypath/data";
import { instanceScenarioResolver, loadJeonjuAgenda } from "@citypath/data/agenda";
import { listAudit } from "@citypath/db";
import ExcelJS from "exceljs";
import { loadDemoTenant } from "../../services/demo.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { createTestApp, routeTestKinds, type Session, signIn, type TestApp } from "../../testing.ts";

// biome-ignore lint/suspicious/noExplicitAny: the answers are read loosely; the assertions check their shape
type Json = Record<string, any>;

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("the agenda API", () => {
      let t: TestApp;
      let jeonju: TenantId;
      const who: Record<string, Session> = {};
      before(async () => {
        t = await createTestApp({
          on: kind.name,
          engine: corePathwayEngine(),
          demoInstance: jeonjuDemoInstance,
        });
        jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
        const wanju = await t.store.tenants.create({ slug: "wanju", name: "완주군", nameEn: "Wanju" });
        for (const name of ["citizen", "council", "expert", "transport", "building", "admin", "other"]) {
          const s = await signIn(t, `${name}@example.kr`);
          who[name] = s;
          if (name === "other") await t.store.memberships.put(wanju.id, s.userId, "admin");
          else if (name === "transport")
            await t.store.memberships.put(jeonju, s.userId, "editor", [
              "transport-policy",
              "public-transport-bureau",
            ]);
          else if (name === "building")
            await t.store.memberships.put(jeonju, s.userId, "editor", ["architecture"]);
          else await t.store.memberships.put(jeonju, s.userId, name as "admin");
        }
      });
      after(() => t.close());

      const get = async (path: string, as?: string) => {
        const r = await t.app.request(path, { headers: as ? who[as]!.headers() : {} });
        return { status: r.status, body: (await r.json()) as Json };
      };
      const post = async (path: string, body: unknown, as: string, method = "POST") => {
        const r = await t.app.request(path, {
          method,
          headers: who[as]!.headers(true),
          body: JSON.stringify(body),
        });
        return { status: r.status, body: (await r.json()) as Json };
      };
      const auditCount = async () => (await listAudit(t.store.db, jeonju)).length;

      it("the demo loader stored the data package's agenda", async () => {
        const agenda = loadJeonjuAgenda();
        assert.ok(agenda.ok);
        const all = await get("/api/tenants/jeonju/actions", "council");
        assert.equal(all.status, 200);
        assert.deepEqual(
          all.body.actions.map((a: Json) => a.id).sort(),
          agenda.value.actions.map((a) => a.id).sort(),
        );
      });

      it("an action's budget is the sum of the budget lines linked to it, by year, with their executions", async () => {
        const r = await get("/api/tenants/jeonju/actions/brt", "council");
        assert.equal(r.status, 200);
        const f = r.body.budget.funded_by;
        // the demo's BRT lines (packages/data/budget/jeonju/lines.csv) and their settlements: 2023 ₩15.0 bn,
        // executed 14.2; 2024 ₩18.0 + 2.0 bn, executed 16.9 + 1.8; 2025 ₩8.0 bn, 3.1 so far (not closed)
        assert.deepEqual(
          f.lines.map((l: Json) => [l.year, l.code, l.amount_krw, l.executed_krw, l.provisional]),
          [
            [2023, "120-123-TR01-BRT-001", 15e9, 14.2e9, false],
            [2024, "120-123-TR01-BRT-001", 18e9, 16.9e9, false],
            [2024, "120-123-TR01-BRT-002", 2e9, 1.8e9, false],
            [2025, "120-123-TR01-BRT-001", 8e9, 3.1e9, true],
          ],
        );
        assert.deepEqual(
          f.years.map((y: Json) => [
            y.year,
            y.lines,
            y.amount_krw,
            y.executed_krw,
            y.provisional,
            y.illustrative,
          ]),
          [
            [2023, 1, 15e9, 14.2e9, false, true],
            [2024, 2, 20e9, 18.7e9, false, true],
            [2025, 1, 8e9, 3.1e9, true, true],
          ],
        );
        // the action holds no money of its own: planned and spent are the lines' sums over every year
        assert.equal(r.body.action.budget, undefined);
        assert.deepEqual(
          [r.body.budget.planned.amount_krw, r.body.budget.planned.years, r.body.budget.planned.derivation],
          [43e9, [2023, 2024, 2025], "sum of 4 budget lines"],
        );
        assert.equal(r.body.budget.spent.amount_krw, 14.2e9 + 18.7e9 + 3.1e9);
        // an action no line funds has none (never a zero)
        const other = await get("/api/tenants/jeonju/actions/climate-adaptation", "council");
        assert.equal(other.status, 200);
        assert.deepEqual(other.body.budget.funded_by, { lines: [], years: [] });
        assert.equal(other.body.budget.planned, null);
        assert.equal(other.body.budget.spent, null);
      });

      it("citizens and visitors see the published plan and its actions only; reviewers see drafts", async () => {
        const anon = await get("/api/tenants/jeonju/plans");
        assert.deepEqual(
          anon.body.plans.map((p: Json) => p.id),
          ["direction-2021"],
        );
        const citizen = await get("/api/tenants/jeonju/actions", "citizen");
        const ids = citizen.body.actions.map((a: Json) => a.id);
        assert.ok(ids.includes("brt"));
        // only in the draft basic plan
        assert.ok(!ids.includes("hydrogen-city-buses"));
        assert.equal((await get("/api/tenants/jeonju/actions/hydrogen-city-buses")).status, 404);
        assert.equal(
          (await get("/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1", "citizen")).status,
          404,
        );
        for (const reviewer of ["council", "expert"]) {
          assert.equal((await get("/api/tenants/jeonju/actions/hydrogen-city-buses", reviewer)).status, 200);
          const plan = await get("/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1", reviewer);
          assert.equal(plan.status, 200);
          assert.equal(plan.body.tree.stage, "draft");
        }
        // the summary counts what the caller sees
        const summary = await get("/api/tenants/jeonju/summary?by=plan");
        assert.equal(summary.body.overall.total, ids.length);
      });

      it("filters actions by plan, department, status and text in Korean or English", async () => {
        const byDept = await get("/api/tenants/jeonju/actions?department=교통정책과", "council");
        assert.ok(byDept.body.actions.length > 0);
        for (const a of byDept.body.actions) assert.ok(a.departments.includes("transport-policy"));
        const cancelled = await get("/api/tenants/jeonju/actions?status=cancelled", "council");
        assert.ok(cancelled.body.actions.length >= 1);
        for (const a of cancelled.body.actions) assert.equal(a.status, "cancelled");
        const ko = await get(`/api/tenants/jeonju/actions?q=${encodeURIComponent("간선급행")}`);
        const en = await get("/api/tenants/jeonju/actions?q=bus%20rapid");
        assert.ok(ko.body.actions.some((a: Json) => a.id === "brt"));
        assert.ok(en.body.actions.some((a: Json) => a.id === "brt"));
        const plan = await get("/api/tenants/jeonju/actions?plan=carbon-neutral-basic-plan-1", "council");
        for (const a of plan.body.actions)
          assert.ok(a.plans.some((m: Json) => m.plan === "carbon-neutral-basic-plan-1"));
      });

      it("an editor changes only their departments' actions; each change is one audit record; stale is 409", async () => {
        const before = await get("/api/tenants/jeonju/actions/brt", "transport");
        const v = before.body.version as number;
        const change = {
          base_version: v,
          status: "delayed",
          date: "2026-11-20",
          reason: { ko: "공사 지연", en: "Construction delayed" },
          illustrative: true,
          note: "test figure",
        };
        const n0 = await auditCount();
        const refused = await post("/api/tenants/jeonju/actions/brt/status", change, "building");
        assert.equal(refused.status, 403);
        assert.equal(await auditCount(), n0, "a refused change leaves no record");
        const ok = await post("/api/tenants/jeonju/actions/brt/status", change, "transport");
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        assert.equal(ok.body.version, v + 1);
        assert.equal(ok.body.action.status, "delayed");
        const trail = await listAudit(t.store.db, jeonju);
        assert.equal(trail.length, n0 + 1);
        const rec = trail.find((r) => r.entity === "action" && r.entityId === "brt" && r.version === v + 1);
        assert.ok(rec);
        assert.equal(rec.actorId, who.transport!.userId);
        // the same base version again: someone else came first
        const late = await post("/api/tenants/jeonju/actions/brt/status", change, "transport");
        assert.equal(late.status, 409);
        assert.equal(late.body.error.current_version, v + 1);
        assert.equal(await auditCount(), n0 + 1);
        // a citizen may not write at all
        assert.equal((await post("/api/tenants/jeonju/actions/brt/status", change, "citizen")).status, 403);
      });

      it("a progress update carries its author and evidence; a whole-action save keeps the department rule", async () => {
        const cur = await get("/api/tenants/jeonju/actions/brt", "transport");
        const r = await post(
          "/api/tenants/jeonju/progress",
          {
            action: "brt",
            base_version: cur.body.version,
            update: {
              id: "2026-11-progress",
              date: "2026-11-21",
              text: { ko: "정류장 공사 60%", en: "Stations 60% built" },
              completion_pct: 60,
              evidence: [{ kind: "link", url: "https://example.org/brt" }],
            },
          },
          "transport",
        );
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const u = r.body.action.progress.find((p: Json) => p.id === "2026-11-progress");
        assert.deepEqual(u.author, { user: who.transport!.userId });
        assert.deepEqual(r.body.action.completion_pct, {
          value: 60,
          as_of: "2026-11-21",
          progress_update: "2026-11-progress",
        });
        // the building editor may not move brt into their own department by saving it whole
        const doc = { ...r.body.action, departments: ["public-development"] };
        const save = await post(
          "/api/tenants/jeonju/actions/brt",
          { base_version: r.body.version, action: doc },
          "building",
          "PUT",
        );
        assert.equal(save.status, 403);
      });

      it("another tenant's admin reaches nothing of Jeonju's agenda, and Wanju has none of it", async () => {
        assert.equal((await get("/api/tenants/wanju/actions/brt", "other")).status, 404);
        assert.equal((await get("/api/tenants/jeonju/reminders", "other")).status, 403);
        const write = await post(
          "/api/tenants/jeonju/indicators/brt-riders/observations",
          { base_version: 1, observation: { year: 2026, value: 1, illustrative: true, note: "test figure" } },
          "other",
        );
        assert.equal(write.status, 403);
      });

      it("modelled against observed is the core's comparison for the tenant's instance", async () => {
        const r = await get("/api/tenants/jeonju/actions/hydrogen-city-buses", "council");
        assert.equal(r.status, 200);
        assert.deepEqual(r.body.modelled_problems, []);
        const m = r.body.modelled;
        assert.equal(m.scenario, "agenda_2021");
        // The same comparison computed here with the core and the data package alone. The bus model reads
        // nothing from the engine's context, so a context that refuses every read gives the same numbers.
        const load = loadInstance(JEONJU_INSTANCE_DIR);
        assert.ok(load.ok);
        const refuse = (what: string): never => {
          throw new CitypathError(problem("UNKNOWN_REFERENCE", `no ${what}`));
        };
        const ctx = (year: number): ActionContext => ({
          year,
          baseYear: 2018,
          get grid_tco2e_per_mwh(): number {
            return refuse("grid factor");
          },
          get drivers(): Record<string, number> {
            return refuse("drivers");
          },
          driver: (id) => refuse(`driver ${id}`),
          bau: (ref) => refuse(`BAU of ${ref}`),
          base: (ref) => refuse(`base of ${ref}`),
        });
        const agenda = loadJeonjuAgenda();
        assert.ok(agenda.ok);
        const action = agenda.value.actions.find((a) => a.id === "hydrogen-city-buses")!;
        // years: the indicator's goal (2024) and observed years (2021, 2022), every year from the action's
        // start to 2035, and 2040, 2045, 2050; as of the current year
        const asOf = Number(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 4));
        const start = action.start ? Number(String(action.start).slice(0, 4)) : asOf;
        const years = new Set([2021, 2022, 2024, 2040, 2045, 2050]);
        for (let y = start; y <= 2035; y++) years.add(y);
        const core = compareLinkedAction(
          action,
          agenda.value.indicators,
          instanceScenarioResolver(load.value, ctx),
          {
            years: [...years].sort((a, b) => a - b),
            asOfYear: Number(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 4)),
            tolerance: 0.1,
          },
        );
        assert.ok(core.ok, JSON.stringify(!core.ok && core.problems));
        const { instance, instance_version, scenario, derivation, ...served } = m;
        assert.deepEqual(served, JSON.parse(JSON.stringify(core.value)));
        assert.equal(instance, "jeonju");
        assert.equal(instance_version, 1);
        assert.match(derivation, /bus_fleet_conversion of scenario agenda_2021/);
        // the answer cites the sources of its figures
        const cited = r.body.sources.map((s: Json) => s.id);
        assert.ok(cited.includes("cvinfo-23654"));
        assert.ok(cited.includes("hankyung-202401251117y"));
      });

      it("indicator values from a CSV: the preview lists every problem with row and column; commit is all or nothing", async () => {
        const file = (csv: string) => ({
          file_name: "values.csv",
          content_base64: Buffer.from(csv, "utf8").toString("base64"),
        });
        const bad = file(
          "indicator,year,value,source,illustrative,note\n" +
            "brt-riders,2026,1200,,true,test figure\n" +
            "no-such,2026,5,,true,test figure\n" +
            "brt-riders,2025,many,,true,test figure\n",
        );
        const ind0 = await get("/api/tenants/jeonju/indicators/brt-riders", "transport");
        const n0 = await auditCount();
        const preview = await post("/api/tenants/jeonju/indicators/import/preview", bad, "transport");
        assert.equal(preview.status, 200);
        assert.equal(preview.body.ok, false);
        assert.deepEqual(
          preview.body.problems.map((p: Json) => [p.row, p.column, p.code]),
          [
            [3, "indicator", "UNKNOWN_REFERENCE"],
            [4, "value", "BAD_NUMBER"],
          ],
        );
        const refused = await post("/api/tenants/jeonju/indicators/import/commit", bad, "transport");
        assert.equal(refused.status, 400);
        assert.equal(refused.body.error.details.length, 2);
        const ind1 = await get("/api/tenants/jeonju/indicators/brt-riders", "transport");
        assert.equal(ind1.body.version, ind0.body.version, "nothing stored");
        assert.equal(await auditCount(), n0);

        const good = file("indicator,year,value,illustrative,note\nbrt-riders,2026,1200,true,test figure\n");
        const ok = await post("/api/tenants/jeonju/indicators/import/preview", good, "transport");
        assert.deepEqual(
          ok.body.changes.map((c: Json) => [c.indicator, c.line, c.kind, c.observation.value]),
          [["brt-riders", 2, "add", 1200]],
        );
        // the building editor does not report the BRT's riders
        assert.equal(
          (await post("/api/tenants/jeonju/indicators/import/commit", good, "building")).status,
          403,
        );
        const stored = await post("/api/tenants/jeonju/indicators/import/commit", good, "transport");
        assert.equal(stored.status, 200, JSON.stringify(stored.body));
        assert.equal(stored.body.stored, 1);
        const ind2 = await get("/api/tenants/jeonju/indicators/brt-riders", "transport");
        assert.equal(ind2.body.version, ind0.body.version + 1);
        assert.ok(
          ind2.body.indicator.observed.some(
            (o: Json) => o.year === 2026 && o.value === 1200 && o.illustrative,
          ),
        );
        assert.equal(await auditCount(), n0 + 1);
      });

      it("indicator values from an XLSX sheet: rows numbered as in the sheet", async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("값");
        ws.addRow(["indicator", "year", "value", "illustrative", "note"]);
        ws.addRow(["brt-riders", 2027, 1500, "true", "test figure"]);
        ws.addRow([]);
        ws.addRow(["brt-riders", 2028, "", "true", "test figure"]);
        const bytes = Buffer.from(await wb.xlsx.writeBuffer());
        const r = await post(
          "/api/tenants/jeonju/indicators/import/preview",
          { file_name: "values.xlsx", content_base64: bytes.toString("base64") },
          "transport",
        );
        assert.equal(r.status, 200);
        assert.deepEqual(
          r.body.problems.map((p: Json) => [p.file, p.row, p.column, p.code]),
          [["values.xlsx#값", 4, "value", "MISSING_VALUE"]],
        );
      });

      it("indicator values from a CP949 CSV: read as CP949 when detected or named; named UTF-8 is a located problem, not a 5xx", async () => {
        // "전력" in CP949, written byte by byte (Node has no CP949 encoder)
        const head = Buffer.from("indicator,year,value,illustrative,note\nbrt-riders,2029,1600,true,");
        const bytes = Buffer.concat([head, Buffer.from([0xc0, 0xfc, 0xb7, 0xc2, 0x0a])]);
        const body = (encoding?: string) => ({
          file_name: "values.csv",
          content_base64: bytes.toString("base64"),
          ...(encoding ? { encoding } : {}),
        });
        for (const e of [undefined, "cp949"]) {
          const r = await post("/api/tenants/jeonju/indicators/import/preview", body(e), "transport");
          assert.equal(r.status, 200, JSON.stringify(r.body));
          assert.deepEqual(
            r.body.changes.map((c: Json) => [c.line, c.observation.year, c.observation.note]),
            [[2, 2029, "전력"]],
          );
        }
        const wrong = await post("/api/tenants/jeonju/indicators/import/preview", body("utf-8"), "transport");
        assert.equal(wrong.status, 200);
        assert.equal(wrong.body.ok, false);
        assert.deepEqual(
          wrong.body.problems.map((p: Json) => p.code),
          ["BAD_ENCODING"],
        );
      });

      it("actions from a CSV: new actions and status changes, every problem with row and column, all or nothing", async () => {
        const file = (csv: string) => ({
          file_name: "actions.csv",
          content_base64: Buffer.from(csv, "utf8").toString("base64"),
        });
        const header =
          "id,name_ko,name_en,description_ko,description_en,plan,policy_area,departments,indicators,status,status_date,reason_ko,reason_en,illustrative,note\n";
        const newRow =
          "bike-lanes,자전거도로,Bike lanes,자전거도로 확충,More bike lanes,carbon-neutral-basic-plan-1,transport,교통정책과,brt-riders,not_started,2026-11-01,계획 수립,Planned,true,test figure\n";
        const brt0 = await get("/api/tenants/jeonju/actions/brt", "transport");
        const bad = file(
          header +
            newRow +
            "no-dept,이름,Name,설명,Text,carbon-neutral-basic-plan-1,transport,없는과,brt-riders,not_started,2026-11-01,계획,Planned,true,test figure\n" +
            "brt,,,,,,,,,completed,2026-11-23,,Opened,true,test figure\n",
        );
        const n0 = await auditCount();
        const preview = await post("/api/tenants/jeonju/actions/import/preview", bad, "transport");
        assert.equal(preview.status, 200);
        assert.equal(preview.body.ok, false);
        assert.deepEqual(
          preview.body.problems.map((p: Json) => [p.row, p.column, p.code]),
          [
            [3, "departments", "UNKNOWN_REFERENCE"],
            [4, "reason_ko", "MISSING_VALUE"],
          ],
        );
        const refused = await post("/api/tenants/jeonju/actions/import/commit", bad, "transport");
        assert.equal(refused.status, 400);
        assert.equal((await get("/api/tenants/jeonju/actions/bike-lanes", "transport")).status, 404);
        assert.equal(
          (await get("/api/tenants/jeonju/actions/brt", "transport")).body.version,
          brt0.body.version,
        );
        assert.equal(await auditCount(), n0);

        const good = file(
          `${header}${newRow}brt,,,,,,,,,completed,2026-11-23,개통,Opened,true,test figure\n`,
        );
        const ok = await post("/api/tenants/jeonju/actions/import/preview", good, "transport");
        assert.deepEqual(
          ok.body.changes.map((c: Json) => [c.action, c.line, c.kind]),
          [
            ["bike-lanes", 2, "create"],
            ["brt", 3, "update"],
          ],
        );
        assert.equal((await post("/api/tenants/jeonju/actions/import/commit", good, "building")).status, 403);
        const stored = await post("/api/tenants/jeonju/actions/import/commit", good, "transport");
        assert.equal(stored.status, 200, JSON.stringify(stored.body));
        assert.deepEqual(stored.body.actions, ["bike-lanes", "brt"]);
        const brt = await get("/api/tenants/jeonju/actions/brt", "transport");
        assert.equal(brt.body.version, brt0.body.version + 1);
        assert.equal(brt.body.action.status, "completed");
        assert.deepEqual(brt.body.action.status_history.at(-1).reason, { ko: "개통", en: "Opened" });
        const bike = await get("/api/tenants/jeonju/actions/bike-lanes", "transport");
        assert.deepEqual(bike.body.action.departments, ["transport-policy"]);
        assert.equal(await auditCount(), n0 + 1);
      });

      it("plan workflow: the keeping department's editors and admins move a plan one stage forward", async () => {
        const p = await get("/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1", "admin");
        const body = {
          base_version: p.body.version,
          stage: "committee_deliberation",
          date: "2026-11-22",
          illustrative: true,
          note: "test figure",
        };
        assert.equal(
          (await post("/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1/stage", body, "transport"))
            .status,
          403,
        );
        const skip = await post(
          "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1/stage",
          { ...body, stage: "published" },
          "admin",
        );
        assert.equal(skip.status, 400);
        const moved = await post(
          "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1/stage",
          body,
          "admin",
        );
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
        assert.equal(moved.body.plan.stage, "committee_deliberation");
      });

      it("the demo loader keeps an edited agenda, and gives the agenda once to a demo tenant made before it", async () => {
        const brt = await get("/api/tenants/jeonju/actions/brt", "admin");
        assert.ok(brt.body.version > 1, "edited above");
        const again = await loadDemoTenant(t.store);
        assert.equal(again.loaded, false);
        assert.equal((await get("/api/tenants/jeonju/actions/brt", "admin")).body.version, brt.body.version);

        const bare = await createTestApp({ on: kind.name, demo: false });
        try {
          await bare.store.tenants.create({ slug: "jeonju", name: "전주시", nameEn: "Jeonju" });
          const first = await loadDemoTenant(bare.store);
          assert.equal(first.loaded, true);
          assert.match(first.loaded ? first.parts.join() : "", /agenda: 2 plans/);
          const second = await loadDemoTenant(bare.store);
          assert.equal(second.loaded, false);
        } finally {
          await bare.close();
        }
      });

      it("whole indicators and plans: created at version 1, replaced on their version, 409 when stale", async () => {
        const ind = {
          id: "bike-km",
          name: { ko: "자전거도로 연장", en: "Bike lane length" },
          kind: "output",
          unit: "km",
          unit_label: { ko: "km", en: "km" },
          direction: "increase",
          aggregation: "cumulative",
          goals: [{ year: 2030, value: 100, illustrative: true, note: "test figure" }],
          observed: [],
          reporter: "transport-policy",
        };
        const put = (body: unknown, as: string) =>
          post("/api/tenants/jeonju/indicators/bike-km", body, as, "PUT");
        assert.equal((await put({ base_version: 0, indicator: ind }, "building")).status, 403);
        const created = await put({ base_version: 0, indicator: ind }, "transport");
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.equal(created.body.version, 1);
        const bad = await put(
          { base_version: 1, indicator: { ...ind, goals: [{ year: 2030, value: 100 }] } },
          "transport",
        );
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.details[0].path, "json.indicator.goals.0.source");
        const v2 = await put(
          { base_version: 1, indicator: { ...ind, unit_label: { ko: "킬로미터", en: "km" } } },
          "transport",
        );
        assert.equal(v2.body.version, 2);
        const stale = await put({ base_version: 1, indicator: ind }, "transport");
        assert.equal(stale.status, 409);
        assert.equal(stale.body.error.current_version, 2);

        const plan = (await get("/api/tenants/jeonju/plans/direction-2021", "admin")).body.plan;
        const copy = {
          ...plan,
          id: "direction-2026",
          stage: "draft",
          stage_history: [{ stage: "draft", date: "2026-11-01", illustrative: true, note: "test figure" }],
        };
        const p = await post(
          "/api/tenants/jeonju/plans/direction-2026",
          { base_version: 0, plan: copy },
          "admin",
          "PUT",
        );
        assert.equal(p.status, 200, JSON.stringify(p.body));
        assert.equal(
          (await get("/api/tenants/jeonju/plans/direction-2026")).status,
          404,
          "a draft is not public",
        );
      });

      it("a new record names what the tenant holds (each unknown reference on its path); a new action joins its policy area", async () => {
        const plan = (await get("/api/tenants/jeonju/plans/direction-2021", "admin")).body.plan;
        const draft = {
          ...plan,
          id: "refs-plan",
          stage: "draft",
          stage_history: [{ stage: "draft", date: "2026-11-01", illustrative: true, note: "test figure" }],
          policy_areas: [{ id: "area-1", name: { ko: "분야", en: "Area" }, actions: [] }],
        };
        const putPlan = (p: unknown) =>
          post("/api/tenants/jeonju/plans/refs-plan", { base_version: 0, plan: p }, "admin", "PUT");
        const badPlan = await putPlan({ ...draft, responsible_department: "no-such-department" });
        assert.equal(badPlan.status, 400);
        assert.deepEqual(
          badPlan.body.error.details.map((d: Json) => [d.code, d.path]),
          [["UNKNOWN_REFERENCE", "json.plan.responsible_department"]],
        );
        assert.equal((await putPlan(draft)).status, 200);

        const brt = (await get("/api/tenants/jeonju/actions/brt", "admin")).body.action;
        const { model_link: _m, ...rest } = brt;
        const action = { ...rest, id: "refs-action", plans: [{ plan: "refs-plan", policy_area: "area-1" }] };
        const putAction = (a: unknown) =>
          post("/api/tenants/jeonju/actions/refs-action", { base_version: 0, action: a }, "transport", "PUT");
        const bad = await putAction({
          ...action,
          plans: [{ plan: "refs-plan", policy_area: "nowhere" }],
          departments: [...brt.departments, "no-such-department"],
          indicators: ["no-such-indicator", ...brt.indicators],
        });
        assert.equal(bad.status, 400);
        assert.deepEqual(bad.body.error.details.map((d: Json) => d.path).sort(), [
          `json.action.departments.${brt.departments.length}`,
          "json.action.indicators.0",
          "json.action.plans.0.policy_area",
        ]);
        const before = await auditCount();
        const made = await putAction(action);
        assert.equal(made.status, 200, JSON.stringify(made.body));
        const placed = await get("/api/tenants/jeonju/plans/refs-plan", "admin");
        assert.equal(placed.body.version, 2);
        assert.deepEqual(placed.body.plan.policy_areas[0].actions, ["refs-action"]);
        // two records: the plan's placement and the action's creation, both by the editor
        const trail = (await listAudit(t.store.db, jeonju)).slice(before);
        assert.deepEqual(
          trail.map((r) => [r.entity, r.action, r.entityId, r.actorId]),
          [
            ["plan", "place", "refs-plan", who.transport!.userId],
            ["action", "create", "refs-action", who.transport!.userId],
          ],
        );
        // a replace keeps the checks; the placement is done once
        const again = await post(
          "/api/tenants/jeonju/actions/refs-action",
          { base_version: 1, action: { ...action, indicators: ["no-such-indicator"] } },
          "transport",
          "PUT",
        );
        assert.equal(again.status, 400);
        assert.equal(again.body.error.details[0].path, "json.action.indicators.0");

        // a link to the model names what the instance holds now: each wrong part on its path
        const link = { ...brt.model_link, scenario_action: "brt_baekjedaero" };
        const linked = (l: unknown) =>
          post(
            "/api/tenants/jeonju/actions/refs-action",
            { base_version: 1, action: { ...action, model_link: l } },
            "transport",
            "PUT",
          );
        const wrong = [
          [{ ...link, scenario: "nowhere" }, "json.action.model_link.scenario"],
          [{ ...link, scenario_action: "nowhere" }, "json.action.model_link.scenario_action"],
          [{ ...link, model: "bus_fleet_conversion" }, "json.action.model_link.model"],
          [{ ...link, parameter: "sources" }, "json.action.model_link.parameter"],
        ] as const;
        for (const [l, path] of wrong) {
          const r = await linked(l);
          assert.equal(r.status, 400, path);
          assert.deepEqual(
            r.body.error.details.map((d: Json) => [d.code, d.path]),
            [["UNKNOWN_REFERENCE", path]],
          );
        }
        const ok = await linked(link);
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        assert.equal(ok.body.action.model_link.scenario_action, "brt_baekjedaero");

        const ind = await post(
          "/api/tenants/jeonju/indicators/refs-indicator",
          {
            base_version: 0,
            indicator: {
              id: "refs-indicator",
              name: { ko: "지표", en: "Indicator" },
              kind: "output",
              unit: "count",
              unit_label: { ko: "개", en: "count" },
              direction: "increase",
              aggregation: "annual",
              goals: [],
              observed: [],
              reporter: "no-such-department",
            },
          },
          "admin",
          "PUT",
        );
        assert.equal(ind.status, 400);
        assert.equal(ind.body.error.details[0].path, "json.indicator.reporter");
        const depts = (await get("/api/tenants/jeonju/plans")).body.departments;
        assert.ok(depts.some((d: Json) => d.id === brt.departments[0] && d.name.ko));
      });

      it("reminders are for members, grouped per department", async () => {
        assert.equal((await get("/api/tenants/jeonju/reminders")).status, 401);
        const r = await get("/api/tenants/jeonju/reminders?date=2026-05-10", "council");
        assert.equal(r.status, 200);
        assert.ok(r.body.messages.length > 0);
        for (const m of r.body.messages) assert.ok(m.department && m.items.length > 0);
        // admins queue them in the outbox, once per department and day
        assert.equal(
          (await post("/api/tenants/jeonju/reminders/queue", { date: "2026-05-10" }, "transport")).status,
          403,
        );
        const q = await post("/api/tenants/jeonju/reminders/queue", { date: "2026-05-10" }, "admin");
        assert.equal(q.status, 200);
        assert.equal(q.body.queued.length, r.body.messages.length);
        const again = await post("/api/tenants/jeonju/reminders/queue", { date: "2026-05-10" }, "admin");
        assert.deepEqual(again.body.queued, []);
        const outbox = await t.store.agenda.outbox(jeonju);
        assert.deepEqual(
          outbox.map((o) => o.message.department).sort(),
          r.body.messages.map((m: Json) => m.department).sort(),
        );
      });

      it("My work: the caller's departments' reminders, named, without the mail's texts", async () => {
        const all = await get("/api/tenants/jeonju/reminders?date=2026-05-10", "admin");
        const byDept = new Map(all.body.messages.map((m: Json) => [m.department, m.items]));
        // an admin: every department, each with the same items and its register name
        const admin = await get("/api/tenants/jeonju/reminders/mine?date=2026-05-10", "admin");
        assert.equal(admin.status, 200);
        assert.equal(admin.body.date, "2026-05-10");
        assert.deepEqual(
          admin.body.departments.map((d: Json) => d.id),
          all.body.messages.map((m: Json) => m.department),
        );
        for (const d of admin.body.departments) {
          assert.deepEqual(d.items, byDept.get(d.id));
          assert.equal(d.subject, undefined);
        }
        // each department named as its register names it; which transport department still has reminders
        // here depends on what the tests before this one resolved, so either one is checked by name
        const registered: Record<string, { ko: string; en: string }> = {
          "transport-policy": { ko: "교통정책과", en: "Transport Policy Division" },
          "public-transport-bureau": { ko: "대중교통국", en: "Public Transport Bureau" },
        };
        const transport = admin.body.departments.find((d: Json) => d.id in registered);
        assert.ok(transport, "a transport department has reminders on that day");
        assert.deepEqual(transport.name, registered[transport.id]);
        // an editor of 교통정책과 and 대중교통국 (by their Korean names): those departments only
        const editor = await get("/api/tenants/jeonju/reminders/mine?date=2026-05-10", "transport");
        assert.deepEqual(
          editor.body.departments.map((d: Json) => d.id),
          admin.body.departments
            .filter((d: Json) => ["교통정책과", "대중교통국"].includes(d.name?.ko))
            .map((d: Json) => d.id),
        );
        assert.ok(editor.body.departments.some((d: Json) => d.id === transport.id));
        // a council member changes nothing: no department; a visitor signs in first
        const council = await get("/api/tenants/jeonju/reminders/mine?date=2026-05-10", "council");
        assert.deepEqual(council.body.departments, []);
        assert.equal((await get("/api/tenants/jeonju/reminders/mine")).status, 401);
        // smaller than the reminders' whole answer
        assert.ok(JSON.stringify(admin.body).length < JSON.stringify(all.body).length * 0.8);
      });
    });
  });
