/**
 * Requests generated from the API's own description (/api/openapi.json) with fast-check: for every operation,
 * path and query parameters and JSON bodies built from their schemas and then broken (wrong types, missing and
 * extra fields, edge numbers, odd unicode, long strings), bad content types, and three callers (anonymous, a
 * signed-in editor, a malformed session cookie). `checkResponse` holds the properties every answer must have:
 * no 5xx, no thrown request, an error body in the catalogue's shape, and nothing changed by a refused write.
 * Used by the seeded test (fuzz.test.ts) and by `npm run bench:fuzz`.
 */
import fc from "fast-check";
import { errorBodySchema } from "../errors.ts";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read as loose JSON
type Schema = Record<string, any>;

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly params: readonly { name: string; in: "path" | "query"; required: boolean; schema: Schema }[];
  readonly body: Schema | undefined;
}

export interface FuzzRequest {
  readonly op: Operation;
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly caller: "anonymous" | "editor" | "bad-cookie";
}

/** Every operation of the document, with $refs resolved. */
export function operationsOf(doc: Schema): Operation[] {
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 20) return s;
    if (s.$ref) return resolve(doc.components.schemas[String(s.$ref).split("/").pop()!], depth + 1);
    return s;
  };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries<Schema>(doc.paths))
    for (const [method, op] of Object.entries<Schema>(ops)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p: Schema) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          schema: resolve(p.schema) ?? {},
        })),
        body: resolve(op.requestBody?.content?.["application/json"]?.schema),
      });
    }
  return out;
}

/** Values that have broken servers: edge numbers, odd unicode, long strings, wrong types. */
const NASTY: readonly unknown[] = [
  null,
  "",
  " ",
  0,
  -1,
  1.5,
  2147483647,
  2147483648,
  -2147483649,
  9007199254740992,
  1e308,
  -1e308,
  "NaN",
  "Infinity",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff x",
  "💥🏙️",
  "\u202e\u0041\u202c",
  "전주시 ' OR 1=1 --",
  "../../etc/passwd",
  "%00",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "=cmd|' /C calc'!A0",
  "9999-99-99",
  "2025-02-30",
  "x".repeat(10_001),
  "가".repeat(201),
  true,
  false,
  [],
  {},
  [null],
  { "": null },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

const nasty = fc.constantFrom(...NASTY);

/** A value for a JSON schema: mostly of the right shape, sometimes broken. */
function schemaValue(s: Schema | undefined, doc: Schema, depth: number): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }));
  if (s.$ref) return schemaValue(doc.components.schemas[String(s.$ref).split("/").pop()!], doc, depth + 1);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a: Schema) => schemaValue(a, doc, depth + 1)));
  if (s.allOf) return schemaValue(Object.assign({}, ...s.allOf), doc, depth + 1);
  let good: fc.Arbitrary<unknown>;
  const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== "null") : s.type;
  if (s.enum) good = fc.constantFrom(...s.enum);
  else if (s.const !== undefined) good = fc.constant(s.const);
  else if (type === "string") {
    const examples = s.example !== undefined ? [fc.constant(s.example)] : [];
    good = fc.oneof(
      ...examples,
      fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }),
      fc.constantFrom("jeonju", "2022", "2026-11-01", "brt", "demo-activity", "I.1.1", "latest"),
    );
  } else if (type === "integer")
    good = fc.integer({
      min: Math.max(s.minimum ?? -1000, -1e9),
      max: Math.min(s.maximum ?? 100_000, 1e9),
    });
  else if (type === "number") good = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
  else if (type === "boolean") good = fc.boolean();
  else if (type === "array")
    good = fc.array(schemaValue(s.items, doc, depth + 1), { maxLength: depth > 2 ? 2 : 4 });
  else if (type === "object" || s.properties) {
    const props = Object.entries<Schema>(s.properties ?? {});
    const required = new Set<string>(s.required ?? []);
    good = fc
      .tuple(
        fc.tuple(
          ...props.map(([k, p]) =>
            fc.tuple(
              fc.constant(k),
              schemaValue(p, doc, depth + 1),
              // a required field is dropped now and then; an optional one often
              fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < (required.has(k) ? 0.05 : 0.4)),
            ),
          ),
        ),
        fc.option(fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 2 }), { freq: 5 }),
      )
      .map(([entries, extra]) => {
        const o: Record<string, unknown> = {};
        for (const [k, v, drop] of entries) if (!drop) o[k] = v;
        return extra ? { ...o, ...extra } : o;
      });
  } else good = fc.jsonValue({ maxDepth: 2 });
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: nasty });
}

/**
 * A path segment as sent: percent-encoded, with "%" kept so that raw escapes (even malformed ones) reach the
 * server, and a lone surrogate (which encodeURIComponent refuses) sent as its would-be UTF-8 bytes.
 */
function encodePathPart(s: string): string {
  return s
    .split(/(\p{Cs})/u)
    .map((part) => (/^\p{Cs}$/u.test(part) ? "%ED%A0%80" : encodeURIComponent(part).replace(/%25/g, "%")))
    .join("");
}

function paramText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** Requests for one operation. */
export function requestsFor(op: Operation, doc: Schema): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const queryParams = op.params.filter((p) => p.in === "query");
  return fc
    .record({
      path: fc.tuple(
        ...pathParams.map((p) =>
          fc.oneof(
            { weight: 6, arbitrary: fc.constant(paramText(p.schema.example ?? "jeonju")) },
            { weight: 2, arbitrary: schemaValue(p.schema, doc, 0).map(paramText) },
            { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
          ),
        ),
      ),
      query: fc.tuple(
        ...queryParams.map((p) =>
          fc.option(schemaValue(p.schema, doc, 0).map(paramText), { freq: p.required ? 10 : 2 }),
        ),
      ),
      body: op.body
        ? fc.oneof(
            { weight: 8, arbitrary: schemaValue(op.body, doc, 0).map((v) => JSON.stringify(v)) },
            { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
            { weight: 1, arbitrary: fc.constantFrom("", "{", "null", "[]", '{"a":', "\u0000") },
          )
        : fc.option(fc.constantFrom("{}", "x"), { freq: 8 }),
      contentType: fc.oneof(
        { weight: 10, arbitrary: fc.constant("application/json") },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            "",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=utf-16",
            "application/jsonx",
          ),
        },
      ),
      caller: fc.constantFrom(
        "anonymous" as const,
        "editor" as const,
        "editor" as const,
        "bad-cookie" as const,
      ),
    })
    .map(({ path, query, body, contentType, caller }) => {
      let i = 0;
      const p = op.path.replace(/\{[^}]+\}/g, () => encodePathPart(path[i++] ?? "x"));
      const q = new URLSearchParams();
      queryParams.forEach((qp, k) => {
        const v = query[k];
        if (v !== null && v !== undefined) q.set(qp.name, v);
      });
      const qs = q.toString();
      const writes = op.method !== "GET";
      const headers: Record<string, string> = {};
      if (writes && body !== null && body !== undefined && contentType) headers["content-type"] = contentType;
      return {
        op,
        url: `${p}${qs ? `?${qs}` : ""}`,
        method: op.method,
        headers,
        body: writes && body !== null ? body : undefined,
        caller,
      };
    });
}

export interface Verdict {
  readonly ok: boolean;
  readonly why?: string;
}

/** The properties of one answer (status and body text). */
export function checkResponse(status: number, contentType: string | null, text: string): Verdict {
  // the only 5xx allowed is the compute pool's "busy, retry after" (never caused by the input)
  const busy = status === 503 && /"code":"BUSY"/.test(text);
  if (status >= 500 && !busy) return { ok: false, why: `answered ${status}: ${text.slice(0, 300)}` };
  if (status >= 400) {
    if (!contentType?.includes("application/json")) return { ok: false, why: `error ${status} not JSON` };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, why: `error ${status} with a body that is not JSON: ${text.slice(0, 200)}` };
    }
    if (!errorBodySchema.safeParse(body).success)
      return { ok: false, why: `error ${status} not in the catalogue's shape: ${text.slice(0, 300)}` };
  }
  return { ok: true };
}
