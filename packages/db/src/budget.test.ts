/** The budget repository's contract, on PGlite and PostgreSQL alike. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CitypathError } from "@citypath/core";
import { type BudgetLine, BudgetLineSchema, SettlementSchema } from "@citypath/core/budget/index";
import type { Database } from "./connect.ts";
import { exportTenant, importTenant } from "./export.ts";
import { createStore, type Store } from "./store.ts";
import { testDatabaseKinds } from "./testing.ts";

const code = (e: unknown) => (e instanceof CitypathError ? e.code : undefined);
const version = (e: unknown) => (e as { currentVersion?: number }).currentVersion;

const line = (over: Partial<BudgetLine> = {}): BudgetLine =>
  BudgetLineSchema.parse({
    year: 2024,
    code: "120-123-A01-B01-C01",
    name: { ko: "BRT 구축" },
    bureau: "대중교통국",
    department: "교통정책과",
    department_id: "transport-policy",
    account: "general",
    cost_kind: "project",
    amount: { original_krw: 600_000_000 },
    class: "reduction",
    class_reason: "대중교통 전환",
    reduction: { type: "quantitative", sector: "transport", expected: { kind: "action" } },
    action: "brt",
    illustrative: true,
    ...over,
  });

for (const kind of testDatabaseKinds()) {
  describe(`budget repository on ${kind.name}`, { skip: kind.skip }, () => {
    let database: Database;
    let store: Store;
    let n = 0;
    const tenant = () => store.tenants.create({ slug: `budget-${++n}`, name: `시${n}`, nameEn: `City ${n}` });
    before(async () => {
      database = await kind.open();
      store = createStore(database);
    });
    after(async () => {
      await database?.close();
    });

    it("saves lines by version; a stale save is a CONFLICT with the current version", async () => {
      const t = await tenant();
      const a = await store.budget.saveLine(t.id, line(), 0);
      assert.equal(a.version, 1);
      await assert.rejects(
        store.budget.saveLine(t.id, line(), 0),
        (e) => code(e) === "CONFLICT" && version(e) === 1,
      );
      const b = await store.budget.saveLine(t.id, line({ amount: { original_krw: 700_000_000 } }), 1);
      assert.equal(b.version, 2);
      await assert.rejects(
        store.budget.saveLine(t.id, line(), 1),
        (e) => code(e) === "CONFLICT" && version(e) === 2,
      );
      await assert.rejects(
        store.budget.saveLine(t.id, line({ year: 2025 }), 3),
        (e) => code(e) === "NOT_FOUND",
      );
      await store.budget.saveLine(
        t.id,
        line({
          year: 2025,
          code: "070-071-A-B-C",
          action: undefined,
          reduction: { type: "qualitative", sector: "policy_base" },
        }),
        0,
      );
      assert.deepEqual(
        (await store.budget.lines(t.id)).map((r) => [r.document.year, r.document.code]),
        [
          [2024, "120-123-A01-B01-C01"],
          [2025, "070-071-A-B-C"],
        ],
      );
      assert.equal((await store.budget.lines(t.id, 2024)).length, 1);
      assert.deepEqual(
        (await store.budget.linesOfAction(t.id, "brt")).map((r) => r.document.amount.original_krw),
        [700_000_000],
      );
      // another tenant sees nothing
      const other = await tenant();
      assert.deepEqual(await store.budget.lines(other.id), []);
    });

    it("settles an existing line only, and deletes the settlement with its line", async () => {
      const t = await tenant();
      const s = SettlementSchema.parse({
        year: 2024,
        code: line().code,
        available_krw: 600,
        executed_krw: 500,
        closed: false,
        as_of: "2024-10-31",
        illustrative: true,
      });
      await assert.rejects(store.budget.saveSettlement(t.id, s, 0), (e) => code(e) === "NOT_FOUND");
      await store.budget.saveLine(t.id, line(), 0);
      assert.equal((await store.budget.saveSettlement(t.id, s, 0)).version, 1);
      assert.equal(
        (await store.budget.saveSettlement(t.id, { ...s, closed: true }, 1)).document.closed,
        true,
      );
      await assert.rejects(
        store.budget.deleteLine(t.id, 2024, line().code, 9),
        (e) => code(e) === "CONFLICT",
      );
      await store.budget.deleteLine(t.id, 2024, line().code, 1);
      assert.deepEqual(await store.budget.settlements(t.id), []);
    });

    it("a failed transaction leaves nothing half-written", async () => {
      const t = await tenant();
      await assert.rejects(
        store.transaction(async (s) => {
          await s.budget.saveLine(t.id, line(), 0);
          await s.budget.saveLine(t.id, line(), 0); // CONFLICT
        }),
      );
      assert.deepEqual(await store.budget.lines(t.id), []);
    });

    it("years, and the budget travels with the tenant's export", async () => {
      const t = await tenant();
      await store.budget.saveYear(t.id, { year: 2024, stage: "adopted", published: true, exclusions: [] }, 0);
      await store.budget.saveLine(t.id, line(), 0);
      await store.budget.saveSettlement(
        t.id,
        SettlementSchema.parse({
          year: 2024,
          code: line().code,
          available_krw: 600,
          executed_krw: 600,
          closed: true,
          as_of: "2025-02-28",
          illustrative: true,
        }),
        0,
      );
      const doc = await exportTenant(store, t.slug);
      assert.equal(doc.budget?.lines.length, 1);
      const copy = await importTenant(store, JSON.parse(JSON.stringify(doc)), { slug: `${t.slug}-copy` });
      assert.deepEqual(
        (await store.budget.lines(copy.id)).map((r) => r.document),
        [line()],
      );
      assert.equal((await store.budget.settlements(copy.id))[0]?.document.executed_krw, 600);
      assert.equal((await store.budget.year(copy.id, 2024))?.document.published, true);
    });
  });
}
