import { mailAttempts, outbox } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { roleIn } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { listMailRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listMailRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const smtp = deps.mail !== undefined;
    // An invitation link lets its holder join with the invited role: only an admin, and only while nothing
    // sends mail, sees it (an auditor sees the delivery state).
    const links = !smtp && roleIn(c.get("caller"), t.id) === "admin";
    const messages = await outbox(deps.store, { forTenant: t.id, limit: 200 });
    const out = [];
    for (const m of messages) {
      const last = m.attempts > 0 && !m.sentAt ? (await mailAttempts(deps.store, m.id)).at(-1) : undefined;
      out.push({
        id: m.id,
        kind: m.kind,
        email: m.email,
        link: links ? m.link : null,
        created_at: m.createdAt.toISOString(),
        state: m.sentAt ? ("sent" as const) : m.failedAt ? ("failed" as const) : ("waiting" as const),
        sent_at: m.sentAt?.toISOString() ?? null,
        attempts: m.attempts,
        next_attempt_at: m.sentAt || m.failedAt ? null : m.nextAttemptAt.toISOString(),
        last_error: last && !last.ok ? last.detail : null,
      });
    }
    return c.json({ tenant: t.slug, smtp, messages: out }, 200);
  });
}
