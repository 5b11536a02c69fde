import { unwrap } from "@citypath/core";
import { advancePlan, planDueDates, planTree } from "@citypath/core/agenda/index";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../env.ts";
import { presentPlan, presentPlanAnswer, presentSavedPlan, sourcesOf } from "../../../presenters/agenda.ts";
import { assertMayChange, cityToday, tenantCalendar } from "../../../services/agenda.ts";
import { assertReferences } from "../../../services/agenda-references.ts";
import { asJson, recordChange } from "../../../services/audit.ts";
import { notFound } from "../../common.ts";
import { cachedRead, find, saveAudited, stale, visible } from "../common.ts";
import { sameId } from "../parse.ts";
import { getPlanRoute, listPlansRoute, planStageRoute, savePlanRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listPlansRoute, (c) =>
    cachedRead(c, "plans", async () => {
      const t = c.get("tenant");
      const a = await visible(c);
      return {
        tenant: t.slug,
        plans: a.plans.map((p) => presentPlan(p)),
        departments: a.registers.departments.map((d) => ({ id: d.id, name: d.name })),
        sources: sourcesOf(
          a.plans.map((p) => p.document),
          a.registers.sources,
        ),
      };
    }),
  );

  app.openapi(getPlanRoute, async (c) => {
    const t = c.get("tenant");
    const a = await visible(c);
    const p = find(a.plans, c.req.valid("param").plan, "plan", t);
    const tree = planTree(
      p.document,
      a.actions.map((x) => x.document),
    );
    const y = Number(cityToday(c.get("deps").clock).slice(0, 4));
    const due = planDueDates(p.document, `${y}-01-01`, `${y + 1}-12-31`, tenantCalendar(t.settings));
    return c.json(presentPlanAnswer(p, tree, due, a.registers.sources), 200);
  });

  app.openapi(planStageRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { plan } = c.req.valid("param");
    const body = c.req.valid("json");
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await s.agenda.get(t.id, "plan", plan);
      if (!rec) throw notFound(`No plan "${plan}" in ${t.slug}.`, "plan");
      await assertMayChange(s, caller, t.id, { kind: "plan", document: rec.document });
      if (rec.version !== body.base_version) throw stale("plan", plan, body.base_version, rec.version);
      const next = unwrap(
        advancePlan(rec.document, body.stage, body.date, {
          ...(body.source !== undefined ? { source: body.source } : {}),
          ...(body.illustrative !== undefined ? { illustrative: body.illustrative } : {}),
          ...(body.note !== undefined ? { note: body.note } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
        }),
      );
      return saveAudited(s, t.id, "plan", next, rec.version, {
        action: "stage",
        entityId: plan,
        before: { stage: rec.document.stage, version: rec.version },
        after: () => asJson({ stage: next.stage, change: next.stage_history.at(-1) }),
      });
    });
    return c.json(presentSavedPlan(saved), 200);
  });

  app.openapi(savePlanRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { plan } = c.req.valid("param");
    const body = c.req.valid("json");
    const next = sameId(body.plan, "plan", plan);
    const caller = c.get("caller");
    const saved = await recordChange(store, caller, async (s) => {
      const before = body.base_version === 0 ? undefined : await s.agenda.get(t.id, "plan", plan);
      await assertMayChange(s, caller, t.id, before && { kind: "plan", document: before.document }, {
        kind: "plan",
        document: next,
      });
      await assertReferences(s, t.id, { kind: "plan", document: next });
      return saveAudited(s, t.id, "plan", next, body.base_version, {
        action: before ? "update" : "create",
        entityId: plan,
        before: before ? asJson(before.document) : null,
        after: (saved) => asJson(saved.document),
      });
    });
    return c.json(presentSavedPlan(saved), 200);
  });
}
