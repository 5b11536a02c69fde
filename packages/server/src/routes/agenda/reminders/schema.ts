/** Reminders per department: what is due or late today, and queueing them in the outbox. */
import { z } from "@hono/zod-openapi";
import { MEMBERS, TENANT_ADMINS } from "../../../access.ts";
import { errorResponses } from "../../../errors.ts";
import { myRemindersSchema, reminderMessageSchema } from "../../../presenters/agenda-schema.ts";
import { secureRoute } from "../../../route.ts";
import { calendarDate, json, jsonBody, tenantParams } from "../../common.ts";
import { TAGS } from "../schema.ts";

export const remindersRoute = secureRoute(MEMBERS, {
  method: "get",
  path: "/api/tenants/{tenant}/reminders",
  tags: TAGS,
  summary: "Tasks due or late, stale actions, missing indicator values and legal deadlines, per department",
  request: {
    params: tenantParams,
    query: z.object({
      date: calendarDate().optional(),
    }),
  },
  responses: {
    200: json(z.object({ date: z.string(), messages: z.array(reminderMessageSchema) }), "The reminders."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const myRemindersRoute = secureRoute(MEMBERS, {
  method: "get",
  path: "/api/tenants/{tenant}/reminders/mine",
  tags: TAGS,
  summary:
    "My work: today's reminders of the caller's departments (admins: every one), each department named, without the mail's texts",
  description:
    "The departments are the ones the caller may change (an editor's membership, by id or name; every one for " +
    "an admin; none for other roles), as the agenda's writes decide.",
  request: {
    params: tenantParams,
    query: z.object({
      date: calendarDate().optional(),
    }),
  },
  responses: {
    200: json(myRemindersSchema, "The caller's reminders."),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const queueRemindersRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/reminders/queue",
  tags: TAGS,
  summary: "Queue the day's reminders in the outbox, one message per department (a second call adds nothing)",
  request: {
    params: tenantParams,
    body: jsonBody(
      z.object({
        date: calendarDate().optional(),
      }),
    ),
  },
  responses: {
    200: json(z.object({ date: z.string(), messages: z.number(), queued: z.array(z.string()) }), "Queued."),
    ...errorResponses(400, 401, 403, 404),
  },
});
