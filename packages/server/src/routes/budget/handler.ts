import { CitypathError, type Problem, problem, type TenantId } from "@citypath/core";
import type { Department } from "@citypath/core/agenda/index";
import {
  type BudgetLine,
  parseBudgetLineRecords,
  parseSettlementRecords,
  type Settlement,
} from "@citypath/core/budget/index";
import { getImportProfile, type Store, type TenantRecord } from "@citypath/db";
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { seesDrafts } from "../../access.ts";
import type { AppEnv, Caller } from "../../env.ts";
import { editableDepartments } from "../../services/agenda.ts";
import { asJson, recordChange } from "../../services/audit.ts";
import { statementInput } from "../../services/budget.ts";
import { readUpload } from "../../services/uploads.ts";
import { buildStatement } from "../../statements/model.ts";
import { statementDocument } from "../../statements/tables.ts";
import { renderStatementInWorker } from "../../workers/statements.ts";
import { fileResponse, notFound } from "../common.ts";
import {
  type budgetImportBody,
  importCommitRoute,
  importPreviewRoute,
  listLinesRoute,
  saveLineRoute,
  saveSettlementRoute,
  statementRoute,
} from "./schema.ts";

const presentProblem = (p: Problem) => ({
  file: p.file ?? "",
  row: p.line ?? null,
  column: p.column ?? null,
  code: p.code,
  reason: p.message,
});

/** A year is visible to everyone once published; members who review drafts see every year. */
async function visibleYear(c: Context<AppEnv>, year: number): Promise<boolean> {
  const t = c.get("tenant");
  const y = await c.get("deps").store.budget.year(t.id, year);
  const published = y?.document.published ?? false;
  if (!published && !seesDrafts(c.get("caller"), t.id))
    throw notFound(`${t.slug} has no published budget for ${year}.`, "year");
  return published;
}

/**
 * The department rule: an editor changes the lines of their own departments only. A line names its
 * department by its register id (`department_id`); memberships name register ids (decision 0083). A line
 * without one (stored before, under a Korean name two departments share; decision 0095) belongs to no
 * department until an admin chooses it: only admins change it.
 */
async function checkDepartment(
  s: Store,
  caller: Caller,
  t: TenantRecord,
  lines: readonly BudgetLine[],
  file?: string,
) {
  const allowed = await editableDepartments(s, caller, t.id as TenantId);
  if (allowed === "all") return;
  const owners = (l: BudgetLine): string[] => (l.department_id !== undefined ? [l.department_id] : []);
  const refused = lines.filter((l) => !owners(l).some((id) => allowed.has(id)));
  if (refused.length)
    throw new CitypathError(
      refused.map((l) =>
        problem(
          "FORBIDDEN",
          l.department_id === undefined
            ? `line ${l.year} ${l.code} names no department of the register yet ("${l.department}"); an admin chooses it`
            : `line ${l.year} ${l.code} belongs to ${l.department}; you edit your own departments' lines only`,
          {
            ...(file ? { file } : {}),
            path: "code",
          },
        ),
      ),
    );
}

function pathMatches(year: string, code: string, doc: { year: number; code: string }) {
  if (String(doc.year) !== year || doc.code !== code)
    throw new CitypathError(
      problem("BAD_VALUE", `the body is ${doc.year} ${doc.code}, the path ${year} ${code}`, { path: "json" }),
    );
}

type ImportBody = z.infer<typeof budgetImportBody>;

/** The import profile the body names, checked to be for this kind of budget file. */
async function layoutOf(s: Store, t: TenantRecord, body: ImportBody) {
  if (!body.profile) return undefined;
  const p = await getImportProfile(s, t.id, body.profile);
  if (!p) throw notFound(`No import profile "${body.profile}" in ${t.slug}.`, "json.profile");
  const want = body.kind === "lines" ? "budget_lines" : "budget_settlements";
  if (p.kind !== want)
    throw new CitypathError(
      problem("BAD_VALUE", `The profile "${p.id}" is for ${p.kind} files, not ${want}.`, {
        path: "json.profile",
      }),
    );
  return p;
}

async function parseImport(s: Store, t: TenantRecord, body: ImportBody) {
  const up = await readUpload(body, await layoutOf(s, t, body));
  if (!up.ok) return { rows: 0, result: up } as const;
  const where = { file: up.value.file, lines: up.value.lines };
  const rows = up.value.records.length;
  if (body.kind !== "lines")
    return { rows, kind: "settlements", result: parseSettlementRecords(up.value.records, where) } as const;
  const parsed = parseBudgetLineRecords(up.value.records, where);
  return {
    rows,
    kind: "lines",
    result: parsed.ok ? await withDepartmentIds(s, t, parsed.value, where) : parsed,
  } as const;
}

/**
 * A budget file names a line's department as the budget writes it (Korean) and, where it can, by its register
 * id (decision 0083). Each line gets the register's id: the one given, which must be the register's, or the
 * one department whose Korean name the file gives; a name the register does not know (or shares between two
 * departments) is refused with the file, line and column, so no line is stored with a department nobody's
 * rights can reach.
 */
/**
 * The register's id of a line's department: the id it gives, which must be the register's, or the one
 * department whose Korean name it gives; else why not, and which field to change.
 */
function departmentOf(
  t: TenantRecord,
  departments: readonly Department[],
  l: BudgetLine,
): { id: string | undefined } | { refused: string; column: "department" | "department_id" } {
  // a row standing for several projects (`aggregate_of`, e.g. "(전체)") is no one department's: it keeps no
  // id unless one is given, and only administrators change it (decision 0095)
  if (l.department_id === undefined && l.aggregate_of !== undefined) return { id: undefined };
  if (l.department_id !== undefined)
    return departments.some((d) => d.id === l.department_id)
      ? { id: l.department_id }
      : {
          refused: `"${l.department_id}" is not a department id of ${t.slug}'s register`,
          column: "department_id",
        };
  const named = departments.filter((d) => d.name.ko === l.department);
  if (named.length === 1) return { id: named[0]!.id as string };
  return {
    refused:
      named.length === 0
        ? `no department "${l.department}" in ${t.slug}'s department register: add it (Members & settings) or give its id in department_id`
        : `${named.length} departments of the register are called "${l.department}": give the id in department_id (${named.map((d) => d.id).join(", ")})`,
    column: named.length === 0 ? "department" : "department_id",
  };
}

async function withDepartmentIds(
  s: Store,
  t: TenantRecord,
  lines: BudgetLine[],
  where: { file: string; lines: readonly number[] },
): Promise<{ ok: true; value: BudgetLine[] } | { ok: false; problems: Problem[] }> {
  const { departments } = await s.agenda.registers(t.id as TenantId);
  const problems: Problem[] = [];
  const value = lines.map((l, i) => {
    const at = (column: string) => ({ file: where.file, line: where.lines[i] ?? i + 2, column });
    const r = departmentOf(t, departments, l);
    if ("id" in r) return r.id === l.department_id ? l : { ...l, department_id: r.id };
    problems.push(problem("UNKNOWN_REFERENCE", r.refused, at(r.column)));
    return l;
  });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

async function changesOf(
  s: Store,
  t: TenantRecord,
  kind: "lines" | "settlements",
  docs: readonly (BudgetLine | Settlement)[],
) {
  const out: { year: number; code: string; change: "new" | "changed" | "same"; version: number }[] = [];
  for (const d of docs) {
    const cur =
      kind === "lines"
        ? await s.budget.line(t.id, d.year, d.code)
        : await s.budget.settlement(t.id, d.year, d.code);
    out.push({
      year: d.year,
      code: d.code,
      change: !cur ? "new" : JSON.stringify(cur.document) === JSON.stringify(d) ? "same" : "changed",
      version: cur?.version ?? 0,
    });
  }
  return out;
}

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listLinesRoute, async (c) => {
    const t = c.get("tenant");
    const year = Number(c.req.valid("param").year);
    const published = await visibleYear(c, year);
    const { store } = c.get("deps");
    const lines = await store.budget.lines(t.id, year);
    if (lines.length === 0 && !(await store.budget.year(t.id, year)))
      throw notFound(`${t.slug} has no budget for ${year}.`, "year");
    const settlements = await store.budget.settlements(t.id, year);
    return c.json(
      {
        tenant: t.slug,
        year,
        published,
        lines: lines.map((r) => ({ line: r.document, version: r.version })),
        settlements: settlements.map((r) => ({ settlement: r.document, version: r.version })),
      },
      200,
    );
  });

  app.openapi(saveLineRoute, async (c) => {
    const t = c.get("tenant");
    const { year, code } = c.req.valid("param");
    const body = c.req.valid("json");
    const { base_version } = body;
    pathMatches(year, code, body.line);
    const caller = c.get("caller");
    const saved = await recordChange(c.get("deps").store, caller, async (s) => {
      // a saved line names a department of the register by its id (decision 0095)
      const { departments } = await s.agenda.registers(t.id as TenantId);
      const dep = departmentOf(t, departments, body.line);
      if (!("id" in dep))
        throw new CitypathError(
          problem("UNKNOWN_REFERENCE", dep.refused, { path: `json.line.${dep.column}` }),
        );
      const line: BudgetLine = dep.id === undefined ? body.line : { ...body.line, department_id: dep.id };
      const before = await s.budget.line(t.id, line.year, line.code);
      await checkDepartment(s, caller, t, before ? [before.document, line] : [line]);
      const rec = await s.budget.saveLine(t.id, line, base_version);
      return {
        result: rec,
        audit: {
          tenantId: t.id,
          action: before ? "budget.line.update" : "budget.line.create",
          entity: "budget_line",
          entityId: `${line.year}/${line.code}`,
          version: rec.version,
          before: before ? asJson(before.document) : null,
          after: asJson(rec.document),
        },
      };
    });
    return c.json({ line: saved.document, version: saved.version }, 200);
  });

  app.openapi(saveSettlementRoute, async (c) => {
    const t = c.get("tenant");
    const { year, code } = c.req.valid("param");
    const { base_version, settlement } = c.req.valid("json");
    pathMatches(year, code, settlement);
    const caller = c.get("caller");
    const saved = await recordChange(c.get("deps").store, caller, async (s) => {
      const line = await s.budget.line(t.id, settlement.year, settlement.code);
      if (!line) throw notFound(`No budget line ${settlement.year} ${settlement.code} to settle.`, "code");
      await checkDepartment(s, caller, t, [line.document]);
      const before = await s.budget.settlement(t.id, settlement.year, settlement.code);
      const rec = await s.budget.saveSettlement(t.id, settlement, base_version);
      return {
        result: rec,
        audit: {
          tenantId: t.id,
          action: before ? "budget.settlement.update" : "budget.settlement.create",
          entity: "budget_settlement",
          entityId: `${settlement.year}/${settlement.code}`,
          version: rec.version,
          before: before ? asJson(before.document) : null,
          after: asJson(rec.document),
        },
      };
    });
    return c.json({ settlement: saved.document, version: saved.version }, 200);
  });

  app.openapi(importPreviewRoute, async (c) => {
    const t = c.get("tenant");
    const body = c.req.valid("json");
    const parsed = await parseImport(c.get("deps").store, t, body);
    const changes = parsed.result.ok
      ? await changesOf(c.get("deps").store, t, body.kind, parsed.result.value)
      : [];
    return c.json(
      {
        ok: parsed.result.ok,
        rows: parsed.rows,
        changes: changes.map(({ version: _v, ...ch }) => ch),
        problems: (parsed.result.ok ? [] : parsed.result.problems).map(presentProblem),
      },
      200,
    );
  });

  app.openapi(importCommitRoute, async (c) => {
    const t = c.get("tenant");
    const body = c.req.valid("json");
    const caller = c.get("caller");
    const stored = await recordChange(c.get("deps").store, caller, async (s) => {
      const parsed = await parseImport(s, t, body);
      // all or nothing: one problem and nothing is stored; the answer lists every problem
      if (!parsed.result.ok) throw new CitypathError(parsed.result.problems);
      const docs = parsed.result.value;
      const changes = (await changesOf(s, t, body.kind, docs)).filter((ch) => ch.change !== "same");
      const byKey = new Map(docs.map((d) => [`${d.year}|${d.code}`, d]));
      if (body.kind === "lines") {
        const lines = changes.map((ch) => byKey.get(`${ch.year}|${ch.code}`) as BudgetLine);
        const before = await Promise.all(changes.map((ch) => s.budget.line(t.id, ch.year, ch.code)));
        await checkDepartment(
          s,
          caller,
          t,
          [...lines, ...before.flatMap((b) => (b ? [b.document] : []))],
          body.file_name,
        );
        for (const [i, l] of lines.entries()) await s.budget.saveLine(t.id, l, changes[i]!.version);
      } else {
        const owners: BudgetLine[] = [];
        for (const ch of changes) {
          const line = await s.budget.line(t.id, ch.year, ch.code);
          if (!line)
            throw new CitypathError(
              problem("UNKNOWN_REFERENCE", `no budget line ${ch.year} ${ch.code} to settle`, {
                file: body.file_name,
                column: "code",
              }),
            );
          owners.push(line.document);
        }
        await checkDepartment(s, caller, t, owners, body.file_name);
        for (const ch of changes)
          await s.budget.saveSettlement(t.id, byKey.get(`${ch.year}|${ch.code}`) as Settlement, ch.version);
      }
      return {
        result: changes.length,
        audit: {
          tenantId: t.id,
          action: `budget.import.${body.kind}`,
          entity: body.kind === "lines" ? "budget_line" : "budget_settlement",
          entityId: body.file_name,
          version: null,
          before: null,
          after: asJson({ file: body.file_name, changed: changes.map((ch) => `${ch.year}/${ch.code}`) }),
        },
      };
    });
    return c.json({ stored }, 200);
  });

  app.openapi(statementRoute, async (c) => {
    const t = c.get("tenant");
    const year = Number(c.req.valid("param").year);
    const { kind, format, lang } = c.req.valid("query");
    await visibleYear(c, year);
    const deps = c.get("deps");
    const input = await statementInput(
      deps.store,
      t,
      year,
      kind,
      new Date(deps.clock()),
      deps.services.compute,
    );
    if (format === "json") {
      // built in a compute thread when the server has them (off the event loop), here without
      const body = deps.services.compute
        ? await deps.services.compute.statement({ input, lang })
        : JSON.stringify(statementDocument(buildStatement(input), lang));
      return c.body(body, 200, { "content-type": "application/json; charset=utf-8" });
    }
    const bytes = await renderStatementInWorker({ input, format, lang });
    const types = {
      html: "text/html; charset=utf-8",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      pdf: "application/pdf",
    } as const;
    const name = format === "html" ? undefined : `${t.slug}-${kind}-${year}-${lang}.${format}`;
    return fileResponse(c, bytes, types[format], name);
  });
}
