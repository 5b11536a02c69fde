import { unwrap } from "@citypath/core";
import { addProgressUpdate } from "@citypath/core/agenda/index";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../env.ts";
import { presentSavedAction } from "../../../presenters/agenda.ts";
import { cityToday } from "../../../services/agenda.ts";
import { asJson, recordChange } from "../../../services/audit.ts";
import { actionForChange, saveAudited, stale } from "../common.ts";
import { postProgressRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(postProgressRoute, async (c) => {
    const t = c.get("tenant");
    const { store, clock } = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const author = caller.kind === "user" ? { user: caller.userId } : { name: "development" };
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await actionForChange(s, caller, t, body.action);
      if (rec.version !== body.base_version)
        throw stale("action", body.action, body.base_version, rec.version);
      const next = unwrap(addProgressUpdate(rec.document, { ...body.update, author }, cityToday(clock)));
      return saveAudited(s, t.id, "action", next, rec.version, {
        action: "progress",
        entityId: body.action,
        before: { version: rec.version, completion_pct: asJson(rec.document.completion_pct) },
        after: () => asJson({ update: next.progress.find((p) => p.id === body.update.id) }),
      });
    });
    return c.json(presentSavedAction(saved), 200);
  });
}
