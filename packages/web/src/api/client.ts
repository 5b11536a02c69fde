/**
 * The HTTP transport: calls typed by the server's OpenAPI document (schema.generated.ts, `npm run
 * generate:api`) through openapi-fetch. Failures are values, never thrown: a page shows "not published yet"
 * for a 404 and the server's own message for anything else. The server answers errors as
 * {"error": {"code", "message", "details": [{path, message}]}}.
 *
 * In development and in tests every answer is also checked against the schema the document declares for
 * its route and status (answer-check.ts, installed by main.tsx only when `import.meta.env.DEV`); a
 * violation becomes an error result with code CONTRACT_VIOLATION. The public build ships no validator.
 */
import createFetchClient, { type Client, type Middleware } from "openapi-fetch";
import { fetchTakingEarly } from "./early.ts";
import type { components, paths } from "./schema.generated.ts";

export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  /** Each problem: where (`file:line [column]` or a path in the body), why, and its code when the server gave one. */
  details?: Array<{ path: string; message: string; code?: string }>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type Fetch = (input: Request) => Promise<Response>;

/** The problems of one answer against the declared schema of its route, method and status ([] when none). */
export type AnswerCheck = (route: string, method: string, status: number, body: unknown) => string[];

export type Schemas = components["schemas"];

export interface ApiClient {
  /** The typed calls (GET, POST, ...) of openapi-fetch. */
  readonly http: Client<paths>;
  /** The absolute URL of an API path (under /api), for links (downloads, docs). */
  url(path: string): string;
  /** Checks every later answer against the contract (development and tests). */
  checkAnswers(check: AnswerCheck): void;
}

/** Code of the error result of an answer that does not match its declared schema. */
export const CONTRACT_VIOLATION = "CONTRACT_VIOLATION";

/**
 * `origin` is where the API is served ("" in the browser: the page's own origin). `fetchImpl` replaces the
 * network (tests pass the app's own request handler); in a page the client takes the answers asked for
 * before the code loaded (early.ts).
 */
export function createClient(origin = "", fetchImpl?: Fetch): ApiClient {
  const root = origin.replace(/\/$/, "");
  // openapi-fetch builds a Request, which needs an absolute URL outside a page
  const baseUrl = root || (typeof location === "undefined" ? "http://localhost" : location.origin);
  const http = createFetchClient<paths>({
    baseUrl,
    headers: { accept: "application/json" },
    fetch: fetchImpl ?? fetchTakingEarly,
  });
  return {
    http,
    url: (path) => `${root}/api${path.startsWith("/") ? path : `/${path}`}`,
    checkAnswers(check) {
      http.use(answerChecker(check));
    },
  };
}

function answerChecker(check: AnswerCheck): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      if (!(response.headers.get("content-type") ?? "").includes("json")) return undefined;
      let body: unknown;
      try {
        body = await response.clone().json();
      } catch {
        return undefined; // answered as bad_response by result()
      }
      const problems = check(schemaPath, request.method.toLowerCase(), response.status, body);
      if (problems.length === 0) return undefined;
      const message = `${request.method} ${schemaPath} answered ${response.status} outside its declared schema`;
      return Response.json(
        {
          error: {
            code: CONTRACT_VIOLATION,
            message,
            details: problems.map((p) => ({ path: schemaPath, message: p })),
          },
        },
        { status: 500 },
      );
    },
  };
}

/**
 * An openapi-fetch call as a result value: the typed data, or the server's error with its code and
 * details; an unreachable server (status 0) or a body that is not JSON are errors too, never exceptions.
 * An aborted call still rejects (the caller stopped waiting).
 */
export async function result<A extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<A>,
  signal?: AbortSignal,
): Promise<ApiResult<NonNullable<A["data"]>>> {
  let a: A;
  try {
    a = await call;
  } catch (e) {
    if (signal?.aborted) throw e;
    if (e instanceof SyntaxError)
      return { ok: false, error: { status: 500, code: "bad_response", message: "the answer is not JSON" } };
    return { ok: false, error: { status: 0, code: "network", message: String(e) } };
  }
  const { response } = a;
  if (!response.ok) return { ok: false, error: errorOf(response, a.error) };
  const data = a.data;
  if (data === undefined || data === null)
    return {
      ok: false,
      error: { status: response.status, code: "bad_response", message: "an empty answer" },
    };
  return { ok: true, data };
}

/** A call whose success has no body (204 No Content, a delete): ok with null; a failure as `result` gives it. */
export async function noContent<A extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<A>,
  signal?: AbortSignal,
): Promise<ApiResult<null>> {
  const r = await result(call, signal);
  if (r.ok || r.error.status === 204) return { ok: true, data: null };
  return r;
}

/** A property of a value that may be anything (an error body is read defensively: it may not be ours). */
function prop(v: unknown, key: string): unknown {
  return v !== null && typeof v === "object" ? Object.getOwnPropertyDescriptor(v, key)?.value : undefined;
}

function errorOf(res: Response, body: unknown): ApiError {
  const err = prop(body, "error");
  const code = prop(err, "code");
  const message = prop(err, "message");
  const rawDetails = prop(err, "details");
  const details = Array.isArray(rawDetails)
    ? rawDetails.flatMap((d: unknown) => {
        const m = prop(d, "message");
        const p = prop(d, "path");
        const c = prop(d, "code");
        return typeof m === "string"
          ? [
              {
                path: typeof p === "string" ? p : "",
                message: m,
                ...(typeof c === "string" ? { code: c } : {}),
              },
            ]
          : [];
      })
    : undefined;
  return {
    status: res.status,
    code: typeof code === "string" ? code : `http_${res.status}`,
    message: typeof message === "string" ? message : res.statusText || `HTTP ${res.status}`,
    ...(details ? { details } : {}),
  };
}

export const api = createClient();
