/**
 * Actions from a table (CSV or XLSX, one row per action): new actions, and status changes or new plan
 * memberships of existing ones. Every row is checked, every problem reported with its line and column, and
 * each result is checked as a whole by the core's schema, before anything is stored. Columns (header names,
 * case-insensitive):
 *
 *   id                                                     required
 *   name_ko, name_en, description_ko, description_en       required for a new action
 *   plan, policy_area                                      required for a new action; adds a membership
 *   departments, indicators                                required for a new action; ids separated by `;`
 *                                                          (a department may also be named in Korean)
 *   status, status_date, reason_ko, reason_en              a status change (required for a new action)
 *   source | illustrative, note                            where the status change comes from (an
 *                                                          illustrative one says why in `note`)
 *   start, end, phase                                      optional
 *
 * A value is never guessed: a missing required value is a problem, not a default.
 */
import { AGENDA_STATUSES, fail, ok, type Problem, problem, type Result, type TenantId } from "@citypath/core";
import {
  type Action,
  ActionSchema,
  type Agenda,
  comparePartialDates,
  IMPLEMENTATION_PHASES,
  type ObservationChange,
  previewObservationImport,
} from "@citypath/core/agenda/index";
import { canonicalJson, type Store } from "@citypath/db";
import { readUpload, type Upload } from "./uploads.ts";

export interface ActionImportChange {
  readonly action: string;
  readonly line: number;
  readonly kind: "create" | "update" | "same";
  /** The fields that change (for an update). */
  readonly fields: readonly string[];
  readonly document: Action;
  /** The stored version an update applies to; 0 for a new action. */
  readonly base_version: number;
}

const TRUE = new Set(["true", "yes", "y", "1", "예"]);
const list = (v: string) =>
  v
    .split(";")
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

/** The column a schema issue is about, for the problem's location. */
function columnOf(path: readonly PropertyKey[]): string {
  const [a, , c] = path;
  if (a === "name" || a === "description") return `${String(a)}_${c === "en" ? "en" : "ko"}`;
  if (a === "plans") return "plan";
  if (a === "status_history") return path[2] === "reason" ? "reason_ko" : "status_date";
  return String(a ?? "id");
}

export function previewActionImport(
  rows: readonly Readonly<Record<string, string>>[],
  current: readonly { id: string; version: number; document: Action }[],
  registers: Pick<Agenda, "departments" | "sources"> & { indicators: readonly string[] },
  opts: { file: string; lines: readonly number[] },
): Result<ActionImportChange[]> {
  const problems: Problem[] = [];
  const changes: ActionImportChange[] = [];
  const byId = new Map(current.map((r) => [r.id, r]));
  const deptByName = new Map(registers.departments.map((d) => [d.name.ko, d.id as string]));
  const deptIds = new Set(registers.departments.map((d) => d.id as string));
  const sources = new Set(registers.sources.map((s) => s.id as string));
  const indicators = new Set(registers.indicators);
  const seen = new Map<string, number>();

  if (rows.length > 0 && !Object.keys(rows[0]!).some((k) => k.trim().toLowerCase() === "id"))
    return fail([
      problem("MISSING_COLUMN", "the table has no 'id' column", { file: opts.file, line: 1, column: "id" }),
    ]);

  rows.forEach((raw, i) => {
    const line = opts.lines[i] ?? i + 2;
    const at = (column: string) => ({ file: opts.file, line, column });
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) row[k.trim().toLowerCase()] = (v ?? "").trim();
    const rp: Problem[] = [];
    const id = row.id ?? "";
    if (!id) {
      problems.push(problem("MISSING_VALUE", "no action id", at("id")));
      return;
    }
    const dup = seen.get(id);
    if (dup !== undefined) {
      problems.push(problem("DUPLICATE", `action '${id}' is also on line ${dup}`, at("id")));
      return;
    }
    seen.set(id, line);
    const existing = byId.get(id);
    const need = (col: string) => {
      if (!row[col]) rp.push(problem("MISSING_VALUE", `a new action needs '${col}'`, at(col)));
      return row[col] ?? "";
    };

    const departments = row.departments ? list(row.departments) : undefined;
    const deptOut = departments?.map((d) => {
      const resolved = deptIds.has(d) ? d : deptByName.get(d);
      if (!resolved) rp.push(problem("UNKNOWN_REFERENCE", `no department '${d}'`, at("departments")));
      return resolved ?? d;
    });
    const inds = row.indicators ? list(row.indicators) : undefined;
    for (const x of inds ?? [])
      if (!indicators.has(x)) rp.push(problem("UNKNOWN_REFERENCE", `no indicator '${x}'`, at("indicators")));
    const source = row.source || undefined;
    if (source && !sources.has(source))
      rp.push(problem("UNKNOWN_REFERENCE", `no source '${source}'`, at("source")));
    const illustrative = row.illustrative ? TRUE.has(row.illustrative.toLowerCase()) : undefined;
    if (row.status && !(AGENDA_STATUSES as readonly string[]).includes(row.status))
      rp.push(
        problem("BAD_VALUE", `'${row.status}' is not one of ${AGENDA_STATUSES.join(", ")}`, at("status")),
      );
    if (row.phase && !(IMPLEMENTATION_PHASES as readonly string[]).includes(row.phase))
      rp.push(
        problem("BAD_VALUE", `'${row.phase}' is not one of ${IMPLEMENTATION_PHASES.join(", ")}`, at("phase")),
      );

    const statusChange = row.status
      ? {
          status: row.status,
          date: row.status_date ?? "",
          reason: { ko: row.reason_ko ?? "", en: row.reason_en ?? "" },
          ...(source ? { source } : {}),
          ...(illustrative ? { illustrative: true } : {}),
          ...(row.note ? { note: row.note } : {}),
        }
      : undefined;
    if (statusChange) {
      for (const col of ["status_date", "reason_ko", "reason_en"])
        if (!row[col]) rp.push(problem("MISSING_VALUE", `a status change needs '${col}'`, at(col)));
      if (!source && !(illustrative && row.note))
        rp.push(
          problem(
            "MISSING_VALUE",
            "a status change needs a 'source', or 'illustrative' with a 'note' saying why",
            at(illustrative ? "note" : "source"),
          ),
        );
    }

    let candidate: Record<string, unknown>;
    if (!existing) {
      const plan = need("plan");
      const area = need("policy_area");
      for (const col of [
        "name_ko",
        "name_en",
        "description_ko",
        "description_en",
        "departments",
        "indicators",
        "status",
      ])
        need(col);
      candidate = {
        id,
        name: { ko: row.name_ko, en: row.name_en },
        description: { ko: row.description_ko, en: row.description_en },
        plans: [{ plan, policy_area: area }],
        categories: [],
        sectors: [],
        response: [],
        departments: deptOut ?? [],
        contacts: [],
        partners: [],
        ...(row.start ? { start: row.start } : {}),
        ...(row.end ? { end: row.end } : {}),
        status: row.status,
        status_history: statusChange ? [statusChange] : [],
        ...(row.phase ? { phase: row.phase } : {}),
        indicators: inds ?? [],
        tasks: [],
        milestones: [],
        progress: [],
        sources: source ? [source] : [],
      };
    } else {
      const a = existing.document;
      const last = a.status_history.at(-1);
      if (statusChange && last && statusChange.date && comparePartialDates(last.date, statusChange.date) > 0)
        rp.push(
          problem(
            "BAD_VALUE",
            `the change is dated ${statusChange.date}, before the latest change (${last.date})`,
            at("status_date"),
          ),
        );
      const changesStatus =
        statusChange && (statusChange.status !== a.status || statusChange.date !== last?.date);
      const newPlan =
        row.plan && !a.plans.some((m) => m.plan === row.plan && m.policy_area === row.policy_area)
          ? [{ plan: row.plan, policy_area: row.policy_area ?? "" }]
          : [];
      candidate = {
        ...a,
        ...(row.name_ko || row.name_en
          ? { name: { ko: row.name_ko || a.name.ko, en: row.name_en || a.name.en } }
          : {}),
        ...(row.description_ko || row.description_en
          ? {
              description: {
                ko: row.description_ko || a.description.ko,
                en: row.description_en || a.description.en,
              },
            }
          : {}),
        plans: [...a.plans, ...newPlan],
        ...(deptOut ? { departments: deptOut } : {}),
        ...(inds ? { indicators: inds } : {}),
        ...(row.start ? { start: row.start } : {}),
        ...(row.end ? { end: row.end } : {}),
        ...(row.phase ? { phase: row.phase } : {}),
        ...(changesStatus
          ? { status: statusChange.status, status_history: [...a.status_history, statusChange] }
          : {}),
      };
    }
    if (rp.length) {
      problems.push(...rp);
      return;
    }
    const parsed = ActionSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(problem("BAD_VALUE", issue.message, at(columnOf(issue.path))));
      return;
    }
    const doc = parsed.data;
    // compared as canonical JSON (keys sorted at every depth): the stored document comes back from jsonb
    // with its keys in another order, which is no change
    const stored = (existing?.document ?? {}) as Record<string, unknown>;
    const fields = existing
      ? [...new Set([...Object.keys(doc), ...Object.keys(stored)])].filter(
          (k) => canonicalJson((doc as Record<string, unknown>)[k]) !== canonicalJson(stored[k]),
        )
      : Object.keys(doc);
    changes.push({
      action: id,
      line,
      kind: !existing ? "create" : fields.length ? "update" : "same",
      fields,
      document: doc,
      base_version: existing?.version ?? 0,
    });
  });
  return problems.length ? fail(problems) : ok(changes);
}

/** A preview of an uploaded table: how many rows it has, and the changes or every problem. */
export interface UploadPreview<C> {
  readonly rows: number;
  readonly result: Result<C[]>;
}

/** Previews an uploaded table of indicator values with the core (lines as in the file). */
export async function previewObservationUpload(
  s: Store,
  tenantId: TenantId,
  body: Upload,
): Promise<UploadPreview<ObservationChange>> {
  const up = await readUpload(body);
  if (!up.ok) return { rows: 0, result: up };
  const { records, lines, file } = up.value;
  const indicators = (await s.agenda.list(tenantId, "indicator")).map((r) => r.document);
  const sources = new Set((await s.agenda.registers(tenantId)).sources.map((x) => x.id as string));
  // The core numbers rows from `firstLine`; map those numbers back to the file's own lines.
  const FIRST = 2;
  const lineOf = (n: number) => (n >= FIRST ? (lines[n - FIRST] ?? n) : n);
  const r = previewObservationImport(records, indicators, { file, firstLine: FIRST, sources });
  const result: Result<ObservationChange[]> = r.ok
    ? { ...r, value: r.value.map((ch) => ({ ...ch, line: lineOf(ch.line) })) }
    : { ...r, problems: r.problems.map((p) => (p.line !== undefined ? { ...p, line: lineOf(p.line) } : p)) };
  return { rows: records.length, result };
}

/** Previews an uploaded table of actions against the stored agenda. */
export async function previewActionUpload(
  s: Store,
  tenantId: TenantId,
  body: Upload,
): Promise<UploadPreview<ActionImportChange>> {
  const up = await readUpload(body);
  if (!up.ok) return { rows: 0, result: up };
  const { records, lines, file } = up.value;
  const reg = await s.agenda.registers(tenantId);
  const indicators = (await s.agenda.list(tenantId, "indicator")).map((r) => r.id);
  const result = previewActionImport(
    records,
    await s.agenda.list(tenantId, "action"),
    { departments: reg.departments, sources: reg.sources, indicators },
    { file, lines },
  );
  return { rows: records.length, result };
}
