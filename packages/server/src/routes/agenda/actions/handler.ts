import { CitypathError, type Problem, problem, unwrap } from "@citypath/core";
import { recordStatusChange } from "@citypath/core/agenda/index";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { seesDrafts } from "../../../access.ts";
import type { AppEnv } from "../../../env.ts";
import {
  presentAction,
  presentActionSummary,
  presentImportProblem,
  presentSavedAction,
} from "../../../presenters/agenda.ts";
import {
  assertMayChange,
  cityToday,
  editableDepartments,
  mayChange,
  modelledAnswer,
} from "../../../services/agenda.ts";
import { previewActionUpload } from "../../../services/agenda-import.ts";
import { assertReferences, placeInPlans } from "../../../services/agenda-references.ts";
import { asJson, recordChange } from "../../../services/audit.ts";
import { notifyIfStatusChanged } from "../../../services/participation.ts";
import { actionForChange, cachedRead, find, namesOf, saveAudited, stale, visible } from "../common.ts";
import { sameId } from "../parse.ts";
import {
  actionCommitRoute,
  actionPreviewRoute,
  actionStatusRoute,
  getActionRoute,
  listActionsRoute,
  saveActionRoute,
} from "./schema.ts";

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listActionsRoute, (c) =>
    cachedRead(c, "actions", async () => {
      const t = c.get("tenant");
      const q = c.req.valid("query");
      const a = await visible(c);
      const needle = q.q?.toLowerCase();
      const deptIds = new Set(
        q.department
          ? a.registers.departments
              .filter((d) => d.id === q.department || d.name.ko === q.department)
              .map((d) => d.id as string)
              .concat(q.department)
          : [],
      );
      const actions = a.actions.filter(({ document: x }) => {
        if (q.plan && !x.plans.some((m) => m.plan === q.plan)) return false;
        if (q.policy_area && !x.plans.some((m) => m.policy_area === q.policy_area)) return false;
        if (q.category && !x.categories.some((id) => id === q.category)) return false;
        if (q.sector && !x.sectors.includes(q.sector)) return false;
        if (q.department && !x.departments.some((d) => deptIds.has(d))) return false;
        if (q.status && x.status !== q.status) return false;
        if (
          needle &&
          !`${x.name.ko}\n${x.name.en}\n${x.description.ko}\n${x.description.en}`
            .toLowerCase()
            .includes(needle)
        )
          return false;
        return true;
      });
      return { tenant: t.slug, actions: actions.map((x) => presentActionSummary(x, namesOf(a))) };
    }),
  );

  app.openapi(getActionRoute, async (c) => {
    const t = c.get("tenant");
    const { store, clock, services } = c.get("deps");
    const a = await visible(c);
    const rec = find(a.actions, c.req.valid("param").action, "action", t);
    const all = await store.agenda.list(t.id, "indicator");
    const indicators = all.filter((i) => rec.document.indicators.some((id) => id === i.id));
    const { modelled, problems } = await modelledAnswer(
      store,
      t.id,
      rec.document,
      indicators.map((i) => i.document),
      Number(cityToday(clock).slice(0, 4)),
      services.compute,
    );
    // the budget lines that fund it: published years, or every year for those who review drafts
    const drafts = seesDrafts(c.get("caller"), t.id);
    const open = new Set(
      (await store.budget.years(t.id))
        .filter((y) => drafts || y.document.published)
        .map((y) => y.document.year),
    );
    const lines = (await store.budget.linesOfAction(t.id, rec.id)).filter((l) => open.has(l.document.year));
    const funding = {
      lines: await Promise.all(
        lines.map(async (l) => ({
          line: l.document,
          settlement:
            (await store.budget.settlement(t.id, l.document.year, l.document.code))?.document ?? null,
        })),
      ),
    };
    return c.json(
      presentAction(rec, indicators, modelled, problems, a.registers.sources, namesOf(a), funding),
      200,
    );
  });

  app.openapi(saveActionRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { store } = deps;
    const caller = c.get("caller");
    const { action } = c.req.valid("param");
    const body = c.req.valid("json");
    const next = sameId(body.action, "action", action);
    const saved = await recordChange(store, caller, async (s) => {
      const before = body.base_version === 0 ? undefined : await s.agenda.get(t.id, "action", action);
      await assertMayChange(s, caller, t.id, before && { kind: "action", document: before.document }, {
        kind: "action",
        document: next,
      });
      await assertReferences(
        s,
        t.id,
        { kind: "action", document: next },
        before && { kind: "action", document: before.document },
      );
      if (!before) await placeInPlans(s, t.id, caller, next);
      const out = await saveAudited(s, t.id, "action", next, body.base_version, {
        action: before ? "update" : "create",
        entityId: action,
        before: before ? asJson(before.document) : null,
        after: (saved) => asJson(saved.document),
      });
      await notifyIfStatusChanged(s, deps, t, action, before?.document, next);
      return out;
    });
    return c.json(presentSavedAction(saved), 200);
  });

  app.openapi(actionStatusRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { store } = deps;
    const caller = c.get("caller");
    const { action } = c.req.valid("param");
    const { base_version, ...change } = c.req.valid("json");
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await actionForChange(s, caller, t, action);
      if (rec.version !== base_version) throw stale("action", action, base_version, rec.version);
      const next = unwrap(recordStatusChange(rec.document, change));
      const out = await saveAudited(s, t.id, "action", next, rec.version, {
        action: "status",
        entityId: action,
        before: { status: rec.document.status, version: rec.version },
        after: () => asJson({ status: next.status, change: next.status_history.at(-1) }),
      });
      // those answered with a link to this action (authors, consenting followers) are told
      await notifyIfStatusChanged(s, deps, t, action, rec.document, next);
      return out;
    });
    return c.json(presentSavedAction(saved), 200);
  });

  app.openapi(actionPreviewRoute, async (c) => {
    const t = c.get("tenant");
    const { rows, result } = await previewActionUpload(c.get("deps").store, t.id, c.req.valid("json"));
    return c.json(
      {
        ok: result.ok,
        rows,
        changes: result.ok ? result.value.map(({ document: _d, ...ch }) => ch) : [],
        problems: (result.ok ? [] : result.problems).map(presentImportProblem),
      },
      200,
    );
  });

  app.openapi(actionCommitRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { store } = deps;
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const stored = await recordChange(store, caller, async (s) => {
      const { result } = await previewActionUpload(s, t.id, body);
      // All or nothing: one problem and nothing is stored; the answer lists every problem.
      if (!result.ok) throw new CitypathError(result.problems);
      const allowed = await editableDepartments(s, caller, t.id);
      const changes = result.value.filter((ch) => ch.kind !== "same");
      const refused: Problem[] = [];
      const earlier = new Map<string, { status: string }>();
      for (const ch of changes) {
        const before = ch.base_version ? await s.agenda.get(t.id, "action", ch.action) : undefined;
        if (before) earlier.set(ch.action, before.document);
        if (
          !mayChange({ kind: "action", document: ch.document }, allowed) ||
          (before && !mayChange({ kind: "action", document: before.document }, allowed))
        )
          refused.push(
            problem("FORBIDDEN", `action '${ch.action}' belongs to another department`, {
              file: body.file_name,
              line: ch.line,
              column: "id",
            }),
          );
      }
      if (refused.length) throw new CitypathError(refused);
      const versions: Record<string, number> = {};
      for (const ch of changes)
        versions[ch.action] = (await s.agenda.save(t.id, "action", ch.document, ch.base_version)).version;
      for (const ch of changes)
        await notifyIfStatusChanged(s, deps, t, ch.action, earlier.get(ch.action), ch.document);
      return {
        result: { stored: changes.length, actions: changes.map((ch) => ch.action) },
        // an import that changes nothing stores nothing and leaves no record
        audit:
          changes.length === 0
            ? null
            : {
                tenantId: t.id,
                action: "import",
                entity: "actions",
                entityId: body.file_name,
                version: null,
                after: asJson({
                  file: body.file_name,
                  changes: changes.map((ch) => ({
                    action: ch.action,
                    line: ch.line,
                    kind: ch.kind,
                    fields: ch.fields,
                    version: versions[ch.action],
                  })),
                }),
              },
      };
    });
    return c.json(stored, 200);
  });
}
