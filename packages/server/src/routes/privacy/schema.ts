import {
  AnswerStateSchema,
  CONSENT_KINDS,
  CONTRIBUTION_KINDS,
  CONTRIBUTIONS_AFTER_DELETION,
  ModerationStateSchema,
  OPTIONAL_CONSENTS,
  ReportReasonSchema,
} from "@citypath/core/participation/index";
import { TextAnswerSchema } from "@citypath/core/vocabulary/index";
import { z } from "@hono/zod-openapi";
import { PUBLIC, SIGNED_IN, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { MAX_PASSWORD_LENGTH } from "../../security/passwords.ts";
import { json, jsonBody, tenantParams } from "../common.ts";

const TAGS = ["personal data"];
// named BilingualText in the OpenAPI document (openapi-components.ts)
const text = TextAnswerSchema;

export const consentTextsSchema = z
  .object({
    version: z.string(),
    title: text,
    agree: text,
    required: z.object({ purpose: text, items: text, retention: text, refusal: text }),
    age: text,
    optional: z.object(
      Object.fromEntries(OPTIONAL_CONSENTS.map((k) => [k, text])) as Record<
        (typeof OPTIONAL_CONSENTS)[number],
        typeof text
      >,
    ),
    after_deletion: text,
    sensitive: text,
    inactivity: z.object({
      delete_after_days: z.number().int(),
      warnings_days_before: z.array(z.number().int()),
    }),
  })
  .openapi("ConsentTexts");

export const consentTextsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/privacy/consent-texts",
  tags: TAGS,
  summary: "The consent texts shown at sign-up (Korean and English) and their version",
  description:
    "The four items PIPA Art. 15(2) lists for the required consent (purpose, items collected, retention, the " +
    "right to refuse and its consequence), the declaration 'I am 14 or older', the optional consents apart, " +
    "the rule for contributions after an account is deleted, and the notice on sensitive information. A " +
    "sign-up sends back this version.",
  responses: { 200: json(consentTextsSchema, "The texts in force.") },
});

const consentRecord = z.object({
  kind: z.enum(CONSENT_KINDS),
  text_version: z.string(),
  given_at: z.string(),
  withdrawn_at: z.string().nullable(),
});

export const myDataSchema = z
  .object({
    format: z.literal("citypath.my-data"),
    exported_at: z.string(),
    account: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      district: z.string().nullable(),
      email_verified: z.boolean(),
      created_at: z.string(),
      last_active_at: z.string(),
    }),
    consents: z.array(consentRecord),
    memberships: z.array(
      z.object({ tenant: z.string(), role: z.string(), departments: z.array(z.string()) }),
    ),
    contributions: z.array(
      z.object({
        tenant: z.string(),
        consultation: z.string(),
        id: z.string(),
        kind: z.enum(CONTRIBUTION_KINDS),
        parent: z.string().nullable(),
        title: z.string().nullable(),
        text: z.string(),
        display_name: z.string(),
        badge: z.string().nullable(),
        moderation: ModerationStateSchema,
        supports: z.number().int(),
        created_at: z.string(),
        edited_at: z.string().nullable(),
        answer: z.object({ state: AnswerStateSchema, answered_at: z.string().nullable() }).nullable(),
      }),
    ),
    supports: z.array(z.object({ tenant: z.string(), contribution: z.string(), created_at: z.string() })),
    reports: z.array(
      z.object({
        tenant: z.string(),
        contribution: z.string(),
        reason: ReportReasonSchema,
        created_at: z.string(),
      }),
    ),
    resident_verifications: z.array(z.object({ tenant: z.string(), verified_at: z.string() })),
    blocks: z.array(z.object({ tenant: z.string(), reason: z.string(), created_at: z.string() })),
    follows: z.array(
      z.object({
        tenant: z.string(),
        kind: z.enum(["consultation", "contribution"]),
        id: z.string(),
        created_at: z.string(),
      }),
    ),
  })
  .openapi("MyData");

export const myDataRoute = secureRoute(SIGNED_IN, {
  method: "get",
  path: "/api/me/data",
  tags: TAGS,
  summary: "Everything Citypath holds of the signed-in account (PIPA Art. 35)",
  description:
    "The account, its consents (kind, text version, when), memberships, contributions with their texts, " +
    "supports, reports, resident verifications (when; never the details entered), blocks and follows, in " +
    "every city. The password is held only as a hash and is not shown.",
  responses: { 200: json(myDataSchema, "The account's data."), ...errorResponses(401) },
});

export const myDataDownloadRoute = secureRoute(SIGNED_IN, {
  method: "get",
  path: "/api/me/data/download",
  tags: TAGS,
  summary: "The same as GET /api/me/data, as a JSON file to keep (PIPA Art. 35-2)",
  responses: { 200: json(myDataSchema, "citypath-my-data.json"), ...errorResponses(401) },
});

export const myConsentsRoute = secureRoute(SIGNED_IN, {
  method: "put",
  path: "/api/me/consents",
  tags: TAGS,
  summary: "Give or withdraw the optional consents (the required ones end by deleting the account)",
  description:
    "The optional consents in force afterwards are exactly `optional`. Withdrawing optional_district removes " +
    "the district at once. Each change is in the platform's audit trail (kinds only).",
  request: {
    body: jsonBody(
      z
        .object({
          version: z.string().min(1).max(40),
          optional: z.array(z.enum(OPTIONAL_CONSENTS)).max(OPTIONAL_CONSENTS.length),
          district: z.string().trim().min(1).max(100).optional(),
        })
        .openapi("MyConsents"),
    ),
  },
  responses: {
    200: json(z.object({ consents: z.array(consentRecord) }), "The consents now."),
    ...errorResponses(400, 401, 403, 415),
  },
});

export const deleteAccountRoute = secureRoute(SIGNED_IN, {
  method: "delete",
  path: "/api/me",
  tags: TAGS,
  summary: "Delete the signed-in account and its personal data now (PIPA Art. 36)",
  description:
    "The password is asked again. Contributions stay under 'deleted account' with their text " +
    "(`contributions: keep_text`, the rule the consent text states) or lose their text as well " +
    "(`remove_text`); supports and reports stay as anonymous counts; sessions, password, memberships, " +
    "consents, verifications, blocks and follows are deleted. A platform administrator hands over first.",
  request: {
    body: jsonBody(
      z
        .object({
          password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
          contributions: z.enum(CONTRIBUTIONS_AFTER_DELETION),
        })
        .openapi("DeleteAccount"),
    ),
  },
  responses: {
    200: json(
      z
        .object({
          deleted: z.literal(true),
          contributions: z.number().int(),
          texts_removed: z.number().int(),
          supports: z.number().int(),
          reports: z.number().int(),
          memberships: z.number().int(),
        })
        .openapi("AccountDeleted"),
      "Deleted; the session cookies are cleared.",
    ),
    ...errorResponses(400, 401, 403, 409, 415, 429),
  },
});

export const registerSchema = z
  .object({
    tenant: z.string(),
    generated_at: z.string(),
    files: z.array(
      z.object({
        name: text,
        basis: text,
        purpose: text,
        items: text,
        processing: text,
        retention: text,
        recipients: text,
        records: z.number().int().openapi({ description: "How many people's data the file holds now." }),
      }),
    ),
  })
  .openapi("PersonalDataRegister");

export const registerRoute = secureRoute(TENANT_ADMINS, {
  method: "get",
  path: "/api/tenants/{tenant}/privacy/register",
  tags: TAGS,
  summary: "The city's register of personal-data files (PIPA Art. 32): items, purpose, retention, counts",
  description:
    "One row per file Citypath keeps for the city: its name, legal basis and purpose, the items, how it is " +
    "processed, how long it is kept, regular recipients, and how many people's data it holds. `format=csv` " +
    "gives the same as CSV (UTF-8 with BOM) for the city's filing.",
  request: {
    params: tenantParams,
    query: z.object({ format: z.enum(["json", "csv"]).default("json") }),
  },
  responses: {
    200: {
      description: "The register.",
      content: {
        "application/json": { schema: registerSchema },
        "text/csv": { schema: z.string() },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});
