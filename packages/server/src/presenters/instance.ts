/** What leaves the server about model instances, scenarios and their pathways. */
import { CitypathError, problem, TextSchema } from "@citypath/core";
import { explanationSchema, pathwayJsonSchema } from "@citypath/core/pathway/json-schema";
import { rangeProvenanceSchema } from "@citypath/core/pathway/levers";
import { instanceSchema as instanceDocumentSchema } from "@citypath/core/pathway/schema";
import { formatPath } from "@citypath/core/pathway/validate";
import type { InstanceRecord } from "@citypath/db";
import { z } from "@hono/zod-openapi";

const name = TextSchema;

/** The instance document (docs/instance-format.md), one component for the GET answer and the PUT body. */
export const instanceDocumentComponent = instanceDocumentSchema.meta({
  id: "InstanceDocument",
  description: "The instance document (docs/instance-format.md).",
});

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
    document: instanceDocumentComponent,
  })
  .openapi("Instance");

const rangeSchema = rangeProvenanceSchema
  .describe(
    "Where the range comes from: a `source` naming its year, or `illustrative: true` with a `note` saying what it rests on (a range the scenario does not declare: the engine's rule, labelled illustrative).",
  )
  .openapi("RangeProvenance");

export const leverSchema = z
  .object({
    action: z.string(),
    level: z.number().describe("The scenario's level (1 = the action as parameterised)."),
    min: z.number().describe("The lowest level the least-cost portfolio may choose."),
    max: z.number().describe("The highest level the least-cost portfolio may choose."),
    range: rangeSchema,
  })
  .openapi("Lever");

export const scenarioSchema = z
  .object({
    id: z.string(),
    name,
    levers: z.array(leverSchema).describe("The scenario's actions as levers (none for business as usual)."),
  })
  .openapi("Scenario");

// The core's schemas are plain zod (core knows no HTTP): described here, named by the routes that answer them.
export const pathwaySchema = pathwayJsonSchema.meta({
  id: "PathwayDocument",
  description: "The pathway JSON contract (docs/pathway-json.md).",
});

export const explanationOutSchema = explanationSchema.describe(
  "How one number was computed: each step's formula with the numbers used, units and sources.",
);

export function presentInstanceHeader(i: Omit<InstanceRecord, "document">) {
  return { id: i.id, name: i.name, version: i.version, note: i.note, created_at: i.createdAt.toISOString() };
}

/**
 * The document as it was stored (the engine validated it on save), read through the core's schema for its
 * type: the schema writes nothing into it (a value left out, such as a waste method's GWP, stays out, and the
 * method's explanation shows the value used), so the answer is the stored document.
 */
export function presentInstance(i: InstanceRecord) {
  const read = instanceDocumentSchema.safeParse(i.document);
  // A version saved under an earlier rule of the format (a lever's range without its provenance, say) is
  // refused with the rule it misses, not answered as a server failure: it is re-saved with what is missing.
  if (!read.success)
    throw new CitypathError(
      read.error.issues
        .slice(0, 20)
        .map((issue) =>
          problem(
            "INVALID_INSTANCE",
            `Version ${i.version} of instance "${i.id}" was stored under an earlier rule of the instance format and ` +
              `no longer matches it: ${issue.message} Save it again with what this rule asks for.`,
            { path: `document.${formatPath(issue.path)}` },
          ),
        ),
    );
  return { ...presentInstanceHeader(i), document: read.data };
}

/**
 * The instance's actions as a list (what the agenda's model link offers), not the whole document: each
 * scenario with the actions it levels, and each action's id, name, type and parameter names. Read from the
 * stored document (the engine validated it when it was saved); entries without an id are left out.
 */
export const instanceActionIndexSchema = z
  .object({
    instance: z.string(),
    version: z.number().int(),
    scenarios: z.array(z.object({ id: z.string(), name, actions: z.array(z.string()) })),
    actions: z.array(
      z.object({
        id: z.string(),
        name,
        type: z.string(),
        parameters: z.array(z.string()).describe("The action's parameters (its sources and note left out)."),
      }),
    ),
  })
  .openapi("InstanceActionIndex");

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const records = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
const textOf = (v: unknown, fallback: string) =>
  isRecord(v) && typeof v.ko === "string"
    ? { ko: v.ko, en: typeof v.en === "string" ? v.en : v.ko }
    : { ko: fallback, en: fallback };

export function presentActionIndex(i: InstanceRecord): z.infer<typeof instanceActionIndexSchema> {
  const doc: unknown = i.document;
  const d = isRecord(doc) ? doc : {};
  return {
    instance: i.id,
    version: i.version,
    scenarios: records(d.scenarios).flatMap((s) =>
      typeof s.id === "string"
        ? [
            {
              id: s.id,
              name: textOf(s.name, s.id),
              actions: records(s.actions).flatMap((x) => (typeof x.action === "string" ? [x.action] : [])),
            },
          ]
        : [],
    ),
    actions: records(d.actions).flatMap((a) =>
      typeof a.id === "string" && typeof a.type === "string"
        ? [
            {
              id: a.id,
              name: textOf(a.name, a.id),
              type: a.type,
              parameters: Object.keys(isRecord(a.params) ? a.params : {}).filter(
                (k) => k !== "sources" && k !== "illustrative",
              ),
            },
          ]
        : [],
    ),
  };
}
