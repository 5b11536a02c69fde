/**
 * The one place that turns problems into HTTP. The core and the repositories raise catalogue problems
 * (packages/core/src/errors.ts); this table gives each code its status, and every error leaves the server as
 *   {"error": {"code": "...", "message": "...", "details": [{"path": "...", "message": "...", "code": "..."}]}}
 * with `current_version` added to a 409 when the record's version is known.
 */
import { CitypathError, formatWhere, type Problem, type ProblemCode, problem } from "@citypath/core";
import { conflictVersion, sqlState } from "@citypath/db";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";

/** Statuses of the codes that are not plain bad input (400). */
const STATUS: Partial<Record<ProblemCode, ContentfulStatusCode>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_READY: 503,
  BUSY: 503,
  INTERNAL: 500,
  SOLVER_FAILED: 503,
  // Domain refusals of well-formed input (no factor, infeasible targets...) stay 400: the request must change.
};

export function statusOf(code: ProblemCode): ContentfulStatusCode {
  return STATUS[code] ?? 400;
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_FOUND" }),
      message: z.string(),
      details: z.array(
        z.object({
          path: z.string().openapi({ description: "Where: a field path, or file:line [column]." }),
          message: z.string(),
          code: z.string().optional(),
        }),
      ),
      current_version: z
        .number()
        .int()
        .optional()
        .openapi({ description: "On 409: the record's current version." }),
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(problems: readonly Problem[], currentVersion?: number): ErrorBody {
  const first = problems[0] ?? problem("INTERNAL", "Unknown error.");
  const errors = problems.filter((p) => p.severity === "error");
  return {
    error: {
      code: first.code,
      message: errors.length > 1 ? `${errors.length} problems; the first: ${first.message}` : first.message,
      details: problems.map((p) => ({ path: formatWhere(p), message: p.message, code: p.code })),
      ...(currentVersion !== undefined ? { current_version: currentVersion } : {}),
    },
  };
}

/** The responses every route may give besides its own, for the OpenAPI document. */
export function errorResponses(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { "application/json": { schema: typeof errorBodySchema } } }
  > = {};
  const text: Record<number, string> = {
    400: "Invalid request: every problem, each with its path.",
    401: "Sign-in required.",
    403: "The caller's role does not allow this.",
    404: "Not found, or not visible to the caller.",
    409: "Conflict: the record changed; `current_version` says which version it is at.",
    413: "Request body too large.",
    429: "Too many requests: wait the seconds the Retry-After header gives.",
    415: "Unsupported media type: send application/json.",
    503: "Not ready (starting or stopping), or busy computing: Retry-After says when to try again.",
  };
  for (const s of statuses)
    out[s] = {
      description: text[s] ?? "Error",
      content: { "application/json": { schema: errorBodySchema } },
    };
  return out;
}

export function problemResponse(c: Context<AppEnv>, problems: readonly Problem[], currentVersion?: number) {
  const status = statusOf(problems[0]?.code ?? "INTERNAL");
  return c.json(errorBody(problems, currentVersion), status);
}

/** A refusal the caller may retry after `retryAfterS` seconds: the answer carries a Retry-After header. */
export class RetryLaterError extends CitypathError {
  constructor(
    problems: Problem[] | Problem,
    readonly retryAfterS: number,
  ) {
    super(problems);
  }
}

/** 503 BUSY with Retry-After: a worker pool's queue is full, or its task ran past its deadline. */
export function busy(message: string, retryAfterS = 5): RetryLaterError {
  return new RetryLaterError(problem("BUSY", message), retryAfterS);
}

/** 429 with Retry-After (seconds); `what` names the limit (docs/security.md lists them). */
export class RateLimitedError extends RetryLaterError {
  constructor(retryAfterS: number, what: string) {
    super(
      problem("RATE_LIMITED", `Too many ${what}; try again in ${retryAfterS} seconds.`, { path: what }),
      retryAfterS,
    );
  }
}

/** A refusal whose answer also carries Set-Cookie headers (the sign-in library's refusals may clear cookies). */
export class RefusalWithCookies extends CitypathError {
  constructor(
    problems: Problem[] | Problem,
    readonly setCookies: readonly string[],
  ) {
    super(problems);
  }
}

/** Hono's onError: catalogue errors keep their status; anything else is logged and answered 500. */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof CitypathError) {
    if (err instanceof RetryLaterError) c.header("retry-after", String(err.retryAfterS));
    const res = problemResponse(c, err.problems, conflictVersion(err));
    if (err instanceof RefusalWithCookies)
      for (const v of err.setCookies) res.headers.append("set-cookie", v);
    return res;
  }
  if (err instanceof HTTPException) {
    const code: ProblemCode =
      err.status === 413
        ? "PAYLOAD_TOO_LARGE"
        : err.status === 415
          ? "UNSUPPORTED_MEDIA_TYPE"
          : err.status === 404
            ? "NOT_FOUND"
            : "BAD_VALUE";
    return problemResponse(c, [problem(code, err.message || "Bad request.")]);
  }
  // The database's own refusals, should a value get past the schemas: a value it cannot hold is bad input
  // (400), a taken key is a conflict (409). Logged as warnings: a schema should have caught them.
  const state = sqlState(err);
  if (state && (state.startsWith("22") || state === "23505" || state === "23503")) {
    c.get("deps")?.log.warn("database refused a value", {
      req: c.get("requestId"),
      path: c.req.path,
      sqlstate: state,
    });
    return problemResponse(c, [
      state.startsWith("22")
        ? problem(
            "BAD_VALUE",
            "A value of the request cannot be stored or compared (out of range or not valid text).",
          )
        : state === "23505"
          ? problem("CONFLICT", "A record with this key exists already.")
          : problem(
              "CONFLICT",
              "The change refers to a record that does not exist, or one that others still refer to.",
            ),
    ]);
  }
  const deps = c.get("deps");
  deps?.log.error("unhandled error", {
    req: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    error: err.message,
    stack: err.stack,
  });
  return problemResponse(c, [
    problem(
      "INTERNAL",
      `An unexpected error; the server log has the details (request ${c.get("requestId") ?? "?"}).`,
    ),
  ]);
}

/** The zod-openapi hook: a request that fails its schema gets 400 with every issue and its path. */
export function validationHook(
  result:
    | { success: true; data: unknown; target: string }
    | { success: false; error: z.ZodError; target: string },
  c: Context<AppEnv>,
) {
  if (result.success) return;
  const problems = result.error.issues.map((i) =>
    problem(i.code === "invalid_type" && i.input === undefined ? "MISSING_VALUE" : "BAD_VALUE", i.message, {
      path: [result.target, ...i.path.map(String)].join("."),
    }),
  );
  return problemResponse(c, problems);
}
