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

describe("citypath what-it-takes", () => {
  it("splits business as usual's gap to the city target by plan sector (JSON)", async () => {
    const r = await cli(["what-it-takes", "--instance", JEONJU, "--years", "2030", "--format", "json"]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.format, "citypath-what-it-takes/2");
    assert.equal(j.target.id, "jeonju_carbon_neutral");
    assert.equal(j.scenario, "bau");
    assert.equal(j.drivers, "bau");
    const y = j.years[0];
    // target 2030 = 5,336,000 × (1 − 0.445) = 2,961,480 t; BAU 2030 on the basis = 4,042.4 kt (pathway golden)
    assert.ok(Math.abs(y.target_tco2e - 2961480) < 1e-6);
    const gaps = y.sectors.reduce((s: number, x: { gap_tco2e: number }) => s + x.gap_tco2e, 0);
    assert.ok(Math.abs(gaps - y.gap_tco2e) < 1e-6);
    // buildings' share: 2,141,790 × (1 − 0.328) over the sum of the weights of every sector
    const b = y.sectors.find((x: { sector: string }) => x.sector === "buildings");
    assert.equal(b.base_tco2e, 349680 + 568230 + 437100 + 786780);
    assert.equal(b.reduction, 0.328);
  });

  it("takes another scenario's driver paths and prints a table; bad arguments exit 2", async () => {
    const r = await cli([
      "what-it-takes",
      "--instance",
      JEONJU,
      "--scenario",
      "agenda_2021",
      "--drivers",
      "national_policy",
      "--years",
      "2030,2035",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /scenario agenda_2021, drivers of national_policy/);
    assert.match(r.out, /2035: target 2,668\.0/);
    assert.match(r.out, /수송 Transport/);
    const bad = await cli(["what-it-takes", "--instance", JEONJU, "--drivers", "agenda_2021"]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not bau or a scenario that sets drivers/);
    const year = await cli(["what-it-takes", "--instance", JEONJU, "--years", "2070"]);
    assert.equal(year.code, 2);
  });
});
