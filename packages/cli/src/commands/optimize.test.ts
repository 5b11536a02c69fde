import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { tinyInstance, tinyTarget } from "@citypath/core/pathway/fixtures";
import { DEFAULT_RANGE_NOTE } from "@citypath/core/pathway/levers";
import { stringify } from "yaml";
import { main } from "../main.ts";
import type { OptimizeJson } from "./optimize.ts";
import type { PathwaySamplesJson } from "./pathway-samples.ts";

async function cli(args: string[], cwd: string) {
  let out = "";
  let err = "";
  const code = await main(args, {
    cwd,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

const ill = { illustrative: true, note: "test" };
let dir = "";

/**
 * Golden outputs: the JSON of a run, without its timings, checked in under golden/. A change of any figure
 * fails the test until someone explains it and rewrites the file with UPDATE_GOLDEN=1.
 */
function golden(name: string, value: unknown): void {
  const file = new URL(`./golden/${name}.json`, import.meta.url).pathname;
  const text = `${JSON.stringify(value, null, 1)}\n`;
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    mkdirSync(new URL("./golden/", import.meta.url).pathname, { recursive: true });
    writeFileSync(file, text);
    if (process.env.CI === "true") assert.fail(`golden file ${name}.json was missing and has been written`);
    return;
  }
  assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(file, "utf8")), `golden ${name}.json differs`);
}

const untimed = (j: OptimizeJson) => ({
  ...j,
  solve_ms: 0,
  portfolios: j.portfolios.map((p) => ({
    ...p,
    iterations: p.iterations.map((i) => ({ ...i, solverMs: 0 })),
  })),
});

/**
 * The tiny town (2020-2025) with one more target, "deep": -90 % by 2025 on BASIC = 300 t. No action touches
 * electricity (I.1.2: 720 t in 2025), so "deep" is out of reach by at least 420 t.
 */
before(() => {
  dir = mkdtempSync(join(tmpdir(), "citypath-optimize-"));
  const inst = tinyInstance();
  inst.targets = [
    ...(inst.targets ?? []),
    tinyTarget("deep", { ko: "깊은 감축", en: "Deep cut" }, 2025, 0.9),
  ];
  writeFileSync(join(dir, "instance.yaml"), stringify(inst));
  mkdirSync(join(dir, "analysis"));
  writeFileSync(
    join(dir, "analysis", "portfolio.yaml"),
    stringify({
      format: "citypath-portfolio/1",
      instance: "tiny",
      discount_rate: 0.045,
      discount_rate_source: "test",
      exclusions: [{ a: "ev", b: "eco", reason: "test: one programme or the other" }],
    }),
  );
  writeFileSync(
    join(dir, "analysis", "uncertainty.yaml"),
    stringify({
      format: "citypath-uncertainty/1",
      instance: "tiny",
      parameters: [
        {
          id: "grid",
          applies_to: { kind: "driver", driver: "grid", mode: "ramp" },
          distribution: { kind: "uniform", min: 0.8, max: 1.2 },
          ...ill,
        },
        {
          id: "brt",
          applies_to: { kind: "action_effect", action: "brt" },
          distribution: { kind: "triangular", min: 0.5, mode: 1, max: 1.1 },
          ...ill,
        },
      ],
    }),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("citypath optimize", () => {
  test("meets a reachable target, honouring the spec's exclusion", async () => {
    const r = await cli(["optimize", "--instance", dir, "--targets", "half@2025", "--format", "json"], dir);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as OptimizeJson;
    assert.equal(j.format, "citypath-optimize/5");
    assert.equal(j.mode, "per_year");
    assert.equal(j.portfolios.length, 1, "one target year, one portfolio");
    const p = j.portfolios[0]!;
    assert.equal(p.year, 2025);
    assert.equal(p.status, "optimal");
    assert.deepEqual(
      p.targets.map((t) => [t.id, t.met]),
      [["half@2025", true]],
    );
    assert.ok(p.targets[0]!.full_tco2e <= p.targets[0]!.limit_tco2e + 1e-6);
    assert.deepEqual(j.together, { status: "met", portfolio: 0, unreachable_years: [] });
    const on = Object.fromEntries(p.actions.map((a) => [a.id, a.level > 0]));
    assert.ok(!(on.ev && on.eco), "ev and eco exclude each other");
    assert.equal(j.discount.rate, 0.045);
    golden("optimize-tiny-half", untimed(j));
  });
  test("answers an unreachable target with the shortfall, not an error", async () => {
    const r = await cli(["optimize", "--instance", dir, "--targets", "deep", "--format", "json"], dir);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as OptimizeJson;
    const p = j.portfolios[0]!;
    assert.equal(p.status, "unreachable");
    assert.ok(p.targets[0]!.shortfall_tco2e >= 420, `${p.targets[0]!.shortfall_tco2e}`);
    assert.ok(p.binding.length > 0);
    assert.ok(p.problems.some((x) => x.code === "INFEASIBLE"));
    assert.deepEqual(j.together, { status: "unreachable", portfolio: null, unreachable_years: [2025] });
    golden("optimize-tiny-deep", untimed(j));
  });
  test("--joint takes the targets together in one portfolio", async () => {
    const r = await cli(
      ["optimize", "--instance", dir, "--targets", "half,deep", "--joint", "--format", "json"],
      dir,
    );
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as OptimizeJson;
    assert.equal(j.mode, "joint");
    assert.equal(j.portfolios.length, 1);
    assert.equal(j.portfolios[0]!.year, null);
    assert.deepEqual(
      j.portfolios[0]!.targets.map((t) => t.id),
      ["half@2025", "deep@2025"],
    );
    assert.equal(j.together.status, "unreachable");
  });
  test("rejects bad arguments with exit code 2", async () => {
    assert.equal((await cli(["optimize", "--instance", dir, "--targets", "Half"], dir)).code, 2);
    assert.equal((await cli(["optimize", "--instance", dir, "--budget", "-5"], dir)).code, 2);
    const r = await cli(["optimize", "--instance", dir, "--targets", "nope"], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /UNKNOWN_REFERENCE/);
  });
});

describe("citypath pathway --samples", () => {
  test("same seed, same numbers; bands ordered; probabilities per target year", async () => {
    const args = [
      "pathway",
      "--instance",
      dir,
      "--scenario",
      "all",
      "--samples",
      "300",
      "--seed",
      "7",
      "--format",
      "json",
    ];
    const a = await cli(args, dir);
    assert.equal(a.code, 0, a.err);
    const b = await cli(args, dir);
    const ja = JSON.parse(a.out) as PathwaySamplesJson;
    const jb = JSON.parse(b.out) as PathwaySamplesJson;
    assert.deepEqual({ ...ja, run_ms: 0 }, { ...jb, run_ms: 0 });
    assert.equal(ja.format, "citypath-pathway-samples/2");
    const basic = ja.bands.basic!;
    ja.years.forEach((_, i) => {
      assert.ok(
        basic.percentiles.p5![i]! <= basic.percentiles.p50![i]! &&
          basic.percentiles.p50![i]! <= basic.percentiles.p95![i]!,
      );
    });
    assert.deepEqual(
      ja.targets.map((t) => t.id),
      ["half@2025", "deep@2025"],
    );
    assert.equal(ja.targets[1]!.probability, 0);
    assert.deepEqual(ja.drivers[0]!.rows.map((r) => r.parameter).sort(), ["brt", "grid"]);
    assert.equal(ja.sobol, undefined);
    golden("pathway-samples-tiny", { ...ja, run_ms: 0 });
  });
  test("--sobol adds first-order and total indices per target year", async () => {
    const r = await cli(
      [
        "pathway",
        "--instance",
        dir,
        "--scenario",
        "all",
        "--samples",
        "50",
        "--sobol",
        "200",
        "--format",
        "json",
      ],
      dir,
    );
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as PathwaySamplesJson;
    assert.equal(j.sobol!.length, j.targets.length);
    for (const t of j.sobol!) {
      assert.equal(t.samples, 200);
      for (const row of t.rows)
        assert.ok(row.first > -0.2 && row.first < 1.2 && row.total > -0.2 && row.total < 1.2);
    }
  });
});

describe("citypath optimize on the Jeonju levers", () => {
  const root = new URL("../../../..", import.meta.url).pathname;
  const JEONJU = "packages/data/instances/jeonju";
  test("a portfolio per target year on the national grid path: 2035 met at least cost with levers left below their maximum; 2030 and 2050 short, by sector, with the levers at their limits", async () => {
    const r = await cli(["optimize", "--instance", JEONJU, "--format", "json"], root);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as OptimizeJson;
    assert.equal(j.scenario, "city_levers");
    assert.equal(j.drivers, "national_policy");
    assert.deepEqual(
      j.portfolios.map((p) => [p.year, p.status]),
      [
        [2030, "unreachable"],
        [2035, "optimal"],
        [2050, "unreachable"],
      ],
    );
    const [p30, p35] = [j.portfolios[0]!, j.portfolios[1]!];
    const t = p35.targets[0]!;
    assert.ok(t.met && t.full_tco2e <= t.limit_tco2e);
    assert.ok(
      p35.actions.filter((a) => a.level < a.max - 1e-3).length >= 3,
      "several levers below their maximum",
    );
    // the sector split of the year adds up to the full model's gap to the path
    const gaps = t.sectors.reduce((s, x) => s + x.gap_tco2e, 0);
    assert.ok(Math.abs(gaps - (t.full_tco2e - t.limit_tco2e)) < 1e-3);
    // 2030: the shortfall, the transport sector above its share, the levers that bind
    const s30 = p30.targets[0]!;
    assert.ok(s30.shortfall_tco2e > 0);
    assert.ok(s30.sectors.find((x) => x.sector === "transport")!.gap_tco2e > 0);
    assert.ok(p30.binding.some((b) => b.kind === "action_at_max" && b.id === "ev_cars"));
    // levels are constant over the path: the 2030 max-effort portfolio is checked against 2035 and 2050
    assert.deepEqual(
      p30.checks.map((c) => c.year),
      [2030, 2035, 2050],
    );
    assert.equal(p30.checks[1]!.met, true, "the 2030 portfolio also meets 2035");
    assert.deepEqual(j.together, { status: "unreachable", portfolio: null, unreachable_years: [2030, 2050] });
    // every range says where it comes from: a source naming its year, or illustrative with a note
    for (const a of p30.actions)
      assert.ok(
        a.range.source !== undefined
          ? /(?<!\d)(19|20)\d\d(?!\d)/.test(a.range.source) && a.range.illustrative === undefined
          : a.range.illustrative === true && a.range.note !== undefined,
        `the range of ${a.id}: ${JSON.stringify(a.range)}`,
      );
    const range = Object.fromEntries(p30.actions.map((a) => [a.id, a.range]));
    assert.match(range.ev_cars!.source!, /4\.5 M on the road by 2030/);
    assert.match(range.city_bus_fleet_electric!.source!, /409 city buses in 2019/);
    assert.match(range.zeb_new_homes!.source!, /ZEB certification schedule/);
    assert.match(range.home_retrofit_stock!.source!, /Renovation Wave/);
    assert.equal(range.heat_pumps_gas_homes!.illustrative, true);
    // the stalled tram is in no range of city_levers: the engine's rule, labelled as such
    assert.deepEqual(range.hanok_tourism_tram!.note, DEFAULT_RANGE_NOTE);
    // each declared note in Korean with its English (decision 0085)
    assert.deepEqual(range.city_bus_fleet_electric!.note, {
      ko: "1 = 나머지 시내버스 231대를 2035년까지 모두 배터리 전기버스로 전환, 보유 대수의 물리적 한계",
      en: "1 = all of the 231 other buses battery-electric by 2035, the fleet's physical limit",
    });
    assert.equal(p30.actions.find((a) => a.id === "public_solar")!.illustrative, true);
  });
  test("the table names each year's answer", async () => {
    const r = await cli(["optimize", "--instance", JEONJU, "--targets", "jeonju_carbon_neutral@2030"], root);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /least-cost portfolio per target year \(ranges of scenario city_levers, drivers of national_policy\)/,
    );
    assert.match(r.out, /2030 portfolio \(the targets of 2030 alone\): unreachable/);
    assert.match(
      r.out,
      /jeonju_carbon_neutral@2030 short [\d,.]+ kt; sectors above their share of the target path: 수송 Transport \+/,
    );
    assert.match(r.out, /action\(s\) at their maximum level: .*ev_cars/);
    // the target's basis is named whole; illustrative ranges and actions are marked, each range's source listed
    assert.match(r.out, /jeonju_carbon_neutral@2030 \[municipal_control\] +2,961\.5/);
    assert.match(r.out, /\n {2}public_solar \* +0\.\.3 i /);
    assert.match(r.out, /\n {2}ev_cars \* +0\.\.1 {3}/);
    assert.match(r.out, /where the ranges come from:\n/);
    assert.match(r.out, /\n {4}city_bus_fleet_electric 0\.\.1: source: FACTS §5: 409 city buses in 2019/);
    assert.match(r.out, /\n {4}heat_pumps_gas_homes 0\.\.3: illustrative; Level 1 \(2,000 homes a year\)/);
    const bad = await cli(["optimize", "--instance", JEONJU, "--drivers", "agenda_2021"], root);
    assert.equal(bad.code, 2);
  });
});
