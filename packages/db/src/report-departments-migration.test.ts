/**
 * Migration 0040 (decision 0095) on every kind of database: a report's entries named departments as free
 * text (a measure row's `completed_by`, a follow-up's `owner`). A value the register knows once (its id or
 * its Korean name) becomes the id; anything else (a person's name, an unknown name, a name two departments
 * share) is removed, the rest of the entry kept; a report that names none is left as it is.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Database } from "./connect.ts";
import { migrate } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

const register = [
  { id: "transport-policy", name: { ko: "교통정책과" }, source: "s1" },
  { id: "public-transport-division", name: { ko: "대중교통과" }, source: "s1" },
  { id: "green-north", name: { ko: "녹지과" }, source: "s1" },
  { id: "green-south", name: { ko: "녹지과" }, source: "s1" },
];
const text = (ko: string) => ({ ko });
const entries = {
  measures: [
    { action: "brt", completed_on: "2025-03-14", completed_by: "교통정책과" },
    // the workspace wrote the signed-in person's name
    { action: "bus", achievements: text("보급"), completed_on: "2025-03-12", completed_by: "김민지" },
    { action: "tram", completed_on: "2025-03-11", completed_by: "public-transport-division" },
    { action: "trees", achievements: text("식재") },
    { action: "parks", completed_on: "2025-03-10", completed_by: "녹지과" },
  ],
  best_practices: [],
  follow_up: [
    { action: "brt", cause: text("원인"), plan: text("계획"), owner: "교통정책과" },
    { action: "bus", cause: text("원인"), plan: text("계획"), due: "2025-12-31", owner: "홍길동" },
    { action: "tram", cause: text("원인"), plan: text("계획") },
  ],
  opinions: [],
};
const untouched = {
  measures: [{ action: "brt", completed_on: "2024-03-01" }],
  best_practices: [],
  follow_up: [],
  opinions: [],
};

for (const kind of testDatabaseKinds()) {
  describe(`migration 0040 (report entries by department id) on ${kind.name}`, { skip: kind.skip }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("a department the register knows once becomes its id; any other name is removed", async () => {
      d = await kind.open({ migrated: false });
      // the journal's index 35 is 0039, the last migration before 0040
      await migrate(d, { upTo: 35 });
      await d.withSession(async (s) => {
        await s.query(
          `INSERT INTO tenant (id, slug, name, name_en, settings) VALUES ('t1', 'city', '시', 'City', '{"default_locale":"ko"}')`,
        );
        for (const dep of register)
          await s.query(
            "INSERT INTO agenda_register (tenant_id, kind, id, document) VALUES ('t1', 'department', $1, $2)",
            [dep.id, JSON.stringify(dep)],
          );
        for (const [year, e] of [
          [2024, untouched],
          [2025, entries],
        ] as const)
          await s.query(
            `INSERT INTO implementation_report (tenant_id, plan_id, year, stage, entries) VALUES ('t1', 'plan', $1, 'draft', $2)`,
            [year, JSON.stringify(e)],
          );
      });
      const up = await migrate(d);
      assert.ok(up.applied.includes("0040_report_entries_by_department_id"));
      const rows = await d.withSession((s) =>
        s.query<{ year: number; version: number; entries: typeof entries }>(
          "SELECT year, version, entries FROM implementation_report ORDER BY year",
        ),
      );
      assert.deepEqual(rows[0], { year: 2024, version: 1, entries: untouched });
      const e = rows[1]!.entries;
      assert.deepEqual(e.measures, [
        { action: "brt", completed_on: "2025-03-14", completed_by: "transport-policy" },
        { action: "bus", achievements: text("보급"), completed_on: "2025-03-12" },
        { action: "tram", completed_on: "2025-03-11", completed_by: "public-transport-division" },
        { action: "trees", achievements: text("식재") },
        { action: "parks", completed_on: "2025-03-10" },
      ]);
      assert.deepEqual(e.follow_up, [
        { action: "brt", cause: text("원인"), plan: text("계획"), owner: "transport-policy" },
        { action: "bus", cause: text("원인"), plan: text("계획"), due: "2025-12-31" },
        { action: "tram", cause: text("원인"), plan: text("계획") },
      ]);
      assert.deepEqual([e.best_practices, e.opinions], [[], []]);
      // one version for each part rewritten (measures, follow-up)
      assert.equal(rows[1]!.version, 3);
    });
  });
}
