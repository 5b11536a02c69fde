/** Messages between the Model page and its worker (model-worker.ts). */
export type ModelToWorker = {
  seq: number;
  /** The saved version (sent when it changes; `key` names it). */
  saved?: { key: string; document: unknown };
  /** The edited document. */
  draft: unknown;
  /** The scenario to compare (null: the engine's default, the scenario with the most actions). */
  scenario: string | null;
};

export type ModelFromWorker =
  | {
      type: "preview";
      seq: number;
      scenarioId: string;
      scenarios: Array<{ id: string; name: { ko: string; en: string } }>;
      years: number[];
      /** The scenario's emissions (the chart's basis), tCO2e per year: saved version and edited one. */
      saved: number[];
      draft: number[];
      bau: number[];
    }
  | { type: "error"; seq: number; code: string; message: string };
