/**
 * Turns the core's evaluation result into the frame the explorer draws (tCO2e per year).
 */
import type { InstanceLike } from "./engine.ts";
import type { PathwayFrame } from "./protocol.ts";

interface ResultLike {
  years: ArrayLike<number>;
  bau: { total: ArrayLike<number> };
  scenario: { total: ArrayLike<number> };
  targets?: Array<{ id: string; values: ArrayLike<number | null> }>;
}

export function toFrame(result: unknown, instance: InstanceLike): PathwayFrame {
  const r = result as ResultLike;
  return {
    years: Array.from(r.years),
    bau: Array.from(r.bau.total),
    scenario: Array.from(r.scenario.total),
    targets: (r.targets ?? []).map((t) => ({
      id: t.id,
      name: instance.targets?.find((x) => x.id === t.id)?.name ?? t.id,
      values: Array.from(t.values),
    })),
  };
}
