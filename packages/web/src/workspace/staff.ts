/**
 * Server state of the workspace through TanStack Query and the typed client: one QueryClient for the
 * workspace (kept across its pages), query keys per tenant, and the bridge from the client's result values
 * (`ApiResult`) to what TanStack Query expects (a rejected promise carrying the `ApiError`).
 */
import { QueryClient } from "@tanstack/react-query";
import { type ApiError, type ApiResult, api, result } from "../api/client.ts";
import { staffClient } from "./session.ts";

/** The error a query or mutation rejects with: the server's (or the network's) error, as a value. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** The data of a result, or a rejection with its error (for query and mutation functions). */
export async function unwrap<T>(r: Promise<ApiResult<T>>): Promise<T> {
  const v = await r;
  if (!v.ok) throw new ApiFailure(v.error);
  return v.data;
}

/** The ApiError of anything a query or mutation rejected with. */
export function apiErrorOf(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.error;
  return { status: 0, code: "client", message: e instanceof Error ? e.message : String(e) };
}

let client: QueryClient | null = null;
/**
 * The workspace's QueryClient. Staff data is read fresh on each page (staleTime 0 is TanStack's default;
 * a few seconds avoid a second request when a page and its form mount together; the workspace drops the
 * tenant's answers when another page is opened inside the app, Workspace.tsx). Failed reads are not
 * retried blindly: a 4xx will not change, and the page shows the error with its code.
 */
export function workspaceQueryClient(): QueryClient {
  client ??= new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (n, e) => n < 2 && apiErrorOf(e).status === 0,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/** Query keys: everything of one tenant starts with ["t", slug], so a write can refresh its tenant. */
export const keys = {
  session: ["session"] as const,
  tenant: (slug: string) => ["t", slug] as const,
  reminders: (slug: string) => ["t", slug, "reminders"] as const,
  myReminders: (slug: string) => ["t", slug, "reminders", "mine"] as const,
  actions: (slug: string) => ["t", slug, "actions"] as const,
  action: (slug: string, id: string) => ["t", slug, "action", id] as const,
  indicator: (slug: string, id: string) => ["t", slug, "indicator", id] as const,
  plans: (slug: string) => ["t", slug, "plans"] as const,
  inventories: (slug: string) => ["t", slug, "inventories"] as const,
  inventory: (slug: string, v: number) => ["t", slug, "inventory", v] as const,
  diff: (slug: string, v: number, against: number | null) => ["t", slug, "diff", v, against] as const,
  datasets: (slug: string) => ["t", slug, "activity-datasets"] as const,
  profiles: (slug: string) => ["t", slug, "import-profiles"] as const,
  reports: (slug: string) => ["t", slug, "reports"] as const,
  budgetLines: (slug: string, year: number) => ["t", slug, "budget", year] as const,
};

/** The tenant's agenda actions (the agenda pages, My work and the answer queue share them). */
export function actionsQuery(tenant: string) {
  return {
    queryKey: keys.actions(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/actions", { params: { path: { tenant } }, signal }),
          signal,
        ),
      ),
  };
}

/** The tenant's saved import profiles (column mappings per source layout), for the import pages. */
export function profilesQuery(tenant: string) {
  return {
    queryKey: keys.profiles(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/import-profiles", {
            params: { path: { tenant } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** The tenant's plans, as the agenda and report pages read them. */
export function plansQuery(tenant: string) {
  return {
    queryKey: keys.plans(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(api.http.GET("/api/tenants/{tenant}/plans", { params: { path: { tenant } }, signal }), signal),
      ),
  };
}

/** The tenant's indicators (every one for staff), as the new action form offers them. */
export function indicatorsQuery(tenant: string) {
  return {
    queryKey: [...keys.tenant(tenant), "indicators"] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/indicators", { params: { path: { tenant } }, signal }),
          signal,
        ),
      ),
  };
}

/** One action as the action's workspace page reads it (public route: staff see drafts). */
export function actionQuery(tenant: string, id: string) {
  return {
    queryKey: keys.action(tenant, id),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/actions/{action}", {
            params: { path: { tenant, action: id } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** One indicator as its workspace page reads it. */
export function indicatorQuery(tenant: string, id: string) {
  return {
    queryKey: keys.indicator(tenant, id),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/indicators/{indicator}", {
            params: { path: { tenant, indicator: id } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** Today's reminders of the signed-in person's departments (My work). */
export function remindersQuery(tenant: string) {
  return {
    queryKey: keys.reminders(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/reminders", { params: { path: { tenant } }, signal }),
          signal,
        ),
      ),
  };
}

/** My work's answer: the caller's departments' reminders, each department named (one request, no mail texts). */
export function myRemindersQuery(tenant: string) {
  return {
    queryKey: keys.myReminders(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/reminders/mine", {
            params: { path: { tenant } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** The tenant's inventory versions (the Inventory page). */
export function inventoriesQuery(tenant: string) {
  return {
    queryKey: keys.inventories(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/inventories", {
            params: { path: { tenant } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** The tenant's activity datasets (the Inventory page's compute form). */
export function datasetsQuery(tenant: string) {
  return {
    queryKey: keys.datasets(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/activity-datasets", {
            params: { path: { tenant } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** The tenant's implementation reports (the Reports page's list). */
export function reportsQuery(tenant: string) {
  return {
    queryKey: keys.reports(tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/reports", { params: { path: { tenant } }, signal }),
          signal,
        ),
      ),
  };
}

/** A fiscal year's budget lines (the budget page). */
export function budgetLinesQuery(tenant: string, year: number) {
  return {
    queryKey: keys.budgetLines(tenant, year),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/budget/{year}/lines", {
            params: { path: { tenant, year: String(year) } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** The fiscal year a budget page's address names (`budget/2025`), else last year's. */
export function budgetYear(segment: string | undefined): number {
  return segment && /^\d{4}$/.test(segment) ? Number(segment) : new Date().getFullYear() - 1;
}
