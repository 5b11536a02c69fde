import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../env.ts";
import {
  presentIndicator,
  presentIndicatorAnswer,
  presentSavedIndicator,
  sourcesOf,
} from "../../../presenters/agenda.ts";
import { assertMayChange } from "../../../services/agenda.ts";
import { assertReferences } from "../../../services/agenda-references.ts";
import { asJson, recordChange } from "../../../services/audit.ts";
import { cachedRead, find, saveAudited, visible } from "../common.ts";
import { sameId } from "../parse.ts";
import { getIndicatorRoute, listIndicatorsRoute, saveIndicatorRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listIndicatorsRoute, (c) =>
    cachedRead(c, "indicators", async () => {
      const t = c.get("tenant");
      const a = await visible(c);
      return {
        tenant: t.slug,
        indicators: a.indicators.map((i) => presentIndicator(i)),
        sources: sourcesOf(
          a.indicators.map((i) => i.document),
          a.registers.sources,
        ),
      };
    }),
  );

  app.openapi(getIndicatorRoute, async (c) => {
    const t = c.get("tenant");
    const a = await visible(c);
    const rec = find(a.indicators, c.req.valid("param").indicator, "indicator", t);
    return c.json(presentIndicatorAnswer(rec, a.actions, a.registers.sources), 200);
  });

  app.openapi(saveIndicatorRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { indicator } = c.req.valid("param");
    const body = c.req.valid("json");
    const next = sameId(body.indicator, "indicator", indicator);
    const saved = await recordChange(store, caller, async (s) => {
      const before = body.base_version === 0 ? undefined : await s.agenda.get(t.id, "indicator", indicator);
      await assertMayChange(s, caller, t.id, before && { kind: "indicator", document: before.document }, {
        kind: "indicator",
        document: next,
      });
      await assertReferences(s, t.id, { kind: "indicator", document: next });
      return saveAudited(s, t.id, "indicator", next, body.base_version, {
        action: before ? "update" : "create",
        entityId: indicator,
        before: before ? asJson(before.document) : null,
        after: (saved) => asJson(saved.document),
      });
    });
    return c.json(presentSavedIndicator(saved), 200);
  });
}
