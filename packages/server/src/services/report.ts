/**
 * The implementation report's workflow: a report per plan and year checked goes draft -> review ->
 * deliberated -> submitted -> reported (to the council). In a draft, departments complete their measures'
 * rows and the admin writes the rest; completing it (draft -> review) freezes the report as it is built from
 * the data of that moment (the snapshot), so later edits of the agenda, budget or inventory do not change
 * it. An admin may reopen a completed report (back to draft, snapshot dropped), with a reason, audited.
 * Publication (the public page and files) needs a frozen report.
 */
import { CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import {
  EMPTY_ENTRIES,
  type ImplementationReport,
  type MeasureEntry,
  REPORT_STAGES,
  type ReportEntries,
  ReportEntriesSchema,
  type ReportStage,
} from "@citypath/core/report/index";
import type { ReportRecord, Store, TenantRecord } from "@citypath/db";
import type { Caller } from "../env.ts";
import { type ReportSources, reportSources } from "../report/sources.ts";
import { buildReportInWorker } from "../workers/statements.ts";
import { editableDepartments, mayChange, refuseChange } from "./agenda.ts";
import { asJson, recordChange } from "./audit.ts";

const notFound = (message: string, path: string) =>
  new CitypathError(problem("NOT_FOUND", message, { path }));

export function conflict(message: string, current: number): CitypathError {
  const e = new CitypathError(problem("CONFLICT", message));
  (e as CitypathError & { currentVersion?: number }).currentVersion = current;
  return e;
}

/** The report record, or NOT_FOUND. */
export async function reportRecord(
  store: Store,
  t: TenantRecord,
  plan: string,
  year: number,
): Promise<ReportRecord> {
  const r = await store.reports.get(t.id as TenantId, plan, year);
  if (!r) throw notFound(`${t.slug} has no implementation report for ${plan} ${year}.`, "year");
  return r;
}

/** What a report is printed from: the frozen report, or (a draft) the sources as they are now. */
export async function reportContent(
  store: Store,
  t: TenantRecord,
  plan: string,
  year: number,
  asOf: string,
): Promise<{ report: ImplementationReport } | { sources: ReportSources }> {
  const r = await store.reports.get(t.id as TenantId, plan, year);
  if (r?.snapshot) return { report: r.snapshot as ImplementationReport };
  return {
    sources: await reportSources(store, t, { year, plan, asOf, entries: r?.entries ?? EMPTY_ENTRIES }),
  };
}

function checkEntries(entries: unknown): ReportEntries {
  const r = ReportEntriesSchema.safeParse(entries);
  if (!r.success)
    throw new CitypathError(
      r.error.issues.map((i) => problem("BAD_VALUE", i.message, { path: `entries.${i.path.join(".")}` })),
    );
  return r.data;
}

/**
 * The departments a report's entries name are the register's (decision 0095): a row's `completed_by` is one
 * of its measure's departments or a department under one of them (a bureau's measure completed by one of its
 * divisions), a follow-up's `owner` any department of the register. Refused with a 400 at
 * the field (`path` is where the entries sit in the request body), naming the ids to use.
 */
async function checkDepartments(
  store: Store,
  t: TenantRecord,
  e: Pick<ReportEntries, "measures" | "follow_up">,
  at: { measures: (i: number) => string; follow_up: (i: number) => string },
): Promise<void> {
  if (!e.measures.some((m) => m.completed_by) && !e.follow_up.some((f) => f.owner)) return;
  const { departments } = await store.agenda.registers(t.id as TenantId);
  const known = new Set(departments.map((d) => d.id as string));
  const parent = new Map(departments.map((d) => [d.id as string, d.parent as string | undefined]));
  /** Whether `id` is one of `owners` or under one of them in the register. */
  const within = (id: string, owners: readonly string[]) => {
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && !seen.has(at); at = parent.get(at)) {
      if (owners.includes(at)) return true;
      seen.add(at);
    }
    return false;
  };
  const actions = new Map(
    (await store.agenda.list(t.id as TenantId, "action")).map((a) => [a.id as string, a.document]),
  );
  const problems: Problem[] = [];
  e.measures.forEach((m, i) => {
    if (!m.completed_by) return;
    const own = actions.get(m.action)?.departments ?? [];
    if (!known.has(m.completed_by) || !within(m.completed_by, own))
      problems.push(
        problem(
          "UNKNOWN_REFERENCE",
          known.has(m.completed_by)
            ? `"${m.completed_by}" is neither a department of measure "${m.action}" (${own.join(", ") || "none"}) nor under one; the row is completed by one of them`
            : `no department "${m.completed_by}" in ${t.slug}'s register; the row is completed by one of its measure's departments (${own.join(", ") || "none"})`,
          { path: `${at.measures(i)}.completed_by` },
        ),
      );
  });
  e.follow_up.forEach((f, i) => {
    if (f.owner && !known.has(f.owner))
      problems.push(
        problem("UNKNOWN_REFERENCE", `no department "${f.owner}" in ${t.slug}'s register`, {
          path: `${at.follow_up(i)}.owner`,
        }),
      );
  });
  if (problems.length) throw new CitypathError(problems);
}

const audit = (t: TenantRecord, action: string, r: ReportRecord, before: ReportRecord | undefined) => ({
  tenantId: t.id,
  action,
  entity: "implementation_report",
  entityId: `${r.planId}/${r.year}`,
  version: r.version,
  before: before
    ? asJson({ stage: before.stage, published: before.published, entries: before.entries })
    : null,
  after: asJson({ stage: r.stage, published: r.published, entries: r.entries }),
});

/** Creates a draft (base_version 0) or replaces a draft's entries (admins). */
export async function saveEntries(
  store: Store,
  caller: Caller,
  t: TenantRecord,
  plan: string,
  year: number,
  entries: unknown,
  baseVersion: number,
): Promise<ReportRecord> {
  const e = checkEntries(entries);
  await checkDepartments(store, t, e, {
    measures: (i) => `json.entries.measures.${i}`,
    follow_up: (i) => `json.entries.follow_up.${i}`,
  });
  // the plan must exist: a report is of a plan
  await reportSources(store, t, { year, plan, asOf: "1970-01-01" }).catch((err) => {
    if (err instanceof CitypathError && err.code === "NOT_FOUND" && /plan/.test(err.message)) throw err;
  });
  return recordChange(store, caller, async (s) => {
    const before = await s.reports.get(t.id as TenantId, plan, year);
    if (before && before.stage !== "draft")
      throw conflict(
        `The report for ${plan} ${year} is completed (${before.stage}); an admin reopens it first.`,
        before.version,
      );
    const saved = await s.reports.save(
      t.id as TenantId,
      plan,
      year,
      { stage: "draft", published: false, entries: e, snapshot: null, completedAt: null },
      baseVersion,
    );
    return { result: saved, audit: audit(t, baseVersion === 0 ? "create" : "update", saved, before) };
  });
}

/** A department completes (or edits) its measure's row in a draft: editors of the measure's departments. */
export async function saveMeasureEntry(
  store: Store,
  caller: Caller,
  t: TenantRecord,
  plan: string,
  year: number,
  entry: MeasureEntry,
  baseVersion: number,
): Promise<ReportRecord> {
  const action = await store.agenda.get(t.id as TenantId, "action", entry.action);
  if (!action?.document.plans.some((p) => p.plan === plan))
    throw notFound(`${plan} has no measure "${entry.action}".`, "action");
  const allowed = await editableDepartments(store, caller, t.id as TenantId);
  const { departments } = await store.agenda.registers(t.id as TenantId);
  const owned = { kind: "action" as const, document: action.document };
  if (!mayChange(owned, allowed)) refuseChange(owned, departments);
  await checkDepartments(
    store,
    t,
    { measures: [entry], follow_up: [] },
    { measures: () => "json.entry", follow_up: () => "json.entry" },
  );
  return recordChange(store, caller, async (s) => {
    const before = await reportRecord(s, t, plan, year);
    if (before.version !== baseVersion)
      throw conflict(
        `The report changed since version ${baseVersion}; it is now at ${before.version}.`,
        before.version,
      );
    if (before.stage !== "draft")
      throw conflict(`The report is completed (${before.stage}); an admin reopens it first.`, before.version);
    const measures = [...before.entries.measures.filter((m) => m.action !== entry.action), entry];
    const entries = checkEntries({ ...before.entries, measures });
    const saved = await s.reports.save(
      t.id as TenantId,
      plan,
      year,
      { stage: "draft", published: false, entries, snapshot: null, completedAt: null },
      baseVersion,
    );
    return { result: saved, audit: audit(t, "update", saved, before) };
  });
}

export interface StageChange {
  readonly to: ReportStage;
  /** The committee's date and decision (to `deliberated`). */
  readonly committee?: ReportEntries["committee"];
  /** The submission date (to `submitted`). */
  readonly submitted_on?: string;
  /** The council's date (to `reported`). */
  readonly council?: ReportEntries["council"];
}

/**
 * Moves a report one stage forward. Completing a draft (to `review`) builds the report from the data of the
 * moment and freezes it; the later stages record their dates in the entries and in the frozen report's
 * cover and record (the figures stay as frozen).
 */
export async function advanceReport(
  store: Store,
  caller: Caller,
  t: TenantRecord,
  plan: string,
  year: number,
  change: StageChange,
  baseVersion: number,
  now: Date,
): Promise<ReportRecord> {
  const cur = await reportRecord(store, t, plan, year);
  const from = REPORT_STAGES.indexOf(cur.stage);
  const to = REPORT_STAGES.indexOf(change.to);
  if (to !== from + 1)
    throw new CitypathError(
      problem(
        "BAD_VALUE",
        `the report is at '${cur.stage}' and moves one stage forward, not to '${change.to}'`,
        {
          path: "to",
        },
      ),
    );
  const need = { deliberated: "committee", submitted: "submitted_on", reported: "council" } as const;
  const field = need[change.to as keyof typeof need];
  if (field && change[field] === undefined)
    throw new CitypathError(
      problem("MISSING_VALUE", `moving to '${change.to}' records ${field}`, { path: field }),
    );
  let snapshot = cur.snapshot as ImplementationReport | null;
  const entries = checkEntries({
    ...cur.entries,
    ...(change.committee ? { committee: change.committee } : {}),
    ...(change.submitted_on ? { submitted_on: change.submitted_on } : {}),
    ...(change.council ? { council: change.council } : {}),
  });
  if (change.to === "review") {
    const sources = await reportSources(store, t, {
      year,
      plan,
      asOf: now.toISOString().slice(0, 10),
      entries,
    });
    snapshot = await buildReportInWorker(sources);
  } else if (snapshot) {
    snapshot = {
      ...snapshot,
      cover: {
        ...snapshot.cover,
        committee: {
          ...snapshot.cover.committee,
          ...(entries.committee
            ? { date: entries.committee.date, decision: entries.committee.decision }
            : {}),
        },
        submission: {
          ...snapshot.cover.submission,
          ...(entries.submitted_on ? { date: entries.submitted_on } : {}),
        },
        council: { ...snapshot.cover.council, ...(entries.council ? { date: entries.council.date } : {}) },
      },
      record: {
        ...(entries.committee ? { committee: entries.committee } : {}),
        ...(entries.council ? { council: entries.council } : {}),
      },
    };
  }
  return recordChange(store, caller, async (s) => {
    const before = await reportRecord(s, t, plan, year);
    if (before.version !== baseVersion)
      throw conflict(
        `The report changed since version ${baseVersion}; it is now at ${before.version}.`,
        before.version,
      );
    const saved = await s.reports.save(
      t.id as TenantId,
      plan,
      year,
      {
        stage: change.to,
        published: before.published,
        entries,
        snapshot,
        completedAt: change.to === "review" ? now : before.completedAt,
      },
      baseVersion,
    );
    return { result: saved, audit: audit(t, change.to === "review" ? "complete" : "advance", saved, before) };
  });
}

/** An admin reopens a completed report: back to draft, the frozen report dropped, unpublished; audited with the reason. */
export async function reopenReport(
  store: Store,
  caller: Caller,
  t: TenantRecord,
  plan: string,
  year: number,
  reason: string,
  baseVersion: number,
): Promise<ReportRecord> {
  return recordChange(store, caller, async (s) => {
    const before = await reportRecord(s, t, plan, year);
    if (before.version !== baseVersion)
      throw conflict(
        `The report changed since version ${baseVersion}; it is now at ${before.version}.`,
        before.version,
      );
    if (before.stage === "draft")
      throw new CitypathError(problem("BAD_VALUE", "the report is a draft already", { path: "stage" }));
    const saved = await s.reports.save(
      t.id as TenantId,
      plan,
      year,
      { stage: "draft", published: false, entries: before.entries, snapshot: null, completedAt: null },
      baseVersion,
    );
    return {
      result: saved,
      audit: { ...audit(t, "reopen", saved, before), after: asJson({ stage: "draft", reason }) },
    };
  });
}

/** Publishes (or withdraws) a completed report's public page and files. */
export async function publishReport(
  store: Store,
  caller: Caller,
  t: TenantRecord,
  plan: string,
  year: number,
  published: boolean,
  baseVersion: number,
): Promise<ReportRecord> {
  return recordChange(store, caller, async (s) => {
    const before = await reportRecord(s, t, plan, year);
    if (before.version !== baseVersion)
      throw conflict(
        `The report changed since version ${baseVersion}; it is now at ${before.version}.`,
        before.version,
      );
    if (published && !before.snapshot)
      throw new CitypathError(
        problem("BAD_VALUE", "a draft is not published: complete the report first", { path: "published" }),
      );
    const saved = await s.reports.save(
      t.id as TenantId,
      plan,
      year,
      {
        stage: before.stage,
        published,
        entries: before.entries,
        snapshot: before.snapshot,
        completedAt: before.completedAt,
      },
      baseVersion,
    );
    return { result: saved, audit: audit(t, published ? "publish" : "withdraw", saved, before) };
  });
}
