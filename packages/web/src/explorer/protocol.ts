/**
 * Messages between the scenario explorer and its Web Worker. The worker holds the compiled instance; each
 * slider move sends only the levels, and the worker answers with the pathway (tCO2e per year).
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
}

export type FromWorker =
  | {
      type: "loaded";
      scenarioId: string;
      scenarioName: { ko: string; en: string };
      levers: Lever[];
      frame: PathwayFrame;
    }
  | { type: "result"; seq: number; frame: PathwayFrame; evalMs: number }
  | { type: "error"; code: string; message: string };
