/**
 * Participation's tables in the tenant export: each row as it is stored (columns by their property names,
 * times as ISO strings, without the tenant id), checked against the table's own column types on import.
 *
 * Accounts are named by their ids, never by email (docs/decisions/0035): `copyAccounts` keeps ids, so after a
 * move (`migrate-to`) every author, supporter, reporter, block and follow names the same person. Imported
 * into a database that does not hold the account, a reference names nobody: the contribution shows the name
 * stored with it, a support still counts once, a follow mails no one, and the figures do not change.
 */
import { asLocal, CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import { AnswerLinkSchema, ConsultationSchema } from "@citypath/core/participation/index";
import { asc, eq, getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { sqlState } from "./errors.ts";
import { jsonSchema } from "./json.ts";
import * as schema from "./schema.ts";
import type { Store } from "./store.ts";

type TenantTable = PgTable & { tenantId: PgColumn };

/** The tables in the order they are imported (a row's foreign keys name rows imported before it). */
const TABLES = {
  consultations: { table: schema.consultation, order: ["id"] },
  contributions: { table: schema.contribution, order: ["id"] },
  edits: { table: schema.contributionEdit, order: ["contributionId", "version"] },
  answers: { table: schema.contributionAnswer, order: ["contributionId"] },
  supports: { table: schema.contributionSupport, order: ["contributionId", "supporter"] },
  reports: { table: schema.contributionReport, order: ["contributionId", "reporter"] },
  blocks: { table: schema.participationBlock, order: ["userId"] },
  follows: { table: schema.participationFollow, order: ["userId", "targetKind", "targetId"] },
} as const satisfies Record<string, { table: TenantTable; order: readonly string[] }>;
type Part = keyof typeof TABLES;

const isoDate = z.iso.datetime({ offset: true });

/** A row of the table as the export writes it: every column but the tenant's, of the column's type. */
function rowSchema(table: PgTable) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    if (key === "tenantId") continue;
    const base =
      col.dataType === "date"
        ? isoDate
        : col.dataType === "number"
          ? z.number().int()
          : col.dataType === "boolean"
            ? z.boolean()
            : col.dataType === "json"
              ? jsonSchema
              : z.string();
    shape[key] = col.notNull ? base : base.nullable();
  }
  return z.strictObject(shape);
}

type Row = Record<string, unknown>;
const BATCH = 500;

export const participationExportSchema = z.object(
  Object.fromEntries(Object.keys(TABLES).map((k) => [k, z.array(rowSchema(TABLES[k as Part].table))])) as {
    [K in Part]: z.ZodArray<z.ZodObject<Record<string, z.ZodType>>>;
  },
);
export type ParticipationExport = { [K in Part]: Row[] };

function dateKeys(table: PgTable): string[] {
  return Object.entries(getTableColumns(table))
    .filter(([, c]) => c.dataType === "date")
    .map(([k]) => k);
}

export async function exportParticipation(s: Store, tenantId: TenantId): Promise<ParticipationExport> {
  const out = {} as ParticipationExport;
  for (const [part, { table, order }] of Object.entries(TABLES) as [Part, (typeof TABLES)[Part]][]) {
    const cols = getTableColumns(table) as Record<string, PgColumn>;
    const dates = dateKeys(table);
    const rows = await s.db
      .select()
      .from(table as TenantTable)
      .where(eq((table as TenantTable).tenantId, tenantId))
      .orderBy(...order.map((k) => asc(cols[k]!)));
    out[part] = rows.map((r: Row) => {
      const { tenantId: _, ...rest } = r;
      for (const k of dates) if (rest[k] instanceof Date) rest[k] = (rest[k] as Date).toISOString();
      return rest;
    });
  }
  return out;
}

/**
 * Inserts the exported rows under the new tenant, in the caller's transaction. A row the database refuses
 * (a state outside the vocabulary, a reply without its contribution, a duplicate) is a BAD_VALUE naming it.
 */
export async function importParticipation(
  s: Store,
  tenantId: TenantId,
  p: ParticipationExport,
): Promise<void> {
  const problems: Problem[] = [];
  p.consultations.forEach((c, i) => {
    const r = ConsultationSchema.safeParse(c.document);
    if (!r.success)
      for (const issue of r.error.issues)
        problems.push(
          problem("BAD_VALUE", issue.message, {
            path: `participation.consultations[${i}].document.${issue.path.join(".")}`,
          }),
        );
  });
  // an answer link's note: a string in an export written before migration 0032, read as the Korean
  const answers = p.answers.map((a, i) => {
    const links = Array.isArray(a.links)
      ? a.links.map((l: unknown) => {
          const note = (l as { note?: unknown } | null)?.note;
          return typeof note === "string" ? { ...(l as object), note: asLocal(note) } : l;
        })
      : a.links;
    const r = z.array(AnswerLinkSchema).safeParse(links);
    if (!r.success)
      for (const issue of r.error.issues)
        problems.push(
          problem("BAD_VALUE", issue.message, {
            path: `participation.answers[${i}].links${issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("")}`,
          }),
        );
    return { ...a, links: r.success ? r.data : links };
  });
  if (problems.length) throw new CitypathError(problems);
  const checked: ParticipationExport = { ...p, answers };
  for (const [part, { table }] of Object.entries(TABLES) as [Part, (typeof TABLES)[Part]][]) {
    const dates = dateKeys(table);
    const rows = checked[part];
    for (let i = 0; i < rows.length; i += BATCH) {
      const values = rows.slice(i, i + BATCH).map((r) => {
        const v: Row = { ...r, tenantId };
        for (const k of dates) if (typeof v[k] === "string") v[k] = new Date(v[k] as string);
        return v;
      });
      try {
        await s.db.insert(table as TenantTable).values(values);
      } catch (e) {
        const code = sqlState(e);
        if (!code?.startsWith("23")) throw e;
        // the first refusal ends the import, which is one transaction: nothing of it stays
        throw new CitypathError(
          problem(
            "BAD_VALUE",
            `The database refused a row among rows ${i} to ${i + values.length - 1} (SQLSTATE ${code}): ${(e as Error).message}`,
            { path: `participation.${part}` },
          ),
        );
      }
    }
  }
}
