import { CitypathError, unwrap } from "@citypath/core";
import { type Indicator, type ObservationChange, recordObservation } from "@citypath/core/agenda/index";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../env.ts";
import { presentImportProblem, presentSavedIndicator } from "../../../presenters/agenda.ts";
import { assertMayChange } from "../../../services/agenda.ts";
import { previewObservationUpload } from "../../../services/agenda-import.ts";
import { asJson, recordChange } from "../../../services/audit.ts";
import { notFound } from "../../common.ts";
import { saveAudited, stale } from "../common.ts";
import { observationCommitRoute, observationPreviewRoute, postObservationRoute } from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(postObservationRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { indicator } = c.req.valid("param");
    const body = c.req.valid("json");
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await s.agenda.get(t.id, "indicator", indicator);
      if (!rec) throw notFound(`No indicator "${indicator}" in ${t.slug}.`, "indicator");
      await assertMayChange(s, caller, t.id, { kind: "indicator", document: rec.document });
      if (rec.version !== body.base_version)
        throw stale("indicator", indicator, body.base_version, rec.version);
      const next = unwrap(recordObservation(rec.document, body.observation, { replace: body.replace }));
      return saveAudited(s, t.id, "indicator", next, rec.version, {
        action: "observation",
        entityId: indicator,
        before: { version: rec.version },
        after: () => asJson({ observation: body.observation, replace: body.replace }),
      });
    });
    return c.json(presentSavedIndicator(saved), 200);
  });

  app.openapi(observationPreviewRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { rows, result } = await previewObservationUpload(store, t.id, c.req.valid("json"));
    return c.json(
      {
        ok: result.ok,
        rows,
        changes: result.ok ? result.value : [],
        problems: (result.ok ? [] : result.problems).map(presentImportProblem),
      },
      200,
    );
  });

  app.openapi(observationCommitRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const stored = await recordChange(store, caller, async (s) => {
      const { result } = await previewObservationUpload(s, t.id, body);
      // All or nothing: one problem and nothing is stored; the answer lists every problem.
      if (!result.ok) throw new CitypathError(result.problems);
      const changes = result.value.filter((ch) => ch.kind !== "same");
      const byIndicator = new Map<string, ObservationChange[]>();
      for (const ch of changes) byIndicator.set(ch.indicator, [...(byIndicator.get(ch.indicator) ?? []), ch]);
      const versions: Record<string, number> = {};
      for (const [id, list] of byIndicator) {
        const rec = (await s.agenda.get(t.id, "indicator", id))!;
        await assertMayChange(s, caller, t.id, { kind: "indicator", document: rec.document });
        let doc: Indicator = rec.document;
        for (const ch of list) doc = unwrap(recordObservation(doc, ch.observation, { replace: true }));
        versions[id] = (await s.agenda.save(t.id, "indicator", doc, rec.version)).version;
      }
      return {
        result: { stored: changes.length, indicators: [...byIndicator.keys()] },
        audit: {
          tenantId: t.id,
          action: "import",
          entity: "indicator_values",
          entityId: body.file_name,
          version: null,
          after: asJson({
            file: body.file_name,
            versions,
            changes: changes.map((ch) => ({
              indicator: ch.indicator,
              line: ch.line,
              year: ch.observation.year,
              district: ch.observation.district ?? null,
              value: ch.observation.value,
              previous: ch.previous ?? null,
            })),
          }),
        },
      };
    });
    return c.json(stored, 200);
  });
}
