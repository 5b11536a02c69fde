/**
 * JSON Schemas of each action type's parameters, for editors and the published instance schema: generated
 * from the same zod schema that validates, with each numeric parameter's unit, meaning and default (with its
 * source) from the type's metadata.
 */
import { z } from "zod";
import type { ActionType } from "../interface.ts";

type JsonSchema = {
  title?: string;
  description?: string;
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
  [k: string]: unknown;
};

/** The JSON Schema of `t`'s parameters as written in an instance (defaults may be left out). */
export function actionParamsJsonSchema(t: ActionType<unknown>): JsonSchema {
  const j = z.toJSONSchema(t.schema as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema;
  j.title = `${t.label.en} (${t.type})`;
  j["x-label-ko"] = t.label.ko;
  for (const [k, m] of Object.entries(t.params)) {
    const prop = j.properties?.[k];
    if (!prop) continue;
    const d = m.default;
    const dflt = d ? ` Default ${d.value}: ${d.source ?? `illustrative, ${d.note ?? "no source"}`}.` : "";
    prop.description = `${m.description} [${m.unit}].${dflt}`;
    prop["x-unit"] = m.unit;
  }
  return j;
}

/** Every type's parameter schema by type id. */
export function actionParamsJsonSchemas(types: readonly ActionType<unknown>[]): Record<string, JsonSchema> {
  return Object.fromEntries(types.map((t) => [t.type, actionParamsJsonSchema(t)]));
}
