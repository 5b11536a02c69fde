/**
 * The pathway engine: model instances (schema, validation), compilation to typed arrays, the fast
 * evaluation, the explanation path and the JSON contract. See docs/methodology/pathways.md.
 */
import { type ActionRegistry, type ActionType, actionRegistry } from "../actions/interface.ts";
import { BUILTIN_ACTION_TYPES } from "./builtin-actions.ts";

export * from "./builtin-actions.ts";
export * from "./compile.ts";
export * from "./display.ts";
export * from "./evaluate.ts";
export * from "./explain.ts";
export * from "./gpc.ts";
export * from "./json.ts";
export * from "./levers.ts";
export * from "./lifecycle.ts";
export * from "./model.ts";
export * from "./preset.ts";
export * from "./run.ts";
export * from "./schema.ts";
export * from "./series.ts";
export * from "./validate.ts";
export * from "./what-it-takes.ts";

/** The built-in action types plus any others (the library's); a duplicate type id throws. */
export function pathwayRegistry(...more: ReadonlyArray<readonly ActionType<unknown>[]>): ActionRegistry {
  return actionRegistry(BUILTIN_ACTION_TYPES, ...more);
}
