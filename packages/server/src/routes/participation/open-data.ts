/**
 * Participation as open data: every consultation the public sees, and every contribution in them with its
 * official answer, anonymised (no account, key or display name; phone numbers, email addresses and
 * registration numbers in texts replaced by what they were; hidden contributions without their texts;
 * contributions their authors deleted left out), under the licence the city states. JSON, or a table as CSV
 * (formula-escaped, UTF-8 with a BOM) or XLSX.
 */
import {
  AnswerStateSchema,
  answeredOnTime,
  BADGES,
  CONSULTATION_STATUSES,
  CONTRIBUTION_KINDS,
  ModerationStateSchema,
  redactPersonalData,
  SubjectKindSchema,
  shownStatus,
} from "@citypath/core/participation/index";
import { LocalTextAnswerSchema } from "@citypath/core/vocabulary/index";
import type { ContributionRecord } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { PUBLIC } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { type Table, writeTable } from "../../services/tables.ts";
import { fileResponse, tenantParams } from "../common.ts";

const localized = LocalTextAnswerSchema;

const OpenContribution = z
  .object({
    consultation: z.string(),
    contribution: z.string(),
    kind: z.enum(CONTRIBUTION_KINDS),
    parent: z.string().nullable(),
    depth: z.number().int(),
    badge: z
      .enum(BADGES)
      .nullable()
      .openapi({ description: "Council member or expert adviser, from the city's roster." }),
    created_at: z.string(),
    edited_at: z.string().nullable(),
    title: z.string().nullable().openapi({ description: "Proposals; null for comments and while hidden." }),
    text: z.string().nullable().openapi({ description: "Null while hidden by moderation." }),
    supports: z.number().int(),
    moderation: ModerationStateSchema,
    due_at: z.string(),
    answer_state: AnswerStateSchema,
    answered_at: z.string().nullable(),
    answered_on_time: z.boolean().nullable().openapi({ description: "Null until a final answer." }),
    answer: localized.nullable(),
    department: z.string().nullable(),
    illustrative: z.boolean(),
  })
  .openapi("OpenContribution");

export const ParticipationOpenData = z
  .object({
    format: z.literal("citypath.participation-open-data"),
    format_version: z.literal(1),
    tenant: z.string(),
    licence: z.string().nullable(),
    generated_at: z.string(),
    consultations: z.array(
      z.object({
        id: z.string(),
        title: localized,
        subject: z.object({ kind: SubjectKindSchema, id: z.string() }),
        status: z.enum(CONSULTATION_STATUSES),
        opens_at: z.string(),
        closes_at: z.string(),
        department: z.string(),
        answer_due_days: z.number().int(),
        illustrative: z.boolean(),
      }),
    ),
    contributions: z.array(OpenContribution),
  })
  .openapi("ParticipationOpenData");
type OpenData = z.infer<typeof ParticipationOpenData>;

export const participationOpenDataRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/exports/participation",
  tags: ["import and export"],
  summary:
    "Consultations, contributions and official answers as open data (anonymised; JSON, CSV or XLSX) under the city's licence",
  request: {
    params: tenantParams,
    query: z.object({
      format: z.enum(["json", "csv", "xlsx"]).default("json"),
      lang: z
        .enum(["ko", "en"])
        .default("ko")
        .openapi({ description: "The table's headers' language (Korean by default)." }),
    }),
  },
  responses: {
    200: {
      description: "The open data (CSV: one row per contribution, UTF-8 with a BOM).",
      content: {
        "application/json": { schema: ParticipationOpenData },
        "text/csv": { schema: z.string().openapi({ format: "binary" }) },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
      },
    },
    ...errorResponses(400, 404),
  },
});

const hidden = (c: ContributionRecord) => c.moderation !== "visible";

function openContribution(c: ContributionRecord): OpenData["contributions"][number] {
  const a = c.answer;
  const state = a?.state ?? "not_answered";
  const final = a?.answeredAt ?? null;
  return {
    consultation: c.consultationId,
    contribution: c.id,
    kind: c.kind,
    parent: c.parentId,
    depth: c.depth,
    badge: c.badge,
    created_at: c.createdAt.toISOString(),
    edited_at: c.editedAt?.toISOString() ?? null,
    title: c.title === null || hidden(c) ? null : redactPersonalData(c.title),
    text: hidden(c) ? null : redactPersonalData(c.text),
    supports: c.supportCount,
    moderation: c.moderation,
    due_at: c.dueAt.toISOString(),
    answer_state: state,
    answered_at: final?.toISOString() ?? null,
    answered_on_time: final ? answeredOnTime(state, final.getTime(), c.dueAt.getTime()) : null,
    answer: a
      ? {
          ko: redactPersonalData(a.text.ko),
          ...(a.text.en ? { en: redactPersonalData(a.text.en) } : {}),
        }
      : null,
    department: a?.department ?? null,
    illustrative: c.illustrative,
  };
}

const COLUMNS = [
  "consultation",
  "contribution",
  "kind",
  "parent",
  "depth",
  "badge",
  "created_at",
  "edited_at",
  "title",
  "text",
  "supports",
  "moderation",
  "due_at",
  "answer_state",
  "answered_at",
  "answered_on_time",
  "answer_ko",
  "answer_en",
  "department",
  "illustrative",
] as const;

/** The contributions as one table: a row each, the answer's two texts as two columns. */
export function openDataTable(doc: OpenData): Table {
  return {
    columns: [...COLUMNS],
    rows: doc.contributions.map((c) => {
      const cells: Record<(typeof COLUMNS)[number], string | number | boolean | null> = {
        ...c,
        answer_ko: c.answer?.ko ?? null,
        answer_en: c.answer?.en ?? null,
      };
      // yes/no as the words true and false, as the JSON has them
      return COLUMNS.map((k) => {
        const v = cells[k];
        return typeof v === "boolean" ? String(v) : v;
      });
    }),
  };
}

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function registerOpenData(app: OpenAPIHono<AppEnv>) {
  app.openapi(participationOpenDataRoute, async (c) => {
    const t = c.get("tenant");
    const deps = c.get("deps");
    const q = c.req.valid("query");
    const now = deps.clock();
    const settings = (t.settings ?? {}) as Record<string, unknown>;
    // drafts are not public, even to the staff who see them elsewhere
    const consultations = (await deps.store.participation.consultations(t.id)).filter(
      (r) => r.consultation.status !== "draft",
    );
    const contributions = await deps.store.participation.contributionsOf(
      t.id,
      consultations.map((r) => r.consultation.id),
    );
    const doc: OpenData = {
      format: "citypath.participation-open-data",
      format_version: 1,
      tenant: t.slug,
      licence: typeof settings.open_data_licence === "string" ? settings.open_data_licence : null,
      generated_at: new Date(now).toISOString(),
      consultations: consultations.map(({ consultation: k }) => ({
        id: k.id,
        title: k.title,
        subject: k.subject,
        status: shownStatus(
          {
            status: k.status,
            opensAt: Date.parse(k.opens_at),
            closesAt: Date.parse(k.closes_at),
            audience: k.audience,
          },
          now,
        ),
        opens_at: k.opens_at,
        closes_at: k.closes_at,
        department: k.department,
        answer_due_days: k.answer_due_days,
        illustrative: k.illustrative,
      })),
      contributions: contributions.map(openContribution),
    };
    if (q.format === "json") return c.json(doc, 200);
    const bytes = await writeTable(openDataTable(doc), q.format, q.lang, `${t.slug}-participation`);
    return fileResponse(c, bytes, TYPES[q.format], `${t.slug}-participation.${q.format}`);
  });
}
