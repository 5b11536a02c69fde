/**
 * The web client against the contract: the committed types are what the server's OpenAPI document gives
 * today, and every query the pages make runs against the real app (in-memory PGlite with the Jeonju demo)
 * with each answer checked against the schema the document declares for its route and status.
 */
import { readFileSync } from "node:fs";
import { corePathwayEngine, jeonjuDemoInstance } from "@citypath/server/services/engine";
import { createTestApp, type TestApp } from "@citypath/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCheck, type OpenApiDocument } from "../src/api/answer-check.ts";
import { createClient } from "../src/api/client.ts";
import { type Queries, queries } from "../src/api/queries.ts";
import { sessionCalls } from "../src/workspace/session.ts";
import { apiTypesSource, SCHEMA_FILE } from "./api-types.ts";

describe("the generated API types", () => {
  it("are current (run `npm run generate:api` after changing a route's schema)", async () => {
    const fresh = await apiTypesSource();
    expect(readFileSync(SCHEMA_FILE, "utf8") === fresh, "schema.generated.ts is stale").toBe(true);
  }, 120_000);
});

describe("every query of the web app against the real app on the demo tenant", () => {
  let t: TestApp;
  let q: Queries;
  let staff: ReturnType<typeof sessionCalls>;
  const violations: string[] = [];
  const answered: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ engine: corePathwayEngine(), demoInstance: jeonjuDemoInstance });
    const doc: OpenApiDocument = await (await t.app.request("/api/openapi.json")).json();
    const check = answerCheck(doc);
    const client = createClient("http://localhost", (req) => Promise.resolve(t.app.request(req)));
    client.checkAnswers((route, method, status, body) => {
      answered.push(`${method.toUpperCase()} ${route} ${status}`);
      const problems = check(route, method, status, body);
      for (const p of problems) violations.push(`${method.toUpperCase()} ${route} ${status}: ${p}`);
      return problems;
    });
    q = queries(client);
    staff = sessionCalls(client);
  }, 120_000);
  afterAll(() => t?.close());

  const ok = <T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data;
  };

  it("reads the tenants, the inventories and the latest inventory", async () => {
    const tenants = ok(await q.tenants());
    expect(tenants.map((x) => x.slug)).toContain("jeonju");
    const refs = ok(await q.inventories("jeonju"));
    expect(refs.length).toBeGreaterThan(0);
    const inv = ok(await q.inventory("jeonju", "latest"));
    expect(inv.years.length).toBeGreaterThan(0);
    expect(inv.years[0]?.lines.length).toBeGreaterThan(0);
    expect(inv.years[0]?.totals.basic).toBeGreaterThan(0);
  });

  it("reads the model instance, its analysis settings, its scenarios and the drawn pathway with its band", async () => {
    const insts = ok(await q.instances("jeonju"));
    const first = insts[0];
    expect(first).toBeDefined();
    if (!first) return;
    const doc = ok(await q.instance("jeonju", first.id));
    expect(doc.id).toBe(first.id);
    const analysis = ok(await q.analysis("jeonju", first.id));
    expect(analysis.uncertainty).not.toBeNull();
    const sc = ok(await q.scenarios("jeonju", first.id));
    expect(sc.some((s) => s.id !== "bau")).toBe(true);
    const p = ok(await q.pathway("jeonju"));
    expect(p?.bau.length).toBe(p?.years.length);
    expect(p?.band?.p50?.length).toBe(p?.years.length);
  }, 120_000);

  it("reads the action list and every kind of action page", async () => {
    const list = ok(await q.actions("jeonju"));
    expect(list.length).toBeGreaterThan(0);
    const first = list[0];
    if (!first) return;
    const a = ok(await q.action("jeonju", first.id));
    expect(a.id).toBe(first.id);
  }, 120_000);

  it("reads the open datasets", async () => {
    const sets = ok(await q.datasets("jeonju"));
    expect(sets.length).toBeGreaterThan(0);
  });

  it("an unknown tenant is a 404 the pages can show, within the contract", async () => {
    const r = await q.inventories("nowhere");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.status).toBe(404);
  });

  it("reads the workspace's session when nobody is signed in, and refuses a wrong password", async () => {
    expect(ok(await staff.session())).toEqual({ user: null, memberships: [] });
    const r = await staff.signIn("nobody@example.org", "not a password of anyone");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.status).toBe(401);
  });

  it("every answer was within its declared schema", () => {
    expect(answered.length).toBeGreaterThan(10);
    expect(violations).toEqual([]);
  });
});
