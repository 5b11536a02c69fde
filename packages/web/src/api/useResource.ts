import { useEffect, useState } from "react";
import type { ApiError, ApiResult } from "./client.ts";

export type Resource<T> =
  | { state: "loading" }
  | { state: "ready"; data: T }
  | { state: "error"; error: ApiError };

/** Loads once per key; a new key aborts the previous load. */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
): Resource<T> {
  const [res, setRes] = useState<{ key: string | null; value: Resource<T> }>({
    key: null,
    value: { state: "loading" },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names the load
  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      (r) => {
        if (!ctrl.signal.aborted)
          setRes({
            key,
            value: r.ok ? { state: "ready", data: r.data } : { state: "error", error: r.error },
          });
      },
      (e: unknown) => {
        // A bug in a mapping must show, not leave the page loading forever.
        if (!ctrl.signal.aborted)
          setRes({
            key,
            value: { state: "error", error: { status: 0, code: "client_error", message: String(e) } },
          });
      },
    );
    return () => ctrl.abort();
  }, [key]);
  return res.key === key ? res.value : { state: "loading" };
}
