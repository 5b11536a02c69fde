import { TextSchema } from "@citypath/core";
/** What leaves the server about model instances and scenarios. */
import type { InstanceRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

const name = TextSchema;

export const instanceHeaderSchema = z
  .object({ id: z.string(), name: z.string(), version: z.number().int(), created_at: z.string() })
  .openapi("InstanceHeader");

export const instanceSchema = instanceHeaderSchema
  .extend({ document: z.record(z.string(), z.unknown()).openapi({ description: "The instance document." }) })
  .openapi("Instance");

export const scenarioSchema = z.object({ id: z.string(), name }).openapi("Scenario");

export const pathwaySchema = z
  .looseObject({
    format: z.string().openapi({ example: "citypath-pathway/2" }),
    years: z.array(z.number().int()),
    unit: z.string(),
  })
  .openapi("Pathway", { description: "The pathway JSON contract (docs/pathway-json.md)." });

export function presentInstanceHeader(i: Omit<InstanceRecord, "document">) {
  return { id: i.id, name: i.name, version: i.version, created_at: i.createdAt.toISOString() };
}

export function presentInstance(i: InstanceRecord) {
  return { ...presentInstanceHeader(i), document: i.document as Record<string, unknown> };
}
