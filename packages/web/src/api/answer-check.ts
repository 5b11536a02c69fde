/**
 * Development and tests only: checks an answer against the schema the OpenAPI document declares for its
 * route, method and status (JSON Schema 2020-12, as OpenAPI 3.1 writes it), with Ajv. Never imported by the
 * public build: main.tsx loads it behind `import.meta.env.DEV`, which the production build removes.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { AnswerCheck, ApiClient } from "./client.ts";

/** The parts of an OpenAPI 3.1 document the check reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: unknown;
}

const pointer = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

/** Whether the operation declares a JSON body for this status (or a default). */
function declaredStatus(doc: OpenApiDocument, route: string, method: string, status: number): string | null {
  const op = doc.paths[route]?.[method];
  const responses =
    op && typeof op === "object" && "responses" in op && op.responses && typeof op.responses === "object"
      ? op.responses
      : null;
  if (!responses) return null;
  const key = String(status) in responses ? String(status) : "default" in responses ? "default" : null;
  if (!key) return null;
  const r = Object.getOwnPropertyDescriptor(responses, key)?.value;
  const content = r && typeof r === "object" && "content" in r ? r.content : null;
  return content && typeof content === "object" && "application/json" in content ? key : null;
}

export function answerCheck(doc: OpenApiDocument): AnswerCheck {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, "openapi");
  return (route, method, status, body) => {
    const key = declaredStatus(doc, route, method, status);
    if (!doc.paths[route]?.[method]) return [`${method.toUpperCase()} ${route} is not in the document`];
    if (!key) return [`status ${status} is not declared for ${method.toUpperCase()} ${route}`];
    const ref = `openapi#/paths/${pointer(route)}/${method}/responses/${key}/content/application~1json/schema`;
    const validate = ajv.getSchema(ref);
    if (!validate) return [`no schema at ${ref}`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "(answer)"} ${e.message ?? "is invalid"}`);
  };
}

/** Development: fetches the server's document and checks every later answer of `client` against it. */
export async function checkAnswersInDevelopment(client: ApiClient): Promise<void> {
  const res = await fetch(client.url("/openapi.json"));
  if (!res.ok) {
    console.warn(`answers are not checked: GET /api/openapi.json answered ${res.status}`);
    return;
  }
  const doc: OpenApiDocument = await res.json();
  const check = answerCheck(doc);
  client.checkAnswers((route, method, status, body) => {
    const problems = check(route, method, status, body);
    if (problems.length) console.error(`${method.toUpperCase()} ${route} (${status}):`, problems);
    return problems;
  });
}
