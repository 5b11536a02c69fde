/**
 * The role matrix, written by hand (not derived from the routes' own declarations): for each route and each
 * kind of caller, the status the running app must answer. Write requests carry bodies that fail validation or
 * hit a version conflict after the access check, so that the matrix changes nothing it depends on; 400 or 409
 * therefore means "allowed in". "other" is the admin of another city (wanju) reaching Jeonju's data by id.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { schema } from "@citypath/db";
import { eq } from "drizzle-orm";
import { createTestApp, type Session, signIn, type TestApp } from "./testing.ts";

type Who = "anon" | "citizen" | "expert" | "council" | "editor" | "admin" | "other" | "platform";
const WHO: Who[] = ["anon", "citizen", "expert", "council", "editor", "admin", "other", "platform"];

// method, path, body (undefined: none), then the expected status for each caller in WHO's order.
const MATRIX: [string, string, unknown, ...number[]][] = [
  // public reads
  ["GET", "/api/tenants", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  [
    "GET",
    "/api/tenants/jeonju/inventories/latest/summary",
    undefined,
    200,
    200,
    200,
    200,
    200,
    200,
    200,
    200,
  ],
  ["GET", "/api/factor-sets", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/factor-sets", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/datasets", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/auth/session", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  // members' reads
  ["GET", "/api/tenants/jeonju/activity-datasets", undefined, 401, 200, 200, 200, 200, 200, 403, 200],
  [
    "GET",
    "/api/tenants/jeonju/activity-datasets/demo-activity/rows?year=2020",
    undefined,
    401,
    200,
    200,
    200,
    200,
    200,
    403,
    200,
  ],
  // another tenant's record by id through one's own tenant: not there
  [
    "GET",
    "/api/tenants/wanju/activity-datasets/demo-activity/rows",
    undefined,
    401,
    403,
    403,
    403,
    403,
    403,
    404,
    404,
  ],
  // editors' writes (400: the empty body was let in and refused by validation)
  ["POST", "/api/tenants/jeonju/activity-datasets", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["PUT", "/api/tenants/jeonju/factor-sets/local", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/inventories", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["DELETE", "/api/tenants/jeonju/inventories/1", undefined, 401, 403, 403, 403, 409, 409, 403, 409],
  ["POST", "/api/tenants/jeonju/imports/preview", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/imports/commit", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["GET", "/api/tenants/jeonju/import-profiles", undefined, 401, 403, 403, 403, 200, 200, 403, 200],
  [
    "GET",
    "/api/tenants/jeonju/exports/inventory/latest?format=csv",
    undefined,
    200,
    200,
    200,
    200,
    200,
    200,
    200,
    200,
  ],
  // tenant admins
  [
    "PATCH",
    "/api/tenants/jeonju",
    { base_version: 999, name_en: "x" },
    401,
    403,
    403,
    403,
    403,
    409,
    403,
    409,
  ],
  ["POST", "/api/tenants/jeonju/inventories/1/publish", undefined, 401, 403, 403, 403, 403, 409, 403, 409],
  ["GET", "/api/tenants/jeonju/members", undefined, 401, 403, 403, 403, 403, 200, 403, 200],
  ["PUT", "/api/tenants/jeonju/members", {}, 401, 403, 403, 403, 403, 400, 403, 400],
  ["GET", "/api/tenants/jeonju/audit", undefined, 401, 403, 403, 403, 403, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/audit/verify", undefined, 401, 403, 403, 403, 403, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/export", undefined, 401, 403, 403, 403, 403, 200, 403, 200],
  // the agenda: published reads for all, drafts for reviewers, writes for editors and admins
  ["GET", "/api/tenants/jeonju/plans", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  [
    "GET",
    "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1",
    undefined,
    404,
    404,
    200,
    200,
    200,
    200,
    404,
    200,
  ],
  [
    "POST",
    "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1/stage",
    {},
    401,
    403,
    403,
    403,
    400,
    400,
    403,
    400,
  ],
  [
    "PUT",
    "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1",
    {},
    401,
    403,
    403,
    403,
    403,
    400,
    403,
    400,
  ],
  ["PUT", "/api/tenants/jeonju/indicators/brt-riders", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["GET", "/api/tenants/jeonju/actions", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  [
    "GET",
    "/api/tenants/jeonju/actions/hydrogen-city-buses",
    undefined,
    404,
    404,
    200,
    200,
    200,
    200,
    404,
    200,
  ],
  ["PUT", "/api/tenants/jeonju/actions/brt", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/brt/status", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/progress", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["GET", "/api/tenants/jeonju/indicators", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  [
    "POST",
    "/api/tenants/jeonju/indicators/brt-riders/observations",
    {},
    401,
    403,
    403,
    403,
    400,
    400,
    403,
    400,
  ],
  // the GHG-reduction budget
  ["GET", "/api/tenants/jeonju/budget/2024/lines", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  [
    "GET",
    "/api/tenants/jeonju/budget/2024/statement?kind=budget",
    undefined,
    200,
    200,
    200,
    200,
    200,
    200,
    200,
    200,
  ],
  [
    "PUT",
    "/api/tenants/jeonju/budget/2024/lines/120-123-TR01-BRT-001",
    {},
    401,
    403,
    403,
    403,
    400,
    400,
    403,
    400,
  ],
  [
    "PUT",
    "/api/tenants/jeonju/budget/2024/settlements/120-123-TR01-BRT-001",
    {},
    401,
    403,
    403,
    403,
    400,
    400,
    403,
    400,
  ],
  ["POST", "/api/tenants/jeonju/budget/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/budget/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/indicators/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/indicators/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 400],
  ["GET", "/api/tenants/jeonju/reminders", undefined, 401, 200, 200, 200, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/summary", undefined, 200, 200, 200, 200, 200, 200, 200, 200],
  ["POST", "/api/tenants/jeonju/reminders/queue", { date: "x" }, 401, 403, 403, 403, 403, 400, 403, 400],
  // platform admins
  ["POST", "/api/tenants", {}, 401, 403, 403, 403, 403, 403, 403, 400],
  ["POST", "/api/tenants/import", {}, 401, 403, 403, 403, 403, 403, 403, 400],
  // accounts: a wrong password for one's own account ({who}: the caller's name) is 401 for everyone
  [
    "POST",
    "/api/auth/sign-in/email",
    { email: "{who}@example.kr", password: "wrong password here" },
    401,
    401,
    401,
    401,
    401,
    401,
    401,
    401,
  ],
];

describe("the role matrix (hand-written) against the running app", () => {
  let t: TestApp;
  const sessions = new Map<Who, Session | undefined>();
  before(async () => {
    t = await createTestApp();
    const jeonju = (await t.store.tenants.bySlug("jeonju"))!;
    const wanju = await t.store.tenants.create({ slug: "wanju", name: "완주군", nameEn: "Wanju" });
    sessions.set("anon", undefined);
    for (const who of WHO.slice(1)) {
      const s = await signIn(t, `${who}@example.kr`);
      sessions.set(who, s);
      if (who === "other") await t.store.memberships.put(wanju.id, s.userId, "admin");
      else if (who === "platform")
        await t.store.db.update(schema.user).set({ role: "admin" }).where(eq(schema.user.id, s.userId));
      else if (who === "editor") await t.store.memberships.put(jeonju.id, s.userId, "editor", ["건축과"]);
      else await t.store.memberships.put(jeonju.id, s.userId, who as "admin");
    }
  });
  after(() => t.close());

  for (const [method, path, body, ...expected] of MATRIX)
    it(`${method} ${path}`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [i, who] of WHO.entries()) {
        const s = sessions.get(who);
        const headers: Record<string, string> = { ...(s ? s.headers(body !== undefined) : {}) };
        if (body !== undefined) headers["content-type"] = "application/json";
        const r = await t.app.request(path, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body).replaceAll("{who}", who) } : {}),
        });
        got[who] = r.status;
        if (process.env.DEBUG_MATRIX && r.status === 429) console.log(who, path, await r.text());
        want[who] = expected[i]!;
      }
      assert.deepEqual(got, want);
    });

  it("covers every operation of the OpenAPI document", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, object>;
    };
    const listed = new Set(MATRIX.map(([m, p]) => `${m} ${p.split("?")[0]}`));
    const templ = (p: string) =>
      p
        .replace(/\/jeonju|\/wanju/, "/{tenant}")
        .replace("/inventories/1", "/inventories/{version}")
        .replace("/inventories/latest", "/inventories/{version}")
        .replace("/factor-sets/local", "/factor-sets/{id}")
        .replace("/activity-datasets/demo-activity", "/activity-datasets/{id}")
        .replace("/plans/carbon-neutral-basic-plan-1", "/plans/{plan}")
        .replace(/\/actions\/(brt|hydrogen-city-buses)/, "/actions/{action}")
        .replace("/indicators/brt-riders", "/indicators/{indicator}")
        .replace("/budget/2024", "/budget/{year}")
        .replace(/\/(lines|settlements)\/120-123-TR01-BRT-001/, "/$1/{code}");
    const covered = new Set([...listed].map((k) => templ(k)));
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops))
        if (!covered.has(`${m.toUpperCase()} ${p}`)) missing.push(`${m.toUpperCase()} ${p}`);
    // Reads of one record whose route shape is already in the table under a sibling path are listed here
    // explicitly, so that a new route without a row fails this test.
    const known = new Set([
      "GET /api/health",
      "GET /api/ready",
      "GET /api/factor-sets/{id}",
      "GET /api/gwp-sets",
      "GET /api/tenants/{tenant}/factor-sets/{id}",
      "GET /api/tenants/{tenant}/inventories",
      "GET /api/tenants/{tenant}/inventories/{version}",
      "GET /api/tenants/{tenant}/inventories/{version}/diff",
      "GET /api/tenants/{tenant}/instances",
      "GET /api/tenants/{tenant}/instances/{instance}",
      "GET /api/tenants/{tenant}/instances/{instance}/versions",
      "PUT /api/tenants/{tenant}/instances/{instance}",
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios",
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/pathway",
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/explain",
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/decomposition",
      "GET /api/tenants/{tenant}/instances/{instance}/analysis",
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/band",
      "POST /api/auth/sign-up/email",
      "POST /api/auth/sign-out",
      "POST /api/auth/request-password-reset",
      "POST /api/auth/reset-password",
      "PUT /api/tenants/{tenant}/import-profiles/{id}",
      "GET /api/tenants/{tenant}/import-profiles/{id}",
      "GET /api/tenants/{tenant}/exports/factor-set/{id}",
      "GET /api/tenants/{tenant}/exports/activity/{id}",
      "GET /api/tenants/{tenant}/exports/inventory/{version}",
      "GET /api/tenants/{tenant}/exports/pathway/{instance}/{scenario}",
      "GET /api/tenants/{tenant}/indicators/{indicator}",
    ]);
    assert.deepEqual(
      missing.filter((m) => !known.has(m)),
      [],
    );
  });
});
