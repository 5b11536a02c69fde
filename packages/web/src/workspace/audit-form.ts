/**
 * The audit trail's filter form: its own module, so that the audit page does not load the agenda forms'
 * schemas (form-schemas.ts and the core's agenda schemas). A day is the core's calendar date.
 */
import { CalendarDateSchema, NAME_MAX_LENGTH } from "@citypath/core/vocabulary/boundary";
import { z } from "zod";

const optionalDate = z
  .string()
  .refine((v) => v === "" || CalendarDateSchema.safeParse(v).success, "wk.err.date");

/** The audit trail's filter: any of kind, id and user as typed, and a period of the city's days in order. */
export const auditFilterForm = z
  .object({
    entity: z.string().max(NAME_MAX_LENGTH, "wk.err.tooLong"),
    entity_id: z.string().max(NAME_MAX_LENGTH, "wk.err.tooLong"),
    user: z.string().max(NAME_MAX_LENGTH, "wk.err.tooLong"),
    from: optionalDate,
    to: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "wk.err.periodOrder" });
  });
export type AuditFilterForm = z.infer<typeof auditFilterForm>;
