/**
 * The bridge from the explorer's worker to the pathway engine of @citypath/core (compileInstance, evaluate).
 * The engine is pure, so the very code that the server and the CLI run computes in the browser.
 */
import * as core from "@citypath/core";
import type { Lever, TargetPath } from "../api/model.ts";
import type { PathwayFrame } from "./protocol.ts";

interface Label {
  ko: string;
  en: string;
}
interface ScenarioAction {
  action: string;
  level: number;
  min?: number;
  max?: number;
}
interface InstanceLike {
  actions?: Array<{ id: string; name: Label }>;
  scenarios?: Array<{ id: string; name: Label; actions: ScenarioAction[] }>;
  targets?: Array<{ id: string; name: Label }>;
}

/** The subset of the core's pathway API the explorer uses. */
export interface PathwayEngine {
  compileInstance(instance: unknown): unknown;
  evaluate(compiled: unknown, options: unknown): unknown;
}

export function engine(): PathwayEngine | null {
  const c = core as unknown as Partial<PathwayEngine>;
  return typeof c.compileInstance === "function" && typeof c.evaluate === "function"
    ? (c as PathwayEngine)
    : null;
}

export function leversOf(instance: InstanceLike, scenarioId: string): Lever[] {
  const sc = instance.scenarios?.find((s) => s.id === scenarioId);
  if (!sc) return [];
  return sc.actions.map((a) => {
    const def = instance.actions?.find((x) => x.id === a.action);
    const max = a.max ?? Math.max(2, a.level * 2);
    return {
      id: a.action,
      label: def?.name ?? a.action,
      unit: "level",
      min: a.min ?? 0,
      max,
      step: max <= 2 ? 0.05 : max / 40,
      value: a.level,
    };
  });
}

export type { InstanceLike, PathwayFrame, TargetPath };
