/**
 * Korean and English labels of the agenda's fixed values (the status labels are in vocabulary/statuses.ts), kept beside the definitions they name so that
 * the dashboard, the reports and the reminders say the same thing.
 */
import type { Text } from "../vocabulary/text.ts";
import type { CategoryKind, ImplementationPhase, IndicatorKind, PlanStage } from "./schema.ts";

export const PHASE_LABELS: Readonly<Record<ImplementationPhase, Text>> = {
  planning: { ko: "계획", en: "Planning" },
  design: { ko: "설계", en: "Design" },
  procurement: { ko: "발주", en: "Procurement" },
  construction: { ko: "시공", en: "Construction" },
  operation: { ko: "운영", en: "Operation" },
  evaluation: { ko: "평가", en: "Evaluation" },
  closed: { ko: "종료", en: "Closed" },
};

export const PLAN_STAGE_LABELS: Readonly<Record<PlanStage, Text>> = {
  draft: { ko: "초안", en: "Draft" },
  committee_deliberation: { ko: "위원회 심의", en: "Committee deliberation" },
  reported_to_council: { ko: "의회 보고", en: "Reported to the council" },
  published: { ko: "공표", en: "Published" },
};

export const INDICATOR_KIND_LABELS: Readonly<Record<IndicatorKind, Text>> = {
  emissions: { ko: "배출량", en: "Emissions" },
  outcome: { ko: "성과", en: "Outcome" },
  activity: { ko: "활동량", en: "Activity" },
  output: { ko: "산출", en: "Output" },
  risk: { ko: "기후 위험", en: "Climate risk" },
  vulnerability: { ko: "취약성", en: "Vulnerability" },
  finance: { ko: "재정", en: "Finance" },
};

export const CATEGORY_KIND_LABELS: Readonly<Record<CategoryKind, Text>> = {
  sector: { ko: "기본계획 부문", en: "Basic-plan sector" },
  priority_policy: { ko: "역점정책", en: "Priority policy" },
  project: { ko: "프로젝트", en: "Project" },
  livelihood: { ko: "민생대책", en: "Livelihood measure" },
  response: { ko: "감축·적응", en: "Mitigation or adaptation" },
  theme: { ko: "주제", en: "Theme" },
};
