/** What leaves the server about model instances, scenarios and their pathways. */
import { TextSchema } from "@citypath/core";
import { explanationSchema, pathwayJsonSchema } from "@citypath/core/pathway/json-schema";
import type { InstanceRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

const name = TextSchema;

export const instanceHeaderSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    note: z.string().nullable().describe("Why the version was saved; null when no note was written."),
    created_at: z.string(),
  })
  .openapi("InstanceHeader");

export const instanceSchema = instanceHeaderSchema
  .extend({
    // Not core's instanceSchema: parsing with it adds the computed inventory lines, and the document is
    // answered (and stored) exactly as it was sent.
    document: z.record(z.string(), z.unknown()).describe("The instance document (docs/instance-format.md)."),
  })
  .openapi("Instance");

export const scenarioSchema = z.object({ id: z.string(), name }).openapi("Scenario");

// The core's schemas are plain zod (core knows no HTTP): described here, named by the routes that answer them.
export const pathwaySchema = pathwayJsonSchema.describe("The pathway JSON contract (docs/pathway-json.md).");

export const explanationOutSchema = explanationSchema.describe(
  "How one number was computed: each step's formula with the numbers used, units and sources.",
);

export function presentInstanceHeader(i: Omit<InstanceRecord, "document">) {
  return { id: i.id, name: i.name, version: i.version, note: i.note, created_at: i.createdAt.toISOString() };
}

export function presentInstance(i: InstanceRecord) {
  return { ...presentInstanceHeader(i), document: i.document };
}
