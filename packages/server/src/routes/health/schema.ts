import { z } from "@hono/zod-openapi";
import { PUBLIC } from "../../access.ts";
import { secureRoute } from "../../route.ts";
import { json } from "../common.ts";

export const healthSchema = z
  .object({
    status: z.literal("ok"),
    event_loop: z
      .object({
        p99_ms: z.number().nonnegative(),
        max_ms: z.number().nonnegative(),
        max_since_start_ms: z.number().nonnegative(),
      })
      .optional()
      .openapi({
        description:
          "How long the event loop was held up in the last full second (99th percentile and maximum) and " +
          "the worst since start, in milliseconds.",
      }),
  })
  .openapi("Health");
export const readySchema = z
  .object({
    status: z.enum(["ready", "starting", "stopping"]),
    checks: z.record(z.string(), z.boolean()).openapi({ example: { migrations: true, demo: true } }),
  })
  .openapi("Ready");

export const healthRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/health",
  tags: ["operations"],
  summary: "Liveness: 200 while the process runs",
  responses: { 200: json(healthSchema, "The process is running.") },
});

export const readyRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/ready",
  tags: ["operations"],
  summary: "Readiness: 200 once migrations and the demo are loaded, 503 before and while stopping",
  responses: {
    200: json(readySchema, "Ready to serve."),
    503: json(readySchema, "Starting or stopping."),
  },
});
