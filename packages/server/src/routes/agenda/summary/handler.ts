import { statusSummary } from "@citypath/core/agenda/index";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../env.ts";
import { cachedRead, visible } from "../common.ts";
import { summaryRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(summaryRoute, (c) =>
    cachedRead(c, "summary", async () => {
      const a = await visible(c);
      const { by } = c.req.valid("query");
      const s = statusSummary(
        a.actions.map((x) => x.document),
        by,
      );
      return { by, overall: s.overall, groups: s.groups };
    }),
  );
}
