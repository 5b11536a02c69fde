/**
 * The Model pages' first questions, shared with the workspace's entry so that it can ask them while it waits
 * for the session and the page's chunk (the instance list, then the latest instance document: both public,
 * so asking them before the session is known opens no sign-in). The page finds the answers in the cache.
 */
import type { QueryClient } from "@tanstack/react-query";
import { result } from "../api/client.ts";
import { staffClient } from "./session.ts";
import { unwrap } from "./staff.ts";

export function modelKeys(tenant: string) {
  return {
    all: ["t", tenant, "model"] as const,
    list: ["t", tenant, "model", "list"] as const,
    doc: (id: string, v: number | "latest") => ["t", tenant, "model", "doc", id, v] as const,
    versions: (id: string) => ["t", tenant, "model", "versions", id] as const,
    owners: ["t", tenant, "model", "owners"] as const,
    actions: (id: string) => ["t", tenant, "model", "actions", id] as const,
  };
}

export function instancesQuery(tenant: string) {
  return {
    queryKey: modelKeys(tenant).list,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/instances", { params: { path: { tenant } }, signal }),
          signal,
        ),
      ),
  };
}

/** An instance's document: the latest version, or `version`. */
export function instanceQuery(tenant: string, id: string, version?: number) {
  return {
    queryKey: modelKeys(tenant).doc(id, version ?? "latest"),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/instances/{instance}", {
            params: {
              path: { tenant, instance: id },
              ...(version !== undefined ? { query: { version } } : {}),
            },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** An instance's actions as a list (the agenda's model link): each scenario's actions, each action's parameters. */
export function actionIndexQuery(tenant: string, id: string) {
  return {
    queryKey: modelKeys(tenant).actions(id),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/instances/{instance}/actions", {
            params: { path: { tenant, instance: id } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** An instance's saved versions, newest first. */
export function versionsQuery(tenant: string, id: string) {
  return {
    queryKey: modelKeys(tenant).versions(id),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}/instances/{instance}/versions", {
            params: { path: { tenant, instance: id } },
            signal,
          }),
          signal,
        ),
      ),
  };
}

/** The departments the tenant's settings name as the model's owners (who may save it besides admins). */
export function ownersQuery(tenant: string) {
  return {
    queryKey: modelKeys(tenant).owners,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          staffClient().http.GET("/api/tenants/{tenant}", { params: { path: { tenant } }, signal }),
          signal,
        ),
      ).then((x) => {
        const owners: unknown = x.settings?.model_owners;
        return Array.isArray(owners) ? owners.filter((d): d is string => typeof d === "string") : [];
      }),
  };
}

/**
 * Asks the Model page's public questions now (the list, then the latest document, the versions and the
 * owners, and the version the address names); failures are the page's.
 */
export function prefetchModel(queryClient: QueryClient, tenant: string, version?: number): void {
  void queryClient.prefetchQuery(ownersQuery(tenant));
  void queryClient
    .fetchQuery(instancesQuery(tenant))
    .then((list) => {
      const id = list.instances[0]?.id;
      if (!id) return undefined;
      return Promise.all([
        queryClient.prefetchQuery(instanceQuery(tenant, id)),
        queryClient.prefetchQuery(versionsQuery(tenant, id)),
        ...(version !== undefined ? [queryClient.prefetchQuery(instanceQuery(tenant, id, version))] : []),
      ]);
    })
    .catch(() => undefined);
}

/** Asks the action page's model link question now (the list, then the first instance's actions). */
export function prefetchActionIndex(queryClient: QueryClient, tenant: string): void {
  void queryClient
    .fetchQuery(instancesQuery(tenant))
    .then((list) => {
      const id = list.instances[0]?.id;
      if (id) return queryClient.prefetchQuery(actionIndexQuery(tenant, id));
      return undefined;
    })
    .catch(() => undefined);
}
