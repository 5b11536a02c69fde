import { CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import {
  answerDueAt,
  COMMENT_PAGE_SIZE,
  type ConsultationWindow,
  commentLengthProblem,
  consultationFigures,
  isFinalAnswer,
  mayContribute,
  mayEdit,
  maySupport,
  personalDataProblems,
  proposalLengthProblems,
  replyDepth,
} from "@citypath/core/participation/index";
import {
  appendAudit,
  type ConsultationRecord,
  type ContributionRecord,
  censusHash,
  contributionRef,
  hasConsent,
  type Store,
} from "@citypath/db";
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { roleIn, seesDrafts } from "../../access.ts";
import type { AppEnv, Caller } from "../../env.ts";
import { RateLimitedError } from "../../errors.ts";
import {
  presentConsultation,
  presentContribution,
  presentEdit,
  presentFigures,
} from "../../presenters/participation.ts";
import { clientAddress } from "../../security/address.ts";
import type { ParticipationAct } from "../../security/rate-limit.ts";
import { actorId, asJson, recordChange } from "../../services/audit.ts";
import { receiveCensusFile, storeCensusEntries } from "../../services/census.ts";
import {
  computeEffect,
  enforce,
  mayAnswer,
  notifyAuthor,
  notifyFollowers,
  participantOf,
  participantWith,
} from "../../services/participation.ts";
import { recordRead } from "../../services/privacy.ts";
import { formatOf } from "../../services/tables.ts";
import { cachedJson, notFound } from "../common.ts";
import { registerOpenData } from "./open-data.ts";
import {
  answerRoute,
  answersDueRoute,
  blockRoute,
  CENSUS_FILE_TYPES,
  censusFileRoute,
  censusRoute,
  deleteContributionRoute,
  editContributionRoute,
  effectRoute,
  followRoute,
  getConsultationRoute,
  getContributionRoute,
  listCommentsRoute,
  listConsultationsRoute,
  listProposalsRoute,
  meRoute,
  moderateRoute,
  myFollowsRoute,
  type pageQuery,
  postCommentRoute,
  postProposalRoute,
  queueRoute,
  reportRoute,
  saveConsultationRoute,
  supportRoute,
  unblockRoute,
  unfollowRoute,
  verifyResidentRoute,
  withdrawSupportRoute,
} from "./schema.ts";

type C = Context<AppEnv>;

const windowOf = (r: ConsultationRecord): ConsultationWindow => ({
  status: r.consultation.status,
  opensAt: Date.parse(r.consultation.opens_at),
  closesAt: Date.parse(r.consultation.closes_at),
  audience: r.consultation.audience,
});

const userId = (caller: Caller) => (caller.kind === "user" ? caller.userId : undefined);

/** A consultation the caller may see: drafts are for the city's staff only (others get 404). */
async function visibleConsultation(c: C, id: string): Promise<ConsultationRecord> {
  const t = c.get("tenant");
  const r = await c.get("deps").store.participation.consultation(t.id, id);
  return seenConsultation(c, r, id);
}

/** The consultation when the caller may see it (a draft only by the city's staff), else 404. */
function seenConsultation(c: C, r: ConsultationRecord | undefined, id: string): ConsultationRecord {
  const t = c.get("tenant");
  if (!r || (r.consultation.status === "draft" && !seesDrafts(c.get("caller"), t.id)))
    throw notFound(`${t.slug} has no consultation "${id}".`, "consultation");
  return r;
}

/**
 * A contribution and its consultation (one query), both visible to the caller; with `standingOf`, the same
 * query reads that account's standing in the city.
 */
async function visibleContribution(c: C, id: string, standingOf?: string) {
  const t = c.get("tenant");
  const r = await c.get("deps").store.participation.contributionIn(t.id, id, standingOf);
  if (!r) throw notFound(`${t.slug} has no contribution "${id}".`, "contribution");
  const consultation = seenConsultation(c, r.consultation, r.contribution.consultationId);
  return { rec: r.contribution, consultation, standing: r.standing };
}

/** Counts the request against the participation limits; over one, a 429 (RateLimitedError). */
async function overLimit(c: C, act: ParticipationAct) {
  const { limiter } = c.get("deps");
  const caller = c.get("caller");
  if (!limiter || caller.kind !== "user") return;
  const wait = await limiter.participate(act, caller.userId, clientAddress(c));
  if (!wait) return;
  const what = act === "contribution" ? "comments and proposals" : act === "support" ? "supports" : "reports";
  throw new RateLimitedError(wait, what);
}

/** The length rule and the personal-data check: refusals throw; warnings need the author's confirmation. */
function checkText(problems: Problem[], text: string, path: string, confirmed: boolean): string[] {
  const pd = personalDataProblems(text, path);
  const errors = [...problems, ...pd.filter((p) => p.severity === "error")];
  const warnings = pd.filter((p) => p.severity === "warning");
  if (errors.length) throw new CitypathError(errors);
  if (warnings.length && !confirmed)
    throw new CitypathError(
      warnings.map((w) => ({
        ...w,
        severity: "error" as const,
        message: `${w.message}; send confirm_personal_data: true to post it anyway`,
      })),
    );
  return warnings.map((w) => w.message);
}

async function supportedSet(c: C, items: readonly ContributionRecord[]) {
  const id = userId(c.get("caller"));
  if (!id || items.length === 0) return new Set<string>();
  return c.get("deps").store.participation.supportedBy(
    c.get("tenant").id,
    id,
    items.map((i) => i.id),
  );
}

async function page(c: C, kind: "comment" | "proposal", consultation: string, q: z.infer<typeof pageQuery>) {
  const t = c.get("tenant");
  await visibleConsultation(c, consultation);
  const deps = c.get("deps");
  const r = await deps.store.participation.page(t.id, consultation, kind, {
    sort: q.sort,
    page: q.page,
    pageSize: COMMENT_PAGE_SIZE,
    badge: q.badge,
  });
  const supported = await supportedSet(c, r.items);
  const now = deps.clock();
  const callerId = userId(c.get("caller"));
  return {
    total: r.total,
    page: q.page,
    page_size: COMMENT_PAGE_SIZE,
    items: r.items.map((i) => presentContribution(i, { callerId, supported: supported.has(i.id), now })),
  };
}

/**
 * A page as anonymous visitors see it is the same for all of them: kept in the response cache until the next
 * participation write of the tenant (support counts included) or the next minute (`overdue` turns with time).
 * A signed-in caller's page says what they supported and wrote, so it is read each time.
 */
async function pageAnswer(
  c: C,
  kind: "comment" | "proposal",
  consultation: string,
  q: z.infer<typeof pageQuery>,
) {
  if (c.get("caller").kind !== "anonymous") return c.json(await page(c, kind, consultation, q), 200);
  const t = c.get("tenant");
  const deps = c.get("deps");
  const minute = Math.floor(deps.clock() / 60_000);
  const key = `participation-page:${t.id}:${deps.store.generation(t.id, "participation")}:${minute}:${kind}:${consultation}:${q.sort}:${q.page}:${q.badge ?? ""}`;
  return cachedJson(c, key, () => page(c, kind, consultation, q));
}

/**
 * A consultation on an implementation report (a plan subject with the report's year; decision 0059) needs
 * the report, and a new one a report still in draft: a draft is what is put to consultation. Only the
 * tenant's admins make or change one, as they move the report's stages (decision 0056).
 */
async function checkReportSubject(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  subject: { kind: string; id: string; report_year?: number | undefined },
  isNew: boolean,
): Promise<void> {
  if (subject.report_year === undefined) return;
  if (roleIn(caller, tenantId) !== "admin")
    throw new CitypathError(
      problem(
        "FORBIDDEN",
        "Only the city's administrators put an implementation report to consultation (as they move its stages).",
        { path: "json.consultation.subject.report_year" },
      ),
    );
  const report = await store.reports.get(tenantId, subject.id, subject.report_year);
  if (!report)
    throw new CitypathError(
      problem("UNKNOWN_REFERENCE", `There is no ${subject.report_year} report of the plan "${subject.id}".`, {
        path: "json.consultation.subject.report_year",
      }),
    );
  if (isNew && report.stage !== "draft")
    throw new CitypathError(
      problem(
        "BAD_VALUE",
        `The ${subject.report_year} report of "${subject.id}" is at the stage "${report.stage}": only a draft report is put to consultation.`,
        { path: "json.consultation.subject.report_year" },
      ),
    );
}

export function register(app: OpenAPIHono<AppEnv>) {
  registerOpenData(app);
  app.openapi(listConsultationsRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const staff = seesDrafts(c.get("caller"), t.id);
    const all = await deps.store.participation.consultations(t.id);
    const now = deps.clock();
    return c.json(
      {
        tenant: t.slug,
        consultations: all
          .filter((r) => staff || r.consultation.status !== "draft")
          .map((r) => presentConsultation(r, r.contributions, now)),
      },
      200,
    );
  });

  app.openapi(getConsultationRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const r = await visibleConsultation(c, c.req.valid("param").consultation);
    const inputs = await deps.store.participation.figureInputs(t.id, r.consultation.id);
    const now = deps.clock();
    const figures = consultationFigures(inputs.contributions, inputs.supports, now);
    return c.json(
      {
        consultation: presentConsultation(r, figures.contributions.total, now),
        figures: presentFigures(figures),
      },
      200,
    );
  });

  app.openapi(saveConsultationRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const { consultation: id } = c.req.valid("param");
    const { base_version, consultation } = c.req.valid("json");
    if (consultation.id !== id)
      throw new CitypathError(
        problem("BAD_VALUE", `the body is consultation "${consultation.id}", the path "${id}"`, {
          path: "json.consultation.id",
        }),
      );
    const before = await deps.store.participation.consultation(t.id, id);
    await checkReportSubject(
      deps.store,
      caller,
      t.id as TenantId,
      consultation.subject,
      before === undefined,
    );
    for (const dep of new Set([consultation.department, before?.consultation.department].filter(Boolean)))
      if (!(await mayAnswer(deps.store, caller, t.id, dep as string)))
        throw new CitypathError(
          problem("FORBIDDEN", `The consultation belongs to ${dep}; you work for other departments.`, {
            path: "json.consultation.department",
          }),
        );
    const saved = await recordChange(deps.store, caller, async (s) => {
      const rec = await s.participation.saveConsultation(t.id, consultation, base_version);
      return {
        result: rec,
        audit: {
          tenantId: t.id,
          action: base_version === 0 ? "create" : "update",
          entity: "consultation",
          entityId: id,
          version: rec.version,
          before: before ? asJson(before.consultation) : null,
          after: asJson(rec.consultation),
        },
      };
    });
    return c.json(presentConsultation(saved, 0, deps.clock()), 200);
  });

  app.openapi(listCommentsRoute, async (c) =>
    pageAnswer(c, "comment", c.req.valid("param").consultation, c.req.valid("query")),
  );
  app.openapi(listProposalsRoute, async (c) =>
    pageAnswer(c, "proposal", c.req.valid("param").consultation, c.req.valid("query")),
  );

  app.openapi(postCommentRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const r = await visibleConsultation(c, c.req.valid("param").consultation);
    const now = deps.clock();
    const who = await participantOf(deps.store, caller, t.id as TenantId);
    enforce(mayContribute(windowOf(r), who, now));
    let parent: ContributionRecord | undefined;
    if (body.parent) {
      parent = await deps.store.participation.contribution(t.id, body.parent);
      if (!parent || parent.consultationId !== r.consultation.id || parent.kind !== "comment")
        throw notFound(`No comment "${body.parent}" in this consultation.`, "json.parent");
      const d = replyDepth(parent.depth);
      if (!d.ok) throw new CitypathError({ ...d.problem, path: "json.parent" });
    }
    const lengths = commentLengthProblem(body.text, "json.text");
    const warnings = checkText(lengths ? [lengths] : [], body.text, "json.text", body.confirm_personal_data);
    await overLimit(c, "contribution");
    const u = caller.kind === "user" ? await deps.store.users.byId(caller.userId) : undefined;
    const rec = await recordChange(deps.store, caller, async (s) => {
      const added = await s.participation.addContribution(t.id, {
        consultationId: r.consultation.id,
        kind: "comment",
        parent: parent && { id: parent.id, rootId: parent.rootId, depth: parent.depth },
        authorId: userId(caller) ?? "development",
        authorName: u?.name ?? "development",
        badge: who.badge ?? null,
        text: body.text.trim(),
        dueAt: new Date(answerDueAt(now, r.consultation.answer_due_days)),
        createdAt: new Date(now),
      });
      return {
        result: added,
        audit: {
          tenantId: t.id,
          action: "create",
          entity: "contribution",
          entityId: added.id,
          version: 1,
          after: contributionRef(added),
        },
      };
    });
    return c.json(
      { contribution: presentContribution(rec, { callerId: userId(caller), now }), warnings },
      201,
    );
  });

  app.openapi(postProposalRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const r = await visibleConsultation(c, c.req.valid("param").consultation);
    const now = deps.clock();
    const who = await participantOf(deps.store, caller, t.id as TenantId);
    enforce(mayContribute(windowOf(r), who, now));
    const lengths = proposalLengthProblems(body.title, body.text).map((p) => ({
      ...p,
      path: `json.${p.path}`,
    }));
    const warnings = checkText(
      lengths,
      `${body.title}\n${body.text}`,
      "json.text",
      body.confirm_personal_data,
    );
    let instance: { id: string; version: number } | undefined;
    if (body.scenario) {
      const inst = await deps.store.instances.get(t.id, body.scenario.instance);
      if (!inst)
        throw notFound(
          `${t.slug} has no model instance "${body.scenario.instance}".`,
          "json.scenario.instance",
        );
      // the scenario must compute: its problems (an unknown action, a level out of range) are the author's to fix
      await computeEffect(deps, inst.document, {
        scenario: body.scenario.scenario,
        levels: body.scenario.levels,
      }).catch((e: unknown) => {
        if (e instanceof CitypathError && e.code !== "BUSY")
          throw new CitypathError(e.problems.map((p) => ({ ...p, path: `json.${p.path ?? "scenario"}` })));
        throw e;
      });
      instance = { id: inst.id, version: inst.version };
    }
    await overLimit(c, "contribution");
    const u = caller.kind === "user" ? await deps.store.users.byId(caller.userId) : undefined;
    const rec = await recordChange(deps.store, caller, async (s) => {
      const added = await s.participation.addContribution(t.id, {
        consultationId: r.consultation.id,
        kind: "proposal",
        authorId: userId(caller) ?? "development",
        authorName: u?.name ?? "development",
        badge: who.badge ?? null,
        title: body.title.trim(),
        text: body.text.trim(),
        instanceId: instance?.id ?? null,
        instanceVersion: instance?.version ?? null,
        scenario: body.scenario ? { scenario: body.scenario.scenario, levels: body.scenario.levels } : null,
        dueAt: new Date(answerDueAt(now, r.consultation.answer_due_days)),
        createdAt: new Date(now),
      });
      return {
        result: added,
        audit: {
          tenantId: t.id,
          action: "create",
          entity: "contribution",
          entityId: added.id,
          version: 1,
          after: contributionRef(added),
        },
      };
    });
    return c.json(
      { contribution: presentContribution(rec, { callerId: userId(caller), now }), warnings },
      201,
    );
  });

  app.openapi(getContributionRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { rec } = await visibleContribution(c, c.req.valid("param").contribution);
    const supported = await supportedSet(c, [rec]);
    const edits = rec.moderation === "visible" ? await deps.store.participation.edits(t.id, rec.id) : [];
    return c.json(
      {
        contribution: presentContribution(rec, {
          callerId: userId(c.get("caller")),
          supported: supported.has(rec.id),
          now: deps.clock(),
        }),
        edits: edits.map(presentEdit),
      },
      200,
    );
  });

  /** The author's own contribution, or FORBIDDEN. */
  const own = async (c: C, id: string) => {
    const v = await visibleContribution(c, id);
    const caller = c.get("caller");
    if (caller.kind !== "development" && v.rec.authorId !== userId(caller))
      throw new CitypathError(
        problem("FORBIDDEN", "Only its author changes a contribution.", { path: "contribution" }),
      );
    return v;
  };

  app.openapi(editContributionRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const { rec } = await own(c, c.req.valid("param").contribution);
    const now = deps.clock();
    enforce(mayEdit(rec.createdAt.getTime(), now));
    if (rec.moderation !== "visible")
      throw new CitypathError(
        problem("CONFLICT", `The contribution is ${rec.moderation}; it cannot be edited.`),
      );
    const problems =
      rec.kind === "proposal"
        ? proposalLengthProblems(body.title ?? rec.title ?? "", body.text).map((p) => ({
            ...p,
            path: `json.${p.path}`,
          }))
        : [commentLengthProblem(body.text, "json.text")].filter((p): p is Problem => p !== undefined);
    const warnings = checkText(
      problems,
      `${body.title ?? ""}\n${body.text}`,
      "json.text",
      body.confirm_personal_data,
    );
    const edited = await recordChange(deps.store, caller, async (s) => {
      const e = await s.participation.editContribution(
        t.id,
        rec.id,
        { text: body.text.trim(), title: body.title?.trim() ?? null },
        body.base_version,
        new Date(now),
      );
      return {
        result: e,
        audit: {
          tenantId: t.id,
          action: "update",
          entity: "contribution",
          entityId: rec.id,
          version: e.version,
          before: contributionRef(rec),
          after: contributionRef(e),
        },
      };
    });
    return c.json(
      { contribution: presentContribution(edited, { callerId: userId(caller), now }), warnings },
      200,
    );
  });

  app.openapi(deleteContributionRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const { rec } = await own(c, c.req.valid("param").contribution);
    const deleted = await recordChange(deps.store, caller, async (s) => {
      const d = await s.participation.deleteContribution(t.id, rec.id);
      return {
        result: d,
        audit:
          rec.moderation === "deleted"
            ? null
            : {
                tenantId: t.id,
                action: "delete",
                entity: "contribution",
                entityId: rec.id,
                version: d.version,
                before: contributionRef(rec),
                after: contributionRef(d),
              },
      };
    });
    return c.json(presentContribution(deleted, { callerId: userId(caller), now: deps.clock() }), 200);
  });

  const supportChange = async (c: C, id: string, withdraw: boolean) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    // the contribution, its consultation and the caller's standing in the city in one statement
    const { rec, consultation, standing } = await visibleContribution(c, id, userId(caller));
    const who = participantWith(caller, t.id as TenantId, standing);
    enforce(maySupport(windowOf(consultation), who, deps.clock()));
    if (rec.moderation !== "visible")
      throw new CitypathError(
        problem("CONFLICT", `The contribution is ${rec.moderation}; it takes no supports.`),
      );
    await overLimit(c, "support");
    const supporter = userId(caller) ?? "development";
    // the support, the count and the audit record (when it changed) in one statement (decision 0072)
    const audited = { actorId: actorId(caller) };
    const r = withdraw
      ? await deps.store.participation.withdrawSupport(t.id, rec.id, supporter, audited)
      : await deps.store.participation.support(t.id, rec.id, supporter, audited);
    return { supported: !withdraw, supports: r.supportCount, changed: r.changed };
  };
  app.openapi(supportRoute, async (c) =>
    c.json(await supportChange(c, c.req.valid("param").contribution, false), 200),
  );
  app.openapi(withdrawSupportRoute, async (c) =>
    c.json(await supportChange(c, c.req.valid("param").contribution, true), 200),
  );

  app.openapi(reportRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const { rec } = await visibleContribution(c, c.req.valid("param").contribution);
    if (rec.authorId !== null && rec.authorId === userId(caller))
      throw new CitypathError(
        problem("BAD_VALUE", "You cannot report your own contribution.", { path: "contribution" }),
      );
    await overLimit(c, "report");
    const reason = c.req.valid("json").reason;
    const r = await recordChange(deps.store, caller, async (s) => {
      const res = await s.participation.report(
        t.id,
        rec.id,
        userId(caller) ?? "development",
        reason,
        new Date(deps.clock()),
      );
      return {
        result: res,
        audit: res.changed
          ? {
              tenantId: t.id,
              action: "report",
              entity: "contribution",
              entityId: rec.id,
              before: { moderation: rec.moderation, reports: rec.reportCount },
              after: { moderation: res.moderation, reports: res.reportCount, reason },
            }
          : null,
      };
    });
    return c.json({ reported: r.changed, hidden: r.moderation !== "visible" }, 200);
  });

  app.openapi(answerRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    const { rec, consultation } = await visibleContribution(c, c.req.valid("param").contribution);
    const dep = consultation.consultation.department;
    if (!(await mayAnswer(deps.store, caller, t.id as TenantId, dep)))
      throw new CitypathError(
        problem(
          "FORBIDDEN",
          `Answers to this consultation come from ${dep}; you work for other departments.`,
          {
            path: "contribution",
          },
        ),
      );
    if (rec.kind === "comment" && rec.depth > 0)
      throw new CitypathError(
        problem("BAD_VALUE", "Official answers go to proposals and top-level comments, not replies.", {
          path: "contribution",
        }),
      );
    const now = deps.clock();
    const final = isFinalAnswer(body.state);
    const answered = await recordChange(deps.store, caller, async (s) => {
      const a = await s.participation.answer(
        t.id,
        rec.id,
        {
          state: body.state,
          text: body.text,
          links: body.links,
          department: dep,
          answeredBy: actorId(caller),
          // the answer's date is when it first became final; a later correction keeps it
          answeredAt: final ? (rec.answer?.answeredAt ?? new Date(now)) : null,
        },
        body.base_version,
      );
      if (final && !(rec.answer && isFinalAnswer(rec.answer.state))) {
        await notifyAuthor(s, deps, t, rec, "participation-answer");
        await notifyFollowers(s, deps, t, rec, "participation-answer");
      }
      return {
        result: a,
        audit: {
          tenantId: t.id,
          action: "answer",
          entity: "contribution_answer",
          entityId: rec.id,
          version: a.version,
          before: rec.answer ? { state: rec.answer.state, version: rec.answer.version } : null,
          after: asJson({ state: a.state, links: a.links, department: dep }),
        },
      };
    });
    return c.json(
      {
        state: answered.state,
        text: answered.text,
        links: [...answered.links],
        department: answered.department,
        answered_at: answered.answeredAt?.toISOString() ?? null,
        version: answered.version,
      },
      200,
    );
  });

  app.openapi(effectRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { rec } = await visibleContribution(c, c.req.valid("param").contribution);
    const scenario = rec.scenario as { scenario: string; levels: Record<string, number> } | null;
    if (
      rec.kind !== "proposal" ||
      !scenario ||
      !rec.instanceId ||
      rec.instanceVersion === null ||
      rec.moderation !== "visible"
    )
      throw notFound("The contribution is not a proposal with a scenario.", "contribution");
    const inst = await deps.store.instances.get(t.id, rec.instanceId, rec.instanceVersion);
    const latest = await deps.store.instances.get(t.id, rec.instanceId);
    if (!inst || !latest) throw notFound(`The model instance "${rec.instanceId}" is gone.`, "contribution");
    const key = `participation-effect:${t.id}:${rec.id}:${rec.version}:${inst.version}:${deps.services.engine?.version ?? ""}`;
    const hit = deps.cache.get(key);
    const effect = hit ? JSON.parse(hit.body) : await computeEffect(deps, inst.document, scenario);
    if (!hit) deps.cache.set(key, JSON.stringify(effect));
    return c.json(
      {
        instance: { id: inst.id, version: inst.version, latest_version: latest.version },
        newer_model: latest.version > inst.version,
        effect,
      },
      200,
    );
  });

  app.openapi(queueRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const items = await deps.store.participation.moderationQueue(t.id);
    const now = deps.clock();
    // texts with their authors' accounts: a read of personal data, written to the trail
    await recordRead(
      deps.store,
      c.get("caller"),
      t.id as TenantId,
      "moderation_queue",
      new Set(items.map((i) => i.authorKey)).size,
    );
    const out = [];
    for (const i of items) {
      const reports = await deps.store.participation.reportsOf(t.id, i.id);
      out.push({
        contribution: presentContribution(i, { now }),
        author_id: i.authorId,
        text: i.text,
        title: i.title,
        reports: reports.map((r) => ({ reason: r.reason, created_at: r.createdAt.toISOString() })),
      });
    }
    return c.json({ items: out }, 200);
  });

  app.openapi(moderateRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const { action, contributions, reason } = c.req.valid("json");
    const changed: string[] = [];
    const unchanged: string[] = [];
    // one transaction for the batch, one audit record per contribution changed
    await deps.store.transaction(async (s) => {
      for (const id of contributions) {
        const cur = await s.participation.contribution(t.id, id);
        if (!cur) throw notFound(`${t.slug} has no contribution "${id}".`, "json.contributions");
        const target = action === "hide" ? "hidden" : "visible";
        if (cur.moderation === target || cur.moderation === "deleted") {
          unchanged.push(id);
          continue;
        }
        const after = await s.participation.moderate(t.id, id, action);
        changed.push(id);
        if (action === "hide") await notifyAuthor(s, deps, t, after, "participation-moderation");
        await appendAudit(s, {
          tenantId: t.id,
          actorId: actorId(caller),
          action,
          entity: "contribution",
          entityId: id,
          version: after.version,
          before: { moderation: cur.moderation, reports: cur.reportCount },
          after: { moderation: after.moderation, reason },
        });
      }
    });
    return c.json({ changed, unchanged }, 200);
  });

  app.openapi(blockRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const { user } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    if (!(await deps.store.users.byId(user))) throw notFound("No such account.", "user");
    await recordChange(deps.store, caller, async (s) => {
      await s.participation.block(t.id, user, reason, actorId(caller), new Date(deps.clock()));
      return {
        result: null,
        audit: {
          tenantId: t.id,
          action: "block",
          entity: "participation_block",
          entityId: user,
          after: { reason },
        },
      };
    });
    return c.json({ blocked: true as const }, 200);
  });

  app.openapi(unblockRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const { user } = c.req.valid("param");
    const changed = await recordChange(deps.store, c.get("caller"), async (s) => {
      const r = await s.participation.unblock(t.id, user);
      return {
        result: r,
        audit: r
          ? { tenantId: t.id, action: "unblock", entity: "participation_block", entityId: user }
          : null,
      };
    });
    return c.json({ blocked: false as const, changed }, 200);
  });

  app.openapi(censusRoute, async (c) => {
    const { entries } = c.req.valid("json");
    const n = await storeCensusEntries(c.get("deps").store, c.get("caller"), c.get("tenant").id, entries);
    return c.json({ entries: n }, 200);
  });

  app.openapi(censusFileRoute, async (c) => {
    const q = c.req.valid("query");
    const format = q.format ?? formatOf(q.file_name);
    if (!format)
      throw new CitypathError(
        problem("BAD_VALUE", "Say the format (csv or xlsx): the file name does not end in .csv or .xlsx.", {
          path: "query.format",
        }),
      );
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!(CENSUS_FILE_TYPES as readonly string[]).includes(type))
      throw new CitypathError(
        problem(
          "UNSUPPORTED_MEDIA_TYPE",
          `Send the file's bytes as the body, typed ${CENSUS_FILE_TYPES.join(", ")}, not "${type || "(none)"}".`,
        ),
      );
    const declared = c.req.header("content-length");
    const answer = await receiveCensusFile(c.get("deps").store, c.get("caller"), c.get("tenant").id, {
      body: c.req.raw.body,
      declaredBytes: declared === undefined ? undefined : Number(declared),
      file: q.file_name,
      format,
      encoding: q.encoding,
      sheet: q.sheet,
      commit: q.commit === "true",
      today: new Date(c.get("deps").clock() + 9 * 3_600_000).toISOString().slice(0, 10),
    });
    return c.json(answer, 200);
  });

  app.openapi(verifyResidentRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const body = c.req.valid("json");
    // guessing details is limited like posting: per address and per account
    await overLimit(c, "contribution");
    const secret = await deps.store.participation.censusSecret(t.id);
    const hash = censusHash(secret, [body.name, body.birth_date, body.district]);
    const r = await recordChange(deps.store, caller, async (s) => {
      const res = await s.participation.verifyResident(
        t.id,
        userId(caller) ?? "development",
        hash,
        new Date(deps.clock()),
      );
      return {
        result: res,
        audit:
          res === "verified"
            ? {
                tenantId: t.id,
                action: "verify",
                entity: "resident",
                entityId: userId(caller) ?? "development",
              }
            : null,
      };
    });
    if (r === "not_found")
      throw new CitypathError(
        problem("NOT_FOUND", "These details are not in the city's census.", { path: "json" }),
      );
    if (r === "taken")
      throw new CitypathError(
        problem("CONFLICT", "These details already verified another account.", { path: "json" }),
      );
    return c.json({ verified: true as const }, 200);
  });

  app.openapi(meRoute, async (c) => {
    const t = c.get("tenant");
    const caller = c.get("caller");
    const who = await participantOf(c.get("deps").store, caller, t.id as TenantId);
    const role = roleIn(caller, t.id);
    return c.json(
      {
        email_verified: who.emailVerified,
        resident: who.verifiedResident,
        blocked: who.blocked,
        badge: who.badge ?? null,
        moderator: role === "moderator" || role === "admin",
      },
      200,
    );
  });

  const followTarget = async (c: C, p: { kind: "consultation" | "contribution"; id: string }) => {
    if (p.kind === "consultation") await visibleConsultation(c, p.id);
    else await visibleContribution(c, p.id);
    return { kind: p.kind, id: p.id };
  };
  const mailConsent = async (c: C) => {
    const id = userId(c.get("caller"));
    return id !== undefined && (await hasConsent(c.get("deps").store, id, "optional_mail_notices"));
  };

  app.openapi(followRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const target = await followTarget(c, c.req.valid("param"));
    await overLimit(c, "report");
    const changed = await deps.store.participation.follow(
      t.id,
      userId(c.get("caller")) ?? "development",
      target,
      new Date(deps.clock()),
    );
    return c.json({ following: true, mail: await mailConsent(c), changed }, 200);
  });

  app.openapi(unfollowRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const target = await followTarget(c, c.req.valid("param"));
    const changed = await deps.store.participation.unfollow(
      t.id,
      userId(c.get("caller")) ?? "development",
      target,
    );
    return c.json({ following: false, mail: await mailConsent(c), changed }, 200);
  });

  app.openapi(myFollowsRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const id = userId(c.get("caller")) ?? "development";
    const all = (await deps.store.participation.accountData(id)).follows.filter((f) => f.tenantId === t.id);
    return c.json(
      {
        mail: await mailConsent(c),
        follows: all.map((f) => ({ kind: f.kind, id: f.id, created_at: f.createdAt.toISOString() })),
      },
      200,
    );
  });

  app.openapi(answersDueRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const caller = c.get("caller");
    const consultations = await deps.store.participation.consultations(t.id);
    const mine = [];
    for (const r of consultations)
      if (await mayAnswer(deps.store, caller, t.id as TenantId, r.consultation.department)) mine.push(r);
    const byId = new Map(mine.map((r) => [r.consultation.id, r.consultation]));
    const items = await deps.store.participation.awaitingAnswer(t.id, [...byId.keys()]);
    const now = deps.clock();
    const presented = items.map((i) => ({
      consultation: { id: i.consultationId, title: byId.get(i.consultationId)!.title },
      department: byId.get(i.consultationId)!.department,
      contribution: presentContribution(i, { now }),
    }));
    // overdue first, then by due date
    presented.sort(
      (a, b) =>
        Number(b.contribution.overdue) - Number(a.contribution.overdue) ||
        a.contribution.due_at.localeCompare(b.contribution.due_at),
    );
    return c.json({ overdue: presented.filter((p) => p.contribution.overdue).length, items: presented }, 200);
  });
}
