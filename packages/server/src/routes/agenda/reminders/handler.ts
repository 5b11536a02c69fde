import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../env.ts";
import {
  cityToday,
  editableDepartments,
  readAgenda,
  remindersOf,
  visibleAgenda,
} from "../../../services/agenda.ts";
import { recordChange } from "../../../services/audit.ts";
import { myRemindersRoute, queueRemindersRoute, remindersRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(remindersRoute, async (c) => {
    const t = c.get("tenant");
    const { store, clock } = c.get("deps");
    // the caller's visible part: a citizen's reminders name no draft plan or action
    const a = visibleAgenda(c.get("caller"), t.id, await readAgenda(store, t.id));
    const date = c.req.valid("query").date ?? cityToday(clock);
    return c.json({ date, messages: remindersOf(a, date, t.settings) }, 200);
  });

  app.openapi(myRemindersRoute, async (c) => {
    const t = c.get("tenant");
    const { store, clock } = c.get("deps");
    const caller = c.get("caller");
    const a = visibleAgenda(caller, t.id, await readAgenda(store, t.id));
    const date = c.req.valid("query").date ?? cityToday(clock);
    // the department rule of the agenda's writes: a membership names a department by id or Korean name
    const allowed = await editableDepartments(store, caller, t.id);
    const byId = new Map(a.registers.departments.map((d) => [d.id as string, d]));
    const mine = (id: string) =>
      allowed === "all" || allowed.has(id) || allowed.has(byId.get(id)?.name.ko ?? "\u0000");
    const departments = remindersOf(a, date, t.settings)
      .filter((m) => mine(m.department))
      .map((m) => ({ id: m.department, name: byId.get(m.department)?.name ?? null, items: m.items }));
    return c.json({ date, departments }, 200);
  });

  app.openapi(queueRemindersRoute, async (c) => {
    const t = c.get("tenant");
    const { store, clock } = c.get("deps");
    const date = c.req.valid("json").date ?? cityToday(clock);
    const out = await recordChange(store, c.get("caller"), async (s) => {
      const messages = remindersOf(await readAgenda(s, t.id), date, t.settings);
      const queued = await s.agenda.queueMessages(t.id, messages);
      return {
        result: { date, messages: messages.length, queued },
        audit: {
          tenantId: t.id,
          action: "queue",
          entity: "agenda_outbox",
          entityId: date,
          version: null,
          after: { queued },
        },
      };
    });
    return c.json(out, 200);
  });
}
