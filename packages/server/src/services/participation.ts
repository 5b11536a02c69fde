/**
 * Participation on the server: what is known of the caller (email verified, blocked, badge, verified
 * resident), the department rule for official answers, the notices put in the mail outbox, and a
 * proposal's modelled effect computed in the compute pool (never on the event loop; inline only where no
 * pool is configured: tests and the CLI).
 */
import { CitypathError, problem, type TenantId } from "@citypath/core";
import {
  answerDueAt,
  badgeOfRole,
  DEFAULT_EFFECT_OPTIONS,
  type Decision,
  isFinalAnswer,
  type Participant,
  type ParticipationNotice,
  type ProposalEffect,
  type ProposalScenario,
  proposalEffect,
} from "@citypath/core/participation/index";
import { type EnginePreset, enginePreset } from "@citypath/core/pathway/index";
import type { DemoParticipation } from "@citypath/data/participation";
import { type ContributionRecord, queueMail, type Store, type TenantRecord, withConsent } from "@citypath/db";
import { roleIn } from "../access.ts";
import type { AppDeps, Caller } from "../env.ts";
import { editableDepartments } from "./agenda.ts";

/** What the rules need to know of the caller in a tenant. */
export async function participantOf(store: Store, caller: Caller, tenantId: TenantId): Promise<Participant> {
  // without an account there is no standing to read: participantWith gives the anonymous or development participant
  if (caller.kind !== "user") return participantWith(caller, tenantId, undefined);
  // one query for the city's standing; the email's state came with the session
  return participantWith(caller, tenantId, await store.participation.standing(tenantId, caller.userId));
}

/** `participantOf` with the city's standing already read (with the contribution: contributionIn). */
export function participantWith(
  caller: Caller,
  tenantId: TenantId,
  standing: { readonly blocked: boolean; readonly resident: boolean } | undefined,
): Participant {
  if (caller.kind !== "user" || !standing)
    return {
      signedIn: caller.kind === "development",
      emailVerified: caller.kind === "development",
      blocked: false,
      badge: undefined,
      verifiedResident: caller.kind === "development",
    };
  return {
    signedIn: true,
    emailVerified: caller.emailVerified,
    blocked: standing.blocked,
    badge: badgeOfRole(roleIn(caller, tenantId)),
    verifiedResident: standing.resident,
  };
}

/** Throws the refusal a Decision carries. */
export function enforce(d: Decision, path?: string): void {
  if (!d.ok) throw new CitypathError(problem(d.code, d.reason, path ? { path } : {}));
}

/**
 * The department rule for official answers: the tenant's admins, and editors of the consultation's
 * responsible department (memberships and consultations name it by its register id, decision 0083).
 */
export async function mayAnswer(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  department: string,
): Promise<boolean> {
  const allowed = await editableDepartments(store, caller, tenantId);
  if (allowed === "all") return true;
  return allowed.has(department);
}

/** The public page of a contribution (the link a notice carries). */
export function contributionLink(deps: AppDeps, tenant: TenantRecord, c: ContributionRecord): string {
  // the base the other mailed links use (CITYPATH_PUBLIC_URL, else the address the server listens on), and
  // the site's own route (/ko/consultations/{id}; the city in the query, as the workspace's links have it)
  const origin = (deps.auth?.publicUrl ?? deps.publicOrigin ?? "http://localhost").replace(/\/$/, "");
  return `${origin}/ko/consultations/${encodeURIComponent(c.consultationId)}?city=${encodeURIComponent(tenant.slug)}#contribution-${c.id}`;
}

/** Queues a notice to the author of a contribution (nothing when the account was deleted). */
export async function notifyAuthor(
  s: Store,
  deps: AppDeps,
  tenant: TenantRecord,
  c: ContributionRecord,
  kind: ParticipationNotice,
): Promise<boolean> {
  if (!c.authorId) return false;
  const u = await s.users.byId(c.authorId);
  if (!u) return false;
  await queueMail(s, { kind, userId: u.id, email: u.email, link: contributionLink(deps, tenant, c) });
  return true;
}

/**
 * Queues a notice to the followers of a contribution and of its consultation who consented to such mail
 * (optional_mail_notices), each once, never to the author (told apart) nor to a given account; returns how
 * many were queued.
 */
export async function notifyFollowers(
  s: Store,
  deps: AppDeps,
  tenant: TenantRecord,
  c: ContributionRecord,
  kind: ParticipationNotice,
): Promise<number> {
  const ids = await s.participation.followers(tenant.id, [
    { kind: "contribution", id: c.id },
    { kind: "consultation", id: c.consultationId },
  ]);
  const to = await withConsent(
    s,
    ids.filter((id) => id !== c.authorId),
    "optional_mail_notices",
  );
  let n = 0;
  for (const id of to.sort()) {
    const u = await s.users.byId(id);
    if (!u) continue;
    await queueMail(s, {
      kind,
      userId: u.id,
      email: u.email,
      link: contributionLink(deps, tenant, c),
      data: { follower: "1" },
    });
    n++;
  }
  return n;
}

/**
 * An agenda action's status changed: the authors and followers of contributions whose final answer links the
 * action are told (`participation-action-status`); returns how many notices were queued.
 */
export async function notifyActionStatus(
  s: Store,
  deps: AppDeps,
  tenant: TenantRecord,
  actionId: string,
): Promise<number> {
  let n = 0;
  for (const c of await s.participation.answersLinking(tenant.id, actionId)) {
    if (!c.answer || !isFinalAnswer(c.answer.state) || c.moderation === "deleted") continue;
    if (await notifyAuthor(s, deps, tenant, c, "participation-action-status")) n++;
    n += await notifyFollowers(s, deps, tenant, c, "participation-action-status");
  }
  if (n) deps.mail?.kick();
  return n;
}

/**
 * Whatever path saved an action (the status route, the whole-action form, an uploaded table): when its status
 * is not what it was, those answered with a link to it are told (notifyActionStatus). A new action (no
 * earlier version) tells no one.
 */
export async function notifyIfStatusChanged(
  s: Store,
  deps: AppDeps,
  tenant: TenantRecord,
  actionId: string,
  before: { readonly status: string } | undefined,
  after: { readonly status: string },
): Promise<number> {
  if (!before || before.status === after.status) return 0;
  return notifyActionStatus(s, deps, tenant, actionId);
}

/** A proposal's modelled effect on its recorded instance version; in the compute pool when there is one. */
export async function computeEffect(
  deps: AppDeps,
  document: unknown,
  scenario: ProposalScenario,
): Promise<ProposalEffect> {
  const pool = deps.services.compute;
  if (pool) return pool.proposalEffect({ document, scenario });
  return effectInline(document, scenario);
}

/** The computation itself (the pool's task runs this). */
export function effectInline(
  document: unknown,
  scenario: ProposalScenario,
  engine: EnginePreset = enginePreset(),
): ProposalEffect {
  const v = engine.validate(document);
  if (!v.ok) throw new CitypathError(v.problems);
  const r = proposalEffect(v.value, engine, scenario, DEFAULT_EFFECT_OPTIONS);
  if (!r.ok) throw new CitypathError(r.problems);
  return r.value;
}

/**
 * Demo consultations with their illustrative contributions, supports (from made-up keys, no accounts) and
 * answers, as they would have been made on their dates.
 */
export async function loadParticipationInto(
  store: Store,
  tenantId: TenantId,
  demo: DemoParticipation,
): Promise<string> {
  let n = 0;
  let supports = 0;
  for (const { consultation, contributions } of demo.consultations) {
    await store.participation.saveConsultation(tenantId, consultation, 0);
    const added = new Map<string, ContributionRecord>();
    for (const x of contributions) {
      const createdAt = new Date(x.created_at);
      const parent = x.parent === undefined ? undefined : added.get(x.parent);
      const rec = await store.participation.addContribution(tenantId, {
        id: x.id,
        consultationId: consultation.id,
        kind: x.kind,
        parent: parent && { id: parent.id, rootId: parent.rootId, depth: parent.depth },
        authorId: null,
        authorKey: `example:${x.id}`,
        authorName: x.author,
        badge: x.badge ?? null,
        title: x.title ?? null,
        text: x.text,
        dueAt: new Date(answerDueAt(createdAt.getTime(), consultation.answer_due_days)),
        createdAt,
        illustrative: true,
      });
      added.set(x.id, rec);
      n++;
      for (let i = 1; i <= x.supports; i++) {
        await store.participation.support(tenantId, rec.id, `example:${x.id}:${i}`);
        supports++;
      }
      if (x.answer)
        await store.participation.answer(
          tenantId,
          rec.id,
          {
            state: x.answer.state,
            text: x.answer.text,
            links: x.answer.links,
            department: consultation.department,
            answeredBy: null,
            answeredAt: x.answer.answered_at ? new Date(x.answer.answered_at) : null,
          },
          0,
        );
    }
  }
  return `participation: ${demo.consultations.length} consultations, ${n} illustrative contributions, ${supports} supports`;
}
