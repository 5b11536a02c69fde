/**
 * The OpenAPI document describes every body, and writes each of the core's shapes once: every request and
 * response body, to its leaves, has a type, properties or a reference (no `z.unknown()`, no object of any
 * keys and values); the core's schemas named in openapi-components.ts are components, written as the
 * generator writes the core's schema, and nowhere else written out in full; a nullable reference is "the
 * component or null".
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CORE_COMPONENTS, nullableReferences, openApiDocument } from "./openapi-components.ts";
import { createTestApp, type TestApp } from "./testing.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const INFO = { title: "the core's components", version: "1" };

/** Keys that say what a value is; a schema with none of them accepts anything. */
const SHAPE_KEYS = ["type", "$ref", "allOf", "anyOf", "oneOf", "enum", "const", "not"];

/**
 * Places that are free on purpose, each with its reason (docs/known-hacks.md). Matched against the end of
 * the place's path.
 */
const FREE_ON_PURPOSE: ReadonlyArray<readonly [suffix: string, reason: string]> = [
  ["/InstanceDocument/actions/items/params", "each action type checks its own parameters (known hack)"],
];

/** Where a body schema, or a schema inside it, accepts any value or an object of any keys. */
function undescribed(doc: JsonObject, schema: Json, at: string, seen: Set<string>, out: string[]): void {
  if (!isObject(schema)) {
    if (schema !== false) out.push(`${at}: ${JSON.stringify(schema)}`);
    return;
  }
  const ref = schema.$ref;
  if (typeof ref === "string") {
    if (seen.has(ref)) return;
    seen.add(ref);
    const name = ref.replace("#/components/schemas/", "");
    const components = doc.components;
    const target =
      isObject(components) && isObject(components.schemas) ? components.schemas[name] : undefined;
    if (target === undefined) out.push(`${at}: ${ref} is not a component`);
    else undescribed(doc, target, `/${name}`, seen, out);
    return;
  }
  if (!SHAPE_KEYS.some((k) => k in schema)) {
    out.push(`${at}: no type (${JSON.stringify(schema).slice(0, 80)})`);
    return;
  }
  for (const k of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
    const parts = schema[k];
    if (!Array.isArray(parts)) continue;
    parts.forEach((p, i) => {
      // a part of allOf may only annotate the others (a description)
      if (k === "allOf" && isObject(p) && !SHAPE_KEYS.some((key) => key in p)) return;
      undescribed(doc, p, `${at}/${k}/${i}`, seen, out);
    });
  }
  const type = schema.type;
  const isObjectType = type === "object" || (Array.isArray(type) && type.includes("object"));
  const properties = schema.properties;
  if (isObject(properties))
    for (const [k, p] of Object.entries(properties)) undescribed(doc, p, `${at}/${k}`, seen, out);
  // further keys: free beside declared properties (a loose object keeps what it does not know), or a map
  // whose values are described; an object of any keys and any values describes nothing
  const extra = schema.additionalProperties;
  const free = extra === undefined || extra === true || (isObject(extra) && Object.keys(extra).length === 0);
  if (isObjectType && !isObject(properties) && free) out.push(`${at}: an object of any keys and values`);
  else if (isObject(extra) && !free) undescribed(doc, extra, `${at}/*`, seen, out);
  if (schema.items !== undefined) undescribed(doc, schema.items, `${at}/items`, seen, out);
}

describe("the OpenAPI document's bodies and components", () => {
  let t: TestApp;
  let doc: JsonObject;
  before(async () => {
    t = await createTestApp({ demo: false });
    const body: Json = await (await t.app.request("/api/openapi.json")).json();
    assert.ok(isObject(body));
    doc = body;
  });
  after(() => t.close());

  it("describes every request and response body to its leaves", () => {
    const found: string[] = [];
    let bodies = 0;
    assert.ok(isObject(doc.paths));
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!isObject(ops)) continue;
      for (const [method, op] of Object.entries(ops)) {
        if (!isObject(op)) continue;
        const contents: [string, Json][] = [];
        const request = op.requestBody;
        if (isObject(request) && isObject(request.content)) contents.push(["request", request.content]);
        if (isObject(op.responses))
          for (const [status, r] of Object.entries(op.responses))
            if (isObject(r) && isObject(r.content)) contents.push([status, r.content]);
        for (const [which, content] of contents) {
          if (!isObject(content)) continue;
          for (const [type, media] of Object.entries(content)) {
            if (!isObject(media)) continue;
            bodies++;
            const out: string[] = [];
            undescribed(doc, media.schema ?? {}, "", new Set(), out);
            for (const o of out)
              if (!FREE_ON_PURPOSE.some(([suffix]) => o.split(":")[0]?.endsWith(suffix)))
                found.push(`${method.toUpperCase()} ${path} ${which} ${type}: ${o}`);
          }
        }
      }
    }
    assert.ok(bodies > 200, `${bodies} bodies`);
    assert.deepEqual(found, []);
  });

  it("names each of the core's schemas once, as the generator writes it, and writes it nowhere else", () => {
    assert.ok(isObject(doc.components) && isObject(doc.components.schemas));
    const schemas = doc.components.schemas;
    const text = JSON.stringify(doc);
    const names = CORE_COMPONENTS.map(([name]) => name);
    assert.equal(new Set(names).size, names.length, "a name given twice");
    // the core's components as the generator writes them without any route
    const alone: Json = JSON.parse(JSON.stringify(openApiDocument([], { openapi: "3.1.0", info: INFO })));
    assert.ok(isObject(alone) && isObject(alone.components) && isObject(alone.components.schemas));
    const core = alone.components.schemas;
    for (const [name] of CORE_COMPONENTS) {
      const written = core[name];
      assert.ok(written !== undefined, `${name}: not generated`);
      // the same shape under the same name: no route's own component took the name
      assert.deepEqual(schemas[name], written, name);
      assert.ok(text.includes(`"$ref":"#/components/schemas/${name}"`), `${name} is not used`);
      // written once: the component's body appears in the document only as the component
      const body = JSON.stringify(written);
      assert.equal(text.split(body).length - 1, 1, `${name} is written out more than once`);
    }
  });

  it("writes a nullable reference as the component or null", () => {
    assert.ok(!JSON.stringify(doc).includes('{"allOf":[{"$ref"') || noNullInAllOf(doc));
    const fragment: Json = {
      properties: {
        name: { allOf: [{ $ref: "#/components/schemas/Text" }, { type: ["object", "null"] }] },
        settings: { allOf: [{ $ref: "#/components/schemas/TenantSettings" }, { description: "kept" }] },
      },
    };
    nullableReferences(fragment);
    assert.deepEqual(fragment, {
      properties: {
        name: { anyOf: [{ $ref: "#/components/schemas/Text" }, { type: "null" }] },
        settings: { allOf: [{ $ref: "#/components/schemas/TenantSettings" }, { description: "kept" }] },
      },
    });
  });
});

/** No `allOf` of a reference and a type that admits null is left in the document. */
function noNullInAllOf(node: Json): boolean {
  if (Array.isArray(node)) return node.every(noNullInAllOf);
  if (!isObject(node)) return true;
  const all = node.allOf;
  if (
    Array.isArray(all) &&
    all.some((p) => isObject(p) && typeof p.$ref === "string") &&
    all.some((p) => isObject(p) && Array.isArray(p.type) && p.type.includes("null"))
  )
    return false;
  return Object.values(node).every(noNullInAllOf);
}
