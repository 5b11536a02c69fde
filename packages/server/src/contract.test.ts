/**
 * The HTTP contract as a whole: the OpenAPI document is a valid OpenAPI 3.1 document (checked by a real
 * validator, not by our own reading of it), and every GET route of the document, called on the Jeonju demo
 * tenant, answers a body that validates against the schema it declares for that status (JSON Schema
 * 2020-12, as OpenAPI 3.1 writes it, checked with Ajv).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { corePathwayEngine, jeonjuDemoInstance } from "./services/engine.ts";
import { createTestApp, type TestApp } from "./testing.ts";

interface Param {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; default?: unknown };
}
interface Operation {
  parameters?: Param[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  [key: string]: unknown;
  paths: Record<string, Record<string, Operation>>;
}

const pointer = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

describe("the OpenAPI document", () => {
  let t: TestApp;
  let doc: Document;
  before(async () => {
    // the development operator sees every route's answer (members-only routes included)
    t = await createTestApp({
      devWrites: true,
      engine: corePathwayEngine(),
      demoInstance: jeonjuDemoInstance,
    });
    doc = (await (await t.app.request("/api/openapi.json")).json()) as Document;
  });
  after(() => t.close());

  it("is a valid OpenAPI 3.1 document", async () => {
    const v = new Validator();
    const res = await v.validate(structuredClone(doc));
    assert.equal(v.version, "3.1");
    assert.deepEqual(res.errors ?? [], []);
    assert.equal(res.valid, true);
  });

  it("every GET answer on the demo tenant validates against the schema its route declares", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...(doc as object), $id: "doc" });
    const checked: string[] = [];
    const unresolved: string[] = [];
    // answers other than 200 (an example id the demo does not have); their error bodies are checked too
    const refused: string[] = [];
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      let url = path;
      const query = new URLSearchParams();
      let missing: string | undefined;
      for (const p of op.parameters ?? []) {
        const value = p.name === "tenant" ? "jeonju" : (p.example ?? p.schema?.example);
        if (p.in === "path") {
          if (value === undefined) missing = p.name;
          else url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
        } else if (p.in === "query" && p.required) {
          if (value === undefined) missing = p.name;
          else query.set(p.name, String(value));
        }
      }
      if (missing) {
        unresolved.push(`${path} (no example for ${missing})`);
        continue;
      }
      const res = await t.app.request(query.size ? `${url}?${query}` : url);
      const status = String(res.status);
      const declared = op.responses[status];
      if (!declared) {
        failures.push(`GET ${url}: ${status} is not a declared status`);
        continue;
      }
      const type = res.headers.get("content-type") ?? "";
      if (!type.startsWith("application/json")) {
        checked.push(`${path} ${status} (${type.split(";")[0]})`);
        continue;
      }
      if (res.status !== 200) refused.push(`${url} ${status}`);
      const ref = `doc#/paths/${pointer(path)}/get/responses/${status}/content/application~1json/schema`;
      const validate = ajv.getSchema(ref);
      if (!validate) {
        failures.push(`GET ${url}: no JSON schema declared for ${status}`);
        continue;
      }
      const body: unknown = await res.json();
      if (!validate(body))
        failures.push(`GET ${url}: ${ajv.errorsText(validate.errors?.slice(0, 5), { dataVar: "answer" })}`);
      checked.push(`${path} ${status}`);
    }
    assert.deepEqual(failures, []);
    // Routes whose path names something the document gives no example of (an id only a list reveals).
    const ok = checked.length - refused.length;
    assert.ok(
      ok >= 30,
      `${ok} answered 200; refused: ${refused.join(", ")}; unresolved: ${unresolved.join(", ")}`,
    );
  });
});
