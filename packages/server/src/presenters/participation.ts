/**
 * What leaves the server of participation: consultations with their figures, contributions (a hidden or
 * deleted one as a stub without its text; a deleted account's without its name), official answers with
 * their due date and overdue flag. Author ids never leave the server; a caller learns only whether a
 * contribution is their own.
 */
import {
  ANSWER_LINK_KINDS,
  ANSWER_STATES,
  AnswerStateSchema,
  AUDIENCES,
  BADGES,
  CONSULTATION_STATUSES,
  CONTRIBUTION_KINDS,
  type ConsultationFigures,
  isOverdue,
  ModerationStateSchema,
  ReportReasonSchema,
  SubjectSchema,
  shownStatus,
} from "@citypath/core/participation/index";
import { LocalTextAnswerSchema, TextAnswerSchema } from "@citypath/core/vocabulary/index";
import type { ConsultationRecord, ContributionEditRecord, ContributionRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

const text2 = TextAnswerSchema;

const share = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  share: z.number().nullable(),
});

export const figuresSchema = z
  .object({
    contributions: z.object({
      comments: z.number().int(),
      proposals: z.number().int(),
      total: z.number().int(),
    }),
    hidden: z.number().int(),
    participants: z.number().int(),
    supports: z.number().int(),
    answerable: z.number().int(),
    answered: z.number().int(),
    overdue: z.number().int(),
    by_state: z.record(z.enum(ANSWER_STATES), z.number().int()),
    share_answered: share,
    share_answered_on_time: share,
    share_accepted: share,
  })
  .openapi("ConsultationFigures");

export const consultationSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: text2,
    description: text2,
    /** The plan item; on a plan, the year checked when the consultation is on its report (decision 0059). */
    subject: SubjectSchema,
    audience: z.enum(AUDIENCES),
    /** The stored status. */
    status: z.enum(CONSULTATION_STATUSES),
    /** The status at the time of the answer (an open consultation past its close shows closed). */
    shown_status: z.enum(CONSULTATION_STATUSES),
    opens_at: z.string(),
    closes_at: z.string(),
    department: z.string(),
    answer_due_days: z.number().int(),
    illustrative: z.boolean(),
    contributions: z.number().int(),
  })
  .openapi("Consultation");

export function presentConsultation(r: ConsultationRecord, contributions: number, now: number) {
  const c = r.consultation;
  return {
    id: c.id,
    version: r.version,
    title: c.title,
    description: c.description,
    subject: c.subject,
    audience: c.audience,
    status: c.status,
    shown_status: shownStatus(
      {
        status: c.status,
        opensAt: Date.parse(c.opens_at),
        closesAt: Date.parse(c.closes_at),
        audience: c.audience,
      },
      now,
    ),
    opens_at: c.opens_at,
    closes_at: c.closes_at,
    department: c.department,
    answer_due_days: c.answer_due_days,
    illustrative: c.illustrative,
    contributions,
  };
}

export const answerSchema = z
  .object({
    state: AnswerStateSchema,
    text: LocalTextAnswerSchema,
    links: z.array(
      z.object({
        kind: z.enum(ANSWER_LINK_KINDS),
        id: z.string(),
        note: LocalTextAnswerSchema.optional(),
      }),
    ),
    department: z.string(),
    answered_at: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("OfficialAnswer");

export const contributionSchema = z
  .object({
    id: z.string(),
    consultation: z.string(),
    kind: z.enum(CONTRIBUTION_KINDS),
    parent: z.string().nullable(),
    depth: z.number().int(),
    author: z.object({
      /** The name shown; null for a deleted account. */
      name: z.string().nullable(),
      deleted: z.boolean(),
      badge: z.enum(BADGES).nullable(),
      /** Whether the caller wrote it. */
      me: z.boolean(),
    }),
    /** Null when hidden or deleted. */
    title: z.string().nullable(),
    text: z.string().nullable(),
    moderation: ModerationStateSchema,
    supports: z.number().int(),
    /** Whether the caller supports it (false for visitors). */
    supported: z.boolean(),
    created_at: z.string(),
    edited_at: z.string().nullable(),
    version: z.number().int(),
    due_at: z.string(),
    overdue: z.boolean(),
    answer: answerSchema.nullable(),
    proposal: z
      .object({
        instance: z.string().nullable(),
        instance_version: z.number().int().nullable(),
        scenario: z.object({ scenario: z.string(), levels: z.record(z.string(), z.number()) }).nullable(),
      })
      .nullable(),
    illustrative: z.boolean(),
  })
  .openapi("Contribution");

export function presentContribution(
  c: ContributionRecord,
  opts: { callerId?: string | undefined; supported?: boolean; now: number },
) {
  const shown = c.moderation === "visible";
  return {
    id: c.id,
    consultation: c.consultationId,
    kind: c.kind,
    parent: c.parentId,
    depth: c.depth,
    author: {
      // an illustrative demo contribution names no account: its made-up name is shown
      name: c.authorId === null && !c.illustrative ? null : c.authorName,
      deleted: c.authorId === null && !c.illustrative,
      badge: c.badge,
      me: opts.callerId !== undefined && c.authorId === opts.callerId,
    },
    title: shown ? c.title : null,
    text: shown ? c.text : null,
    moderation: c.moderation,
    supports: c.supportCount,
    supported: opts.supported ?? false,
    created_at: c.createdAt.toISOString(),
    edited_at: c.editedAt?.toISOString() ?? null,
    version: c.version,
    due_at: c.dueAt.toISOString(),
    overdue:
      (c.kind === "proposal" || c.depth === 0) &&
      c.moderation !== "deleted" &&
      isOverdue(c.answer?.state ?? "not_answered", c.dueAt.getTime(), opts.now),
    answer: c.answer && {
      state: c.answer.state,
      text: c.answer.text,
      links: [...c.answer.links],
      department: c.answer.department,
      answered_at: c.answer.answeredAt?.toISOString() ?? null,
      version: c.answer.version,
    },
    proposal:
      c.kind === "proposal"
        ? {
            instance: c.instanceId,
            instance_version: c.instanceVersion,
            scenario: shown
              ? ((c.scenario ?? null) as { scenario: string; levels: Record<string, number> } | null)
              : null,
          }
        : null,
    illustrative: c.illustrative,
  };
}

export const editSchema = z.object({
  version: z.number().int(),
  title: z.string().nullable(),
  text: z.string(),
  replaced_at: z.string(),
});

export function presentEdit(e: ContributionEditRecord) {
  return { version: e.version, title: e.title, text: e.text, replaced_at: e.replacedAt.toISOString() };
}

/** The queue a moderator sees: the text of hidden contributions too, and the reports' reasons. */
export const queueItemSchema = z
  .object({
    contribution: contributionSchema,
    /** The author's account, to block it (null: deleted). */
    author_id: z.string().nullable(),
    text: z.string(),
    title: z.string().nullable(),
    reports: z.array(z.object({ reason: ReportReasonSchema, created_at: z.string() })),
  })
  .openapi("ModerationItem");

export function presentFigures(f: ConsultationFigures): z.infer<typeof figuresSchema> {
  return f;
}
