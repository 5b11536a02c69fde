/**
 * Participation on the server: what is known of the caller (email verified, blocked, badge, verified
 * resident), the department rule for official answers, the notices put in the mail outbox, and a
 * proposal's modelled effect computed in the compute pool (never on the event loop; inline only where no
 * pool is configured: tests and the CLI).
 */
import { CitypathError, problem, type TenantId } from "@citypath/core";
import {
  badgeOfRole,
  DEFAULT_EFFECT_OPTIONS,
  type Decision,
  type Participant,
  type ParticipationNotice,
  type ProposalEffect,
  type ProposalScenario,
  proposalEffect,
} from "@citypath/core/participation/index";
import { defaultRegistry, validateInstance } from "@citypath/core/pathway/index";
import { type ContributionRecord, queueMail, type Store, schema, type TenantRecord } from "@citypath/db";
import { eq } from "drizzle-orm";
import { roleIn } from "../access.ts";
import type { AppDeps, Caller } from "../env.ts";
import { editableDepartments } from "./agenda.ts";

/** What the rules need to know of the caller in a tenant. */
export async function participantOf(store: Store, caller: Caller, tenantId: TenantId): Promise<Participant> {
  if (caller.kind !== "user")
    return {
      signedIn: caller.kind === "development",
      emailVerified: caller.kind === "development",
      blocked: false,
      badge: undefined,
      verifiedResident: caller.kind === "development",
    };
  const [u] = await store.db
    .select({ verified: schema.user.emailVerified })
    .from(schema.user)
    .where(eq(schema.user.id, caller.userId));
  const [blocked, resident] = await Promise.all([
    store.participation.blocked(tenantId, caller.userId),
    store.participation.isResident(tenantId, caller.userId),
  ]);
  return {
    signedIn: true,
    emailVerified: u?.verified ?? false,
    blocked: blocked !== undefined,
    badge: badgeOfRole(roleIn(caller, tenantId)),
    verifiedResident: resident,
  };
}

/** Throws the refusal a Decision carries. */
export function enforce(d: Decision, path?: string): void {
  if (!d.ok) throw new CitypathError(problem(d.code, d.reason, path ? { path } : {}));
}

/**
 * The department rule for official answers: the tenant's admins, and editors of the consultation's
 * responsible department (by id, or by the name the agenda's department register gives it).
 */
export async function mayAnswer(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  department: string,
): Promise<boolean> {
  const allowed = await editableDepartments(store, caller, tenantId);
  if (allowed === "all") return true;
  if (allowed.has(department)) return true;
  const { departments } = await store.agenda.registers(tenantId);
  const name = departments.find((d) => d.id === department)?.name.ko;
  return name !== undefined && allowed.has(name);
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
export function effectInline(document: unknown, scenario: ProposalScenario): ProposalEffect {
  const registry = defaultRegistry();
  const v = validateInstance(document, registry);
  if (!v.ok) throw new CitypathError(v.problems);
  const r = proposalEffect(v.value, registry, scenario, DEFAULT_EFFECT_OPTIONS);
  if (!r.ok) throw new CitypathError(r.problems);
  return r.value;
}
