/**
 * Texts stored as one string become core's local name or text on every kind of database: the string is the
 * Korean, the English is missing (never a copy), and core's `asLocal` (used for older tenant exports) gives
 * the same values. Migration 0031: an inventory version's label and its verification's basis (a published,
 * frozen, version keeps its figures). Migration 0032: the note on an official answer's link.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { asLocal } from "@citypath/core/vocabulary/local";
import type { Database } from "./connect.ts";
import { migrate } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

const result = { format: "citypath.inventory", years: [] };

for (const kind of testDatabaseKinds()) {
  describe(`migration 0031 (an inventory's label and verification basis in two languages) on ${kind.name}`, {
    skip: kind.skip,
  }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("the string becomes the Korean, the English is left missing, the frozen version is untouched", async () => {
      d = await kind.open({ migrated: false });
      // the last migration before 0031 (the journal's index 30: 0033, which landed first)
      await migrate(d, { upTo: 30 });
      await d.withSession(async (s) => {
        await s.exec(`INSERT INTO tenant (id, slug, name, name_en) VALUES ('t1', 'city', '시', 'City')`);
        for (const [version, status, label] of [
          [1, "published", "전주시 온실가스 인벤토리"],
          [2, "draft", "2023 재계산"],
        ] as const)
          await s.query(
            `INSERT INTO inventory (tenant_id, version, label, status, gwp_set, result, first_year, last_year, published_at)
             VALUES ('t1', $1, $2, $3, 'AR5', $4, 2018, 2023, $5)`,
            [version, label, status, JSON.stringify(result), status === "published" ? new Date() : null],
          );
        await s.exec(
          `INSERT INTO inventory_verification (tenant_id, version, status, basis, illustrative)
           VALUES ('t1', 1, 'provisional', '검증 기록 없음', true)`,
        );
      });
      const up = await migrate(d);
      assert.ok(up.applied.includes("0031_inventory_local_texts"));
      const rows = await d.withSession((s) =>
        s.query<{ version: number; label: unknown; status: string; result: unknown }>(
          "SELECT version, label, status, result FROM inventory ORDER BY version",
        ),
      );
      assert.deepEqual(
        rows.map((r) => [r.version, r.label, r.status]),
        [
          [1, { ko: "전주시 온실가스 인벤토리" }, "published"],
          [2, { ko: "2023 재계산" }, "draft"],
        ],
      );
      assert.deepEqual(rows[0]!.result, result, "the published version's figures are untouched");
      const [v] = await d.withSession((s) =>
        s.query<{ basis: unknown }>("SELECT basis FROM inventory_verification"),
      );
      assert.deepEqual(v?.basis, { ko: "검증 기록 없음" });
      // the core's rule (older tenant exports) gives the same values
      assert.deepEqual(["전주시 온실가스 인벤토리", "2023 재계산", "검증 기록 없음"].map(asLocal), [
        rows[0]!.label,
        rows[1]!.label,
        v?.basis,
      ]);
      // a published version stays frozen after the change of type
      await assert.rejects(
        d.withSession((s) =>
          s.exec(`UPDATE inventory SET label = '{"ko": "바꿈"}' WHERE tenant_id = 't1' AND version = 1`),
        ),
        /published and frozen/,
      );
    });
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`migration 0032 (an answer link's note in two languages) on ${kind.name}`, {
    skip: kind.skip,
  }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("a string note becomes the Korean, the English is left missing, the answer's version moves", async () => {
      d = await kind.open({ migrated: false });
      // the last migration before 0032 (the journal's index 31: 0031)
      await migrate(d, { upTo: 31 });
      const links = {
        a: [
          { kind: "action_status", id: "brt", note: "2022년 7월 중단" },
          { kind: "target", id: "t2030" },
          { kind: "new_action", id: "shuttle", note: "전기 셔틀" },
        ],
        b: [{ kind: "action_status", id: "brt" }],
        c: [],
      };
      await d.withSession(async (s) => {
        await s.exec(`INSERT INTO tenant (id, slug, name, name_en) VALUES ('t1', 'city', '시', 'City')`);
        await s.exec(
          `INSERT INTO consultation (tenant_id, id, status, subject_kind, subject_id, audience, opens_at, closes_at, department, document)
           VALUES ('t1', 'k', 'open', 'action', 'brt', 'all', now(), now() + interval '1 day', 'transport', '{}')`,
        );
        for (const [id, l] of Object.entries(links)) {
          await s.query(
            `INSERT INTO contribution (tenant_id, id, consultation_id, kind, root_id, author_key, author_name, text, due_at)
             VALUES ('t1', $1, 'k', 'comment', $1, 'key', '시민', '의견입니다', now())`,
            [id],
          );
          await s.query(
            `INSERT INTO contribution_answer (tenant_id, contribution_id, state, text, links, department)
             VALUES ('t1', $1, 'accepted', '{"ko": "반영"}', $2, 'transport')`,
            [id, JSON.stringify(l)],
          );
        }
      });
      const up = await migrate(d);
      assert.ok(up.applied.includes("0032_answer_link_local_notes"));
      const rows = await d.withSession((s) =>
        s.query<{ contribution_id: string; version: number; links: unknown }>(
          "SELECT contribution_id, version, links FROM contribution_answer ORDER BY contribution_id",
        ),
      );
      const asLocalNote = (l: { note?: string }) =>
        l.note === undefined ? l : { ...l, note: asLocal(l.note) };
      assert.deepEqual(
        rows.map((r) => [r.contribution_id, r.version, r.links]),
        [
          ["a", 2, links.a.map(asLocalNote)],
          ["b", 1, links.b],
          ["c", 1, []],
        ],
      );
      assert.deepEqual((rows[0]!.links as unknown[])[0], {
        kind: "action_status",
        id: "brt",
        note: { ko: "2022년 7월 중단" },
      });
    });
  });
}
