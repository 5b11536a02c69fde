import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createTestApp, jsonInit, routeTestKinds, type TestApp } from "../../testing.ts";

// The core's checked-in golden output for the demo activity file (built-in factors, AR5): the API must serve
// exactly what the inventory engine computes.
const GOLDEN = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../../data/demo/golden/inventory.json", import.meta.url)),
    "utf8",
  ),
) as {
  years: {
    year: number;
    totals_tco2e: Record<string, number>;
    lines: { gpc_ref: string; tco2e: number; districts?: Record<string, number> }[];
  }[];
};

type Summary = {
  version: number;
  status: string;
  years: { year: number; totals_tco2e: Record<string, number> }[];
};
type Full = Omit<Summary, "years"> & {
  years: { year: number; lines: { gpc_ref: string; tco2e: number; district_tco2e?: number }[] }[];
};

for (const kind of routeTestKinds())
  describe(`on ${kind.name}`, { skip: kind.skip }, () => {
    describe("inventories", () => {
      let anon: TestApp;
      let dev: TestApp;
      before(async () => {
        anon = await createTestApp({ on: kind.name });
        dev = await createTestApp({ on: kind.name, devWrites: true, shareWith: anon });
      });
      after(() => anon.close());

      it("the demo's latest summary has the totals the inventory engine computes", async () => {
        const r = await anon.app.request("/api/tenants/jeonju/inventories/latest/summary");
        assert.equal(r.status, 200);
        const s = (await r.json()) as Summary;
        assert.equal(s.status, "published");
        assert.deepEqual(
          s.years.map((y) => [y.year, y.totals_tco2e]),
          GOLDEN.years.map((y) => [y.year, y.totals_tco2e]),
        );
      });

      it("filters lines by year, GPC prefix and district", async () => {
        const all = (await (await anon.app.request("/api/tenants/jeonju/inventories/1")).json()) as Full;
        assert.deepEqual(
          all.years.map((y) => y.lines.map((l) => l.gpc_ref)),
          GOLDEN.years.map((y) => y.lines.map((l) => l.gpc_ref)),
        );
        // each factor use names its activity in Korean and English (data's built-in activities), read-time:
        // the stored result keeps the id alone
        const uses = (
          all.years[0]!.lines as unknown as {
            gpc_ref: string;
            factors: { activity: string; activity_name: { ko: string; en: string } | null }[];
          }[]
        ).flatMap((l) => l.factors);
        const kerosene = uses.find((f) => f.activity === "kerosene");
        assert.deepEqual(kerosene?.activity_name, { ko: "등유", en: "Kerosene" });
        assert.ok(
          uses.every((f) => f.activity_name === null || f.activity_name.ko.length > 0),
          JSON.stringify(uses.map((f) => [f.activity, f.activity_name])),
        );
        assert.ok(!JSON.stringify(GOLDEN).includes("activity_name"));
        const y0 = GOLDEN.years[0]!;
        const byYear = (await (
          await anon.app.request(`/api/tenants/jeonju/inventories/1?year=${y0.year}`)
        ).json()) as Full;
        assert.deepEqual(
          byYear.years.map((y) => y.year),
          [y0.year],
        );
        const ii = (await (
          await anon.app.request("/api/tenants/jeonju/inventories/1?gpc_ref=II")
        ).json()) as Full;
        for (const y of ii.years) assert.ok(y.lines.every((l) => l.gpc_ref.startsWith("II.")));
        assert.equal(ii.years[0]!.lines.length, y0.lines.filter((l) => l.gpc_ref.startsWith("II.")).length);
        const district = "완산구";
        const d = (await (
          await anon.app.request(
            `/api/tenants/jeonju/inventories/1?year=${y0.year}&district=${encodeURIComponent(district)}`,
          )
        ).json()) as Full;
        const expected = y0.lines.filter((l) => l.districts?.[district] !== undefined);
        assert.ok(expected.length > 0, "the demo has lines with districts");
        assert.deepEqual(
          d.years[0]!.lines.map((l) => [l.gpc_ref, l.district_tco2e]),
          expected.map((l) => [l.gpc_ref, l.districts![district]]),
        );
        const bad = await anon.app.request("/api/tenants/jeonju/inventories/1?gpc_ref=VII&year=abc");
        assert.equal(bad.status, 400);
        const e = (await bad.json()) as { error: { details: { path: string }[] } };
        assert.deepEqual(e.error.details.map((x) => x.path).sort(), ["query.gpc_ref", "query.year"]);
      });

      it("a cached read answers 304 to its ETag", async () => {
        const r = await anon.app.request("/api/tenants/jeonju/inventories/latest/summary");
        const etag = r.headers.get("etag")!;
        assert.ok(etag);
        const again = await anon.app.request("/api/tenants/jeonju/inventories/latest/summary", {
          headers: { "if-none-match": etag },
        });
        assert.equal(again.status, 304);
      });

      it("recomputing with a city factor set makes a draft version: hidden from the public, diffed per line, then published", async () => {
        // The city's own grid factor for electricity: every electricity line changes, nothing else does.
        const put = await dev.app.request(
          "/api/tenants/jeonju/factor-sets/local-grid",
          jsonInit("PUT", {
            base_version: 0,
            name: "전주 자체 전력 배출계수 (test)",
            factors: [
              { activity: "electricity", gas: "CO2e", factor: 0.5, unit: "tCO2e/MWh", source: "test value" },
            ],
          }),
        );
        assert.equal(put.status, 200, await put.clone().text());
        const created = await dev.app.request(
          "/api/tenants/jeonju/inventories",
          jsonInit("POST", {
            label: { ko: "재계산", en: "Recomputed" },
            activity_dataset: "demo-activity",
            factor_sets: ["local-grid"],
            based_on_version: 1,
          }),
        );
        assert.equal(created.status, 201, await created.clone().text());
        const v2 = (await created.json()) as { version: number; status: string; factor_sets: unknown };
        assert.equal(v2.version, 2);
        assert.equal(v2.status, "draft");
        assert.deepEqual(v2.factor_sets, [
          { kind: "builtin", id: "builtin" },
          { kind: "tenant", id: "local-grid" },
        ]);

        // the public still sees version 1 as latest, and not version 2 at all
        assert.equal(
          (
            (await (
              await anon.app.request("/api/tenants/jeonju/inventories/latest/summary")
            ).json()) as Summary
          ).version,
          1,
        );
        assert.equal((await anon.app.request("/api/tenants/jeonju/inventories/2")).status, 404);
        const list = (await (await anon.app.request("/api/tenants/jeonju/inventories")).json()) as {
          inventories: { version: number }[];
        };
        assert.deepEqual(
          list.inventories.map((i) => i.version),
          [1],
        );

        const diff = (await (await dev.app.request("/api/tenants/jeonju/inventories/2/diff")).json()) as {
          from_version: number;
          years: {
            year: number;
            lines: { gpc_ref: string; before_tco2e: number; after_tco2e: number; change_tco2e: number }[];
          }[];
        };
        assert.equal(diff.from_version, 1);
        const changed = diff.years.flatMap((y) =>
          y.lines.filter((l) => l.change_tco2e !== 0).map((l) => l.gpc_ref),
        );
        assert.ok(changed.length > 0);
        const v1 = (await (await dev.app.request("/api/tenants/jeonju/inventories/1")).json()) as Full;
        const v2full = (await (await dev.app.request("/api/tenants/jeonju/inventories/2")).json()) as Full;
        for (const y of diff.years)
          for (const l of y.lines) {
            const b = v1.years
              .find((x) => x.year === y.year)!
              .lines.find((x) => x.gpc_ref === l.gpc_ref)!.tco2e;
            const a = v2full.years
              .find((x) => x.year === y.year)!
              .lines.find((x) => x.gpc_ref === l.gpc_ref)!.tco2e;
            assert.equal(l.change_tco2e, a - b);
          }

        assert.equal(
          (await dev.app.request("/api/tenants/jeonju/inventories/2/publish", { method: "POST" })).status,
          200,
        );
        assert.equal(
          (
            (await (
              await anon.app.request("/api/tenants/jeonju/inventories/latest/summary")
            ).json()) as Summary
          ).version,
          2,
        );
        // frozen: publishing again or deleting is a conflict
        assert.equal(
          (await dev.app.request("/api/tenants/jeonju/inventories/2/publish", { method: "POST" })).status,
          409,
        );
        assert.equal(
          (await dev.app.request("/api/tenants/jeonju/inventories/2", { method: "DELETE" })).status,
          409,
        );
      });

      it("a published version's verification: provisional in the demo with its basis, then recorded as verified, audited, shown to the public", async () => {
        type Header = { version: number; verification: Record<string, unknown> };
        const list = async () =>
          (
            (await (await anon.app.request("/api/tenants/jeonju/inventories")).json()) as {
              inventories: Header[];
            }
          ).inventories;
        const demo = (await list()).find((h) => h.version === 1)!;
        assert.equal(demo.verification.status, "provisional");
        assert.equal(demo.verification.illustrative, true);
        // the demo's basis in both languages, each in its own field (no Hangul in the English)
        const demoBasis = demo.verification.basis as { ko: string; en?: string };
        assert.match(demoBasis.ko, /시연용/);
        assert.match(demoBasis.en ?? "", /demo's illustrative activity figures/);
        assert.doesNotMatch(demoBasis.en ?? "", /[\uac00-\ud7a3]/);
        const url = "/api/tenants/jeonju/inventories/1/verification";
        // verified without who or when: refused, with the field named
        const bad = await dev.app.request(
          url,
          jsonInit("PUT", { status: "verified", basis: { ko: "시험" } }),
        );
        assert.equal(bad.status, 400);
        assert.match(await bad.text(), /verified_by/);
        // a basis as one string (the shape before it had languages) is refused, with the field named
        const flat = await dev.app.request(url, jsonInit("PUT", { status: "provisional", basis: "시험" }));
        assert.equal(flat.status, 400);
        assert.match(await flat.text(), /basis/);
        const body = {
          status: "verified",
          verified_by: "제3자 검증기관 (시험)",
          verified_on: "2026-03-31",
          basis: { ko: "검증 의견서 (시험용)" },
          illustrative: true,
        };
        // the public cannot record it
        assert.equal((await anon.app.request(url, jsonInit("PUT", body))).status, 401);
        const ok = await dev.app.request(url, jsonInit("PUT", body));
        assert.equal(ok.status, 200, await ok.clone().text());
        const h = (await list()).find((x) => x.version === 1)!;
        assert.equal(h.verification.status, "verified");
        assert.equal(h.verification.verified_by, "제3자 검증기관 (시험)");
        assert.equal(h.verification.verified_on, "2026-03-31");
        assert.deepEqual(
          h.verification.basis,
          { ko: "검증 의견서 (시험용)" },
          "no English entered: none invented",
        );
        const summary = (await (
          await anon.app.request("/api/tenants/jeonju/inventories/1/summary")
        ).json()) as Header;
        assert.equal(summary.verification.status, "verified");
        const audit = (await (
          await dev.app.request("/api/tenants/jeonju/audit?entity=inventory")
        ).json()) as {
          records: { action: string; entity_id: string; before: unknown; after: { status: string } }[];
        };
        const rec = audit.records.find((r) => r.action === "verify");
        assert.ok(rec, "the change is in the audit trail");
        assert.equal(rec.after.status, "verified");
        assert.equal((rec.before as { status: string }).status, "provisional");
        // back to provisional, as the demo has it
        const back = await dev.app.request(
          url,
          jsonInit("PUT", {
            status: "provisional",
            basis: { ko: "시연 상태로 되돌림 (시험)", en: "Back to the demo's status (test)" },
            illustrative: true,
          }),
        );
        assert.equal(back.status, 200);
      });

      it("Scope 2 both ways: instrument rows and a residual mix give market-based figures beside the location-based", async () => {
        // 2023, I.2.2: 1,000 MWh with no instrument and 400 MWh under a green premium at 0. Location-based at the
        // city's 0.5 tCO2e/MWh: 1,400 × 0.5 = 700 t. Market-based: 1,000 × 0.6 (residual mix) + 400 × 0 = 600 t.
        const row = (line: number, amount: number, instrument?: string) => ({
          line,
          year: 2023,
          gpc_ref: "I.2.2",
          activity: "electricity",
          amount,
          unit: "MWh",
          ...(instrument ? { instrument, instrument_factor: 0, instrument_factor_unit: "tCO2e/MWh" } : {}),
        });
        const bad = await dev.app.request(
          "/api/tenants/jeonju/activity-datasets",
          jsonInit("POST", { id: "scope2-bad", name: "x", rows: [{ ...row(2, 10), instrument: "rec" }] }),
        );
        assert.equal(bad.status, 400, "an instrument without its factor is refused, never stored half");
        const ds = await dev.app.request(
          "/api/tenants/jeonju/activity-datasets",
          jsonInit("POST", {
            id: "scope2",
            name: "Scope 2 test",
            rows: [row(2, 1000), row(3, 400, "green_premium")],
          }),
        );
        assert.equal(ds.status, 201, await ds.clone().text());
        const rows = (await (
          await dev.app.request("/api/tenants/jeonju/activity-datasets/scope2/rows")
        ).json()) as {
          rows: { instrument: string | null; instrument_factor: number | null }[];
        };
        assert.deepEqual(
          rows.rows.map((r) => [r.instrument, r.instrument_factor]),
          [
            [null, null],
            ["green_premium", 0],
          ],
        );
        const put = await dev.app.request(
          "/api/tenants/jeonju/factor-sets/scope2-grid",
          jsonInit("PUT", {
            base_version: 0,
            name: "grid and residual mix (test)",
            factors: [
              { activity: "electricity", gas: "CO2e", factor: 0.5, unit: "tCO2e/MWh", source: "test value" },
              {
                activity: "electricity",
                gas: "CO2e",
                factor: 0.6,
                unit: "tCO2e/MWh",
                scope2_method: "market_based",
                source: "test value",
              },
            ],
          }),
        );
        assert.equal(put.status, 200, await put.clone().text());
        const created = await dev.app.request(
          "/api/tenants/jeonju/inventories",
          jsonInit("POST", {
            label: { ko: "scope 2" },
            activity_dataset: "scope2",
            factor_sets: ["scope2-grid"],
          }),
        );
        assert.equal(created.status, 201, await created.clone().text());
        const { version } = (await created.json()) as { version: number };
        const inv = (await (await dev.app.request(`/api/tenants/jeonju/inventories/${version}`)).json()) as {
          scope2: { totals: string };
          years: {
            totals_tco2e: { basic: number };
            market_based: { totals_tco2e: { basic: number } };
            lines: { gpc_ref: string; tco2e: number; market_based_tco2e: number }[];
          }[];
        };
        assert.equal(inv.scope2.totals, "location_based");
        const y = inv.years[0]!;
        assert.ok(Math.abs(y.totals_tco2e.basic - 700) < 1e-9);
        assert.ok(Math.abs(y.market_based.totals_tco2e.basic - 600) < 1e-9);
        assert.ok(Math.abs(y.lines[0]!.market_based_tco2e - 600) < 1e-9);
        await dev.app.request(`/api/tenants/jeonju/inventories/${version}`, { method: "DELETE" });
      });

      it("a computation the core refuses answers 400 with every problem", async () => {
        const r = await dev.app.request(
          "/api/tenants/jeonju/inventories",
          jsonInit("POST", {
            label: { ko: "x" },
            activity_dataset: "demo-activity",
            factor_sets: ["nope", "nope2"],
            gwp_set: "AR5",
          }),
        );
        assert.equal(r.status, 404);
        const e = (await r.json()) as { error: { details: { path: string }[] } };
        assert.deepEqual(
          e.error.details.map((d) => d.path),
          ["factor_sets[0]", "factor_sets[1]"],
        );
        const g = await dev.app.request(
          "/api/tenants/jeonju/inventories",
          jsonInit("POST", { label: { ko: "x" }, activity_dataset: "demo-activity", gwp_set: "AR9" }),
        );
        assert.equal(g.status, 400);
        assert.equal(((await g.json()) as { error: { code: string } }).error.code, "UNKNOWN_GWP_SET");
      });
    });
  });
