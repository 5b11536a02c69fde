/**
 * Messages between the scenario explorer and its Web Worker. The worker holds the compiled model; each
 * slider move sends one level, and the worker answers with the pathway (tCO2e per year).
 */

import type { MacCurve } from "@citypath/core/actions/costs";
import type { PortfolioMode } from "@citypath/core/optimize/by-year";
import type { Lever, TargetPath } from "../api/model.ts";
import type { BandFrame, PortfolioAnswer } from "./analysis.ts";

export type ToWorker =
  | {
      type: "load";
      instance: unknown;
      scenarioId: string | null;
      /** Whose driver paths to use (null: the scenario's own, else business as usual). */
      drivers: string | null;
      /** Levels to keep (by action id) when only the drivers change. */
      levels?: Record<string, number>;
    }
  | { type: "eval"; seq: number; levels: Record<string, number> };

export interface PathwayFrame {
  years: number[];
  bau: number[];
  scenario: number[];
  targets: TargetPath[];
  /** Gap to each target (scenario minus target path), tCO2e; null where the path is undefined. */
  gaps: Array<{ id: string; values: Array<number | null> }>;
  basisName: { ko: string; en: string } | null;
  /** What it takes to meet each target of the instance, by plan sector (core whatItTakes). */
  whatItTakes: Array<{
    target: string;
    targetName: { ko: string; en: string };
    /** The Scope 2 method the target is measured on. */
    method: "location_based" | "market_based";
    years: Array<{
      year: number;
      target: number;
      remaining: number;
      gap: number;
      sectors: Array<{ sector: string; allowance: number; remaining: number; gap: number }>;
    }>;
  }>;
}

export type FromWorker =
  | {
      type: "loaded";
      scenarioId: string;
      scenarioName: { ko: string; en: string };
      scenarios: Array<{ id: string; name: { ko: string; en: string } }>;
      levers: Lever[];
      /** The scenario's own level of each lever (before any kept or shared levels were applied). */
      baseLevels: Record<string, number>;
      frame: PathwayFrame;
      drivers: string;
      driverChoices: Array<{ id: string; name: { ko: string; en: string } | null }>;
      /** Every target of the instance (the portfolio may aim at targets on another basis than the chart's). */
      allTargets: Array<{ id: string; name: { ko: string; en: string } }>;
    }
  | { type: "result"; seq: number; frame: PathwayFrame; evalMs: number }
  | { type: "error"; code: string; message: string };

/** Messages to and from the analysis worker (band, MAC curve, least-cost portfolio: explorer/analysis.ts). */
export type ToAnalysis =
  | { type: "init"; instance: unknown; uncertainty: unknown; portfolio: unknown }
  | { type: "analyse"; seq: number; scenarioId: string; drivers: string; levels: Record<string, number> }
  /** The levels are moving: the run of an older request stops. */
  | { type: "stop"; seq: number }
  | {
      type: "portfolio";
      seq: number;
      /** The scenario whose action ranges (min/max) bound the levels; the optimiser chooses the levels. */
      scenarioId: string;
      drivers: string;
      targets: Array<{ target: string; years: number[] }>;
      /** A portfolio per target year (then every year together), or one for every year at once. */
      mode: PortfolioMode;
    };

export type FromAnalysis =
  | {
      type: "mac";
      seq: number;
      curve: MacCurve;
      names: Record<string, { ko: string; en: string }>;
      year: number;
      discountRate: number;
      discountYear: number;
    }
  | { type: "band"; seq: number; band: BandFrame; ms: number }
  | { type: "portfolio"; seq: number; answer: PortfolioAnswer }
  | { type: "error"; seq: number; task: "band" | "mac" | "portfolio"; code: string; message: string };
