/**
 * Messages between the scenario explorer and its Web Worker. The worker holds the compiled model; each
 * slider move sends one level, and the worker answers with the pathway (tCO2e per year).
 */
import type { Lever, TargetPath } from "../api/model.ts";

export type ToWorker =
  | { type: "load"; instance: unknown; scenarioId: string | null }
  | { type: "eval"; seq: number; levels: Record<string, number> };

export interface PathwayFrame {
  years: number[];
  bau: number[];
  scenario: number[];
  targets: TargetPath[];
  /** Gap to each target (scenario minus target path), tCO2e; null where the path is undefined. */
  gaps: Array<{ id: string; values: Array<number | null> }>;
  basisName: { ko: string; en: string } | null;
}

export type FromWorker =
  | {
      type: "loaded";
      scenarioId: string;
      scenarioName: { ko: string; en: string };
      scenarios: Array<{ id: string; name: { ko: string; en: string } }>;
      levers: Lever[];
      frame: PathwayFrame;
    }
  | { type: "result"; seq: number; frame: PathwayFrame; evalMs: number }
  | { type: "error"; code: string; message: string };
