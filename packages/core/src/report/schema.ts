/**
 * What a city sets for its implementation reports (tenant setting `report`) and what staff write into one
 * report (its entries: the departments' narrative per measure, follow-up, opinions, the committee's and the
 * council's record). Narrative texts are Korean, English where a translation exists.
 */
import { z } from "zod";
import { ActionIdSchema, DateSchema, DepartmentIdSchema } from "../agenda/schema.ts";
import { LocalTextSchema } from "../budget/schema.ts";
import { StoredNameSchema } from "../vocabulary/boundary.ts";
import { DEFAULT_GRADING, GradingRulesSchema } from "./grades.ts";

/** A report's stages, in order: draft -> review -> deliberated (by the local committee) -> submitted -> reported (to the council). */
export const REPORT_STAGES = ["draft", "review", "deliberated", "submitted", "reported"] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export const ReportSettingsSchema = z
  .object({
    /** The local committee (탄소중립녹색성장위원회) as it is named. */
    committee: LocalTextSchema,
    /** The ministry the report goes to (renamed 기후에너지환경부 in 2025). */
    ministry: LocalTextSchema,
    /** The 시·도지사 it also goes to. */
    province: LocalTextSchema,
    /** The officer responsible (탄소중립이행책임관, Decree Art. 72). */
    officer: LocalTextSchema,
    /** The department that writes the report. */
    department: LocalTextSchema,
    /** The inventory basis the targets are set on (e.g. 지자체 관리권한 기준). */
    inventory_basis: LocalTextSchema,
    /** The instance target the report checks against, and the plan scenario of the provisional estimate. */
    target: StoredNameSchema.min(1),
    scenario: StoredNameSchema.min(1),
    /** How the check runs (부서 자체점검 → 지원센터 검토 → 점검단 → 위원회 심의). */
    checking_chain: LocalTextSchema,
    grading: GradingRulesSchema,
  })
  .strict();
export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

/** The settings a tenant starts with; the names are those of Korean law and practice (REPORTING.md §A). */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  committee: { ko: "탄소중립녹색성장위원회", en: "Carbon Neutrality and Green Growth Committee" },
  ministry: { ko: "기후에너지환경부 장관", en: "Minister of Climate, Energy and Environment" },
  province: { ko: "관할 시·도지사", en: "Governor of the province" },
  officer: { ko: "탄소중립이행책임관 (부시장)", en: "Carbon-neutrality officer (deputy mayor)" },
  department: { ko: "기후변화대응 담당부서", en: "Climate department" },
  inventory_basis: { ko: "지자체 관리권한 기준", en: "Municipal-control basis" },
  target: "basic_plan_2030",
  scenario: "agenda_2021",
  checking_chain: {
    ko: "부서 자체점검 → 탄소중립지원센터 검토 → 전문가·시민 점검단 → 탄소중립녹색성장위원회 심의",
    en: "Departments' own check → carbon-neutrality support centre review → expert and citizen panel → committee deliberation",
  },
  grading: DEFAULT_GRADING,
};

const Narrative = LocalTextSchema;

/** What a department writes on a measure's row. */
export const MeasureEntrySchema = z
  .object({
    action: ActionIdSchema,
    /** 주요 성과. */
    achievements: Narrative.optional(),
    /** 부진 사유. */
    delay_reason: Narrative.optional(),
    /** 개선방안. */
    improvement: Narrative.optional(),
    /** 근거자료: documents, links, file names. */
    evidence: z.array(StoredNameSchema.min(1)).max(20).optional(),
    /** The department marked its row complete (date). */
    completed_on: DateSchema.optional(),
    /**
     * The department that completed the row (its self-check, 부서 자체점검): one of the measure's departments,
     * by its register id (decision 0095). The person who did it is in the audit trail, not in the report.
     */
    completed_by: DepartmentIdSchema.optional(),
  })
  .strict();
export type MeasureEntry = z.infer<typeof MeasureEntrySchema>;

export const OPINION_SOURCES = ["committee", "national", "council"] as const;
export const OpinionSchema = z
  .object({
    /** The committee (Act Art. 13(3)), the national check (Art. 9(5)), the council (Art. 78(4)). */
    source: z.enum(OPINION_SOURCES),
    year: z.number().int().min(2000).max(2100),
    opinion: Narrative,
    reflected: z.enum(["yes", "partly", "no"]),
    /** The written reason where it is not (fully) reflected (Decree Art. 4(7)). */
    reason: Narrative.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.reflected !== "yes" && o.reason === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "an opinion not reflected needs the written reason (Decree Art. 4(7))",
      });
  });
export type Opinion = z.infer<typeof OpinionSchema>;

export const FollowUpSchema = z
  .object({
    action: ActionIdSchema,
    cause: Narrative,
    plan: Narrative,
    due: DateSchema.optional(),
    /** 담당: the department that carries the action plan out, by its register id (decision 0095). */
    owner: DepartmentIdSchema.optional(),
  })
  .strict();
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const ReportEntriesSchema = z
  .object({
    measures: z.array(MeasureEntrySchema).max(2000),
    best_practices: z.array(Narrative).max(50),
    governance: Narrative.optional(),
    links: Narrative.optional(),
    follow_up: z.array(FollowUpSchema).max(2000),
    opinions: z.array(OpinionSchema).max(500),
    plan_changes: Narrative.optional(),
    committee: z
      .object({
        date: DateSchema,
        decision: z.enum(["original", "amended"]),
        opinions: Narrative.optional(),
      })
      .strict()
      .optional(),
    submitted_on: DateSchema.optional(),
    council: z.object({ date: DateSchema, recommendations: Narrative.optional() }).strict().optional(),
    /** True when the narrative is made up for a demo; every output then says so. */
    illustrative: z.boolean().optional(),
    note: StoredNameSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const seen = new Set<string>();
    e.measures.forEach((m, i) => {
      if (seen.has(m.action))
        ctx.addIssue({
          code: "custom",
          path: ["measures", i, "action"],
          message: `two rows for ${m.action}`,
        });
      seen.add(m.action);
    });
  });
export type ReportEntries = z.infer<typeof ReportEntriesSchema>;

export const EMPTY_ENTRIES: ReportEntries = {
  measures: [],
  best_practices: [],
  follow_up: [],
  opinions: [],
};
