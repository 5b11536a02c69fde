/**
 * Migration 0039 (decision 0095) on every kind of database: budget lines stored before they named their
 * department by id. A name the register knows once (by Korean name or by id) gives that id; a name it does
 * not know becomes a `{ ko }` entry citing the city's register, and the line its id; a name two departments
 * share leaves the line unresolved (no id); a line with an id, or standing for several projects, is left as
 * it is. db's `budgetLineDepartments`
 * (older tenant exports) gives the same answer.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Department } from "@citypath/core/agenda/index";
import type { Database } from "./connect.ts";
import { budgetLineDepartments, departmentIdFor, MOVED_BUDGET_DEPARTMENT_NOTE } from "./departments.ts";
import { migrate } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

const climate = {
  id: "climate-change-response",
  name: { ko: "기후변화대응과", en: "Climate Change Response Division" },
  source: "s1",
};
const transport = { id: "transport-policy", name: { ko: "교통정책과" }, source: "s1" };
// two departments of one Korean name (two bureaus' 녹지과): a line naming it cannot be given either
const greenNorth = { id: "green-north", name: { ko: "녹지과", en: "Green Division (North)" }, source: "s1" };
const greenSouth = { id: "green-south", name: { ko: "녹지과", en: "Green Division (South)" }, source: "s1" };
const register = [climate, transport, greenNorth, greenSouth];

const line = (code: string, department: string, departmentId?: string) => ({
  year: 2024,
  code,
  name: { ko: `사업 ${code}` },
  bureau: "환경국",
  department,
  ...(departmentId ? { department_id: departmentId } : {}),
  account: "general",
  cost_kind: "project",
  amount: { original_krw: 1000 },
  class: "neutral",
  class_reason: "예시",
  illustrative: true,
});

/** t1: one line per case; t2: no register at all, one line. */
const stored = {
  t1: [
    line("100-100-A-A-1", "기후변화대응과"),
    line("100-100-A-A-2", "transport-policy"),
    line("100-100-A-A-3", "녹지과"),
    line("100-100-A-A-4", "자원순환과"),
    line("100-100-A-A-5", "기후변화대응과", "transport-policy"),
    // a row standing for several projects (the budget's "(전체)" total) is no one department's
    { ...line("100-100-A-A-6", "(전체)"), aggregate_of: 2910 },
  ],
  t2: [line("100-100-A-A-1", "환경과")],
};

for (const kind of testDatabaseKinds()) {
  describe(`migration 0039 (budget lines by department id) on ${kind.name}`, { skip: kind.skip }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("gives each line the register's id where the name is one department's, else says so", async () => {
      d = await kind.open({ migrated: false });
      // the journal's index 34 is 0034, the last migration before 0039
      await migrate(d, { upTo: 34 });
      await d.withSession(async (s) => {
        for (const [id, slug] of [
          ["t1", "city"],
          ["t2", "county"],
        ])
          await s.query(
            `INSERT INTO tenant (id, slug, name, name_en, settings) VALUES ($1, $2, '시', 'City', '{"default_locale":"ko"}')`,
            [id, slug],
          );
        for (const dep of register)
          await s.query(
            "INSERT INTO agenda_register (tenant_id, kind, id, document) VALUES ('t1', 'department', $1, $2)",
            [dep.id, JSON.stringify(dep)],
          );
        for (const [tenant, lines] of Object.entries(stored))
          for (const l of lines)
            await s.query(
              `INSERT INTO budget_line (tenant_id, year, code, class, department_id, amount_krw, document)
               VALUES ($1, $2, $3, $4, $5, $6, $7)`,
              [tenant, l.year, l.code, l.class, l.department_id ?? null, 1000, JSON.stringify(l)],
            );
      });
      const up = await migrate(d);
      assert.ok(up.applied.includes("0039_budget_lines_by_department_id"));

      const q = <T>(sql: string) => d!.withSession((s) => s.query<T & Record<string, unknown>>(sql));
      const rows = await q<{
        tenant_id: string;
        code: string;
        department_id: string | null;
        version: number;
        document: { department_id?: string };
      }>(
        'SELECT tenant_id, code, department_id, version, document FROM budget_line ORDER BY tenant_id, code COLLATE "C"',
      );
      const recycling = departmentIdFor("자원순환과");
      const environment = departmentIdFor("환경과");
      assert.deepEqual(
        rows.map((r) => [
          r.tenant_id,
          r.code.slice(-1),
          r.department_id,
          r.document.department_id ?? null,
          r.version,
        ]),
        [
          ["t1", "1", "climate-change-response", "climate-change-response", 2],
          ["t1", "2", "transport-policy", "transport-policy", 2],
          // shared by green-north and green-south: unresolved, unchanged
          ["t1", "3", null, null, 1],
          ["t1", "4", recycling, recycling, 2],
          // a line with an id keeps it, even where its name is another department's
          ["t1", "5", "transport-policy", "transport-policy", 1],
          // the total of several projects: no id, no register entry, unchanged
          ["t1", "6", null, null, 1],
          ["t2", "1", environment, environment, 2],
        ],
      );
      // the rest of a document is kept as it was
      const [first] = rows;
      assert.deepEqual(first!.document, { ...stored.t1[0], department_id: "climate-change-response" });

      const reg = await q<{ tenant_id: string; kind: string; id: string; document: Department }>(
        'SELECT tenant_id, kind, id, document FROM agenda_register ORDER BY tenant_id, kind, id COLLATE "C"',
      );
      const moved = (name: string) => ({
        id: departmentIdFor(name),
        name: { ko: name },
        source: "city-department-register",
        note: MOVED_BUDGET_DEPARTMENT_NOTE,
      });
      const added = reg.filter((r) => r.kind === "department" && r.id.startsWith("dept-"));
      assert.deepEqual(
        added.map((r) => [r.tenant_id, r.document]),
        [
          ["t1", moved("자원순환과")],
          ["t2", moved("환경과")],
        ],
      );
      assert.deepEqual(
        reg.filter((r) => r.kind === "source").map((r) => [r.tenant_id, r.id]),
        [
          ["t1", "city-department-register"],
          ["t2", "city-department-register"],
        ],
      );
      // every id a line names resolves
      const known = new Set(reg.filter((r) => r.kind === "department").map((r) => `${r.tenant_id}/${r.id}`));
      for (const r of rows)
        if (r.department_id) assert.ok(known.has(`${r.tenant_id}/${r.department_id}`), r.department_id);

      // the rule for older tenant exports gives the same lines and entries
      const t1 = budgetLineDepartments(stored.t1, register as unknown as Department[]);
      assert.deepEqual(
        t1.lines.map((l) => (l as { department_id?: string }).department_id ?? null),
        rows.filter((r) => r.tenant_id === "t1").map((r) => r.department_id),
      );
      assert.deepEqual(t1.added, [moved("자원순환과")]);
      assert.equal(t1.unresolved, 1);
      assert.equal(t1.lines[2], stored.t1[2], "an unresolved line is returned as given");
      assert.equal(t1.lines[5], stored.t1[5], "a total of several projects is returned as given");
      const t2 = budgetLineDepartments(stored.t2, []);
      assert.deepEqual(t2.added, [moved("환경과")]);
    });
  });
}
