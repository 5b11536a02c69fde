/**
 * The HTTP app: middleware (request id, caller, readiness, body limits, logs), every route folder, the
 * OpenAPI 3.1 document and its docs page, the web app, and the one error handler. `createApp(deps)` is pure
 * wiring: tests call `app.request()` on the real app over a real PGlite.
 */
import { CitypathError, FILE_LIMITS, problem } from "@citypath/core";
import type { LimitTaken, WriteCount } from "@citypath/db";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { Result, Router } from "hono/router";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";
import { storableInput } from "./boundary.ts";
import { DOCS_PAGE } from "./docs-page.ts";
import type { AppDeps, AppEnv, Caller } from "./env.ts";
import { onError, problemResponse, RateLimitedError, validationHook } from "./errors.ts";
import { openApiDocument } from "./openapi-components.ts";
import { registerRoutes } from "./routes/index.ts";
import { csrfRefusal } from "./security/csrf.ts";
import { participationCountsWrite } from "./security/rate-limit.ts";
import { serveWeb } from "./static.ts";

export const API_VERSION = "0.1.0";
/**
 * Request bodies above this are refused with 413; a file upload (a file of at most FILE_LIMITS.uploadBytes
 * as base64 in JSON) allows UPLOAD_BODY_LIMIT, the tenant import IMPORT_BODY_LIMIT.
 */
export const BODY_LIMIT = 2 * 1024 * 1024;
export const UPLOAD_BODY_LIMIT = Math.ceil((FILE_LIMITS.uploadBytes * 4) / 3) + 1024 * 1024;
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/** Routes that take a file in their body (as base64 in JSON). */
const isUpload = (path: string) => path.includes("/imports/") || /\/import\/(preview|commit)$/.test(path);

/**
 * Routes whose body is a file's bytes, streamed to disk by the route itself (which bounds its size): no JSON
 * and no body limit of the middleware, which would hold the whole body in memory.
 */
const isFileBody = (path: string) => /^\/api\/tenants\/[^/]+\/census\/file$/.test(path);

/** Paths that answer while the server starts or stops. */
const ALWAYS = new Set(["/api/health", "/api/ready", "/api/openapi.json", "/api/docs"]);

/**
 * The environment of the server's own reads while it starts (`app.request(path, undefined, WARM_UP)`;
 * server.ts's warm-up before ready): the only requests the readiness check lets through before the server is
 * ready. It is compared by identity, so no request from outside can carry it.
 */
export const WARM_UP: Readonly<Record<string, never>> = Object.freeze({});

let seq = 0;
const requestId = () => `${Date.now().toString(36)}-${(++seq).toString(36)}`;

/**
 * Who calls: the development operator (CITYPATH_DEV_WRITES), the user of a valid session cookie, or anonymous.
 * Only a request with a session cookie costs a session lookup.
 */
const ANONYMOUS: Caller = { kind: "anonymous" };
const DEVELOPMENT: Caller = { kind: "development" };
function resolveCaller(deps: AppDeps, c: Context<AppEnv>): Caller | Promise<Caller> {
  if (deps.devWrites) return DEVELOPMENT;
  const cookie = c.req.header("cookie");
  if (!deps.auth || !cookie?.includes("session_token")) return ANONYMOUS;
  return callerOf(deps.auth, c).then((r) => r.caller);
}

/** The session's caller, and with `write` the write limit counted in the same statement. */
function callerOf(
  auth: NonNullable<AppDeps["auth"]>,
  c: Context<AppEnv>,
  write?: WriteCount,
): Promise<{ caller: Caller; write?: LimitTaken }> {
  // a malformed cookie (bad percent-escapes) is no session: the caller is anonymous, never a 500
  return auth.callerFrom(c.req.raw.headers, write).catch((e: unknown) => {
    if (e instanceof URIError) return { caller: ANONYMOUS };
    throw e;
  });
}

/**
 * Whether a request carries a body: its declared length, or (chunked, or built in a test without the header)
 * whether it has a stream. The headers first: asking the Node adapter for the stream builds a full Request.
 */
function carriesBody(c: Context<AppEnv>): boolean {
  const length = c.req.header("content-length");
  if (length !== undefined && c.req.header("transfer-encoding") === undefined) return length !== "0";
  return c.req.raw.body !== null;
}

const isChange = (m: string) => m === "POST" || m === "PUT" || m === "PATCH" || m === "DELETE";

/** How many method-and-path matches MemoRouter keeps; when full it starts again (memory stays bounded). */
const ROUTE_MATCHES_KEPT = 1000;

/**
 * Hono's own router (the one it picks by default), with the match of each method and path kept: the app's
 * hundreds of routes made the match a tenth of a public read's CPU, and a public site asks the same few
 * paths again and again. A match depends on nothing but the method, the path and the routes, which are all
 * added before the first request; Hono reads a match and never changes it.
 */
export class MemoRouter<T> implements Router<T> {
  readonly name = "MemoRouter";
  readonly #inner: Router<T> = new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] });
  readonly #kept = new Map<string, Result<T>>();
  add(method: string, path: string, handler: T): void {
    this.#kept.clear();
    this.#inner.add(method, path, handler);
  }
  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    const hit = this.#kept.get(key);
    if (hit) return hit;
    const r = this.#inner.match(method, path);
    if (this.#kept.size >= ROUTE_MATCHES_KEPT) this.#kept.clear();
    this.#kept.set(key, r);
    return r;
  }
}

/**
 * An anonymous public read answered before the router (decision 0089): a GET of a path without a query whose
 * answer the response cache holds for the front (`cachedJson`), while the tenant's write generation of all
 * domains is the one the answer was current at. The answer is the route's: the same body, status, content type
 * and entity tag (304 for a matching If-None-Match), the request id, the log line. Anything else (a session, a
 * query, an unknown path, a server starting or stopping, a generation moved on) goes through the app.
 */
function answerKnownReadsFirst(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  // the development operator sees drafts: every read of theirs goes through the app
  if (deps.devWrites) return;
  const front = deps.cache.front;
  const dispatch = app.fetch;
  app.fetch = (request, env, ctx) => {
    if (request.method !== "GET" || (!deps.state.ready && env !== WARM_UP) || deps.state.stopping)
      return dispatch(request, env, ctx);
    const url = request.url;
    const start = url.indexOf("/", url.indexOf(":") + 3);
    const path = url.slice(start);
    // a query, or an escape that the router decodes: through the app
    if (path.includes("?") || path.includes("%") || path.includes("#")) return dispatch(request, env, ctx);
    const e = front.get(path);
    if (!e) return dispatch(request, env, ctx);
    const h = request.headers;
    if (
      (deps.auth && h.get("cookie")?.includes("session_token")) ||
      deps.store.generation(e.tenantId) !== e.generation
    ) {
      if (!deps.auth || !h.get("cookie")?.includes("session_token")) front.delete(path);
      return dispatch(request, env, ctx);
    }
    const started = performance.now();
    front.answered();
    const id = h.get("x-request-id")?.slice(0, 64) || requestId();
    const { bytes, etag } = e.cached;
    const res =
      h.get("if-none-match") === etag
        ? new Response(null, { status: 304, headers: { "x-request-id": id, etag } })
        : new Response(bytes, {
            status: 200,
            headers: { "x-request-id": id, "content-type": "application/json; charset=utf-8", etag },
          });
    if (deps.log.enabled("info"))
      deps.log.info("request", {
        req: id,
        method: "GET",
        path,
        status: res.status,
        ms: Math.round((performance.now() - started) * 100) / 100,
      });
    return res;
  };
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, router: new MemoRouter() });

  /** The request's id, caller and log line around the rest of the app (one async frame: each costs a turn). */
  app.use(
    "*",
    createMiddleware<AppEnv>(async (c, next) => {
      const start = performance.now();
      deps.state.inFlight = (deps.state.inFlight ?? 0) + 1;
      try {
        const id = c.req.header("x-request-id")?.slice(0, 64) || requestId();
        c.set("deps", deps);
        c.set("requestId", id);
        if (isChange(c.req.method) && c.req.path.startsWith("/api/")) {
          // resolved by guardChange, after the CSRF check: a forged request reads no session and counts
          // nothing against the victim's write limit
          c.set("caller", ANONYMOUS);
        } else {
          const caller = resolveCaller(deps, c);
          // no await on the common path (anonymous reads): a resolved promise still costs a turn of the loop
          c.set("caller", caller instanceof Promise ? await caller : caller);
        }
        // Set before the handler makes its response: changing headers of a finished response makes the Node
        // adapter copy it into a full Response object, which costs more than the whole cached read.
        c.header("x-request-id", id);
        await next();
        if (deps.log.enabled("info"))
          deps.log.info("request", {
            req: id,
            method: c.req.method,
            path: c.req.path,
            status: c.res.status,
            ms: Math.round((performance.now() - start) * 100) / 100,
          });
      } finally {
        deps.state.inFlight = (deps.state.inFlight ?? 1) - 1;
      }
    }),
  );

  app.use(
    "/api/*",
    createMiddleware<AppEnv>((c, next) => {
      const starting = !deps.state.ready && c.env !== WARM_UP;
      if (!ALWAYS.has(c.req.path) && (starting || deps.state.stopping)) {
        c.header("retry-after", "2");
        return Promise.resolve(
          problemResponse(c, [
            problem(
              "NOT_READY",
              deps.state.stopping ? "The server is stopping." : "The server is starting; try again shortly.",
            ),
          ]),
        );
      }
      // a read goes on without a promise of this middleware's own (each costs a turn of the microtask queue
      // and, with async hooks on, their hooks); what changes state is checked below
      if (!isChange(c.req.method)) return next();
      return guardChange(c, next);
    }),
  );

  /**
   * CSRF, the caller, the write limit and the body's media type of a request that changes state. The CSRF
   * check comes first and reads nothing; then one statement reads the session and counts the write against
   * the account's limit (decision 0071).
   */
  async function guardChange(c: Context<AppEnv>, next: Next) {
    const m = c.req.method;
    const refusal = csrfRefusal(c.req.raw, {
      trustedOrigins: deps.trustedOrigins ?? [],
      publicOrigin: deps.publicOrigin,
      sessionCookie: deps.auth?.sessionCookie ?? "better-auth.session_token",
      tokenFor: deps.auth ? deps.auth.csrfToken : () => "",
    });
    if (refusal) return problemResponse(c, [problem("FORBIDDEN", `Refused (CSRF): ${refusal}`)]);
    const limiter =
      c.req.path.startsWith("/api/auth/") ||
      // the participation routes count it with their own limits, in one statement
      participationCountsWrite(m, c.req.path)
        ? undefined
        : deps.limiter;
    const cookie = c.req.header("cookie");
    if (deps.devWrites) c.set("caller", DEVELOPMENT);
    else if (deps.auth && cookie?.includes("session_token")) {
      const r = await callerOf(deps.auth, c, limiter ? await limiter.writeCount() : undefined);
      c.set("caller", r.caller);
      if (r.write && !r.write.allowed)
        throw new RateLimitedError(Math.max(1, Math.ceil(r.write.retryAfterMs / 1000)), "writes");
    }
    if (m === "POST" || m === "PUT" || m === "PATCH") {
      const type = c.req.header("content-type") ?? "";
      const hasBody = carriesBody(c);
      if (hasBody && !/^application\/json\b/i.test(type) && !isFileBody(c.req.path))
        return problemResponse(c, [
          problem("UNSUPPORTED_MEDIA_TYPE", `Send the body as application/json, not "${type || "(none)"}".`),
        ]);
    }
    await next();
  }

  const limit = (max: number, what = "") => {
    const tooLarge = () => {
      throw new CitypathError(
        problem(
          "PAYLOAD_TOO_LARGE",
          `The request body is larger than ${Math.round(max / 1024 / 1024)} MB${what}.`,
        ),
      );
    };
    const streamed = bodyLimit({ maxSize: max, onError: tooLarge });
    return (c: Context<AppEnv>, next: Next) => {
      // a body of a declared length (Node's parser reads exactly that many bytes): the length is the check, as
      // in Hono's limit, without asking for the body's stream, which makes the Node adapter build a full Request
      // and then read the JSON through it (7 % of an audited write's CPU; decision 0088). A chunked body is
      // counted as it streams in.
      const length = c.req.header("content-length");
      if (length !== undefined && c.req.header("transfer-encoding") === undefined)
        return Number.parseInt(length, 10) > max ? tooLarge() : next();
      return streamed(c, next);
    };
  };
  // Only requests that carry a body: touching the body of a GET would make the Node adapter build a full
  // Request object for every read (several times the cost of the read itself).
  const importLimit = limit(IMPORT_BODY_LIMIT);
  const uploadLimit = limit(
    UPLOAD_BODY_LIMIT,
    ` (a file of at most ${Math.round(FILE_LIMITS.uploadBytes / 1024 / 1024)} MB, in base64)`,
  );
  const defaultLimit = limit(BODY_LIMIT);
  app.use("/api/*", (c, next) => {
    const m = c.req.method;
    if (m !== "POST" && m !== "PUT" && m !== "PATCH") return next();
    // a request that says it has no body (a support, a follow) has nothing to limit; the limit's check would
    // make the Node adapter build a full Request object for it
    if (c.req.header("content-length") === "0") return next();
    if (c.req.path === "/api/tenants/import") return importLimit(c, next);
    if (isFileBody(c.req.path)) return next();
    return (isUpload(c.req.path) ? uploadLimit : defaultLimit)(c, next);
  });

  // after the body limits: the JSON body is parsed once here and kept for the route's validator
  app.use("/api/*", (c, next) => {
    if (ALWAYS.has(c.req.path) && c.req.method === "GET") return next();
    return storableInput(c, next);
  });

  registerRoutes(app);
  answerKnownReadsFirst(app, deps);

  // The document does not change while the app runs: it is built on its first request (openapi-components.ts:
  // the core's schemas named as components, nullable references written as "the component or null").
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  app.get("/api/openapi.json", (c) => {
    openApi ??= openApiDocument(app.openAPIRegistry.definitions, {
      openapi: "3.1.0",
      info: {
        title: "Citypath API",
        version: API_VERSION,
        description:
          "Plan, model, track and report a city's path to carbon neutrality. Tenants (cities) are addressed by " +
          "slug. Every operation declares who may call it in `x-citypath-access`.",
        license: { name: "AGPL-3.0-or-later", url: "https://www.gnu.org/licenses/agpl-3.0.html" },
      },
      servers: [{ url: "/" }],
    });
    return c.json(openApi);
  });
  app.get("/api/docs", (c) => c.html(DOCS_PAGE));

  app.all("/api/*", (c) =>
    problemResponse(c, [
      problem("NOT_FOUND", `No API route ${c.req.method} ${c.req.path}.`, { path: c.req.path }),
    ]),
  );
  if (deps.webDist) app.get("*", serveWeb(deps.webDist));

  app.notFound((c) => problemResponse(c, [problem("NOT_FOUND", `Nothing at ${c.req.path}.`)]));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
