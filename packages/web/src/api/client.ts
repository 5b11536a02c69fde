/**
 * The HTTP transport: typed GETs against the Citypath API (/api/...). Failures are values, never thrown:
 * a page shows "not published yet" for a 404 and the server's own message for anything else.
 * The server answers errors as {"error": {"code", "message", "details": [{path, message}]}}.
 */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  details?: Array<{ path: string; message: string }>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>>;
  /** The absolute URL of an API path, for links (downloads, docs). */
  url(path: string): string;
}

export function createClient(base = "/api", fetchImpl: Fetch = (i, init) => fetch(i, init)): ApiClient {
  const root = base.replace(/\/$/, "");
  const url = (path: string) => `${root}${path.startsWith("/") ? path : `/${path}`}`;
  return {
    url,
    async get<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>> {
      let res: Response;
      try {
        res = await fetchImpl(url(path), { headers: { accept: "application/json" }, signal });
      } catch (e) {
        if (signal?.aborted) throw e;
        return { ok: false, error: { status: 0, code: "network", message: String(e) } };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return {
          ok: false,
          error: { status: res.status, code: "bad_response", message: `${res.status}: not JSON` },
        };
      }
      if (!res.ok) {
        const err = (body as { error?: Partial<ApiError> } | null)?.error;
        return {
          ok: false,
          error: {
            status: res.status,
            code: typeof err?.code === "string" ? err.code : `http_${res.status}`,
            message: typeof err?.message === "string" ? err.message : res.statusText,
            ...(Array.isArray(err?.details) ? { details: err.details } : {}),
          },
        };
      }
      return { ok: true, data: body as T };
    },
  };
}

export const api = createClient();
