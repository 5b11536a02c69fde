/**
 * What the agenda's route schemas share. The agenda's routes (one folder per resource: plans, actions,
 * progress, indicators, observations, reminders, summary) serve the plans, actions, indicators, progress,
 * reminders and status summary of a tenant. Reads are public (citizens and visitors see what is published;
 * members who review drafts see drafts); writes belong to editors (their departments' actions) and tenant
 * admins. Every record carries its `version`; a write names the version it read (`base_version`) and gets
 * 409 when another write came first.
 */
import { ID_PATTERN, provenanceFields, TextSchema } from "@citypath/core";
import { SourceIdSchema } from "@citypath/core/agenda/index";
import { ENCODINGS } from "@citypath/data";
import { z } from "@hono/zod-openapi";
import { int4, tenantParam } from "../common.ts";

/** The agenda's record ids (core's id rule). */
export const ID = ID_PATTERN;
const idParam = (name: string, example: string) =>
  z
    .string()
    .regex(ID)
    .openapi({ param: { name, in: "path" }, example });
export const planParams = z.object({
  tenant: tenantParam,
  plan: idParam("plan", "administration-direction-2021"),
});
export const actionParams = z.object({ tenant: tenantParam, action: idParam("action", "brt") });
export const indicatorParams = z.object({
  tenant: tenantParam,
  indicator: idParam("indicator", "brt-riders"),
});

export const text = TextSchema;
export const baseVersion = int4().min(0).openapi({ description: "The version read; 0 to create." });
export const provenance = provenanceFields(SourceIdSchema);

export const TAGS = ["agenda"];

/** An uploaded table of indicator values or actions. */
export const observationImportBody = z
  .object({
    file_name: z.string().min(1),
    content_base64: z.string(),
    format: z.enum(["csv", "xlsx"]).optional(),
    encoding: z
      .enum(ENCODINGS)
      .optional()
      .openapi({ description: "CSV only; default: detected (a BOM or valid UTF-8 is UTF-8, else CP949)." }),
    sheet: z.string().optional(),
  })
  .openapi("ObservationImport");
