/**
 * Migration 0034 (decision 0083) on every kind of database: a tenant whose settings list departments by
 * Korean name, with memberships, an invitation and model owners naming them so, and actions and a budget line
 * naming register ids. After it every reference is a register id that resolves, a name the register did not
 * know is a new entry `{ ko }` citing the city's register, and db's `departmentIdsOf` (older tenant exports)
 * gives the same ids.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Department } from "@citypath/core/agenda/index";
import type { Database } from "./connect.ts";
import { departmentIdFor, departmentIdsOf } from "./departments.ts";
import { migrate } from "./migrate.ts";
import { testDatabaseKinds } from "./testing.ts";

const climate = {
  id: "climate-change-response",
  name: { ko: "기후변화대응과", en: "Climate Change Response Division" },
  source: "s1",
};
const transport = {
  id: "transport-policy",
  name: { ko: "교통정책과", en: "Transport Policy Division" },
  source: "s1",
};

for (const kind of testDatabaseKinds()) {
  describe(`migration 0034 (departments named by their register id) on ${kind.name}`, {
    skip: kind.skip,
  }, () => {
    let d: Database | undefined;
    after(async () => d?.close());

    it("memberships, invitations and model owners name ids; unknown names become {ko} entries", async () => {
      d = await kind.open({ migrated: false });
      // the last migration before 0034 (the journal's index 33: 0038, which landed first)
      await migrate(d, { upTo: 33 });
      await d.withSession(async (s) => {
        await s.query(
          `INSERT INTO tenant (id, slug, name, name_en, settings) VALUES ('t1', 'city', '시', 'City', $1)`,
          [
            JSON.stringify({
              default_locale: "ko",
              departments: ["기후변화대응과", "건축과", "교통정책과"],
              model_owners: ["기후변화대응과", "건축과"],
            }),
          ],
        );
        // a tenant with no departments in its settings is left as it is
        await s.query(
          `INSERT INTO tenant (id, slug, name, name_en, settings) VALUES ('t2', 'other', '군', 'County', $1)`,
          [JSON.stringify({ default_locale: "en" })],
        );
        for (const dep of [climate, transport])
          await s.query(
            "INSERT INTO agenda_register (tenant_id, kind, id, document) VALUES ('t1', 'department', $1, $2)",
            [dep.id, JSON.stringify(dep)],
          );
        for (const [id, email] of [
          ["u1", "a@x.kr"],
          ["u2", "b@x.kr"],
          ["u3", "c@x.kr"],
        ])
          await s.query(`INSERT INTO "user" (id, name, email) VALUES ($1, $1, $2)`, [id, email]);
        // by Korean name, by id, a name the register does not know, and the same department twice
        await s.query(
          `INSERT INTO membership (tenant_id, user_id, role, departments) VALUES ('t1', 'u1', 'editor', $1)`,
          [JSON.stringify(["건축과", "기후변화대응과", "transport-policy", "climate-change-response"])],
        );
        await s.query(
          `INSERT INTO membership (tenant_id, user_id, role, departments) VALUES ('t1', 'u2', 'admin', '[]')`,
        );
        await s.query(
          `INSERT INTO membership (tenant_id, user_id, role, departments) VALUES ('t2', 'u3', 'editor', $1)`,
          [JSON.stringify(["환경과"])],
        );
        await s.query(
          `INSERT INTO invitation (tenant_id, id, email, role, departments, token_hash, expires_at)
           VALUES ('t1', 'i1', 'new@x.kr', 'editor', $1, 'h', now() + interval '7 days')`,
          [JSON.stringify(["교통정책과"])],
        );
        await s.query(
          "INSERT INTO agenda_action (tenant_id, id, status, departments, document) VALUES ('t1', 'brt', 'in_progress', $1, $2)",
          [
            JSON.stringify(["transport-policy"]),
            JSON.stringify({ id: "brt", departments: ["transport-policy"] }),
          ],
        );
        await s.query(
          `INSERT INTO budget_line (tenant_id, year, code, class, department_id, amount_krw, document)
           VALUES ('t1', 2026, '100-100-A', 'reduction', 'climate-change-response', 1000, $1)`,
          [JSON.stringify({ department: "기후변화대응과", department_id: "climate-change-response" })],
        );
      });
      const up = await migrate(d);
      assert.ok(up.applied.includes("0034_departments_by_id"));

      const building = departmentIdFor("건축과");
      const environment = departmentIdFor("환경과");
      assert.match(building, /^dept-[0-9a-f]{12}$/);
      const q = <T>(sql: string) => d!.withSession((s) => s.query<T & Record<string, unknown>>(sql));
      const members = await q<{ tenant_id: string; user_id: string; departments: unknown }>(
        "SELECT tenant_id, user_id, departments FROM membership ORDER BY user_id",
      );
      assert.deepEqual(
        members.map((m) => [m.user_id, m.departments]),
        [
          ["u1", [building, "climate-change-response", "transport-policy"]],
          ["u2", []],
          ["u3", [environment]],
        ],
      );
      const [inv] = await q<{ departments: unknown }>("SELECT departments FROM invitation");
      assert.deepEqual(inv?.departments, ["transport-policy"]);
      const tenants = await q<{ id: string; settings: unknown; version: number }>(
        "SELECT id, settings, version FROM tenant ORDER BY id",
      );
      assert.deepEqual(
        tenants.map((t) => [t.id, t.settings, t.version]),
        [
          ["t1", { default_locale: "ko", model_owners: ["climate-change-response", building] }, 2],
          ["t2", { default_locale: "en" }, 1],
        ],
      );
      const reg = await q<{ tenant_id: string; kind: string; id: string; document: Department }>(
        'SELECT tenant_id, kind, id, document FROM agenda_register ORDER BY tenant_id, kind, id COLLATE "C"',
      );
      const moved = (name: string) => ({
        id: departmentIdFor(name),
        name: { ko: name },
        source: "city-department-register",
        note: "설정의 부서 목록에서 옮김: 영문 이름을 입력하세요. (Moved from the settings' department list: enter the English name.)",
      });
      assert.deepEqual(
        reg.filter((r) => r.kind === "department").map((r) => [r.tenant_id, r.document]),
        [
          ["t1", climate],
          ["t1", moved("건축과")],
          ["t1", transport],
          ["t2", moved("환경과")],
        ].sort((a, b) =>
          `${a[0]} ${(a[1] as Department).id}`.localeCompare(`${b[0]} ${(b[1] as Department).id}`),
        ),
      );
      assert.deepEqual(
        reg.filter((r) => r.kind === "source").map((r) => [r.tenant_id, r.id]),
        [
          ["t1", "city-department-register"],
          ["t2", "city-department-register"],
        ],
      );
      // every reference resolves: memberships, invitations, model owners, actions and budget lines
      const known = new Set(reg.filter((r) => r.kind === "department").map((r) => `${r.tenant_id}/${r.id}`));
      const refs = await q<{ tenant_id: string; id: string }>(
        `SELECT tenant_id, jsonb_array_elements_text(departments) AS id FROM membership
         UNION ALL SELECT tenant_id, jsonb_array_elements_text(departments) FROM invitation
         UNION ALL SELECT tenant_id, jsonb_array_elements_text(departments) FROM agenda_action
         UNION ALL SELECT tenant_id, department_id FROM budget_line`,
      );
      assert.equal(refs.length, 7);
      for (const r of refs) assert.ok(known.has(`${r.tenant_id}/${r.id}`), `${r.tenant_id}/${r.id} resolves`);

      // the rule for older tenant exports gives the same ids and entries
      const before = [climate, transport] as unknown as Department[];
      const u1 = departmentIdsOf(
        ["건축과", "기후변화대응과", "transport-policy", "climate-change-response"],
        before,
      );
      assert.deepEqual(u1.ids, members[0]!.departments);
      assert.deepEqual(u1.added, [moved("건축과")]);
    });
  });
}
