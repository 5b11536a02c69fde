/**
 * Branded ids: a `TenantId` cannot be passed where an `ActionId` is expected, although both are strings
 * at run time. Create them only at the edges (parsing, storage) with the `as...` functions.
 */
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
