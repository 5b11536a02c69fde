import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

describe("citypath pathway", () => {
  it("prints the JSON contract; the base year is the published inventory", async () => {
    const r = await cli(["pathway", "--instance", JEONJU, "--format", "json"]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.format, "citypath-pathway/3");
    assert.equal(j.scenarios[0].id, "bau");
    assert.equal(j.years[0], 2018);
    assert.equal(j.years.at(-1), 2050);
    // 4,371 kt in 2018 on the municipal-control basis (1st basic plan)
    assert.equal(j.scenarios[0].totals_tco2e.municipal_control[0], 4371000);
    // the carbon-neutral target path: 5,336 kt × (1 − 0.445) in 2030 = 2,961.48 kt
    const t = j.targets.find((x: { id: string }) => x.id === "jeonju_carbon_neutral");
    assert.ok(Math.abs(t.path_tco2e[12] - 2961480) < 1e-6);
    // the held population is a visible assumption, with its file and line
    const held = j.warnings.find((w: { path: string }) => w.path === "drivers[0].values");
    assert.equal(held.file, "packages/data/instances/jeonju/drivers.yaml");
    assert.match(held.message, /2026–2050 take the 2025 value 625000/);
  });

  it("--scenario keeps business as usual and that scenario", async () => {
    const r = await cli(["pathway", "--instance", JEONJU, "--scenario", "engine_demo", "--format", "json"]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      JSON.parse(r.out).scenarios.map((s: { id: string }) => s.id),
      ["bau", "engine_demo"],
    );
  });

  it("--explain shows the chain of one number", async () => {
    const r = await cli([
      "pathway",
      "--instance",
      JEONJU,
      "--scenario",
      "engine_demo",
      "--explain",
      "I.2.2:2030",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^I\.2\.2 2030, scenario engine_demo: /);
    assert.match(r.out, /grid_factor \(2030\): 0\.4173 tCO2e\/MWh/);
    assert.match(r.out, /public_sector_target_management/);
  });

  it("--explain a basis total shows its lines, target paths and gaps", async () => {
    const r = await cli(["pathway", "--instance", JEONJU, "--explain", "municipal_control:2030"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^municipal_control 2030, scenario bau: /);
    // 1st basic plan: 4,371,000 × (1 − 0.3) = 3,059,700 in 2030
    assert.match(r.out, /target basic_plan_2030: path 3,059,700 tCO2e/);
  });

  it("csv has one value per row", async () => {
    const r = await cli(["pathway", "--instance", JEONJU, "--scenario", "bau", "--format", "csv"]);
    assert.equal(r.code, 0, r.err);
    const rows = r.out.trim().split("\n");
    assert.equal(rows[0], "scenario,year,scope2_method,series,key,tco2e");
    assert.ok(rows.includes("bau,2018,location_based,basis,municipal_control,4371000"));
    // without instruments both methods give the same totals, each on its own row
    assert.ok(rows.includes("bau,2018,market_based,basis,municipal_control,4371000"));
  });

  it("a broken instance: every problem with file, line and path; exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-pathway-"));
    try {
      writeFileSync(
        join(dir, "instance.yaml"),
        "format: citypath-instance/1\nid: x\nversion: '1'\nname: { ko: 엑스, en: X }\nend_year: 2019\n",
      );
      const r = await cli(["pathway", "--instance", dir]);
      assert.equal(r.code, 1);
      assert.match(r.err, /MISSING_VALUE at .*instance\.yaml inventory/);
      assert.match(r.err, /drivers/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bad usage exits 2", async () => {
    assert.equal((await cli(["pathway"])).code, 2);
    assert.equal((await cli(["pathway", "--instance", JEONJU, "--explain", "II.1.1"])).code, 2);
    assert.equal((await cli(["pathway", "--instance", JEONJU, "--scenario", "nope"])).code, 2);
  });
});
