import { CitypathError, type Problem, problem, type Result, type TenantId } from "@citypath/core";
import {
  type Action,
  ActionSchema,
  addProgressUpdate,
  advancePlan,
  defaultReminderOptions,
  type Indicator,
  IndicatorSchema,
  type ObservationChange,
  PlanSchema,
  planDueDates,
  planTree,
  previewObservationImport,
  recordObservation,
  recordStatusChange,
  reminders,
  statusSummary,
} from "@citypath/core/agenda/index";
import { decodeText, parseCsvText } from "@citypath/data";
import type { AgendaDocuments, AgendaKind, AgendaRecord, Json, Store, TenantRecord } from "@citypath/db";
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { seesDrafts } from "../../access.ts";
import type { AppEnv, Caller } from "../../env.ts";
import {
  presentAction,
  presentActionSummary,
  presentIndicator,
  presentPlan,
  sourcesOf,
} from "../../presenters/agenda.ts";
import {
  cachedScenarioResolver,
  editableDepartments,
  mayChangeAction,
  modelledForAction,
  readAgenda,
  refuseAction,
  type StoredAgenda,
  visibleAgenda,
} from "../../services/agenda.ts";
import { type ActionImportChange, previewActionImport } from "../../services/agenda-import.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { formatOf, readXlsxRecords } from "../../services/tables.ts";
import { cachedJson, notFound } from "../common.ts";
import {
  actionCommitRoute,
  actionPreviewRoute,
  actionStatusRoute,
  getActionRoute,
  getIndicatorRoute,
  getPlanRoute,
  listActionsRoute,
  listIndicatorsRoute,
  listPlansRoute,
  observationCommitRoute,
  type observationImportBody,
  observationPreviewRoute,
  planStageRoute,
  postObservationRoute,
  postProgressRoute,
  queueRemindersRoute,
  remindersRoute,
  saveActionRoute,
  saveIndicatorRoute,
  savePlanRoute,
  summaryRoute,
} from "./schema.ts";

const namesOf = (a: StoredAgenda) => ({
  departments: a.registers.departments,
  plans: a.plans.map((p) => p.document),
});

/** Parses a whole record with the core's schema; every problem with its path under `json.<name>`. */
function parseWhole<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  name: string,
  pathId: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new CitypathError(
      r.error.issues.map((i) =>
        problem("BAD_VALUE", i.message, { path: ["json", name, ...i.path.map(String)].join(".") }),
      ),
    );
  const id = (r.data as { id: string }).id;
  if (id !== pathId)
    throw new CitypathError(
      problem("BAD_VALUE", `The ${name}'s id is "${id}" but the path names "${pathId}".`, {
        path: `json.${name}.id`,
      }),
    );
  return r.data;
}

/**
 * A public read from the response cache (routes/common.ts): the key names the route, the tenant's write
 * generation, whether the caller sees drafts, and the query.
 */
function cachedRead(c: Context<AppEnv>, route: string, produce: () => Promise<unknown>): never {
  const t = c.get("tenant");
  const { store } = c.get("deps");
  const drafts = seesDrafts(c.get("caller"), t.id) ? "drafts" : "published";
  const url = new URL(c.req.url);
  const key = `agenda:${route}:${t.id}:${store.generation(t.id)}:${drafts}:${url.search}`;
  return cachedJson(c, key, produce) as never;
}

/** A 200 answer; the body's shape is the route's schema (documents typed by the core's schemas). */
function send(c: Context<AppEnv>, body: unknown) {
  return c.json(body as never, 200) as never;
}

/** Today in the city's calendar (Korea, UTC+9), YYYY-MM-DD. */
function today(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}

function orThrow<T>(r: Result<T>): T {
  if (!r.ok) throw new CitypathError(r.problems);
  return r.value;
}

async function visible(c: Context<AppEnv>): Promise<StoredAgenda> {
  const t = c.get("tenant");
  return visibleAgenda(c.get("caller"), t.id, await readAgenda(c.get("deps").store, t.id));
}

function find<T>(
  list: readonly AgendaRecord<T>[],
  id: string,
  what: string,
  t: TenantRecord,
): AgendaRecord<T> {
  const r = list.find((x) => x.id === id);
  if (!r) throw notFound(`No ${what} "${id}" in ${t.slug}.`, what);
  return r;
}

/** The stored action for a change, after the department rule. */
async function actionForChange(s: Store, caller: Caller, t: TenantRecord, id: string) {
  const rec = await s.agenda.get(t.id, "action", id);
  if (!rec) throw notFound(`No action "${id}" in ${t.slug}.`, "action");
  const { departments } = await s.agenda.registers(t.id);
  if (!mayChangeAction(rec.document, await editableDepartments(s, caller, t.id), departments))
    refuseAction(rec.document, departments);
  return rec;
}

/**
 * Saves one agenda record at `baseVersion` (CONFLICT when another save came first) and describes the change
 * for its audit record; `after` is read from the record as saved.
 */
async function saveAudited<K extends AgendaKind>(
  s: Store,
  tenantId: TenantId,
  kind: K,
  document: AgendaDocuments[K],
  baseVersion: number,
  change: {
    action: string;
    entityId: string;
    before: Json | null;
    after: (saved: AgendaRecord<AgendaDocuments[K]>) => Json;
  },
) {
  const saved = await s.agenda.save(tenantId, kind, document, baseVersion);
  return {
    result: saved,
    audit: {
      tenantId,
      action: change.action,
      entity: kind,
      entityId: change.entityId,
      version: saved.version,
      before: change.before,
      after: change.after(saved),
    },
  };
}

function stale(what: string, id: string, base: number, current: number): CitypathError {
  const err = new CitypathError(
    problem("CONFLICT", `The ${what} "${id}" changed since version ${base}; it is now at ${current}.`),
  );
  (err as CitypathError & { currentVersion?: number }).currentVersion = current;
  return err;
}

const presentProblem = (p: Problem) => ({
  file: p.file ?? "",
  row: p.line ?? null,
  column: p.column ?? null,
  code: p.code,
  reason: p.message,
});

/** Reads an uploaded CSV or XLSX: rows as records of strings, with each row's line in the file. */
async function readUpload(
  body: z.infer<typeof observationImportBody>,
): Promise<Result<{ file: string; records: Record<string, string>[]; lines: readonly number[] }>> {
  const format = body.format ?? formatOf(body.file_name);
  const bytes = Buffer.from(body.content_base64, "base64");
  const problems: Problem[] = [];
  if (!format)
    problems.push(
      problem("BAD_VALUE", "Say the format (csv or xlsx): the file name does not end in .csv or .xlsx.", {
        path: "json.format",
      }),
    );
  if (bytes.length === 0)
    problems.push(
      problem("MISSING_VALUE", "The file is empty or not base64.", { path: "json.content_base64" }),
    );
  if (problems.length) throw new CitypathError(problems);
  const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rec =
    format === "xlsx"
      ? await readXlsxRecords(u8, body.file_name, body.sheet)
      : (() => {
          const text = decodeText(u8, "auto", body.file_name);
          return text.ok ? parseCsvText(text.value.text, body.file_name) : text;
        })();
  if (!rec.ok) return rec;
  const { header, rows, lines, file } = rec.value;
  return {
    ok: true,
    warnings: [],
    value: {
      file,
      lines,
      records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))),
    },
  };
}

/** Previews an uploaded table of indicator values with the core (lines as in the file). */
async function previewUpload(
  s: Store,
  t: TenantRecord,
  body: z.infer<typeof observationImportBody>,
): Promise<{ rows: number; result: Result<ObservationChange[]> }> {
  const up = await readUpload(body);
  if (!up.ok) return { rows: 0, result: up };
  const { records, lines, file } = up.value;
  const indicators = (await s.agenda.list(t.id, "indicator")).map((r) => r.document);
  const sources = new Set((await s.agenda.registers(t.id)).sources.map((x) => x.id as string));
  // The core numbers rows from `firstLine`; map those numbers back to the file's own lines.
  const FIRST = 2;
  const lineOf = (n: number) => (n >= FIRST ? (lines[n - FIRST] ?? n) : n);
  const r = previewObservationImport(records, indicators, { file, firstLine: FIRST, sources });
  const result: Result<ObservationChange[]> = r.ok
    ? { ...r, value: r.value.map((ch) => ({ ...ch, line: lineOf(ch.line) })) }
    : { ...r, problems: r.problems.map((p) => (p.line !== undefined ? { ...p, line: lineOf(p.line) } : p)) };
  return { rows: records.length, result };
}

/** Previews an uploaded table of actions against the stored agenda. */
async function previewActions(
  s: Store,
  t: TenantRecord,
  body: z.infer<typeof observationImportBody>,
): Promise<{ rows: number; result: Result<ActionImportChange[]> }> {
  const up = await readUpload(body);
  if (!up.ok) return { rows: 0, result: up };
  const { records, lines, file } = up.value;
  const reg = await s.agenda.registers(t.id);
  const indicators = (await s.agenda.list(t.id, "indicator")).map((r) => r.id);
  const result = previewActionImport(
    records,
    await s.agenda.list(t.id, "action"),
    { departments: reg.departments, sources: reg.sources, indicators },
    { file, lines },
  );
  return { rows: records.length, result };
}

export function register(app: OpenAPIHono<AppEnv>) {
  // ------------------------------------------------------------ plans
  app.openapi(listPlansRoute, (c) =>
    cachedRead(c, "plans", async () => {
      const t = c.get("tenant");
      const a = await visible(c);
      return {
        tenant: t.slug,
        plans: a.plans.map((p) => presentPlan(p)),
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
    const now = today();
    const y = Number(now.slice(0, 4));
    return send(c, {
      plan: p.document as never,
      version: p.version,
      tree: tree as never,
      due_dates: planDueDates(p.document, `${y}-01-01`, `${y + 1}-12-31`) as never,
      sources: sourcesOf(p.document, a.registers.sources),
    });
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
      const allowed = await editableDepartments(s, caller, t.id);
      const { departments } = await s.agenda.registers(t.id);
      const dept = departments.find((d) => d.id === rec.document.responsible_department);
      if (
        allowed !== "all" &&
        !allowed.has(rec.document.responsible_department) &&
        !(dept && allowed.has(dept.name.ko))
      )
        throw new CitypathError(
          problem(
            "FORBIDDEN",
            `Plan "${plan}" is kept by ${dept?.name.ko ?? rec.document.responsible_department}; only its editors and the tenant's admins move it.`,
            { path: "plan" },
          ),
        );
      if (rec.version !== body.base_version) throw stale("plan", plan, body.base_version, rec.version);
      const next = orThrow(
        advancePlan(rec.document, body.stage, body.date, {
          ...(body.source !== undefined ? { source: body.source as never } : {}),
          ...(body.illustrative !== undefined ? { illustrative: body.illustrative } : {}),
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
    return send(c, { plan: saved.document as never, version: saved.version });
  });

  app.openapi(savePlanRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { plan } = c.req.valid("param");
    const body = c.req.valid("json");
    const next = parseWhole(PlanSchema, body.plan, "plan", plan);
    const saved = await recordChange(store, c.get("caller"), async (s) => {
      const before = body.base_version === 0 ? undefined : await s.agenda.get(t.id, "plan", plan);
      return saveAudited(s, t.id, "plan", next, body.base_version, {
        action: before ? "update" : "create",
        entityId: plan,
        before: before ? asJson(before.document) : null,
        after: (saved) => asJson(saved.document),
      });
    });
    return send(c, { plan: saved.document, version: saved.version });
  });

  // ------------------------------------------------------------ actions
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
        if (q.category && !x.categories.includes(q.category as never)) return false;
        if (q.sector && !x.sectors.includes(q.sector as never)) return false;
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
      return {
        tenant: t.slug,
        actions: actions.map((x) => presentActionSummary(x, namesOf(a))) as never,
      };
    }),
  );

  app.openapi(getActionRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const a = await visible(c);
    const rec = find(a.actions, c.req.valid("param").action, "action", t);
    const all = await store.agenda.list(t.id, "indicator");
    const indicators = all.filter((i) => (rec.document.indicators as string[]).includes(i.id));
    let modelled: unknown = null;
    let modelledProblems: Problem[] = [];
    const link = rec.document.model_link;
    if (link) {
      const inst = (await store.instances.list(t.id))[0];
      const full = inst && (await store.instances.get(t.id, inst.id));
      if (!full)
        modelledProblems = [problem("NOT_FOUND", "The tenant has no pathway instance to compare with.")];
      else {
        const resolve = cachedScenarioResolver(
          `${t.id}:${full.id}:${full.version}:${full.documentHash}`,
          full.document,
        );
        const r = resolve.ok
          ? modelledForAction(
              rec.document,
              indicators.map((i) => i.document),
              resolve.value,
              Number(today().slice(0, 4)),
            )
          : resolve;
        if (r.ok)
          modelled = {
            ...r.value,
            instance: full.id,
            instance_version: full.version,
            scenario: link.scenario,
            // where the figures come from: the model of the scenario's action, with its own sources in the
            // instance, and the indicator's observed values, each with its source
            derivation: `${link.model} of scenario ${link.scenario} (action ${link.scenario_action}) in instance ${full.id} v${full.version}; implied: the same model with ${link.parameter} from the observed values of ${link.indicator}`,
          };
        else modelledProblems = r.problems;
      }
    }
    return send(
      c,
      presentAction(rec, indicators, modelled, modelledProblems, a.registers.sources, namesOf(a)) as never,
    );
  });

  app.openapi(saveActionRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { action } = c.req.valid("param");
    const body = c.req.valid("json");
    const parsed = ActionSchema.safeParse(body.action);
    if (!parsed.success)
      throw new CitypathError(
        parsed.error.issues.map((i) =>
          problem("BAD_VALUE", i.message, { path: ["json", "action", ...i.path.map(String)].join(".") }),
        ),
      );
    const next = parsed.data;
    if (next.id !== action)
      throw new CitypathError(
        problem("BAD_VALUE", `The action's id is "${next.id}" but the path names "${action}".`, {
          path: "json.action.id",
        }),
      );
    const saved = await recordChange(store, caller, async (s) => {
      const allowed = await editableDepartments(s, caller, t.id);
      const { departments } = await s.agenda.registers(t.id);
      const before = body.base_version === 0 ? undefined : await s.agenda.get(t.id, "action", action);
      if (before && !mayChangeAction(before.document, allowed, departments))
        refuseAction(before.document, departments);
      if (!mayChangeAction(next, allowed, departments)) refuseAction(next, departments);
      return saveAudited(s, t.id, "action", next, body.base_version, {
        action: before ? "update" : "create",
        entityId: action,
        before: before ? asJson(before.document) : null,
        after: (saved) => asJson(saved.document),
      });
    });
    return send(c, { action: saved.document as never, version: saved.version });
  });

  app.openapi(actionStatusRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { action } = c.req.valid("param");
    const { base_version, ...change } = c.req.valid("json");
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await actionForChange(s, caller, t, action);
      if (rec.version !== base_version) throw stale("action", action, base_version, rec.version);
      const next = orThrow(recordStatusChange(rec.document, change as never));
      return saveAudited(s, t.id, "action", next, rec.version, {
        action: "status",
        entityId: action,
        before: { status: rec.document.status, version: rec.version },
        after: () => asJson({ status: next.status, change: next.status_history.at(-1) }),
      });
    });
    return send(c, { action: saved.document as never, version: saved.version });
  });

  // ------------------------------------------------------------ progress
  app.openapi(postProgressRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const author = caller.kind === "user" ? { user: caller.userId } : { name: "development" };
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await actionForChange(s, caller, t, body.action);
      if (rec.version !== body.base_version)
        throw stale("action", body.action, body.base_version, rec.version);
      const next = orThrow(addProgressUpdate(rec.document, { ...body.update, author } as never, today()));
      return saveAudited(s, t.id, "action", next, rec.version, {
        action: "progress",
        entityId: body.action,
        before: { version: rec.version, completion_pct: asJson(rec.document.completion_pct) },
        after: () => asJson({ update: next.progress.find((p) => p.id === body.update.id) }),
      });
    });
    return send(c, { action: saved.document as never, version: saved.version });
  });

  // ------------------------------------------------------------ indicators
  app.openapi(listIndicatorsRoute, (c) =>
    cachedRead(c, "indicators", async () => {
      const t = c.get("tenant");
      const a = await visible(c);
      return {
        tenant: t.slug,
        indicators: a.indicators.map((i) => presentIndicator(i)) as never,
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
    return send(c, {
      ...presentIndicator(rec),
      actions: a.actions.filter((x) => (x.document.indicators as string[]).includes(rec.id)).map((x) => x.id),
      sources: sourcesOf(rec.document, a.registers.sources),
    });
  });

  app.openapi(saveIndicatorRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { indicator } = c.req.valid("param");
    const body = c.req.valid("json");
    const next = parseWhole(IndicatorSchema, body.indicator, "indicator", indicator);
    const saved = await recordChange(store, caller, async (s) => {
      const before = body.base_version === 0 ? undefined : await s.agenda.get(t.id, "indicator", indicator);
      if (before) await assertMayReport(s, caller, t.id, before.document);
      await assertMayReport(s, caller, t.id, next);
      return saveAudited(s, t.id, "indicator", next, body.base_version, {
        action: before ? "update" : "create",
        entityId: indicator,
        before: before ? asJson(before.document) : null,
        after: (saved) => asJson(saved.document),
      });
    });
    return send(c, { indicator: saved.document, version: saved.version });
  });

  app.openapi(postObservationRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const { indicator } = c.req.valid("param");
    const body = c.req.valid("json");
    const saved = await recordChange(store, caller, async (s) => {
      const rec = await s.agenda.get(t.id, "indicator", indicator);
      if (!rec) throw notFound(`No indicator "${indicator}" in ${t.slug}.`, "indicator");
      await assertMayReport(s, caller, t.id, rec.document);
      if (rec.version !== body.base_version)
        throw stale("indicator", indicator, body.base_version, rec.version);
      const next = orThrow(
        recordObservation(rec.document, body.observation as never, { replace: body.replace }),
      );
      return saveAudited(s, t.id, "indicator", next, rec.version, {
        action: "observation",
        entityId: indicator,
        before: { version: rec.version },
        after: () => asJson({ observation: body.observation, replace: body.replace }),
      });
    });
    return send(c, { indicator: saved.document as never, version: saved.version });
  });

  app.openapi(observationPreviewRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const { rows, result } = await previewUpload(store, t, c.req.valid("json"));
    return send(c, {
      ok: result.ok,
      rows,
      changes: (result.ok ? result.value : []) as never,
      problems: (result.ok ? [] : result.problems).map(presentProblem),
    });
  });

  app.openapi(observationCommitRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const stored = await recordChange(store, caller, async (s) => {
      const { result } = await previewUpload(s, t, body);
      // All or nothing: one problem and nothing is stored; the answer lists every problem.
      if (!result.ok) throw new CitypathError(result.problems);
      const changes = result.value.filter((ch) => ch.kind !== "same");
      const byIndicator = new Map<string, ObservationChange[]>();
      for (const ch of changes) byIndicator.set(ch.indicator, [...(byIndicator.get(ch.indicator) ?? []), ch]);
      const versions: Record<string, number> = {};
      for (const [id, list] of byIndicator) {
        const rec = (await s.agenda.get(t.id, "indicator", id))!;
        await assertMayReport(s, caller, t.id, rec.document);
        let doc: Indicator = rec.document;
        for (const ch of list) doc = orThrow(recordObservation(doc, ch.observation, { replace: true }));
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
    return send(c, stored);
  });

  app.openapi(actionPreviewRoute, async (c) => {
    const t = c.get("tenant");
    const { rows, result } = await previewActions(c.get("deps").store, t, c.req.valid("json"));
    return send(c, {
      ok: result.ok,
      rows,
      changes: result.ok ? result.value.map(({ document: _d, ...ch }) => ch) : [],
      problems: (result.ok ? [] : result.problems).map(presentProblem),
    });
  });

  app.openapi(actionCommitRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const stored = await recordChange(store, caller, async (s) => {
      const { result } = await previewActions(s, t, body);
      // All or nothing: one problem and nothing is stored; the answer lists every problem.
      if (!result.ok) throw new CitypathError(result.problems);
      const allowed = await editableDepartments(s, caller, t.id);
      const { departments } = await s.agenda.registers(t.id);
      const changes = result.value.filter((ch) => ch.kind !== "same");
      const refused: Problem[] = [];
      for (const ch of changes) {
        const before = ch.base_version ? await s.agenda.get(t.id, "action", ch.action) : undefined;
        if (
          !mayChangeAction(ch.document, allowed, departments) ||
          (before && !mayChangeAction(before.document, allowed, departments))
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
      return {
        result: { stored: changes.length, actions: changes.map((ch) => ch.action) },
        audit: {
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
    return send(c, stored);
  });

  // ------------------------------------------------------------ reminders and summary
  app.openapi(remindersRoute, async (c) => {
    const t = c.get("tenant");
    const a = await readAgenda(c.get("deps").store, t.id);
    const date = c.req.valid("query").date ?? today();
    const messages = reminders(
      {
        actions: a.actions.map((x) => x.document),
        indicators: a.indicators.map((x) => x.document),
        plans: a.plans.map((x) => x.document),
        departments: a.registers.departments,
      },
      defaultReminderOptions(date),
    );
    return send(c, { date, messages: messages as never });
  });

  app.openapi(queueRemindersRoute, async (c) => {
    const t = c.get("tenant");
    const { store } = c.get("deps");
    const date = c.req.valid("json").date ?? today();
    const out = await recordChange(store, c.get("caller"), async (s) => {
      const a = await readAgenda(s, t.id);
      const messages = reminders(
        {
          actions: a.actions.map((x) => x.document),
          indicators: a.indicators.map((x) => x.document),
          plans: a.plans.map((x) => x.document),
          departments: a.registers.departments,
        },
        defaultReminderOptions(date),
      );
      const queued = await s.agenda.queueMessages(t.id, messages as never);
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
    return send(c, out);
  });

  app.openapi(summaryRoute, (c) =>
    cachedRead(c, "summary", async () => {
      const a = await visible(c);
      const { by } = c.req.valid("query");
      const s = statusSummary(
        a.actions.map((x) => x.document),
        by,
      );
      return { by, overall: s.overall as never, groups: s.groups as never };
    }),
  );
}

/** An editor reports an indicator's values when it is their department's, or serves one of their actions. */
async function assertMayReport(s: Store, caller: Caller, tenantId: TenantId, ind: Indicator): Promise<void> {
  const allowed = await editableDepartments(s, caller, tenantId);
  if (allowed === "all") return;
  const { departments } = await s.agenda.registers(tenantId);
  const name = (id: string) => departments.find((d) => d.id === id)?.name.ko;
  if (ind.reporter && (allowed.has(ind.reporter) || allowed.has(name(ind.reporter) ?? "\u0000"))) return;
  const actions: Action[] = (await s.agenda.list(tenantId, "action")).map((r) => r.document);
  if (
    actions.some(
      (a) => (a.indicators as string[]).includes(ind.id) && mayChangeAction(a, allowed, departments),
    )
  )
    return;
  throw new CitypathError(
    problem(
      "FORBIDDEN",
      `Indicator "${ind.id}" is reported by another department; you report your own departments' indicators only.`,
      { path: "indicator" },
    ),
  );
}
