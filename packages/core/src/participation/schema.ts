/**
 * The shapes of participation's records as the API and the demo files write them (snake_case, as every
 * body of the API). Lengths of contributions are checked by the rules (rules.ts), which count characters
 * as people see them; these schemas bound what may reach the rules.
 */
import { z } from "zod";
import { StoredTextSchema } from "../vocabulary/boundary.ts";
import { IdSchema } from "../vocabulary/ids.ts";
import { LocalNameSchema, NameSchema, TextSchema } from "../vocabulary/text.ts";
import {
  ANSWER_LINK_KINDS,
  ANSWER_STATES,
  AUDIENCES,
  CONSULTATION_STATUSES,
  MODERATION_STATES,
  REPORT_REASONS,
  SUBJECT_KINDS,
} from "./vocabulary.ts";

/** An instant, ISO 8601 with its offset (2026-03-01T09:00:00+09:00). */
export const InstantSchema = z.iso.datetime({ offset: true });

/** The schemas of participation's fixed lists (vocabulary.ts), one each. */
export const SubjectKindSchema = z.enum(SUBJECT_KINDS);
export const AnswerStateSchema = z.enum(ANSWER_STATES);
export const ModerationStateSchema = z.enum(MODERATION_STATES);
export const ReportReasonSchema = z.enum(REPORT_REASONS);

/**
 * A link from an official answer to the agenda change it made, with an optional note (Korean, with English
 * where entered; a missing English is shown marked [ko]).
 */
export const AnswerLinkSchema = z.strictObject({
  kind: z.enum(ANSWER_LINK_KINDS),
  id: IdSchema,
  note: LocalNameSchema.optional(),
});
export type AnswerLink = z.infer<typeof AnswerLinkSchema>;

export const SubjectSchema = z
  .strictObject({
    kind: SubjectKindSchema,
    /** The plan item's id (a plan, sector, action, indicator or scenario id). */
    id: IdSchema,
    /**
     * On a plan: the year checked by its implementation report, when the consultation is on that report
     * (a draft put to consultation; decision 0059). The report is the plan's and the year's, so it needs no
     * kind of its own.
     */
    report_year: z.number().int().min(2000).max(2100).optional(),
  })
  .refine((s) => s.report_year === undefined || s.kind === "plan", {
    message: "only a plan has an implementation report (report_year)",
    path: ["report_year"],
  });
export type Subject = z.infer<typeof SubjectSchema>;

export const ConsultationSchema = z
  .strictObject({
    id: IdSchema,
    title: NameSchema,
    description: TextSchema,
    subject: SubjectSchema,
    audience: z.enum(AUDIENCES),
    status: z.enum(CONSULTATION_STATUSES),
    opens_at: InstantSchema,
    closes_at: InstantSchema,
    /** The department that answers officially (an id from the agenda's departments). */
    department: IdSchema,
    /** Days an official answer is due after a contribution (default 30). */
    answer_due_days: z.number().int().min(1).max(365).default(30),
    /** Demo data: contributions and answers are made up to show the feature. */
    illustrative: z.boolean().default(false),
  })
  .refine((c) => Date.parse(c.opens_at) < Date.parse(c.closes_at), {
    message: "a consultation closes after it opens",
    path: ["closes_at"],
  });
export type Consultation = z.infer<typeof ConsultationSchema>;

/** A contribution's text as it may reach the rules (storable, bounded well above every length rule). */
export const ContributionTextSchema = StoredTextSchema;
