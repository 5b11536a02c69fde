import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseUncertaintySpec } from "@citypath/core";
import { pathwayJson } from "@citypath/core/pathway/index";
import { JEONJU_INSTANCE_DIR, loadInstance, runLoaded } from "@citypath/data";
import { parse as parseYaml } from "yaml";
import { corePathwayEngine, jeonjuDemoInstance } from "../../services/engine.ts";
import { createTestApp, jsonInit, signIn, type TestApp } from "../../testing.ts";

describe("model instances, scenarios and pathways", () => {
  let anon: TestApp;
  let dev: TestApp;
  before(async () => {
    const engine = corePathwayEngine();
    anon = await createTestApp({ engine, demoInstance: jeonjuDemoInstance });
    dev = await createTestApp({ devWrites: true, shareWith: anon, engine, demoInstance: jeonjuDemoInstance });
  });
  after(() => anon.close());

  it("the demo instance is stored as version 1 of the data package's files", async () => {
    const list = (await (await anon.app.request("/api/tenants/jeonju/instances")).json()) as {
      instances: { id: string; version: number }[];
    };
    assert.deepEqual(
      list.instances.map((i) => [i.id, i.version]),
      [["jeonju", 1]],
    );
    const one = (await (await anon.app.request("/api/tenants/jeonju/instances/jeonju")).json()) as {
      document: unknown;
    };
    assert.deepEqual(one.document, await jeonjuDemoInstance());
  });

  it("the actions' list: each scenario's actions and each action's name, type and parameters, from the document", async () => {
    const r = await anon.app.request("/api/tenants/jeonju/instances/jeonju/actions");
    assert.equal(r.status, 200);
    const index = (await r.json()) as {
      instance: string;
      version: number;
      scenarios: { id: string; name: { ko: string; en: string }; actions: string[] }[];
      actions: { id: string; name: { ko: string; en: string }; type: string; parameters: string[] }[];
    };
    const doc = (await jeonjuDemoInstance()) as {
      scenarios: { id: string; name: { ko: string; en: string }; actions: { action: string }[] }[];
      actions: {
        id: string;
        name: { ko: string; en: string };
        type: string;
        params: Record<string, unknown>;
      }[];
    };
    assert.deepEqual([index.instance, index.version], ["jeonju", 1]);
    assert.deepEqual(
      index.scenarios,
      doc.scenarios.map((s) => ({ id: s.id, name: s.name, actions: s.actions.map((x) => x.action) })),
    );
    assert.equal(index.actions.length, doc.actions.length);
    const bus = index.actions.find((a) => a.id === "city_bus_fleet_electric")!;
    const source = doc.actions.find((a) => a.id === "city_bus_fleet_electric")!;
    assert.deepEqual(bus.name, source.name);
    assert.equal(bus.type, source.type);
    // the names, in the stored document's order (jsonb keeps its own)
    assert.deepEqual(
      [...bus.parameters].sort(),
      Object.keys(source.params)
        .filter((k) => k !== "sources" && k !== "illustrative")
        .sort(),
    );
    // a fifth of the document or less; a version that is not there is a 404
    const whole = await (await anon.app.request("/api/tenants/jeonju/instances/jeonju")).text();
    assert.ok(
      JSON.stringify(index).length * 5 < whole.length,
      `${JSON.stringify(index).length} of ${whole.length}`,
    );
    assert.equal(
      (await anon.app.request("/api/tenants/jeonju/instances/jeonju/actions?version=9")).status,
      404,
    );
  });

  it("each scenario lists its levers: level, range and where the range comes from", async () => {
    const r = await anon.app.request("/api/tenants/jeonju/instances/jeonju/scenarios");
    assert.equal(r.status, 200);
    const body = (await r.json()) as {
      scenarios: {
        id: string;
        levers: { action: string; min: number; max: number; range: Record<string, unknown> }[];
      }[];
    };
    assert.deepEqual(body.scenarios[0]!.levers, [], "business as usual has no levers");
    const levers = body.scenarios.find((s) => s.id === "city_levers")!.levers;
    const bus = levers.find((l) => l.action === "city_bus_fleet_electric")!;
    assert.deepEqual([bus.min, bus.max], [0, 1]);
    assert.match(String(bus.range.source), /409 city buses in 2019/);
    const heat = levers.find((l) => l.action === "heat_pumps_gas_homes")!;
    assert.deepEqual([heat.min, heat.max, heat.range.illustrative], [0, 3, true]);
    // the note in Korean and English (decision 0085)
    const note = heat.range.note as { ko: string; en: string };
    assert.match(note.en, /3\.5 M heat pumps by 2035/);
    assert.match(note.ko, /히트펌프 350만 대/);
    // a range the scenario does not declare is the engine's rule, labelled illustrative
    const tram = body.scenarios.find((s) => s.id === "agenda_2021_with_tram")!.levers.at(-1)!;
    assert.deepEqual(
      [tram.action, tram.min, tram.max, tram.range.illustrative],
      ["hanok_tourism_tram", 0, 1, true],
    );
  });

  it("a pathway is the core's result for the instance, and is cached per instance version", async () => {
    const load = loadInstance(JEONJU_INSTANCE_DIR);
    assert.ok(load.ok);
    const scenarios = (await (
      await anon.app.request("/api/tenants/jeonju/instances/jeonju/scenarios")
    ).json()) as {
      scenarios: { id: string }[];
    };
    const ids = scenarios.scenarios.map((s) => s.id);
    assert.equal(ids[0], "bau");
    const scenario = ids[1] ?? "bau";
    const r = await anon.app.request(`/api/tenants/jeonju/instances/jeonju/scenarios/${scenario}/pathway`);
    assert.equal(r.status, 200);
    const body = await r.json();
    const runs = runLoaded(load.value, scenario === "bau" ? ["bau"] : ["bau", scenario]);
    assert.ok(runs.ok);
    assert.deepEqual(body, JSON.parse(JSON.stringify(pathwayJson(runs.value))));
    // stored for this instance version
    const t = (await anon.store.tenants.bySlug("jeonju"))!;
    const cached = await anon.store.pathwayResults.get({
      tenantId: t.id,
      instanceId: "jeonju",
      instanceVersion: 1,
      scenarioId: scenario,
      engineVersion: anon.deps.services.engine!.version,
    });
    assert.deepEqual(cached, body);
    const missing = await anon.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/no_such/pathway");
    assert.equal(missing.status, 404);
  });

  it("explains one number", async () => {
    const r = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/bau/explain?line=II.1.1&year=2030",
    );
    assert.equal(r.status, 200);
    const e = (await r.json()) as { gpc_ref: string; year: number; value: number; steps: unknown[] };
    assert.equal(e.gpc_ref, "II.1.1");
    assert.equal(e.year, 2030);
    assert.ok(e.steps.length > 0);
  });

  it("decomposes the change between two years (LMDI), the same document as the CLI, errors as 4xx", async () => {
    const r = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/decomposition?from=2018&to=2030",
    );
    assert.equal(r.status, 200);
    const d = (await r.json()) as {
      format: string;
      change_tco2e: number;
      effects: Record<string, number>;
      modelled: { to_tco2e: number };
    };
    assert.equal(d.format, "citypath-decompose/1");
    const sum = Object.values(d.effects).reduce((s, x) => s + x, 0);
    assert.ok(Math.abs(sum - d.change_tco2e) < 1e-6);
    assert.ok(d.modelled.to_tco2e > 0);
    const out = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/bau/decomposition?from=2018&to=2070",
    );
    assert.equal(out.status, 400);
    const missing = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/bau/decomposition",
    );
    assert.equal(missing.status, 400);
  });

  it("what it takes: the gap by plan sector on the national grid path, as the CLI prints it; errors as 4xx", async () => {
    const r = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/city_levers/what-it-takes?drivers=national_policy&years=2030,2035",
    );
    assert.equal(r.status, 200);
    const w = (await r.json()) as {
      format: string;
      drivers: string;
      target: { id: string };
      years: { year: number; gap_tco2e: number; target_tco2e: number; sectors: { gap_tco2e: number }[] }[];
    };
    assert.equal(w.format, "citypath-what-it-takes/2");
    assert.equal(w.drivers, "national_policy");
    assert.equal(w.target.id, "jeonju_carbon_neutral");
    assert.deepEqual(
      w.years.map((y) => y.year),
      [2030, 2035],
    );
    for (const y of w.years)
      assert.ok(Math.abs(y.sectors.reduce((s, x) => s + x.gap_tco2e, 0) - y.gap_tco2e) < 1e-6);
    assert.ok(Math.abs(w.years[0]!.target_tco2e - 2961480) < 1e-6);
    const bad = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/bau/what-it-takes?drivers=agenda_2021",
    );
    assert.equal(bad.status, 400);
    const late = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju/scenarios/bau/what-it-takes?years=2070",
    );
    assert.equal(late.status, 400);
    const none = await anon.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/nope/what-it-takes");
    assert.equal(none.status, 404);
  });

  it("analysis settings: the data package's uncertainty and portfolio specs, as the core parses them", async () => {
    const r = await anon.app.request("/api/tenants/jeonju/instances/jeonju/analysis");
    assert.equal(r.status, 200);
    const a = (await r.json()) as {
      instance: string;
      uncertainty: { instance: string; parameters: { id: string }[] };
      portfolio: { instance: string; scenario: string };
    };
    assert.equal(a.instance, "jeonju");
    const file = parseYaml(readFileSync(join(JEONJU_INSTANCE_DIR, "analysis", "uncertainty.yaml"), "utf8"));
    const spec = parseUncertaintySpec(file);
    assert.ok(spec.ok);
    assert.deepEqual(a.uncertainty, JSON.parse(JSON.stringify(spec.value)));
    assert.ok(a.uncertainty.parameters.some((p) => p.id === "grid_factor_path"));
    assert.equal(a.portfolio.instance, "jeonju");
    const missing = await anon.app.request("/api/tenants/jeonju/instances/no_such/analysis");
    assert.equal(missing.status, 404);
  });

  it("saving: validated by the engine, a new version, 409 on a stale base; anonymous callers refused", async () => {
    const doc = (await jeonjuDemoInstance()) as Record<string, unknown>;
    const changed = { ...doc, description: { ko: "수정본", en: "Edited" } };
    const anonPut = await anon.app.request(
      "/api/tenants/jeonju/instances/jeonju",
      jsonInit("PUT", { base_version: 1, document: changed }),
    );
    assert.equal(anonPut.status, 401);
    const ok = await dev.app.request(
      "/api/tenants/jeonju/instances/jeonju",
      jsonInit("PUT", { base_version: 1, document: changed }),
    );
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal(((await ok.json()) as { version: number }).version, 2);
    const stale = await dev.app.request(
      "/api/tenants/jeonju/instances/jeonju",
      jsonInit("PUT", { base_version: 1, document: doc }),
    );
    assert.equal(stale.status, 409);
    assert.equal(((await stale.json()) as { error: { current_version: number } }).error.current_version, 2);
    const invalid = await dev.app.request(
      "/api/tenants/jeonju/instances/jeonju",
      jsonInit("PUT", { base_version: 2, document: { ...doc, targets: "not a list" } }),
    );
    assert.equal(invalid.status, 400);
    const e = (await invalid.json()) as { error: { details: { path: string }[] } };
    assert.ok(
      e.error.details.some((d) => d.path.startsWith("json.document.targets")),
      JSON.stringify(e.error.details),
    );
    const versions = (await (
      await anon.app.request("/api/tenants/jeonju/instances/jeonju/versions")
    ).json()) as {
      versions: { version: number }[];
    };
    assert.deepEqual(
      versions.versions.map((v) => v.version),
      [2, 1],
    );
  });
  it("a version stored under an earlier rule of the format is refused with the rule, not a server error", async () => {
    const t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    try {
      const tenant = (await t.store.tenants.bySlug("jeonju"))!;
      const doc = structuredClone(await jeonjuDemoInstance()) as {
        scenarios: { id: string; actions: Record<string, unknown>[] }[];
      };
      // as a version saved before ranges needed their provenance: a range with neither source nor note
      const scenario = doc.scenarios.find((s) => s.actions.some((a) => a.max !== undefined && a.source))!;
      const ranged = scenario.actions.findIndex((a) => a.max !== undefined && a.source);
      delete scenario.actions[ranged]!.source;
      const saved = await t.store.instances.save(
        tenant.id,
        { id: "jeonju", name: "old", document: doc as never, documentHash: "old", note: "before the rule" },
        1,
      );
      const res = await t.app.request(`/api/tenants/jeonju/instances/jeonju?version=${saved.version}`);
      assert.equal(res.status, 400, await res.clone().text());
      const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
      assert.equal(body.error.code, "INVALID_INSTANCE");
      const index = doc.scenarios.indexOf(scenario);
      assert.ok(
        body.error.details.some((d) => d.path.startsWith(`document.scenarios[${index}].actions[${ranged}]`)),
        JSON.stringify(body.error.details),
      );
      // the version before it still reads
      assert.equal((await t.app.request("/api/tenants/jeonju/instances/jeonju?version=1")).status, 200);
    } finally {
      await t.close();
    }
  });
  it("a version stored with English-only notes on its ranges is read as English; saving it again needs the Korean", async () => {
    const t = await createTestApp({
      devWrites: true,
      engine: corePathwayEngine(),
      demoInstance: jeonjuDemoInstance,
    });
    try {
      const tenant = (await t.store.tenants.bySlug("jeonju"))!;
      // (through JSON: the files' YAML anchors share a lever between two scenarios)
      const doc = JSON.parse(JSON.stringify(await jeonjuDemoInstance())) as {
        scenarios: { id: string; actions: { action: string; note?: unknown }[] }[];
      };
      // as versions before decision 0085 stored them: each note one English string
      for (const s of doc.scenarios)
        for (const a of s.actions) if (a.note !== undefined) a.note = (a.note as { en: string }).en;
      await t.store.instances.save(
        tenant.id,
        { id: "jeonju", name: "old", document: doc as never, documentHash: "old", note: "English notes" },
        1,
      );
      const read = await t.app.request("/api/tenants/jeonju/instances/jeonju?version=2");
      assert.equal(read.status, 200, await read.clone().text());
      const scenarios = (await (
        await t.app.request("/api/tenants/jeonju/instances/jeonju/scenarios?version=2")
      ).json()) as { scenarios: { id: string; levers: { action: string; range: { note?: unknown } }[] }[] };
      const bus = scenarios.scenarios
        .find((s) => s.id === "city_levers")!
        .levers.find((l) => l.action === "city_bus_fleet_electric")!;
      assert.deepEqual(bus.range.note, {
        en: "1 = all of the 231 other buses battery-electric by 2035, the fleet's physical limit",
      });
      const put = await t.app.request(
        "/api/tenants/jeonju/instances/jeonju",
        jsonInit("PUT", { base_version: 2, document: doc }),
      );
      assert.equal(put.status, 400, await put.clone().text());
      const e = (await put.json()) as { error: { details: { path: string; message: string }[] } };
      // every note of the 37 is named, the first with its scenario, lever and path
      assert.equal(e.error.details.length, 37);
      assert.equal(e.error.details[0]!.path, "scenarios[0].actions[0].note.ko");
      assert.match(
        e.error.details[0]!.message,
        /^scenario "agenda_2021", lever "brt_giringdaero": the note on its range has no Korean/,
      );
    } finally {
      await t.close();
    }
  });

  it("a version's note is kept and listed; only admins and the model owners' editors save", async () => {
    const t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    try {
      const tenant = (await t.store.tenants.bySlug("jeonju"))!;
      assert.deepEqual(tenant.settings.model_owners, ["climate-change-response"]);
      const climate = await signIn(t, "climate@example.kr");
      const transit = await signIn(t, "transit@example.kr");
      const auditor = await signIn(t, "auditor@example.kr");
      await t.store.memberships.put(tenant.id, climate.userId, "editor", ["climate-change-response"]);
      await t.store.memberships.put(tenant.id, transit.userId, "editor", ["public-transport-division"]);
      await t.store.memberships.put(tenant.id, auditor.userId, "auditor");
      const doc = (await jeonjuDemoInstance()) as Record<string, unknown>;
      const put = (who: typeof climate, body: unknown) =>
        t.app.request("/api/tenants/jeonju/instances/jeonju", {
          method: "PUT",
          headers: who.headers(true),
          body: JSON.stringify(body),
        });
      const refused = await put(transit, { base_version: 1, document: doc, note: "try" });
      assert.equal(refused.status, 403);
      assert.match(
        ((await refused.json()) as { error: { message: string } }).error.message,
        /기후변화대응과/,
      );
      assert.equal((await put(auditor, { base_version: 1, document: doc, note: "try" })).status, 403);
      const empty = await put(climate, { base_version: 1, document: doc, note: "  " });
      assert.equal(empty.status, 400);
      const ok = await put(climate, { base_version: 1, document: doc, note: "BRT 2단계 이용객 수정" });
      assert.equal(ok.status, 200, await ok.clone().text());
      assert.deepEqual(await ok.json(), {
        id: "jeonju",
        name: (await t.store.instances.get(tenant.id, "jeonju"))!.name,
        version: 2,
        note: "BRT 2단계 이용객 수정",
        created_at: (await t.store.instances.get(tenant.id, "jeonju"))!.createdAt.toISOString(),
      });
      const versions = (await (
        await t.app.request("/api/tenants/jeonju/instances/jeonju/versions")
      ).json()) as {
        versions: { version: number; note: string | null }[];
      };
      assert.deepEqual(
        versions.versions.map((v) => [v.version, v.note]),
        [
          [2, "BRT 2단계 이용객 수정"],
          [1, null],
        ],
      );
      // without model owners in the settings, the editors of the climate department no longer save
      await t.store.tenants.update(tenant.id, tenant.version, {
        settings: { ...tenant.settings, model_owners: [] },
      });
      assert.equal((await put(climate, { base_version: 2, document: doc, note: "again" })).status, 403);
    } finally {
      await t.close();
    }
  });

  it("the uncertainty band: ordered percentiles over the pathway's years, seeded, probabilities in [0, 1]", async () => {
    type Band = {
      basis: string;
      samples: number;
      years: number[];
      p5: number[];
      p50: number[];
      p95: number[];
      targets: { id: string; year: number; probability: number }[];
    };
    const url = "/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/band?samples=200&seed=7";
    const res = await anon.app.request(url);
    assert.equal(res.status, 200);
    const band = (await res.json()) as Band;
    const pathway = (await (
      await anon.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/agenda_2021/pathway")
    ).json()) as { years: number[]; targets: { basis: string }[] };
    assert.equal(band.samples, 200);
    assert.deepEqual(band.years, pathway.years);
    assert.equal(band.basis, pathway.targets[0]?.basis);
    band.years.forEach((_, i) => {
      assert.ok(band.p5[i]! <= band.p50[i]! && band.p50[i]! <= band.p95[i]!, `ordered in ${band.years[i]}`);
    });
    // the spread grows away from the base year: wider in 2050 than in the first year
    const width = (i: number) => band.p95[i]! - band.p5[i]!;
    assert.ok(width(band.years.length - 1) > width(0));
    assert.ok(band.targets.length > 0);
    for (const t of band.targets) assert.ok(t.probability >= 0 && t.probability <= 1);
    // the same seed gives the same band on a fresh server (not the cache)
    const again = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    try {
      const second = (await (await again.app.request(url)).json()) as Band;
      assert.deepEqual(second.p50, band.p50);
    } finally {
      await again.close();
    }
    const missing = await anon.app.request("/api/tenants/jeonju/instances/jeonju/scenarios/nope/band");
    assert.equal(missing.status, 404);
  });
});
