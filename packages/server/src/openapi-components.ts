/**
 * The core's schemas named as components of the OpenAPI document, declared once here. The core's zod schemas
 * carry no OpenAPI metadata (core imports only zod), and the routes use them as they are: a plan's body is
 * the core's PlanSchema, and that schema holds the core's TextSchema, SourceSchema and so on. Naming a copy
 * (`z.object(X.shape).openapi("Name")`) would name only the copy, and every other place the core's schema is
 * used, inside other schemas too, would still be written out in full. So the core's own schema objects are
 * named, in the OpenAPI generator's registry only: zod's global registry is not touched, so JSON Schema
 * written by the core (`z.toJSONSchema`) stays as it was (decision 0041).
 *
 * A name here must not be used by a route's own `.openapi("Name")`; openapi.test.ts checks that each shape
 * is written once.
 */

import { OpenApiGeneratorV31, zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  ActionSchema,
  BudgetTotalSchema,
  CategorySchema,
  ContactSchema,
  DepartmentSchema,
  EvidenceSchema,
  GoalSchema,
  IndicatorSchema,
  LegalCalendarEntrySchema,
  MilestoneSchema,
  ModelLinkSchema,
  ObservationSchema,
  PartnerSchema,
  PlanMembershipSchema,
  PlanSchema,
  PlanStageSchema,
  PolicyAreaSchema,
  ProgressUpdateSchema,
  SourceSchema,
  StageChangeSchema,
  StatusChangeSchema,
  TaskSchema,
} from "@citypath/core/agenda/index";
import {
  BudgetCodeSchema,
  BudgetLineSchema,
  BudgetSectorSchema,
  BudgetSettingsSchema,
  ExpectedReductionSchema,
  IndicatorTargetSchema,
  ReductionMethodSchema,
  SettlementSchema,
} from "@citypath/core/budget/schema";
import { FactorUseSchema } from "@citypath/core/inventory/schema";
import {
  AnswerLinkSchema,
  AnswerStateSchema,
  ModerationStateSchema,
  ReportReasonSchema,
  SubjectKindSchema,
  SubjectSchema,
} from "@citypath/core/participation/schema";
import { CutOffsSchema, GradingRulesSchema } from "@citypath/core/report/grades";
import {
  FollowUpSchema,
  MeasureEntrySchema,
  OpinionSchema,
  ReportEntriesSchema,
} from "@citypath/core/report/schema";
import { TenantSettingsSchema } from "@citypath/core/tenant-settings";
import {
  AgendaStatusSchema,
  InventoryStatusSchema,
  KrSectorIdSchema,
  ModelActionStatusSchema,
  NotationKeySchema,
  RoleSchema,
  Scope2MethodSchema,
} from "@citypath/core/vocabulary/schemas";
import {
  LocalNameSchema,
  LocalTextAnswerSchema,
  LocalTextSchema,
  NameSchema,
  TextAnswerSchema,
  TextSchema,
} from "@citypath/core/vocabulary/text";
import type { z } from "@hono/zod-openapi";

/**
 * Each component's name and the core's schema it names. Plain strings with a pattern or a length (ids,
 * dates, stored text) are left inline: a named string would only add a reference where the rule is short.
 */
export const CORE_COMPONENTS: ReadonlyArray<readonly [name: string, schema: z.ZodType]> = [
  // vocabulary
  ["Text", TextSchema],
  ["Name", NameSchema],
  ["LocalText", LocalTextSchema],
  ["LocalName", LocalNameSchema],
  ["BilingualText", TextAnswerSchema],
  ["LocalTextAnswer", LocalTextAnswerSchema],
  ["Sector", KrSectorIdSchema],
  ["AgendaStatus", AgendaStatusSchema],
  ["ModelActionStatus", ModelActionStatusSchema],
  ["InventoryStatus", InventoryStatusSchema],
  ["Role", RoleSchema],
  ["Scope2Method", Scope2MethodSchema],
  ["NotationKey", NotationKeySchema],
  // the agenda
  ["AgendaPlan", PlanSchema],
  ["PlanStage", PlanStageSchema],
  ["AgendaAction", ActionSchema],
  ["AgendaIndicator", IndicatorSchema],
  ["Observation", ObservationSchema],
  ["ProgressUpdate", ProgressUpdateSchema],
  ["Source", SourceSchema],
  ["Evidence", EvidenceSchema],
  ["Task", TaskSchema],
  ["Milestone", MilestoneSchema],
  ["PlanStageRecord", StageChangeSchema],
  ["ActionStatusRecord", StatusChangeSchema],
  ["PlanMembership", PlanMembershipSchema],
  ["PolicyArea", PolicyAreaSchema],
  ["Goal", GoalSchema],
  ["BudgetTotal", BudgetTotalSchema],
  ["ModelLink", ModelLinkSchema],
  ["Department", DepartmentSchema],
  ["Category", CategorySchema],
  ["Contact", ContactSchema],
  ["Partner", PartnerSchema],
  ["LegalCalendarEntry", LegalCalendarEntrySchema],
  // the budget
  ["BudgetLine", BudgetLineSchema],
  ["Settlement", SettlementSchema],
  ["BudgetCode", BudgetCodeSchema],
  ["BudgetSector", BudgetSectorSchema],
  ["ExpectedReduction", ExpectedReductionSchema],
  ["ReductionMethod", ReductionMethodSchema],
  ["IndicatorTarget", IndicatorTargetSchema],
  ["FactorUse", FactorUseSchema],
  ["BudgetSettings", BudgetSettingsSchema],
  // the tenant's settings and the implementation report
  ["TenantSettings", TenantSettingsSchema],
  ["CutOffs", CutOffsSchema],
  ["GradingRules", GradingRulesSchema],
  ["ReportEntries", ReportEntriesSchema],
  ["MeasureEntry", MeasureEntrySchema],
  ["ImprovementOpinion", OpinionSchema],
  ["FollowUp", FollowUpSchema],
  // participation
  ["ConsultationSubject", SubjectSchema],
  ["SubjectKind", SubjectKindSchema],
  ["AnswerState", AnswerStateSchema],
  ["AnswerLink", AnswerLinkSchema],
  ["ModerationState", ModerationStateSchema],
  ["ReportReason", ReportReasonSchema],
];

/**
 * Names the core's schemas in the OpenAPI generator's registry (`refId`, what `.openapi("Name")` sets on the
 * copy it makes). Idempotent.
 */
export function nameCoreComponents(): void {
  for (const [name, schema] of CORE_COMPONENTS) {
    const meta = zodToOpenAPIRegistry.get(schema);
    zodToOpenAPIRegistry.add(schema, { ...meta, _internal: { ...meta?._internal, refId: name } });
  }
}

type Definitions = ConstructorParameters<typeof OpenApiGeneratorV31>[0];
type DocumentConfig = Parameters<OpenApiGeneratorV31["generateDocument"]>[0];

/**
 * The OpenAPI 3.1 document of the routes' definitions, with the core's schemas named. The core's components
 * come first: the generator writes a component where it first meets the schema, and a route that first
 * meets one as `.nullable()` would write null into the component itself.
 */
export function openApiDocument(routes: Definitions, config: DocumentConfig) {
  nameCoreComponents();
  const core: Definitions = CORE_COMPONENTS.map(([, schema]) => ({ type: "schema", schema }));
  const document = new OpenApiGeneratorV31([...core, ...routes]).generateDocument(config);
  nullableReferences(document);
  return document;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * Writes a nullable reference as "the component or null". The generator writes `X.nullable()`, X a named
 * component, as `allOf: [{$ref: X}, {type: [T, "null"]}]`, which no null value meets (allOf asks for both,
 * and X is not null): it becomes `anyOf: [{$ref: X}, {type: "null"}]`, and the generated client types it
 * `X | null`. Changes the document in place.
 */
export function nullableReferences(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) nullableReferences(item);
    return;
  }
  if (!isRecord(node)) return;
  const all = node.allOf;
  if (Array.isArray(all) && all.length === 2) {
    const [ref, nullable] = all;
    if (
      isRecord(ref) &&
      typeof ref.$ref === "string" &&
      isRecord(nullable) &&
      Object.keys(nullable).length === 1 &&
      Array.isArray(nullable.type) &&
      nullable.type.length === 2 &&
      nullable.type.includes("null")
    ) {
      delete node.allOf;
      node.anyOf = [ref, { type: "null" }];
    }
  }
  for (const value of Object.values(node)) nullableReferences(value);
}
