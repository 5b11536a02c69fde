import { z } from "@hono/zod-openapi";
import { ADMINS_AND_AUDITORS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { int4, json, tenantParams } from "../common.ts";

export const mailMessageSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    email: z.string(),
    link: z
      .string()
      .nullable()
      .openapi({
        description:
          "The one-time link, for the tenant's admins only and only while no SMTP server is configured (they " +
          "pass it on themselves); null otherwise.",
      }),
    created_at: z.string(),
    state: z.enum(["waiting", "sent", "failed"]),
    sent_at: z.string().nullable(),
    attempts: int4(),
    next_attempt_at: z.string().nullable(),
    last_error: z.string().nullable(),
  })
  .openapi("MailMessage");

export const listMailRoute = secureRoute(ADMINS_AND_AUDITORS, {
  method: "get",
  path: "/api/tenants/{tenant}/mail",
  tags: ["members"],
  summary: "The tenant's mail (invitations): delivery state, and the links while SMTP is not configured",
  request: { params: tenantParams },
  responses: {
    200: json(
      z.object({
        tenant: z.string(),
        smtp: z.boolean().openapi({ description: "Whether the server sends mail (CITYPATH_SMTP_URL)." }),
        messages: z.array(mailMessageSchema),
      }),
      "The messages, newest first (at most 200).",
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});
