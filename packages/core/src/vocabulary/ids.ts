/**
 * Ids: one spelling rule and branded types.
 *
 * A record id (plans, actions, indicators, sources, tenants, factor sets...) is lower-case ASCII letters and
 * digits joined by `.`, `_` or `-`, at most 80 characters (`ID_PATTERN`): stable in URLs, files and SQL.
 * A model key (ids inside a model instance, an uncertainty spec or a portfolio spec) is an id under the same
 * rule that is also an identifier: it starts with a letter and uses only letters, digits and `_`
 * (`MODEL_KEY_PATTERN`), because model keys name LP variables and stand in expressions such as
 * `municipal_control:2030` and `basic_plan_2030@2030`. Every model key is a valid record id.
 *
 * Branded ids: a `TenantId` cannot be passed where an `ActionId` is expected, although both are strings
 * at run time. Create them only at the edges (parsing, storage) with the `as...` functions or the schemas.
 */
import { z } from "zod";

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type TenantId = Brand<string, "TenantId">;
export type ActionId = Brand<string, "ActionId">;
export type ScenarioId = Brand<string, "ScenarioId">;
export type InstanceId = Brand<string, "InstanceId">;
export type PlanId = Brand<string, "PlanId">;
export type IndicatorId = Brand<string, "IndicatorId">;
export type UserId = Brand<string, "UserId">;
export type DriverId = Brand<string, "DriverId">;
export type TargetId = Brand<string, "TargetId">;
export type FactorSetId = Brand<string, "FactorSetId">;
export type TaskId = Brand<string, "TaskId">;
export type MilestoneId = Brand<string, "MilestoneId">;
export type ProgressUpdateId = Brand<string, "ProgressUpdateId">;
export type DepartmentId = Brand<string, "DepartmentId">;
export type CategoryId = Brand<string, "CategoryId">;
export type PolicyAreaId = Brand<string, "PolicyAreaId">;
export type SourceId = Brand<string, "SourceId">;

export const asTenantId = (s: string) => s as TenantId;
export const asActionId = (s: string) => s as ActionId;
export const asScenarioId = (s: string) => s as ScenarioId;
export const asInstanceId = (s: string) => s as InstanceId;
export const asPlanId = (s: string) => s as PlanId;
export const asIndicatorId = (s: string) => s as IndicatorId;
export const asUserId = (s: string) => s as UserId;
export const asDriverId = (s: string) => s as DriverId;
export const asTargetId = (s: string) => s as TargetId;
export const asFactorSetId = (s: string) => s as FactorSetId;
export const asTaskId = (s: string) => s as TaskId;
export const asMilestoneId = (s: string) => s as MilestoneId;
export const asProgressUpdateId = (s: string) => s as ProgressUpdateId;
export const asDepartmentId = (s: string) => s as DepartmentId;
export const asCategoryId = (s: string) => s as CategoryId;
export const asPolicyAreaId = (s: string) => s as PolicyAreaId;
export const asSourceId = (s: string) => s as SourceId;

/** The longest id. */
export const ID_MAX_LENGTH = 80;
/** Lower-case ASCII words joined by `-`, `_` or `.`; stable in URLs and files. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;
/** An id that is also an identifier: a letter first, then letters, digits and `_` (see the module note). */
export const MODEL_KEY_PATTERN = /^[a-z][a-z0-9_]{0,79}$/;

/** A tenant's slug: a DNS label (letters, digits, `-`; 2 to 63 characters), as it may become a host name. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const ID_RULE = "an id is lower-case letters, digits, '.', '_' or '-', at most 80 characters";
export const MODEL_KEY_RULE =
  "an id is lower-case letters, digits and _ and starts with a letter, at most 80 characters";

/** A record id (plain string). */
export const IdSchema = z.string().regex(ID_PATTERN, ID_RULE);
/** A model key: an id inside a model instance or an analysis spec. */
export const ModelKeySchema = z.string().regex(MODEL_KEY_PATTERN, MODEL_KEY_RULE);

/** A string schema whose output is typed as the branded string `T` (the run-time value stays a plain string). */
export function brandedString<T extends string>(schema: z.ZodType<string, string>): z.ZodType<T, string> {
  // zod cannot brand with our own `unique symbol`; the output type is narrowed here, once for every brand.
  return schema as unknown as z.ZodType<T, string>;
}

/** A record id schema whose output is a branded id. */
export function idSchema<T extends string>(): z.ZodType<T, string> {
  return brandedString<T>(IdSchema);
}
