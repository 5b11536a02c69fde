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

/** Asks the Model page's public questions now (the list, then the latest document); failures are the page's. */
export function prefetchModel(queryClient: QueryClient, tenant: string): void {
  void queryClient
    .fetchQuery(instancesQuery(tenant))
    .then((list) => {
      const id = list.instances[0]?.id;
      if (id) return queryClient.prefetchQuery(instanceQuery(tenant, id));
      return undefined;
    })
    .catch(() => undefined);
}
