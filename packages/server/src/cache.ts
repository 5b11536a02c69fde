/**
 * A small in-memory cache of serialised responses. Keys include the write generation of what the body was
 * read from (Store.generation of the tenant's domains), so a write makes every older entry of its domain
 * unreachable at once, and leaves the other domains' entries. With PostgreSQL several processes may write:
 * each hears the others' writes (Store.watch), and entries also expire after `ttlMs`
 * (docs/decisions/0014-read-cache-keyed-on-write-generations.md).
 */
import { createHash } from "node:crypto";
import type { TenantId } from "@citypath/core";

export interface CachedBody {
  /**
   * The body's UTF-8 bytes, encoded once when kept: a response of a string would measure its UTF-8 length
   * and encode it again on every answer (and allocate for it, which drives the young generation's collections).
   */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The body as text (decoded from `bytes` when read: only the few readers that parse it again use it). */
  readonly body: string;
  readonly etag: string;
  readonly at: number;
}

export interface ResponseCache {
  get(key: string): CachedBody | undefined;
  set(key: string, body: string): CachedBody;
  /**
   * The entry made from `produce`'s body, produced once however many ask for the same key meanwhile (a miss
   * under load would otherwise read and serialise the same body once per waiting request).
   */
  produce(key: string, produce: () => Promise<string>): Promise<CachedBody>;
  clear(): void;
  /** Lookups answered from the cache and not, since the start. */
  stats(): { readonly hits: number; readonly misses: number };
  /** Anonymous public reads answered before the router (decision 0089). */
  readonly front: FrontAnswers;
}

/**
 * An anonymous public read's answer by its path (no query), kept with the tenant's write generation of all its
 * domains (`Store.generation(tenantId)`) when the body was current: while that generation stands, nothing the
 * body was read from has changed, and the same path is answered again without the router, its middleware and
 * its checks. The entry lives as long as its body in the response cache (`ttlMs`).
 */
export interface FrontEntry {
  readonly tenantId: TenantId;
  readonly generation: number;
  readonly cached: CachedBody;
}

export interface FrontAnswers {
  /** The entry of a path while it is younger than the cache's time limit. */
  get(path: string): FrontEntry | undefined;
  set(path: string, entry: FrontEntry): void;
  delete(path: string): void;
  /** Counts a read answered before the router. */
  answered(): void;
  /** Reads answered before the router since the start. */
  hits(): number;
}

/** How many paths the front keeps; when full it starts again (memory stays bounded). */
const FRONT_PATHS = 500;

/**
 * The entity tag of a body: a hash computed natively (a hash in JavaScript cost 10-50 ms on large bodies), of
 * its UTF-8 bytes (the same digest as of the text), and the text's length.
 */
function etagOf(bytes: Uint8Array, textLength: number): string {
  return `W/"${createHash("sha1").update(bytes).digest("base64url").slice(0, 16)}-${textLength.toString(16)}"`;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** An entry of the cache: the bytes in an array of their own (not a view on Node's shared pool). */
function entry(body: string, at: number): CachedBody {
  const bytes = utf8.encode(body);
  return {
    bytes,
    get body() {
      return text.decode(bytes);
    },
    etag: etagOf(bytes, body.length),
    at,
  };
}

export function createResponseCache(
  opts: { maxEntries?: number; ttlMs?: number; now?: () => number } = {},
): ResponseCache {
  const max = opts.maxEntries ?? 2000;
  const ttl = opts.ttlMs ?? Number.POSITIVE_INFINITY;
  const now = opts.now ?? Date.now;
  const map = new Map<string, CachedBody>();
  let hits = 0;
  let misses = 0;
  const producing = new Map<string, Promise<CachedBody>>();
  const frontMap = new Map<string, FrontEntry>();
  let frontHits = 0;
  const front: FrontAnswers = {
    get(path) {
      const e = frontMap.get(path);
      if (!e) return undefined;
      if (now() - e.cached.at > ttl) {
        frontMap.delete(path);
        return undefined;
      }
      return e;
    },
    set(path, entry) {
      if (frontMap.size >= FRONT_PATHS && !frontMap.has(path)) frontMap.clear();
      frontMap.set(path, entry);
    },
    delete: (path) => void frontMap.delete(path),
    answered: () => void frontHits++,
    hits: () => frontHits,
  };
  const cache: ResponseCache = {
    front,
    get(key) {
      const e = map.get(key);
      if (e && now() - e.at > ttl) map.delete(key);
      else if (e) {
        hits++;
        return e;
      }
      misses++;
      return undefined;
    },
    set(key, body) {
      if (map.size >= max) {
        // drop the oldest entry (Map keeps insertion order)
        const first = map.keys().next().value;
        if (first !== undefined) map.delete(first);
      }
      const e = entry(body, now());
      map.set(key, e);
      return e;
    },
    produce(key, produce) {
      const running = producing.get(key);
      if (running) return running;
      const p = produce()
        .then((body) => cache.set(key, body))
        .finally(() => producing.delete(key));
      producing.set(key, p);
      return p;
    },
    clear: () => {
      map.clear();
      frontMap.clear();
    },
    stats: () => ({ hits, misses }),
  };
  return cache;
}
