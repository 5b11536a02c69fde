/** The client's address for rate limits: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

export function clientAddress(c: Context<AppEnv>): string {
  if (c.get("deps").trustProxy) {
    const f = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (f) return f;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}
