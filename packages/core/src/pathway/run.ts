/**
 * Runs scenarios of a validated instance: compiles one model per driver set (the instance's own drivers,
 * and one for each scenario that replaces drivers), evaluates each scenario, and returns the runs in the
 * order asked, business as usual ("bau") first when it is asked.
 */
import type { ActionRegistry } from "../actions/interface.ts";
import { ok, problem, type Result } from "../errors.ts";
import { compileInstance, scenarioLevels } from "./compile.ts";
import { createResult, evaluate } from "./evaluate.ts";
import type { ScenarioRun } from "./json.ts";
import type { CompiledModel } from "./model.ts";
import type { ValidInstance } from "./validate.ts";

export const BAU_NAME = { ko: "기준 전망(BAU)", en: "Business as usual" } as const;

/** Every scenario id of the instance, "bau" first. */
export function scenarioIds(valid: ValidInstance): string[] {
  return ["bau", ...(valid.instance.scenarios ?? []).map((s) => s.id)];
}

export function runScenarios(
  valid: ValidInstance,
  registry: ActionRegistry,
  ids: readonly string[] = scenarioIds(valid),
  onProgress?: (message: string) => void,
): Result<ScenarioRun[]> {
  const inst = valid.instance;
  const models = new Map<string, CompiledModel>();
  const runs: ScenarioRun[] = [];
  for (const [i, id] of ids.entries()) {
    const s = inst.scenarios?.find((x) => x.id === id);
    if (id !== "bau" && !s)
      return {
        ok: false,
        problems: [
          problem(
            "UNKNOWN_REFERENCE",
            `scenario "${id}" is not defined (scenarios: ${scenarioIds(valid).join(", ")})`,
          ),
        ],
      };
    const key = s && Object.keys(s.drivers ?? {}).length ? s.id : "bau";
    let m = models.get(key);
    if (!m) {
      onProgress?.(`compiling the model${key === "bau" ? "" : ` with the drivers of ${key}`}`);
      const c = compileInstance(valid, registry, { driverScenario: key });
      if (!c.ok) return c;
      m = c.value;
      models.set(key, m);
    }
    const lv = scenarioLevels(m, id);
    if (!lv.ok) return lv;
    onProgress?.(`evaluating ${id} (${i + 1}/${ids.length})`);
    runs.push({
      id,
      name: s ? s.name : BAU_NAME,
      levels: lv.value,
      model: m,
      result: evaluate(m, lv.value, createResult(m)),
    });
  }
  return ok(runs);
}
