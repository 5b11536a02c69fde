/**
 * The workspace forms' schemas (react-hook-form validates with them through zodResolver). A form holds
 * strings as typed; each field's rule is the core's own schema for that value (a date is the core's
 * DateSchema, a partial date its PartialDateSchema, an id its ID_PATTERN, a status its AgendaStatusSchema...),
 * so the browser refuses what the server would refuse, and the record sent is checked once more by the
 * core's schema on the server. Messages are translation keys ("wk.err.*").
 */
import {
  DateSchema,
  IMPLEMENTATION_PHASES,
  INDICATOR_KINDS,
  PartialDateSchema,
  PLAN_KINDS,
  YearSchema,
} from "@citypath/core/agenda/schema";
import { NAME_MAX_LENGTH, TEXT_MAX_LENGTH } from "@citypath/core/vocabulary/boundary";
import { ID_PATTERN } from "@citypath/core/vocabulary/ids";
import { AgendaStatusSchema } from "@citypath/core/vocabulary/schemas";
import { KR_SECTOR_IDS } from "@citypath/core/vocabulary/sectors";
import { AGENDA_STATUSES } from "@citypath/core/vocabulary/statuses";
import { INVENTORY_VERIFICATION_STATUSES } from "@citypath/core/vocabulary/verification";
import { z } from "zod";

const ok = (schema: z.ZodType) => (v: unknown) => schema.safeParse(v).success;

export const required = z.string().trim().min(1, "wk.err.required");
export const name = required.max(NAME_MAX_LENGTH, "wk.err.tooLong");
export const text = required.max(TEXT_MAX_LENGTH, "wk.err.tooLong");
export const optionalText = z.string().max(TEXT_MAX_LENGTH, "wk.err.tooLong");
export const date = z.string().refine(ok(DateSchema), "wk.err.date");
export const optionalDate = z.string().refine((v) => v === "" || ok(DateSchema)(v), "wk.err.date");
export const partialDate = z.string().refine(ok(PartialDateSchema), "wk.err.partialDate");
export const optionalPartialDate = z
  .string()
  .refine((v) => v === "" || ok(PartialDateSchema)(v), "wk.err.partialDate");
export const id = z.string().regex(ID_PATTERN, "wk.err.id");
/** A number as typed ("1,234.5" is read as 1234.5); "" when optional. */
export const decimal = z
  .string()
  .trim()
  .refine((v) => v !== "" && Number.isFinite(Number(v.replaceAll(",", ""))), "wk.err.number");
export const optionalPercent = z
  .string()
  .trim()
  .refine((v) => {
    if (v === "") return true;
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 && n <= 100;
  }, "wk.err.percent");
export const year = z
  .string()
  .trim()
  .refine((v) => /^\d{4}$/.test(v) && ok(YearSchema)(Number(v)), "wk.err.year");
export const phase = z.enum(["", ...IMPLEMENTATION_PHASES]);
export const status = z.string().refine(ok(AgendaStatusSchema), "wk.err.required");

/** Where a figure comes from: a registered source's id, or illustrative with a note saying why. */
export const provenance = {
  prov: z.enum(["source", "illustrative"]),
  source: z.string(),
  note: optionalText,
};
type Prov = { prov: "source" | "illustrative"; source: string; note: string };
/** The provenance fields of a new form: a registered source, not chosen yet. */
export const emptyProvenance: Prov = { prov: "source", source: "", note: "" };
/** The provenance rule on the form (the core's `requireProvenance`), with the error on the field to fix. */
export function checkProvenance(v: Prov, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (v.prov === "source" && !ID_PATTERN.test(v.source))
    ctx.addIssue({ code: "custom", path: [...path, "source"], message: "wk.err.source" });
  if (v.prov === "illustrative" && v.note.trim() === "")
    ctx.addIssue({ code: "custom", path: [...path, "note"], message: "wk.err.note" });
}
/** The provenance fields of a record from the form's. */
export function provenanceOf(v: Prov): { source?: string; illustrative?: true; note?: string } {
  const note = v.note.trim();
  return v.prov === "source" ? { source: v.source, ...(note ? { note } : {}) } : { illustrative: true, note };
}
/** The form's provenance fields of a stored record. */
export function provenanceForm(r: { source?: string; illustrative?: boolean; note?: string }): Prov {
  return {
    prov: r.illustrative ? "illustrative" : "source",
    source: r.source ?? "",
    note: r.note ?? "",
  };
}

export const statusForm = z
  .object({
    status,
    date: partialDate,
    reason_ko: text,
    reason_en: text,
    ...provenance,
  })
  .superRefine((v, ctx) => checkProvenance(v, ctx));
export type StatusForm = z.infer<typeof statusForm>;

export const progressForm = z.object({
  date,
  text_ko: text,
  text_en: text,
  completion: optionalPercent,
  link: z.string().refine((v) => v === "" || URL.canParse(v), "wk.err.url"),
});
export type ProgressForm = z.infer<typeof progressForm>;

export const observationForm = z
  .object({
    year,
    value: decimal,
    district: z.string().max(NAME_MAX_LENGTH, "wk.err.tooLong"),
    replace: z.boolean(),
    ...provenance,
  })
  .superRefine((v, ctx) => checkProvenance(v, ctx));
export type ObservationForm = z.infer<typeof observationForm>;

const taskRow = z.object({
  id,
  name_ko: name,
  name_en: name,
  due: optionalDate,
  done_on: optionalDate,
});
const milestoneRow = z
  .object({
    id,
    name_ko: name,
    name_en: name,
    target: optionalPartialDate,
    reached_on: optionalPartialDate,
    ...provenance,
  })
  .superRefine((v, ctx) => checkProvenance(v, ctx));

export const actionForm = z
  .object({
    name_ko: name,
    name_en: name,
    description_ko: text,
    description_en: text,
    start: optionalPartialDate,
    end: optionalPartialDate,
    phase,
    tasks: z.array(taskRow),
    milestones: z.array(milestoneRow),
    /** The model action it is modelled by: "scenario action model", or "" for none. */
    link: z.string(),
    link_indicator: z.string(),
    link_parameter: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.link !== "")
      for (const k of ["link_indicator", "link_parameter"] as const)
        if (v[k] === "") ctx.addIssue({ code: "custom", path: [k], message: "wk.err.choose" });
    const seen = new Set<string>();
    for (const [list, rows] of [
      ["tasks", v.tasks],
      ["milestones", v.milestones],
    ] as const)
      rows.forEach((r, i) => {
        if (seen.has(r.id))
          ctx.addIssue({ code: "custom", path: [list, i, "id"], message: "wk.err.duplicateId" });
        seen.add(r.id);
      });
  });
export type ActionForm = z.infer<typeof actionForm>;

export const stageForm = z
  .object({
    stage: z.string().min(1, "wk.err.required"),
    date: partialDate,
    comment_ko: optionalText,
    comment_en: optionalText,
    ...provenance,
  })
  .superRefine((v, ctx) => {
    checkProvenance(v, ctx);
    if ((v.comment_ko.trim() === "") !== (v.comment_en.trim() === ""))
      ctx.addIssue({
        code: "custom",
        path: [v.comment_ko.trim() ? "comment_en" : "comment_ko"],
        message: "wk.err.bothLanguages",
      });
  });
export type StageForm = z.infer<typeof stageForm>;

// ------------------------------------------------------------------------------------------ new records

/** A new plan: its names, vision, period, keeping department, first stage (draft) and policy areas. */
export const planNewForm = z
  .object({
    id,
    kind: z.enum(PLAN_KINDS),
    name_ko: name,
    name_en: name,
    vision_ko: text,
    vision_en: text,
    start_year: year,
    end_year: year,
    responsible_department: id,
    has_committee: z.boolean(),
    legal_deadlines: z.boolean(),
    date: partialDate,
    areas: z.array(z.object({ id, name_ko: name, name_en: name })).min(1, "wk.err.required"),
    ...provenance,
  })
  .superRefine((v, ctx) => {
    checkProvenance(v, ctx);
    if (ok(YearSchema)(Number(v.start_year)) && Number(v.end_year) < Number(v.start_year))
      ctx.addIssue({ code: "custom", path: ["end_year"], message: "wk.err.endBeforeStart" });
    const seen = new Set<string>();
    v.areas.forEach((a, i) => {
      if (seen.has(a.id))
        ctx.addIssue({ code: "custom", path: ["areas", i, "id"], message: "wk.err.duplicateId" });
      seen.add(a.id);
    });
  });
export type PlanNewForm = z.infer<typeof planNewForm>;

/** A new indicator: what it measures, its unit, which way is better, and its target with where it comes from. */
export const indicatorNewForm = z
  .object({
    id,
    name_ko: name,
    name_en: name,
    kind: z.enum(INDICATOR_KINDS),
    unit: name,
    unit_label_ko: name,
    unit_label_en: name,
    direction: z.enum(["increase", "decrease"]),
    aggregation: z.enum(["annual", "cumulative", "level"]),
    reporter: z.string().refine((v) => v === "" || ID_PATTERN.test(v), "wk.err.id"),
    goal_year: year,
    goal_value: decimal,
    ...provenance,
  })
  .superRefine((v, ctx) => checkProvenance(v, ctx));
export type IndicatorNewForm = z.infer<typeof indicatorNewForm>;

/**
 * A new action in a plan: its names and description, its place (`plan_area`: the plan's id and the policy
 * area's, joined by a space), its departments (the first leads), the indicators that measure it, its
 * sectors, and its first status with the reason and where it comes from.
 */
export const actionNewForm = z
  .object({
    id,
    name_ko: name,
    name_en: name,
    description_ko: text,
    description_en: text,
    plan_area: z.string().min(1, "wk.err.choose"),
    departments: z.array(z.string()).min(1, "wk.err.chooseOne"),
    indicators: z.array(z.string()).min(1, "wk.err.chooseOne"),
    sectors: z.array(z.enum(KR_SECTOR_IDS)),
    start: optionalPartialDate,
    end: optionalPartialDate,
    status: z.enum(AGENDA_STATUSES, { error: () => "wk.err.required" }),
    status_date: partialDate,
    reason_ko: text,
    reason_en: text,
    ...provenance,
  })
  .superRefine((v, ctx) => checkProvenance(v, ctx));
export type ActionNewForm = z.infer<typeof actionNewForm>;

// ------------------------------------------------------------------------------------------ filters and files

/** The file form of the Imports page: the kind of file, the file itself, its encoding, a profile or a mapping. */
export const importForm = z.object({
  kind: z.enum(["activity", "factors", "indicators", "actions"]),
  file: z.custom<FileList>((v) => typeof FileList !== "undefined" && v instanceof FileList && v.length > 0, {
    message: "wk.imp.fileMissing",
  }),
  encoding: z.enum(["auto", "utf-8", "cp949"]),
  profile: z.string(),
  mapping: z.string(),
});
export type ImportForm = z.infer<typeof importForm>;

/** The dataset or factor set an imported file is stored as: its id and name. */
export const importTargetForm = z.object({ target_id: id, target_name: name });
export type ImportTargetForm = z.infer<typeof importTargetForm>;

/** A mapping profile saved from the Imports page: its id and name (the mapping is the file form's). */
export const profileForm = z.object({ id, name });
export type ProfileForm = z.infer<typeof profileForm>;

/** A draft inventory to compute: its label, the activity dataset, and the published version it is compared with. */
/** A local text from its two fields: the Korean, and the English only where one was typed (never a copy). */
export const localOf = (ko: string, en: string): { ko: string; en?: string } => ({
  ko: ko.trim(),
  ...(en.trim() ? { en: en.trim() } : {}),
});

export const computeForm = z.object({
  label: name,
  label_en: optionalText.max(NAME_MAX_LENGTH, "wk.err.tooLong"),
  dataset: z.string().min(1, "wk.inv.datasetMissing"),
  based_on: z.string(),
});
export type ComputeForm = z.infer<typeof computeForm>;

/** A published inventory's verification: verified (by whom, on which day) or provisional, and on what basis. */
export const verificationForm = z
  .object({
    status: z.enum(INVENTORY_VERIFICATION_STATUSES),
    by: z.string().max(NAME_MAX_LENGTH, "wk.err.tooLong"),
    on: z.string(),
    basis: text,
    basis_en: optionalText,
    illustrative: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "verified") return;
    if (v.by.trim() === "") ctx.addIssue({ code: "custom", path: ["by"], message: "wk.err.required" });
    if (!ok(DateSchema)(v.on)) ctx.addIssue({ code: "custom", path: ["on"], message: "wk.err.date" });
  });
export type VerificationForm = z.infer<typeof verificationForm>;
