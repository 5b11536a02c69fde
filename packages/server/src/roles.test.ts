/**
 * The role matrix, written by hand (not derived from the routes' own declarations): for each route and each
 * kind of caller, the status the running app must answer. Write requests carry bodies that fail validation or
 * hit a version conflict after the access check, so that the matrix changes nothing it depends on; 400 or 409
 * therefore means "allowed in". "other" is the admin of another city (wanju) reaching Jeonju's data by id.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { schema } from "@citypath/db";
import { eq } from "drizzle-orm";
import { createTestApp, type Session, signIn, type TestApp } from "./testing.ts";

type Who = "anon" | "citizen" | "expert" | "council" | "editor" | "admin" | "auditor" | "other" | "platform";
const WHO: Who[] = [
  "anon",
  "citizen",
  "expert",
  "council",
  "editor",
  "admin",
  "auditor",
  "other",
  "platform",
];

// method, path, body (undefined: none), then the expected status for each caller in WHO's order.
// biome-ignore format: a table reads best one row per line
const MATRIX: [string, string, unknown, ...number[]][] = [
  // public reads
  ["GET", "/api/tenants", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/inventories/latest/summary", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/factor-sets", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/factor-sets", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/datasets", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/auth/session", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // one's own password: signed in only (400: the empty body was let in and refused by validation)
  ["POST", "/api/auth/change-password", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  // members' reads
  ["GET", "/api/tenants/jeonju/activity-datasets", undefined, 401, 200, 200, 200, 200, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/activity-datasets/demo-activity/rows?year=2020", undefined, 401, 200, 200, 200, 200, 200, 200, 403, 200],
  // another tenant's record by id through one's own tenant: not there
  ["GET", "/api/tenants/wanju/activity-datasets/demo-activity/rows", undefined, 401, 403, 403, 403, 403, 403, 403, 404, 404],
  // editors' writes (400: the empty body was let in and refused by validation)
  ["POST", "/api/tenants/jeonju/activity-datasets", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["PUT", "/api/tenants/jeonju/factor-sets/local", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/inventories", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["DELETE", "/api/tenants/jeonju/inventories/1", undefined, 401, 403, 403, 403, 409, 409, 403, 403, 409],
  ["POST", "/api/tenants/jeonju/imports/preview", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/imports/commit", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/import-profiles", undefined, 401, 403, 403, 403, 200, 200, 200, 403, 200],
  ["DELETE", "/api/tenants/jeonju/import-profiles/none?version=1", undefined, 401, 403, 403, 403, 404, 404, 403, 403, 404],
  ["GET", "/api/tenants/jeonju/exports/inventory/latest?format=csv", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // tenant admins
  ["PATCH", "/api/tenants/jeonju", { base_version: 999, name_en: "x" }, 401, 403, 403, 403, 403, 409, 403, 403, 409],
  ["POST", "/api/tenants/jeonju/inventories/1/publish", undefined, 401, 403, 403, 403, 403, 409, 403, 403, 409],
  ["PUT", "/api/tenants/jeonju/inventories/1/verification", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/members", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["PUT", "/api/tenants/jeonju/members", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/departments", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["PUT", "/api/tenants/jeonju/departments/architecture", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/audit", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/audit/verify", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/export", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  // the audit trail, members, invitations and the tenant's mail: admins and auditors read, admins write
  ["GET", "/api/tenants/jeonju/audit?entity=action&user=editor@example.kr", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/audit/export?format=csv", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["GET", "/api/tenants/wanju/audit/export?format=xlsx", undefined, 401, 403, 403, 403, 403, 403, 403, 200, 200],
  ["DELETE", "/api/tenants/jeonju/members/nobody-here", undefined, 401, 403, 403, 403, 403, 404, 403, 403, 404],
  ["GET", "/api/tenants/jeonju/invitations", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["DELETE", "/api/tenants/jeonju/invitations/no-such-invitation", undefined, 401, 403, 403, 403, 403, 404, 403, 403, 404],
  ["GET", "/api/tenants/jeonju/mail", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  // an invitation's link is its holder's: anyone may present a token (400: none given)
  ["POST", "/api/tenants/jeonju/invitations/lookup", {}, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  ["POST", "/api/tenants/jeonju/invitations/accept", {}, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  // exports: published data for all, members' data for members of the tenant
  ["GET", "/api/tenants/jeonju/exports/activity/demo-activity?format=csv", undefined, 401, 200, 200, 200, 200, 200, 200, 403, 200],
  ["GET", "/api/tenants/wanju/exports/activity/demo-activity?format=csv", undefined, 401, 403, 403, 403, 403, 403, 403, 404, 404],
  ["GET", "/api/tenants/jeonju/exports/inventory/latest?format=xlsx&lang=en", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // the agenda: published reads for all, drafts for reviewers, writes for editors and admins
  ["GET", "/api/tenants/jeonju/plans", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1", undefined, 404, 404, 200, 200, 200, 200, 200, 404, 200],
  ["POST", "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1/stage", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["PUT", "/api/tenants/jeonju/plans/carbon-neutral-basic-plan-1", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["PUT", "/api/tenants/jeonju/indicators/brt-riders", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/actions", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/actions/hydrogen-city-buses", undefined, 404, 404, 200, 200, 200, 200, 200, 404, 200],
  ["PUT", "/api/tenants/jeonju/actions/brt", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/brt/status", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/progress", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/indicators", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["POST", "/api/tenants/jeonju/indicators/brt-riders/observations", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  // the implementation report (2024: published; 2025: a draft)
  ["GET", "/api/tenants/jeonju/reports", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2024", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025", undefined, 404, 404, 200, 200, 200, 200, 200, 404, 200],
  ["GET", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2024/document?format=html", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["PUT", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["PUT", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025/measures/brt", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025/stage", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025/reopen", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/reports/carbon-neutral-basic-plan-1/2025/publish", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  // the GHG-reduction budget
  ["GET", "/api/tenants/jeonju/budget/2024/lines", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/budget/2024/statement?kind=budget", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["PUT", "/api/tenants/jeonju/budget/2024/lines/120-123-TR01-BRT-001", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["PUT", "/api/tenants/jeonju/budget/2024/settlements/120-123-TR01-BRT-001", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/budget/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/budget/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/indicators/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/indicators/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/preview", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/actions/import/commit", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/reminders", undefined, 401, 200, 200, 200, 200, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/reminders/mine", undefined, 401, 200, 200, 200, 200, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/summary", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/summary?by=plan", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/summary?by=department", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/indicators/brt-riders", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/reminders?date=2026-05-20", undefined, 401, 200, 200, 200, 200, 200, 200, 403, 200],
  ["POST", "/api/tenants/jeonju/reminders/queue", { date: "x" }, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  // participation: reads for everyone; contributions by anyone signed in (400: let in, refused by validation;
  // 404: let in, no such record); consultations by editors; answers by editors of the department; moderation
  // by moderators and admins; the census by admins
  ["GET", "/api/tenants/jeonju/consultations", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/consultations/none", undefined, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["PUT", "/api/tenants/jeonju/consultations/none", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/consultations/none/comments", undefined, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["POST", "/api/tenants/jeonju/consultations/none/comments", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["GET", "/api/tenants/jeonju/consultations/none/proposals", undefined, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["POST", "/api/tenants/jeonju/consultations/none/proposals", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["GET", "/api/tenants/jeonju/contributions/none", undefined, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["PATCH", "/api/tenants/jeonju/contributions/none", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["DELETE", "/api/tenants/jeonju/contributions/none", undefined, 401, 404, 404, 404, 404, 404, 404, 404, 404],
  ["PUT", "/api/tenants/jeonju/contributions/none/support", undefined, 401, 404, 404, 404, 404, 404, 404, 404, 404],
  ["DELETE", "/api/tenants/jeonju/contributions/none/support", undefined, 401, 404, 404, 404, 404, 404, 404, 404, 404],
  ["POST", "/api/tenants/jeonju/contributions/none/reports", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["PUT", "/api/tenants/jeonju/contributions/none/answer", {}, 401, 403, 403, 403, 400, 400, 403, 403, 400],
  ["GET", "/api/tenants/jeonju/contributions/none/effect", undefined, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ["GET", "/api/tenants/jeonju/moderation", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  ["POST", "/api/tenants/jeonju/moderation", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["PUT", "/api/tenants/jeonju/blocks/nobody", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["DELETE", "/api/tenants/jeonju/blocks/nobody", undefined, 401, 403, 403, 403, 403, 200, 403, 403, 200],
  ["PUT", "/api/tenants/jeonju/census", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/census/file", {}, 401, 403, 403, 403, 403, 400, 403, 403, 400],
  ["POST", "/api/tenants/jeonju/residents/verify", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["GET", "/api/tenants/jeonju/participation/me", undefined, 401, 200, 200, 200, 200, 200, 200, 200, 200],
  ["PUT", "/api/tenants/jeonju/follows/consultation/baekje-brt", undefined, 401, 200, 200, 200, 200, 200, 200, 200, 200],
  ["DELETE", "/api/tenants/jeonju/follows/consultation/baekje-brt", undefined, 401, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/follows", undefined, 401, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/tenants/jeonju/answers/due", undefined, 401, 403, 403, 403, 200, 200, 200, 403, 200],
  ["GET", "/api/tenants/jeonju/exports/participation?format=csv", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // personal data: the consent texts for everyone; one's own data for anyone signed in (400: let in, refused by
  // validation); the register of personal-data files for the city's admins (auditors read it)
  ["GET", "/api/privacy/consent-texts", undefined, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/me/data", undefined, 401, 200, 200, 200, 200, 200, 200, 200, 200],
  ["GET", "/api/me/data/download", undefined, 401, 200, 200, 200, 200, 200, 200, 200, 200],
  ["PUT", "/api/me/consents", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["DELETE", "/api/me", {}, 401, 400, 400, 400, 400, 400, 400, 400, 400],
  ["GET", "/api/tenants/jeonju/privacy/register", undefined, 401, 403, 403, 403, 403, 200, 200, 403, 200],
  // platform admins
  ["POST", "/api/tenants", {}, 401, 403, 403, 403, 403, 403, 403, 403, 400],
  ["POST", "/api/tenants/import", {}, 401, 403, 403, 403, 403, 403, 403, 403, 400],
  // accounts: sign-up and its confirmation answer everyone alike (400: an empty body)
  ["POST", "/api/auth/sign-up/email", {}, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  ["POST", "/api/auth/confirm-account", {}, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  // accounts: a wrong password for one's own account ({who}: the caller's name) is 401 for everyone
  ["POST", "/api/auth/sign-in/email", { email: "{who}@example.kr", password: "wrong password here" }, 401, 401, 401, 401, 401, 401, 401, 401, 401],
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
      else if (who === "editor")
        await t.store.memberships.put(jeonju.id, s.userId, "editor", ["architecture"]);
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

  it("auditorWritesNothing: every operation that changes a tenant refuses its auditor, whatever roles it names", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-citypath-access": string }>>;
    };
    const auditor = sessions.get("auditor")!;
    let writes = 0;
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        if (m === "get" || !op["x-citypath-access"].startsWith("member:")) continue;
        assert.doesNotMatch(op["x-citypath-access"], /auditor/, `${m} ${p}`);
        const path = p.replace("{tenant}", "jeonju").replace(/\{[a-z_]+\}/g, "x");
        const r = await t.app.request(path, {
          method: m.toUpperCase(),
          headers: auditor.headers(true),
          body: "{}",
        });
        assert.equal(r.status, 403, `${m.toUpperCase()} ${path}`);
        writes++;
      }
    assert.ok(writes >= 25, `only ${writes} writes found`);
    // and every read of the tenant lets the auditor in
    for (const [p, ops] of Object.entries(doc.paths)) {
      const get = ops.get;
      if (get?.["x-citypath-access"].startsWith("member:"))
        assert.match(get["x-citypath-access"], /auditor/, `get ${p}`);
    }
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
        .replace(/\/reports\/carbon-neutral-basic-plan-1\/(2024|2025)/, "/reports/{plan}/{year}")
        .replace("/measures/brt", "/measures/{action}")
        .replace(/\/actions\/(brt|hydrogen-city-buses)/, "/actions/{action}")
        .replace("/indicators/brt-riders", "/indicators/{indicator}")
        .replace("/budget/2024", "/budget/{year}")
        .replace(/\/(lines|settlements)\/120-123-TR01-BRT-001/, "/$1/{code}")
        .replace("/exports/activity/demo-activity", "/exports/activity/{id}")
        .replace("/members/nobody-here", "/members/{user}")
        .replace("/departments/architecture", "/departments/{department}")
        .replace("/invitations/no-such-invitation", "/invitations/{invitation}")
        .replace("/consultations/none", "/consultations/{consultation}")
        .replace("/contributions/none", "/contributions/{contribution}")
        .replace("/blocks/nobody", "/blocks/{user}")
        .replace("/import-profiles/none", "/import-profiles/{id}")
        .replace("/follows/consultation/baekje-brt", "/follows/{kind}/{id}");
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
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/what-it-takes",
      "GET /api/tenants/{tenant}/instances/{instance}/analysis",
      "GET /api/tenants/{tenant}/instances/{instance}/actions",
      "GET /api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/band",
      "POST /api/auth/sign-out",
      "POST /api/auth/request-password-reset",
      "POST /api/auth/reset-password",
      "PUT /api/tenants/{tenant}/import-profiles/{id}",
      "GET /api/tenants/{tenant}/import-profiles/{id}",
      "GET /api/tenants/{tenant}/exports/factor-set/{id}",
      "GET /api/tenants/{tenant}/exports/inventory/{version}",
      "GET /api/tenants/{tenant}/exports/pathway/{instance}/{scenario}",
    ]);
    assert.deepEqual(
      missing.filter((m) => !known.has(m)),
      [],
    );
  });
});

/**
 * Paths around a role: what each reader's answers reveal (drafts named through lists, placements, summaries,
 * reminders), and writes reached through links (an indicator linked to one's own action).
 */
describe("no path around a role", () => {
  let t: TestApp;
  let jeonju: TenantId;
  const as = new Map<string, Session>();
  /** Ids only staff may see: draft plans and the actions that are in no published plan. */
  let hidden: string[] = [];
  before(async () => {
    t = await createTestApp();
    jeonju = (await t.store.tenants.bySlug("jeonju"))!.id;
    const wanju = await t.store.tenants.create({ slug: "wanju", name: "완주군", nameEn: "Wanju" });
    for (const who of ["citizen", "council", "auditor", "transport", "other"]) {
      const s = await signIn(t, `${who}@example.kr`);
      as.set(who, s);
      if (who === "other") await t.store.memberships.put(wanju.id, s.userId, "admin");
      else if (who === "transport")
        await t.store.memberships.put(jeonju, s.userId, "editor", [
          "transport-policy",
          "public-transport-bureau",
        ]);
      else await t.store.memberships.put(jeonju, s.userId, who as "citizen");
    }
    const plans = await t.store.agenda.list(jeonju, "plan");
    const published = new Set(plans.filter((p) => p.document.stage === "published").map((p) => p.id));
    const actions = await t.store.agenda.list(jeonju, "action");
    // (an indicator may share an action's id: those ids are public as indicators)
    const indicatorIds = new Set((await t.store.agenda.list(jeonju, "indicator")).map((i) => i.id));
    hidden = [
      ...plans.filter((p) => !published.has(p.id)).map((p) => p.id),
      ...actions
        .filter((a) => !a.document.plans.some((m) => published.has(m.plan)) && !indicatorIds.has(a.id))
        .map((a) => a.id),
    ];
  });
  after(() => t.close());

  const read = async (path: string, who?: string) => {
    const r = await t.app.request(path, { headers: who ? as.get(who)!.headers() : {} });
    return { status: r.status, text: await r.text() };
  };
  const leaks = (text: string) => hidden.filter((id) => text.includes(`"${id}"`));

  it("draftsNotRevealedByAnyRead: lists, placements, summaries, reminders and records name no draft to citizens, visitors or other cities", async () => {
    assert.ok(hidden.length >= 2, "the demo has a draft plan and actions only in it");
    // reviewers and auditors do see them, so the check below is not vacuous
    assert.notDeepEqual(leaks((await read("/api/tenants/jeonju/summary?by=plan", "council")).text), []);
    assert.notDeepEqual(leaks((await read("/api/tenants/jeonju/summary?by=plan", "auditor")).text), []);
    const published = (await t.store.agenda.list(jeonju, "action")).filter(
      (a) => !hidden.includes(a.id) && a.document.plans.some((m) => hidden.includes(m.plan)),
    );
    assert.ok(published.length > 0, "some published actions also have a place in the draft plan");
    const paths = [
      "/api/tenants/jeonju/plans",
      "/api/tenants/jeonju/actions",
      "/api/tenants/jeonju/indicators",
      "/api/tenants/jeonju/summary",
      "/api/tenants/jeonju/summary?by=plan",
      "/api/tenants/jeonju/summary?by=department",
      "/api/tenants/jeonju/summary?by=sector",
      ...published.map((a) => `/api/tenants/jeonju/actions/${a.id}`),
      ...published.flatMap((a) =>
        (a.document.indicators as string[]).map((i) => `/api/tenants/jeonju/indicators/${i}`),
      ),
    ];
    for (const who of [undefined, "citizen", "other"])
      for (const path of paths) {
        const r = await read(path, who);
        if (r.status === 200) assert.deepEqual(leaks(r.text), [], `${who ?? "anon"} ${path}`);
      }
    // reminders: members only; a citizen's name no draft on any day the staff's do
    let staffSawDrafts = false;
    for (const date of ["2026-01-15", "2026-05-20", "2026-12-20", "2027-03-20", "2030-06-01"]) {
      const staff = await read(`/api/tenants/jeonju/reminders?date=${date}`, "council");
      if (leaks(staff.text).length) staffSawDrafts = true;
      const citizen = await read(`/api/tenants/jeonju/reminders?date=${date}`, "citizen");
      assert.equal(citizen.status, 200);
      assert.deepEqual(leaks(citizen.text), [], `citizen reminders ${date}`);
    }
    assert.ok(staffSawDrafts, "on some day the staff's reminders name a draft");
    // the audit trail, its export and the tenant export are the admins' and the auditors'
    for (const path of [
      "/api/tenants/jeonju/audit",
      "/api/tenants/jeonju/audit/export",
      "/api/tenants/jeonju/export",
    ]) {
      for (const who of ["citizen", "council", "transport", "other"])
        assert.equal((await read(path, who)).status, 403, `${who} ${path}`);
      assert.equal((await read(path, "auditor")).status, 200, `auditor ${path}`);
    }
  });

  it("linkingGivesNoRights: an editor links another department's indicator to their action, and still may not change it", async () => {
    const transport = as.get("transport")!;
    const write = (method: string, path: string, body: unknown) =>
      t.app.request(path, { method, headers: transport.headers(true), body: JSON.stringify(body) });
    const brt = (await t.store.agenda.get(jeonju, "action", "brt"))!;
    const foreign = (await t.store.agenda.get(jeonju, "indicator", "trees-planted"))!;
    assert.equal(foreign.document.reporter, "resource-circulation-green");
    // a direct write is refused
    const direct = await write("PUT", "/api/tenants/jeonju/indicators/trees-planted", {
      base_version: foreign.version,
      indicator: { ...foreign.document, unit_label: { ko: "그루", en: "trees (taken)" } },
    });
    assert.equal(direct.status, 403);
    // linking it to one's own action is allowed (citing is not owning) ...
    const linked = await write("PUT", "/api/tenants/jeonju/actions/brt", {
      base_version: brt.version,
      action: { ...brt.document, indicators: [...(brt.document.indicators as string[]), "trees-planted"] },
    });
    assert.equal(linked.status, 200, await linked.clone().text());
    // ... and gives no right over it: neither the whole record nor its values
    const after = await write("PUT", "/api/tenants/jeonju/indicators/trees-planted", {
      base_version: foreign.version,
      indicator: { ...foreign.document, unit_label: { ko: "그루", en: "trees (taken)" } },
    });
    assert.equal(after.status, 403);
    const value = await write("POST", "/api/tenants/jeonju/indicators/trees-planted/observations", {
      base_version: foreign.version,
      observation: { year: 2026, value: 1, illustrative: true, note: "test figure" },
    });
    assert.equal(value.status, 403);
    const stored = (await t.store.agenda.get(jeonju, "indicator", "trees-planted"))!;
    assert.equal(stored.version, foreign.version);
  });
});
