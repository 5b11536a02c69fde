/**
 * Migration 0026: the agenda actions' own budget rows become budget lines linked to their action, on every
 * kind of database, with data before and after; the core's `linesFromAgendaRows` (used for older tenant
 * exports) gives the same lines.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { AgendaBudgetRowSchema } from "@citypath/core/agenda/schema";
import { BudgetLineSchema, SettlementSchema } from "@citypath/core/budget/index";
import {
  type ActionWithRows,
  linesFromAgendaRows,
  withLocalIndicatorNames,
} from "@citypath/core/budget/migrated";
import { asActionId } from "@citypath/core/vocabulary/ids";
import type { Database } from "./connect.ts";
import { migrate } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

const departments = [
  {
    id: "climate",
    name: { ko: "기후변화대응과", en: "Climate Division" },
    parent: "env",
    illustrative: true,
  },
  { id: "env", name: { ko: "환경녹지국", en: "Environment Bureau" }, illustrative: true },
];
const action = (id: string, dept: string, budget?: unknown[]) => ({
  id,
  name: { ko: `과제 ${id}`, en: `Action ${id}` },
  departments: [dept],
  ...(budget === undefined ? {} : { budget }),
});
const actions = [
  action("zeta-bus", "climate", [
    {
      year: 2024,
      planned_krw: 1_000_000_000.4,
      spent_krw: 900_000_000,
      funder: "city",
      illustrative: true,
      note: "예시",
    },
    { year: 2024, planned_krw: 500_000_000, funder: "national", source: "s1" },
    { year: 2025, spent_krw: 300, source: "s2" },
  ]),
  // already funded in 2024 by a budget line: its row becomes a line that is not linked
  action("alpha-solar", "nowhere", [{ year: 2024, planned_krw: 2_000_000_000, source: "s1" }]),
  action("beta", "climate"),
  action("gamma", "climate", []),
];
const existing = {
  year: 2024,
  code: "110-111-A01-B01-C01",
  name: { ko: "태양광" },
  bureau: "환경녹지국",
  department: "기후변화대응과",
  account: "general",
  cost_kind: "project",
  amount: { original_krw: 3_000_000_000 },
  class: "reduction",
  class_reason: "재생에너지",
  reduction: { type: "qualitative", sector: "conversion" },
  action: "alpha-solar",
  illustrative: true,
};

for (const kind of testDatabaseKinds()) {
  describe(`migration 0026 (an action's budget rows become budget lines) on ${kind.name}`, {
    skip: kind.skip,
  }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("moves every row into a line of its action, counts none twice, and keeps the row", async () => {
      d = await kind.open({ migrated: false });
      await migrate(d, { upTo: 25 });
      await d.withSession(async (s) => {
        await s.exec(`INSERT INTO tenant (id, slug, name, name_en) VALUES ('t1', 'city', '시', 'City')`);
        for (const dep of departments)
          await s.query(
            "INSERT INTO agenda_register (tenant_id, kind, id, document) VALUES ('t1', 'department', $1, $2)",
            [dep.id, JSON.stringify(dep)],
          );
        for (const a of actions)
          await s.query(
            "INSERT INTO agenda_action (tenant_id, id, status, departments, document) VALUES ('t1', $1, 'in_progress', $2, $3)",
            [a.id, JSON.stringify(a.departments), JSON.stringify(a)],
          );
        await s.query(
          `INSERT INTO budget_line (tenant_id, year, code, class, action_id, amount_krw, document)
           VALUES ('t1', 2024, $1, 'reduction', 'alpha-solar', 3000000000, $2)`,
          [existing.code, JSON.stringify(existing)],
        );
      });
      const up = await migrate(d);
      assert.ok(up.applied.includes("0026_budget_lines_from_agenda_and_profiles"));

      const lines = await d.withSession((s) =>
        s.query<{
          year: number;
          code: string;
          class: string;
          action_id: string | null;
          amount_krw: string | number;
          document: unknown;
        }>("SELECT year, code, class, action_id, amount_krw, document FROM budget_line ORDER BY year, code"),
      );
      const settlements = await d.withSession((s) =>
        s.query<{ code: string; year: number; closed: boolean; document: unknown }>(
          "SELECT code, year, closed, document FROM budget_settlement ORDER BY year, code",
        ),
      );
      const after0026 = await d.withSession((s) =>
        s.query<{ id: string; version: number; document: Record<string, unknown> }>(
          "SELECT id, version, document FROM agenda_action ORDER BY id",
        ),
      );

      // hand-worked: alpha-solar is A0001, zeta-bus A0002 (by id, actions with rows only)
      assert.deepEqual(
        lines.map((l) => [l.year, l.code, l.class, l.action_id, Number(l.amount_krw)]),
        [
          [2024, "110-111-A01-B01-C01", "reduction", "alpha-solar", 3_000_000_000],
          [2024, "900-999-AGENDA-A0001-R1", "neutral", null, 2_000_000_000],
          [2024, "900-999-AGENDA-A0002-R1", "neutral", "zeta-bus", 1_000_000_000],
          [2024, "900-999-AGENDA-A0002-R2", "neutral", "zeta-bus", 500_000_000],
          [2025, "900-999-AGENDA-A0002-R3", "neutral", "zeta-bus", 300],
        ],
      );
      // alpha-solar's 2024 money is counted once: the line that already funded it
      const alpha2024 = lines.filter((l) => l.action_id === "alpha-solar" && l.year === 2024);
      assert.deepEqual(
        alpha2024.map((l) => Number(l.amount_krw)),
        [3_000_000_000],
      );
      const zeta = lines.find((l) => l.code === "900-999-AGENDA-A0002-R1")!.document as Record<
        string,
        unknown
      >;
      assert.equal(zeta.bureau, "환경녹지국");
      assert.equal(zeta.department, "기후변화대응과");
      assert.equal(zeta.illustrative, true);
      assert.deepEqual((zeta.migrated as { row: unknown }).row, actions[0]!.budget![0]);
      const national = lines.find((l) => l.code === "900-999-AGENDA-A0002-R2")!.document as Record<
        string,
        unknown
      >;
      assert.equal(national.source, "s1");
      assert.equal(national.illustrative, undefined);
      for (const l of lines) {
        const r = BudgetLineSchema.safeParse(l.document);
        assert.ok(r.success, `${l.code}: ${JSON.stringify(r.error?.issues)}`);
      }

      assert.deepEqual(
        settlements.map((s) => {
          const x = SettlementSchema.parse(s.document);
          return [s.year, s.code, s.closed, x.available_krw, x.executed_krw, x.as_of];
        }),
        [
          [2024, "900-999-AGENDA-A0002-R1", false, 1_000_000_000, 900_000_000, "2024-12-31"],
          [2025, "900-999-AGENDA-A0002-R3", false, 300, 300, "2025-12-31"],
        ],
      );

      // the actions no longer carry rows; those that had the key moved to a new version
      assert.deepEqual(
        after0026.map((a) => [a.id, a.version, "budget" in a.document]),
        [
          ["alpha-solar", 2, false],
          ["beta", 1, false],
          ["gamma", 2, false],
          ["zeta-bus", 2, false],
        ],
      );

      // the core's rule (older exports) gives the same lines and settlements
      const made = linesFromAgendaRows(
        actions
          .filter((a) => a.budget !== undefined)
          .map(
            (a): ActionWithRows => ({
              ...a,
              id: asActionId(a.id),
              budget: a.budget!.map((r) => AgendaBudgetRowSchema.parse(r)),
            }),
          ),
        departments,
        [BudgetLineSchema.parse(existing)],
      );
      assert.deepEqual(
        made.lines,
        lines.filter((l) => l.code.startsWith("900-999-AGENDA")).map((l) => l.document),
      );
      assert.deepEqual(
        made.settlements,
        settlements.map((s) => s.document),
      );
    });
  });
}

/** A line as stored before migration 0029: its indicator's name and unit are strings. */
const before0029 = {
  ...existing,
  code: "120-123-TR01-BRT-001",
  reduction: {
    type: "quantitative",
    sector: "transport",
    indicator: { name: "BRT 일 이용객", unit: "명/일", target: 30_000, direction: "increase" },
  },
};

for (const kind of testDatabaseKinds()) {
  describe(`migration 0029 (a budget indicator's local names) on ${kind.name}`, { skip: kind.skip }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("keeps each line: the string becomes the Korean, the English is left missing, the version moves", async () => {
      d = await kind.open({ migrated: false });
      await migrate(d, { upTo: 27 });
      await d.withSession(async (s) => {
        await s.exec(`INSERT INTO tenant (id, slug, name, name_en) VALUES ('t1', 'city', '시', 'City')`);
        for (const l of [before0029, existing])
          await s.query(
            `INSERT INTO budget_line (tenant_id, year, code, class, action_id, amount_krw, document)
             VALUES ('t1', 2024, $1, 'reduction', null, 3000000000, $2)`,
            [l.code, JSON.stringify(l)],
          );
      });
      // up to 0029 alone: later migrations (0039's department ids) move the versions again
      const up = await migrate(d, { upTo: 29 });
      assert.ok(up.applied.includes("0029_budget_indicator_local_names"));
      const rows = await d.withSession((s) =>
        s.query<{ code: string; version: number; document: unknown }>(
          "SELECT code, version, document FROM budget_line ORDER BY code",
        ),
      );
      assert.deepEqual(
        rows.map((r) => [r.code, r.version]),
        [
          ["110-111-A01-B01-C01", 1],
          ["120-123-TR01-BRT-001", 2],
        ],
      );
      const brt = BudgetLineSchema.parse(rows[1]!.document);
      assert.deepEqual(brt.reduction?.indicator, {
        name: { ko: "BRT 일 이용객" },
        unit: { ko: "명/일" },
        target: 30_000,
        direction: "increase",
      });
      // the line without an indicator is unchanged
      assert.deepEqual(rows[0]!.document, existing);
      // the core's rule (older tenant exports) gives the same documents
      assert.deepEqual(
        [existing, before0029].map(withLocalIndicatorNames),
        rows.map((r) => r.document),
      );
    });
  });
}
