import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, routeTestKinds, type Session, signIn, type TestApp } from "../../testing.ts";

type Trail = {
  records: {
    stream: number;
    seq: number;
    at: string;
    actor: { id: string; email: string | null } | null;
    action: string;
    entity: string;
    entity_id: string;
    version: number | null;
    before: unknown;
    after: unknown;
    prev_hash: string;
    hash: string;
  }[];
  next_after: string | null;
};

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("the audit trail through the API", () => {
      let t: TestApp;
      let admin: Session;
      let editor: Session;
      before(async () => {
        t = await createTestApp({ on: kind.name });
        const j = (await t.store.tenants.bySlug("jeonju"))!;
        admin = await signIn(t, "admin@jeonju.example");
        editor = await signIn(t, "editor@jeonju.example");
        await t.store.memberships.put(j.id, admin.userId, "admin");
        await t.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
      });
      after(() => t.close());

      const put = (s: Session, base: number, name: string) =>
        t.app.request("/api/tenants/jeonju/factor-sets/local", {
          method: "PUT",
          headers: s.headers(true),
          body: JSON.stringify({
            base_version: base,
            name,
            factors: [
              { activity: "electricity", gas: "CO2e", factor: 0.45, unit: "tCO2e/MWh", source: "test" },
            ],
          }),
        });
      const trail = async (query: string) =>
        (await (
          await t.app.request(`/api/tenants/jeonju/audit?${query}`, { headers: admin.headers() })
        ).json()) as Trail;

      it("records who changed what, when, before and after; filters per record, user and period", async () => {
        const start = new Date().toISOString();
        assert.equal((await put(editor, 0, "지역 계수")).status, 200);
        assert.equal((await put(admin, 1, "지역 계수 (수정)")).status, 200);
        const perRecord = await trail("entity=factor_set&entity_id=local");
        assert.deepEqual(
          perRecord.records.map((r) => [r.action, r.version, r.actor?.email]),
          [
            ["create", 1, "editor@jeonju.example"],
            ["update", 2, "admin@jeonju.example"],
          ],
        );
        const upd = perRecord.records[1]!;
        assert.equal((upd.before as { name: string }).name, "지역 계수");
        assert.equal((upd.after as { name: string }).name, "지역 계수 (수정)");
        // chained to the record before it in its own chain (decision 0030: a chain per stream)
        const whole = await trail("limit=1000");
        const prior = whole.records.find((r) => r.stream === upd.stream && r.seq === upd.seq - 1);
        assert.equal(upd.prev_hash, prior ? prior.hash : "0".repeat(64));
        const byEditor = await trail(`user=${encodeURIComponent("editor@jeonju.example")}`);
        assert.deepEqual(
          byEditor.records.map((r) => r.entity_id),
          ["local"],
        );
        assert.equal((await trail(`from=${encodeURIComponent(start)}`)).records.length, 2);
        assert.equal((await trail(`to=${encodeURIComponent(start)}`)).records.length, 0);
        const page = await trail("limit=1");
        assert.equal(page.records.length, 1);
        const first = page.records[0]!;
        assert.equal(page.next_after, `${new Date(first.at).getTime()}.${first.stream}.${first.seq}`);
        // the next page starts after it, in time order, and the whole trail is there page by page
        const next = await trail(`limit=1&after=${page.next_after}`);
        assert.equal(next.records.length, 1);
        assert.ok(next.records[0]!.at >= first.at);
        assert.notDeepEqual([next.records[0]!.stream, next.records[0]!.seq], [first.stream, first.seq]);
        const bad = await t.app.request("/api/tenants/jeonju/audit?after=12.x", { headers: admin.headers() });
        assert.equal(bad.status, 400);
      });

      it("exports the filtered trail: CSV with Korean or English headers, every record of the filter, and XLSX", async () => {
        const filter = `user=${encodeURIComponent("editor@jeonju.example")}`;
        const listed = await trail(filter);
        assert.ok(listed.records.length >= 1);
        const csv = await t.app.request(`/api/tenants/jeonju/audit/export?${filter}&format=csv`, {
          headers: admin.headers(),
        });
        assert.equal(csv.status, 200);
        assert.match(csv.headers.get("content-disposition") ?? "", /jeonju-audit\.csv/);
        const lines = (await csv.text())
          .replace(/^\uFEFF/, "")
          .trim()
          .split("\r\n");
        assert.equal(
          lines[0],
          "체인,순번,시각,사용자 ID,사용자 이메일,사용자 이름,작업,기록 종류,기록 ID,버전,변경 전,변경 후,이전 해시,해시",
        );
        assert.equal(lines.length - 1, listed.records.length);
        lines.slice(1).forEach((l, i) => {
          const r = listed.records[i]!;
          assert.ok(l.startsWith(`${r.stream},${r.seq},${r.at},${editor.userId},editor@jeonju.example,`), l);
          assert.ok(l.endsWith(`,${r.prev_hash},${r.hash}`), l);
        });
        const en = await t.app.request(`/api/tenants/jeonju/audit/export?${filter}&lang=en`, {
          headers: admin.headers(),
        });
        assert.equal(
          (await en.text()).replace(/^\uFEFF/, "").split("\r\n")[0],
          "stream,seq,at,actor_id,actor_email,actor_name,action,entity,entity_id,version,before,after,prev_hash,hash",
        );
        const xlsx = await t.app.request(`/api/tenants/jeonju/audit/export?${filter}&format=xlsx`, {
          headers: admin.headers(),
        });
        assert.equal(xlsx.status, 200);
        assert.equal(
          Buffer.from(await xlsx.arrayBuffer())
            .subarray(0, 2)
            .toString("latin1"),
          "PK",
        );
        // the editor may not read the trail at all
        const refused = await t.app.request(`/api/tenants/jeonju/audit/export?${filter}`, {
          headers: editor.headers(),
        });
        assert.equal(refused.status, 403);
      });

      it("verifies the chain, and finds a record tampered with behind the trigger's back", async () => {
        const v = async () =>
          (await (
            await t.app.request("/api/tenants/jeonju/audit/verify", { headers: admin.headers() })
          ).json()) as {
            intact: boolean;
            records: number;
            broken: { seq: number } | null;
          };
        const ok = await v();
        assert.equal(ok.intact, true);
        assert.ok(ok.records >= 2);
        await t.database.withSession((s) =>
          s.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
              UPDATE audit_log SET after = '{"name": "몰래 바꿈"}' WHERE entity = 'factor_set' AND version = 1;
              ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`),
        );
        const bad = await v();
        assert.equal(bad.intact, false);
        assert.equal(typeof bad.broken?.seq, "number");
      });
    });
  });
