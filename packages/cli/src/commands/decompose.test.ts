import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { LMDI_EFFECTS } from "@citypath/core";
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

const sum = (e: Record<string, number>) => LMDI_EFFECTS.reduce((s, k) => s + e[k]!, 0);

describe("citypath decompose", () => {
  it("a pathway: the effects sum to the change; the modelled abatement is beside", async () => {
    const r = await cli([
      "decompose",
      "--instance",
      JEONJU,
      "--scenario",
      "agenda_2021",
      "--from",
      "2018",
      "--to",
      "2030",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.format, "citypath-decompose/1");
    assert.equal(j.source.kind, "pathway");
    assert.ok(Math.abs(sum(j.effects) - j.change_tco2e) < 1e-6);
    for (const s of j.sectors) assert.ok(Math.abs(sum(s.effects) - s.change_tco2e) < 1e-6, s.sector);
    // the grid factor falls from 2018 to 2030: a negative emission-factor effect on buildings
    assert.ok(
      j.sectors.find((s: { sector: string }) => s.sector === "buildings").effects.emission_factor < 0,
    );
    assert.equal(j.modelled.from_tco2e, 0);
    assert.ok(j.modelled.to_tco2e > 0);
  });

  it("activity data with drivers: table and csv", async () => {
    const args = [
      "decompose",
      "--activity",
      "packages/data/demo/activity.csv",
      "--drivers",
      "packages/data/demo/drivers.csv",
      "--from",
      "2018",
      "--to",
      "2023",
    ];
    const t = await cli(args);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^emissions 2018 -> 2023: /);
    assert.match(t.out, /total/);
    const c = await cli([...args, "--format", "csv"]);
    assert.equal(c.code, 0, c.err);
    const rows = c.out.trim().split("\n");
    assert.equal(rows[0], "from_year,to_year,sector,carrier,energy_known,effect,tco2e");
    const totals = rows.filter((x) => x.startsWith("2018,2023,total,"));
    assert.equal(totals.length, 4);
    const j = JSON.parse((await cli([...args, "--format", "json"])).out);
    assert.ok(Math.abs(sum(j.effects) - j.change_tco2e) < 1e-6);
    const gas = j.sectors
      .find((s: { sector: string }) => s.sector === "buildings")
      .carriers.find((x: { carrier: string }) => x.carrier === "city_gas");
    assert.equal(gas.energy_known, true);
  });

  it("bad input: every problem, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-decompose-"));
    try {
      const f = join(dir, "d.csv");
      writeFileSync(f, "sector,year,value\n*,2018,abc\n*,20x8,5\n");
      const r = await cli([
        "decompose",
        "--activity",
        "packages/data/demo/activity.csv",
        "--drivers",
        f,
        "--from",
        "2018",
        "--to",
        "2023",
      ]);
      assert.equal(r.code, 2);
      assert.match(r.err, /above 0/);
      assert.match(r.err, /is not a year/);
      assert.equal((await cli(["decompose", "--from", "2018", "--to", "2023"])).code, 2);
      const both = await cli(["decompose", "--instance", JEONJU, "--from", "2018", "--to", "2070"]);
      assert.equal(both.code, 2);
      assert.match(both.err, /outside the model's years/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
