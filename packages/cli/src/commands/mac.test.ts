import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { main } from "../main.ts";

const root = new URL("../../../..", import.meta.url).pathname;
const JEONJU = "packages/data/instances/jeonju";

async function cli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    cwd: root,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe("citypath mac", () => {
  it("appraises every Jeonju action over its life; the year sets only the widths", async () => {
    const a = await cli(["mac", "--instance", JEONJU, "--format", "json"]);
    assert.equal(a.code, 0, a.err);
    const j = JSON.parse(a.out);
    assert.equal(j.format, "citypath-mac/1");
    assert.equal(j.method, "life_cycle");
    assert.equal(j.width_year, 2030);
    assert.equal(j.discount.rate, 0.045);
    for (let i = 1; i < j.bars.length; i++) {
      assert.ok(j.bars[i - 1].krw_per_tco2e <= j.bars[i].krw_per_tco2e);
      assert.equal(j.bars[i - 1].x1, j.bars[i].x0);
    }
    const led = j.bars.find((b: { id: string }) => b.id === "led_street_lights");
    // the lamps repay themselves within their life: a negative cost per tonne
    assert.ok(led.krw_per_tco2e < 0);
    assert.deepEqual([led.period.start_year, led.period.end_year, led.life.years], [2025, 2042, 15]);
    // BRT phase 1 runs 30 years from its 2026 opening, five of them past 2050 (held)
    const brt = j.bars.find((b: { id: string }) => b.id === "brt_giringdaero");
    assert.deepEqual([brt.period.start_year, brt.period.end_year, brt.period.held_years], [2025, 2055, 5]);
    // actions without a cost model are left out with the reason, never drawn at zero cost
    const out = Object.fromEntries(j.excluded.map((e: { id: string; reason: string }) => [e.id, e.reason]));
    assert.match(out.public_sector_target_management, /no cost model/);
    assert.match(out.hanok_tourism_tram, /not defined/);
    const b = JSON.parse(
      (await cli(["mac", "--instance", JEONJU, "--format", "json", "--year", "2040"])).out,
    );
    assert.equal(b.width_year, 2040);
    const cost = (x: typeof j, id: string) => x.bars.find((y: { id: string }) => y.id === id)?.krw_per_tco2e;
    assert.equal(cost(b, "led_street_lights"), led.krw_per_tco2e);
  });

  it("a scenario's levels; csv with the excluded actions; table", async () => {
    const r = await cli(["mac", "--instance", JEONJU, "--scenario", "agenda_2021", "--format", "csv"]);
    assert.equal(r.code, 0, r.err);
    const rows = r.out.trim().split("\n");
    assert.match(rows[0]!, /^action,status,krw_per_tco2e,width_tco2e_2030,/);
    assert.ok(rows.some((x) => /,excluded,/.test(x) && /level 0/.test(x)));
    const t = await cli(["mac", "--instance", JEONJU]);
    assert.match(t.out, /left out:/);
    assert.match(t.out, /past the model's horizon \(2050\)/);
  });

  it("bad arguments: exit 2 with the reason", async () => {
    assert.equal((await cli(["mac"])).code, 2);
    const r = await cli(["mac", "--instance", JEONJU, "--scenario", "nope"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /scenario "nope" is not defined/);
    const y = await cli(["mac", "--instance", JEONJU, "--year", "2070"]);
    assert.equal(y.code, 2);
    assert.match(y.err, /outside the model's years/);
  });
});
