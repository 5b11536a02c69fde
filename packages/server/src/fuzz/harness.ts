/**
 * Runs generated requests against the real app (PGlite, the Jeonju demo, a signed-in editor) and checks
 * each answer (openapi-fuzz.ts): the one harness of the fuzz test and of `npm run bench:fuzz`.
 */
import assert from "node:assert/strict";
import type { Database } from "@citypath/db";
import { createComputePool } from "../compute/pool.ts";
import { DEFAULT_RATE_LIMITS } from "../security/rate-limit.ts";
import { corePathwayEngine, jeonjuDemoInstance } from "../services/engine.ts";
import { createTestApp, type Session, signIn, type TestApp } from "../testing.ts";
import { checkResponse, type FuzzRequest, type Operation, operationsOf } from "./openapi-fuzz.ts";

export interface FuzzHarness {
  readonly app: TestApp;
  readonly operations: Operation[];
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document as loose JSON
  readonly doc: Record<string, any>;
  /** Sends one request; throws (with the request) when an answer breaks a property. Returns the status. */
  send(r: FuzzRequest): Promise<number>;
  close(): Promise<void>;
}

/** `database`: a migrated database to run on (default: a PGlite of its own); the harness closes it. */
export async function fuzzHarness(opts: { database?: Database } = {}): Promise<FuzzHarness> {
  // as the real server: the pathway engine and a compute pool (one thread), so that the model's routes
  // compute instead of answering that no engine is configured
  const compute = createComputePool({ threads: 1 });
  const app = await createTestApp({
    // rate limits high enough that the editor's writes reach the routes
    limits: {
      ...DEFAULT_RATE_LIMITS,
      writesPerUser: 1e9,
      signInPerAddress: 1e9,
      signUpPerAddress: 1e9,
      signUpMailsPerEmail: 1e9,
    },
    engine: corePathwayEngine(),
    demoInstance: jeonjuDemoInstance,
    compute,
    ...(opts.database ? { database: opts.database } : {}),
  });
  const editor: Session = await signIn(app, "fuzz-editor@jeonju.example");
  const j = (await app.store.tenants.bySlug("jeonju"))!;
  await app.store.memberships.put(j.id, editor.userId, "editor", ["climate-change-response"]);
  const doc = await (await app.app.request("/api/openapi.json")).json();
  const auditCount = async () => {
    const rows = await app.database.withSession((s) =>
      s.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log"),
    );
    return Number(rows[0]!.n);
  };
  const callerHeaders = (c: FuzzRequest["caller"]): Record<string, string> =>
    c === "editor"
      ? editor.headers()
      : c === "bad-cookie"
        ? { cookie: "better-auth.session_token=%E0%A4%A; citypath_csrf=%ZZ", "x-citypath-csrf": "%E0%A4%A" }
        : {};
  return {
    app,
    doc,
    operations: operationsOf(doc),
    async send(r) {
      const writes = r.method !== "GET";
      const before = writes ? await auditCount() : 0;
      let res: Response;
      try {
        res = await app.app.request(r.url, {
          method: r.method,
          // the editor's session is not sent to the account routes: a generated sign-out would end it
          headers: {
            ...callerHeaders(
              r.url.startsWith("/api/auth/") && r.caller === "editor" ? "anonymous" : r.caller,
            ),
            ...r.headers,
          },
          ...(r.body !== undefined ? { body: r.body } : {}),
        });
      } catch (e) {
        throw new Error(`${r.method} ${r.url} (${r.caller}) threw: ${(e as Error).message}`);
      }
      const text = await res.text();
      const v = checkResponse(res.status, res.headers.get("content-type"), text);
      const where = `${r.method} ${r.url.slice(0, 300)} (${r.caller}, body ${String(r.body).slice(0, 200)})`;
      assert.ok(v.ok, `${where}: ${v.why}`);
      if (writes && res.status >= 400)
        assert.equal(
          await auditCount(),
          before,
          `${where}: refused with ${res.status} but the audit trail grew`,
        );
      return res.status;
    },
    close: async () => {
      await app.close();
      await compute.close();
    },
  };
}
