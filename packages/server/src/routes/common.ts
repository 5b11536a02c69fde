/** Schemas and helpers shared by the route folders. */
import { CitypathError, problem, TENANT_SLUG_PATTERN } from "@citypath/core";
import type { TenantRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { CachedBody } from "../cache.ts";
import type { AppEnv } from "../env.ts";

/** PostgreSQL's integer (int4): every integer the API takes is within it, so none reaches the database out of range. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
const INT4_MESSAGE = `an integer from ${INT4_MIN} to ${INT4_MAX}`;

/** An integer in a JSON body. */
export const int4 = () => z.number().int().min(INT4_MIN, INT4_MESSAGE).max(INT4_MAX, INT4_MESSAGE);
/** An integer query parameter (text in the URL). */
export const int4Query = () =>
  z.coerce.number().int().min(INT4_MIN, INT4_MESSAGE).max(INT4_MAX, INT4_MESSAGE);

/** `YYYY-MM-DD` of a day that exists (no 2025-02-30, no 9999-99-99). */
export const calendarDate = () =>
  z.string().refine((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
  }, "a date is written YYYY-MM-DD and is a day that exists");

export const SLUG_PATTERN = TENANT_SLUG_PATTERN;

export const tenantParam = z
  .string()
  .regex(SLUG_PATTERN)
  .openapi({ param: { name: "tenant", in: "path" }, example: "jeonju", description: "The tenant's slug." });

export const tenantParams = z.object({ tenant: tenantParam });

/** `latest` or a version number. */
export const versionParam = z
  .string()
  .regex(/^(latest|[1-9][0-9]{0,8})$/, "a version number or `latest`")
  .openapi({ param: { name: "version", in: "path" }, example: "latest" });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/**
 * Answers from the response cache when it holds `key` (with 304 for a matching If-None-Match), or produces,
 * serialises and caches the body. Keys must include everything the body depends on.
 */
/** What JSON text parses to: a fresh value, so no `readonly` of the type it was written from carries over. */
type Parsed<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? Parsed<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: Parsed<T[K]> }
      : T;

export function cachedJson<T>(
  c: Context<AppEnv>,
  key: string,
  produce: () => Promise<T>,
): Promise<TypedResponse<JSONParsed<Parsed<T>>, 200, "json">> {
  const { cache, store } = c.get("deps");
  // an anonymous read of a tenant's data by its path alone is kept for the front too (decision 0089), with the
  // tenant's generation of all domains read now, in the same turn as the key's
  const tenant = c.get("tenant") as TenantRecord | undefined;
  const front =
    tenant && c.req.method === "GET" && c.get("caller").kind === "anonymous" && !c.req.url.includes("?")
      ? { path: c.req.path, tenantId: tenant.id, generation: store.generation(tenant.id) }
      : undefined;
  const keep = (cached: CachedBody) => {
    if (front)
      cache.front.set(front.path, { tenantId: front.tenantId, generation: front.generation, cached });
    return cached;
  };
  const send = (body: Uint8Array<ArrayBuffer>, etag: string) => {
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, { etag });
    return c.body(body, 200, { "content-type": "application/json; charset=utf-8", etag });
  };
  // Cast (one of the few the server keeps): the body is the JSON of a `T` the handler produced,
  // serialised once and kept as its UTF-8 bytes; the type system cannot follow a value through the cache, so the
  // response is declared to carry the `T` it was made from (a 304 carries none, as HTTP says).
  const typed = (r: Response) => r as unknown as TypedResponse<JSONParsed<Parsed<T>>, 200, "json">;
  const hit = cache.get(key);
  if (hit) return Promise.resolve(typed(send(keep(hit).bytes, hit.etag)));
  return cache
    .produce(key, async () => JSON.stringify(await produce()))
    .then((e) => typed(send(keep(e).bytes, e.etag)));
}

/** Bytes in a buffer of their own (a Node Buffer may be a view on a shared pool), as a body takes them. */
function ownBytes(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer
    ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
    : Uint8Array.from(b);
}

/** A file answer: its media type, and `attachment` with the file name when it is to be downloaded. */
export function fileResponse(c: Context<AppEnv>, bytes: Uint8Array, type: string, filename?: string) {
  const headers: Record<string, string> = { "content-type": type };
  if (filename !== undefined) headers["content-disposition"] = `attachment; filename="${filename}"`;
  return c.body(ownBytes(bytes), 200, headers);
}

export function notFound(what: string, path?: string): CitypathError {
  return new CitypathError(problem("NOT_FOUND", what, path ? { path } : {}));
}
