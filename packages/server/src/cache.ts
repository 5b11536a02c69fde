/**
 * A small in-memory cache of serialised responses. Keys include the write generation of what the body was
 * read from (Store.generation of the tenant's domains), so a write makes every older entry of its domain
 * unreachable at once, and leaves the other domains' entries. With PostgreSQL several processes may write:
 * each hears the others' writes (Store.watch), and entries also expire after `ttlMs`
 * (docs/decisions/0014-read-cache-keyed-on-write-generations.md).
 */
import { createHash } from "node:crypto";

export interface CachedBody {
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
}

/** The entity tag of a body: a hash computed natively (a hash in JavaScript cost 10-50 ms on large bodies). */
function etagOf(body: string): string {
  return `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}-${body.length.toString(16)}"`;
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
  const cache: ResponseCache = {
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
      const e = { body, etag: etagOf(body), at: now() };
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
    clear: () => map.clear(),
    stats: () => ({ hits, misses }),
  };
  return cache;
}
