/**
 * Answers the OpenAPI document does not yet describe field by field (declared as `{[key]: unknown}`): the
 * agenda's action bodies, an inventory line's details and the pathway document. Their shapes are written
 * here from the server's presenters and the core's contracts; `undescribed()` is the one place such a body
 * is taken for its shape. When the document describes them, `npm run generate:api` types them and this file
 * goes. In development and tests the answers are still checked against what the document does declare.
 */
import type { InventoryLine } from "@citypath/core/inventory/types";
import type { PathwayJson } from "@citypath/core/pathway/json";

/** Takes a loosely declared body for the shape written below (see the file's note). */
export function undescribed<T>(body: unknown): T {
  return body as T;
}

/** One line of `GET .../inventories/{v}` with the fields of the core's inventory contract. */
export type WireInventoryLine = Pick<
  InventoryLine,
  "gpc_ref" | "scope" | "level" | "tco2e" | "market_based_tco2e" | "gases_t"
> &
  Partial<Pick<InventoryLine, "subsector_name" | "kr_sector" | "factors" | "districts" | "quality">>;

/** `GET .../scenarios/{s}/pathway`: the core's pathway JSON contract. */
export type WirePathway = PathwayJson;

type WireText = { ko: string; en: string };

export interface WireAgendaSource {
  id: string;
  title: string;
  publisher?: string;
  ref: string;
  published?: string;
}

interface WireAgendaNames {
  departments_named: Array<{ id: string; name: WireText | null }>;
  placements: Array<{
    plan: string;
    plan_name: WireText | null;
    policy_area: string;
    policy_area_name: WireText | null;
  }>;
}

/** One line of `GET /api/tenants/{t}/actions`. */
export interface WireAgendaActionSummary extends WireAgendaNames {
  id: string;
  name: WireText;
  status: string;
  sectors: string[];
  completion_pct: { value: number } | null;
}

/** `GET /api/tenants/{t}/actions/{id}`. */
export interface WireAgendaAction extends WireAgendaNames {
  action: {
    id: string;
    name: WireText;
    description: WireText;
    status: string;
    sectors: string[];
    partners: Array<{ name: WireText }>;
    start?: string;
    end?: string;
    completion_pct?: { value: number };
    status_history: Array<{ status: string; date: string; reason: WireText }>;
    progress: Array<{ date: string; text: WireText }>;
  };
  indicators: Array<{
    id: string;
    name: WireText;
    unit: string;
    unit_label: WireText;
    goals: Array<{ year: number; value: number }>;
    observed: Array<{ year: number; value: number; district?: string; source?: string }>;
  }>;
  budget: {
    /** The budget lines linked to the action and their sums by year (presenters/agenda.ts `budgetOf`). */
    funded_by: {
      lines: Array<{
        year: number;
        code: string;
        name: WireText;
        amount_krw: number;
        executed_krw: number | null;
        provisional: boolean;
        illustrative: boolean;
      }>;
      years: Array<{ year: number; amount_krw: number; executed_krw: number | null }>;
    };
  };
  modelled: { years: Array<{ year: number; expected_tco2e: number; implied_tco2e?: number }> } | null;
  sources: WireAgendaSource[];
}
