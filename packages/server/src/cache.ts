/**
 * A small in-memory cache of serialised responses. Keys include the tenant's write generation (Store.generation),
 * so a write through this process makes every older entry unreachable at once. With PostgreSQL several
 * processes may write; entries then also expire after `ttlMs` (docs/decisions/0014-read-cache-keyed-on-write-generations.md).
 */
export interface CachedBody {
  readonly body: string;
  readonly etag: string;
  readonly at: number;
}

export interface ResponseCache {
  get(key: string): CachedBody | undefined;
  set(key: string, body: string): CachedBody;
  clear(): void;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function createResponseCache(
  opts: { maxEntries?: number; ttlMs?: number; now?: () => number } = {},
): ResponseCache {
  const max = opts.maxEntries ?? 2000;
  const ttl = opts.ttlMs ?? Number.POSITIVE_INFINITY;
  const now = opts.now ?? Date.now;
  const map = new Map<string, CachedBody>();
  return {
    get(key) {
      const e = map.get(key);
      if (!e) return undefined;
      if (now() - e.at > ttl) {
        map.delete(key);
        return undefined;
      }
      return e;
    },
    set(key, body) {
      if (map.size >= max) {
        // drop the oldest entry (Map keeps insertion order)
        const first = map.keys().next().value;
        if (first !== undefined) map.delete(first);
      }
      const e = { body, etag: `W/"${fnv1a(body)}-${body.length.toString(16)}"`, at: now() };
      map.set(key, e);
      return e;
    },
    clear: () => map.clear(),
  };
}
