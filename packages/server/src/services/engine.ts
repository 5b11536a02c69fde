/**
 * The pathway engine the server uses: the core's validation, compilation, evaluation and explanation with
 * the built-in and library action types. No pathway arithmetic here: this adapts the core to the
 * PathwayEngine interface of instances.ts.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  decomposePathway,
  ok,
  pathwayDecompositionJson,
  problem,
  type Result,
  whatItTakes,
  whatItTakesJson,
} from "@citypath/core";
import {
  createResult,
  driverScenarioOf,
  type EnginePreset,
  enginePreset,
  evaluate,
  explain,
  pathwayJson,
  type ScenarioRun,
  scenarioLevers,
} from "@citypath/core/pathway/index";
import { JEONJU_INSTANCE_DIR, readInstanceDir } from "@citypath/data";
import type { DemoInstanceSource, InstanceInfo, PathwayEngine } from "./instances.ts";

const CORE_SRC = fileURLToPath(new URL("../../../core/src/", import.meta.url));

/**
 * The engine version: a hash of the core's sources, so that stored pathway results computed by another
 * version of the code are never served (docs/decisions/0014-read-cache-keyed-on-write-generations.md).
 */
export function coreSourceHash(dir: string = CORE_SRC): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) h.update(name).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest("hex").slice(0, 16);
}

export function corePathwayEngine(preset: EnginePreset = enginePreset()): PathwayEngine {
  const runs = (doc: unknown, scenarioId: string): Result<ScenarioRun[]> => {
    const v = preset.validate(doc);
    if (!v.ok) return v;
    return preset.run(v.value, scenarioId === "bau" ? ["bau"] : ["bau", scenarioId]);
  };
  return {
    version: `core-${coreSourceHash()}`,
    validate(doc): Result<InstanceInfo> {
      const v = preset.validate(doc);
      if (!v.ok) return v;
      const inst = v.value.instance;
      const types = new Map((inst.actions ?? []).map((a) => [a.id, a.type]));
      const binary = (action: string) => preset.registry.get(types.get(action) ?? "")?.binary === true;
      return ok(
        {
          id: inst.id,
          name: inst.name.ko,
          scenarios: (inst.scenarios ?? []).map((s) => ({
            id: s.id,
            name: { ko: s.name.ko, en: s.name.en },
            levers: scenarioLevers(s.actions, binary),
          })),
        },
        v.warnings,
      );
    },
    run(doc, scenarioId) {
      const r = runs(doc, scenarioId);
      if (!r.ok) return r;
      return ok(pathwayJson(r.value));
    },
    explain(doc, scenarioId, gpcRef, year) {
      const r = runs(doc, scenarioId);
      if (!r.ok) return r;
      const target = r.value[r.value.length - 1]!;
      const e = explain(target.model, target.levels, gpcRef, year, target.id);
      if (!e.ok) return e;
      return ok(e.value);
    },
    decompose(doc, scenarioId, from, to) {
      const r = runs(doc, scenarioId);
      if (!r.ok) return r;
      const target = r.value[r.value.length - 1]!;
      const d = decomposePathway(target.model, target.levels, from, to);
      if (!d.ok) return d;
      return ok(pathwayDecompositionJson(target.model, target.id, d.value));
    },
    whatItTakes(doc, scenarioId, drivers, targetId, years) {
      const v = preset.validate(doc);
      if (!v.ok) return v;
      const inst = v.value.instance;
      const bad = (path: string, message: string) => ({
        ok: false as const,
        problems: [problem("BAD_VALUE", message, { path })],
      });
      const scen = inst.scenarios?.find((s) => s.id === scenarioId);
      if (scenarioId !== "bau" && !scen)
        return {
          ok: false,
          problems: [problem("NOT_FOUND", `Scenario "${scenarioId}" is not defined.`, { path: "scenario" })],
        };
      const setters = [
        "bau",
        ...(inst.scenarios ?? []).filter((s) => Object.keys(s.drivers ?? {}).length).map((s) => s.id),
      ];
      const driverScenario = drivers ?? driverScenarioOf(v.value, scenarioId);
      if (!setters.includes(driverScenario))
        return bad(
          "drivers",
          `"${driverScenario}" is not bau or a scenario that sets drivers (${setters.join(", ")})`,
        );
      const targets = (inst.targets ?? []).map((t) => t.id);
      const target = targetId ?? targets[0];
      if (!target || !targets.includes(target))
        return bad(
          "target",
          `${target ? `"${target}" is not a target` : "the instance has no target"} (targets: ${targets.join(", ")})`,
        );
      const c = preset.compile(v.value, { driverScenario });
      if (!c.ok) return c;
      const m = c.value;
      for (const y of years ?? [])
        if (y < m.baseYear || y > m.endYear)
          return bad("years", `${y} is outside ${m.baseYear}–${m.endYear}`);
      const levels = scen
        ? Float64Array.from(m.scenarios.find((s) => s.id === scenarioId)!.levels)
        : new Float64Array(m.nActions);
      const r = evaluate(m, levels, createResult(m));
      try {
        return ok(whatItTakesJson(m, scenarioId, whatItTakes(m, r, target, years)));
      } catch (e) {
        if (e instanceof RangeError) return bad("years", e.message);
        throw e;
      }
    },
  };
}

/** The Jeonju instance of the data package, as one document. */
export const jeonjuDemoInstance: DemoInstanceSource = async () => {
  const r = readInstanceDir(JEONJU_INSTANCE_DIR);
  if (!r.ok)
    throw new Error(`The demo instance does not load: ${r.problems.map((p) => p.message).join("; ")}`);
  return r.value.raw;
};
