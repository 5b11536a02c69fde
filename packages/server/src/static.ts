/**
 * Serves the built web app (packages/web/dist) at /, with the single-page-app fallback: a path that is not a
 * file gets index.html. Paths are resolved inside the directory only.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".pbf": "application/x-protobuf",
};

async function fileAt(path: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

export function serveWeb(root: string) {
  const base = normalize(root + sep);
  return async (c: Context) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return c.notFound();
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.notFound();
    }
    const target = normalize(join(base, rel));
    if (!target.startsWith(base)) return c.notFound();
    let body = rel.endsWith("/") ? undefined : await fileAt(target);
    let type = TYPES[extname(target)] ?? "application/octet-stream";
    let cache = rel.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    if (!body) {
      // a missing asset is a 404; any other path is a route of the app
      if (extname(rel) !== "") return c.notFound();
      body = await fileAt(join(base, "index.html"));
      if (!body) return c.notFound();
      type = TYPES[".html"]!;
      cache = "no-cache";
    }
    return c.body(new Uint8Array(body), 200, { "content-type": type, "cache-control": cache });
  };
}
