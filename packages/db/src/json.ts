/**
 * A JSON value, as a type and as one schema. The schema is recursive (a lazy schema) and carries the id
 * `JsonValue`, so an OpenAPI generator writes it once, as a component that refers to itself, instead of
 * unfolding it without end. Null is kept out of the component and added where a value may be null: a
 * generator that sees a nullable component wraps every reference to it in a second "or null", which a
 * JSON Schema validator then reads as two matches for null.
 */
import { z } from "zod";

/** Any JSON value but null. */
export type JsonValue = boolean | number | string | Json[] | { [k: string]: Json };
export type Json = null | JsonValue;
export type JsonObject = { [k: string]: Json };

const jsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([z.boolean(), z.number(), z.string(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
  )
  .meta({
    id: "JsonValue",
    description: "Any JSON value but null (arrays and objects hold any JSON value).",
  });

export const jsonSchema: z.ZodType<Json> = z.union([z.null(), jsonValueSchema]);
export const jsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), jsonSchema);
