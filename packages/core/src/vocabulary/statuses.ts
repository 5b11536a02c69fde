/**
 * Two status vocabularies, for two different things, and the one mapping between them.
 *
 * - `AgendaStatus`: where an action of the city's agenda stands in its implementation, as the city
 *   reports it (착수 전, 추진 중, 지연, 완료, 중단). Stored with every agenda action and its status history.
 * - `ModelActionStatus`: how firm an action of a model instance is, as the modeller states it (proposed,
 *   planned, committed, in progress, done, stalled). It does not change a single number of the pathway.
 *
 * Where one list is shown for both (the public site lists agenda and model actions together), a model
 * action is shown under `agendaStatusOfModel(status)`.
 */
import type { Text } from "./text.ts";

export const AGENDA_STATUSES = ["not_started", "in_progress", "delayed", "completed", "cancelled"] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export const MODEL_ACTION_STATUSES = [
  "proposed",
  "planned",
  "committed",
  "in_progress",
  "done",
  "stalled",
] as const;
export type ModelActionStatus = (typeof MODEL_ACTION_STATUSES)[number];

export const AGENDA_STATUS_LABELS: Readonly<Record<AgendaStatus, Text>> = {
  not_started: { ko: "착수 전", en: "Not started" },
  in_progress: { ko: "추진 중", en: "In progress" },
  delayed: { ko: "지연", en: "Delayed" },
  completed: { ko: "완료", en: "Completed" },
  cancelled: { ko: "중단", en: "Cancelled" },
};

export const MODEL_ACTION_STATUS_LABELS: Readonly<Record<ModelActionStatus, Text>> = {
  proposed: { ko: "제안", en: "Proposed" },
  planned: { ko: "계획", en: "Planned" },
  committed: { ko: "확정", en: "Committed" },
  in_progress: { ko: "추진 중", en: "In progress" },
  done: { ko: "완료", en: "Done" },
  stalled: { ko: "정체", en: "Stalled" },
};

/**
 * The agenda status a model action is shown under: not yet begun (proposed, planned, committed) is "not
 * started", stalled is "delayed" (stopped, not abandoned), done is "completed".
 */
const AGENDA_OF_MODEL: Readonly<Record<ModelActionStatus, AgendaStatus>> = {
  proposed: "not_started",
  planned: "not_started",
  committed: "not_started",
  in_progress: "in_progress",
  done: "completed",
  stalled: "delayed",
};

export function agendaStatusOfModel(s: ModelActionStatus): AgendaStatus {
  return AGENDA_OF_MODEL[s];
}

/** The agenda statuses' names in one language, by status (for label tables such as the web site's). */
export function agendaStatusNames(lang: keyof Text): Record<AgendaStatus, string> {
  return Object.fromEntries(AGENDA_STATUSES.map((s) => [s, AGENDA_STATUS_LABELS[s][lang]])) as Record<
    AgendaStatus,
    string
  >;
}

/**
 * Where a version of the city's inventory stands: a draft staff compute and compare, or published (frozen,
 * shown on the public site). Its verification is another list (verification.ts).
 */
export const INVENTORY_STATUSES = ["draft", "published"] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];
