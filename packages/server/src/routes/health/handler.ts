import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { healthRoute, readyRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(healthRoute, (c) => {
    const loop = c.get("deps").state.eventLoop;
    return c.json({ status: "ok" as const, ...(loop ? { event_loop: loop() } : {}) }, 200);
  });
  app.openapi(readyRoute, (c) => {
    const { state } = c.get("deps");
    const checks = { ...state.checks };
    if (state.stopping) return c.json({ status: "stopping" as const, checks }, 503);
    if (!state.ready) return c.json({ status: "starting" as const, checks }, 503);
    return c.json({ status: "ready" as const, checks }, 200);
  });
}
