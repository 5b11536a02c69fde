/**
 * The tenant export through HTTP: the OpenAPI document describes its body completely (no part of it is "any
 * value"; free JSON is the one recursive JsonValue component), an export of the demo imported back gives the
 * same document, and an import whose agenda document breaks the core's rules is a 400 naming where.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, jsonInit, type TestApp } from "../../testing.ts";

type Schema = { [k: string]: unknown };

/** Paths inside `node` where a schema allows any value (an empty schema, or properties of any value). */
function unbounded(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      unbounded(n, `${path}[${i}]`, out);
    });
    return out;
  }
  if (!node || typeof node !== "object") return out;
  const s = node as Schema;
  const keys = Object.keys(s).filter((k) => !["description", "example", "default", "title"].includes(k));
  if (keys.length === 0) out.push(path);
  const extra = s.additionalProperties;
  if (extra === true || (extra && typeof extra === "object" && Object.keys(extra).length === 0))
    out.push(`${path}.additionalProperties`);
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties" && v && typeof v === "object")
      for (const [name, p] of Object.entries(v)) unbounded(p, `${path}.${name}`, out);
    else if (k !== "properties" && typeof v === "object") unbounded(v, `${path}.${k}`, out);
  }
  return out;
}

describe("the tenant export over HTTP", () => {
  let t: TestApp;
  let schemas: Record<string, Schema>;
  before(async () => {
    // the development operator: every route allowed (the role matrix test covers who may call these)
    t = await createTestApp({ devWrites: true });
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
  });
  after(() => t.close());

  it("is described completely by the OpenAPI document", () => {
    const exp = schemas.TenantExport as { properties: Record<string, Schema>; required: string[] };
    assert.ok(exp, "a TenantExport component");
    for (const part of [
      "tenant",
      "members",
      "activityDatasets",
      "factorSets",
      "inventories",
      "modelInstances",
    ])
      assert.ok(exp.required.includes(part), part);
    for (const part of ["importProfiles", "agenda", "agendaOutbox", "budget", "participation"])
      assert.ok(exp.properties[part], part);
    assert.deepEqual(unbounded(exp, "TenantExport", []), []);
    // an agenda action's document is the core's action, field by field (named as a component: decision 0041)
    const agenda = exp.properties.agenda as { properties: Record<string, Schema> };
    const ref = (agenda.properties.actions as { items: { properties: { document: { $ref: string } } } }).items
      .properties.document.$ref;
    assert.equal(ref, "#/components/schemas/AgendaAction");
    const action = schemas.AgendaAction as { properties: Record<string, Schema>; required: string[] };
    for (const field of ["id", "name", "status", "departments", "progress"])
      assert.ok(action.properties[field], `action.${field}`);
    // free JSON (an inventory's result, an activity row's extra columns) is one component referring to itself
    const json = JSON.stringify(schemas.JsonValue);
    assert.match(json, /"\$ref":"#\/components\/schemas\/JsonValue"/);
    assert.doesNotMatch(json, /"oneOf"/, "null is not allowed twice");
  });

  it("an export imported under another slug exports the same document", async () => {
    const res = await t.app.request("/api/tenants/jeonju/export");
    assert.equal(res.status, 200);
    const original = (await res.json()) as Record<string, unknown> & { tenant: { slug: string } };
    assert.equal(original.tenant.slug, "jeonju");
    const imported = await t.app.request("/api/tenants/import?slug=jeonju-copy", jsonInit("POST", original));
    assert.equal(imported.status, 201, await imported.clone().text());
    const again = (await (await t.app.request("/api/tenants/jeonju-copy/export")).json()) as typeof original;
    const { exportedAt: _a, tenant: ta, ...restA } = original;
    const { exportedAt: _b, tenant: tb, ...restB } = again;
    assert.deepEqual({ ...tb, slug: "jeonju" }, ta);
    assert.deepEqual(restB, restA);
  });

  it("an agenda document against the core's rules is refused with where, and nothing is imported", async () => {
    const original = (await (await t.app.request("/api/tenants/jeonju/export")).json()) as {
      agenda: { actions: { document: { status: string } }[] };
    };
    assert.ok(original.agenda.actions.length > 0, "the demo has actions");
    original.agenda.actions[0]!.document.status = "half-done";
    const res = await t.app.request("/api/tenants/import?slug=jeonju-broken", jsonInit("POST", original));
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    assert.ok(
      body.error.details.some((d) => /agenda.*actions.*0.*document.*status/.test(d.path)),
      JSON.stringify(body.error.details),
    );
    assert.equal((await t.app.request("/api/tenants/jeonju-broken/export")).status, 404);
  });

  it("a body that is not JSON, or holds text the database cannot store, is a 400 saying where", async () => {
    const notJson = await t.app.request("/api/tenants/import?slug=jeonju-bad", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"tenant":',
    });
    assert.equal(notJson.status, 400);
    const a = (await notJson.json()) as { error: { details: { path: string; message: string }[] } };
    assert.equal(a.error.details[0]?.path, "json");
    assert.match(a.error.details[0]!.message, /not JSON/);

    const original = (await (await t.app.request("/api/tenants/jeonju/export")).json()) as {
      tenant: { name: string };
    };
    original.tenant.name = "전주\u0000시";
    const res = await t.app.request("/api/tenants/import?slug=jeonju-nul", jsonInit("POST", original));
    assert.equal(res.status, 400);
    const b = (await res.json()) as { error: { details: { path: string }[] } };
    assert.deepEqual(
      b.error.details.map((d) => d.path),
      ["json.tenant.name"],
    );
    assert.equal((await t.app.request("/api/tenants/jeonju-nul/export")).status, 404);
  });
});
