import type { ActionId } from "@citypath/core";
import type { ImplementationReport } from "@citypath/core/report/index";
import { EMPTY_ENTRIES } from "@citypath/core/report/index";
import type { ReportRecord } from "@citypath/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { seesDrafts } from "../../access.ts";
import type { AppEnv } from "../../env.ts";
import { reportDocument } from "../../report/document.ts";
import {
  advanceReport,
  publishReport,
  reopenReport,
  reportContent,
  saveEntries,
  saveMeasureEntry,
} from "../../services/report.ts";
import { buildReportInWorker, renderReportInWorker } from "../../workers/statements.ts";
import { fileResponse, notFound } from "../common.ts";
import {
  getReportRoute,
  listReportsRoute,
  publishReportRoute,
  reopenReportRoute,
  reportFileRoute,
  reportStageRoute,
  saveEntriesRoute,
  saveMeasureRoute,
} from "./schema.ts";

/** What leaves the server of a report record: the header, never the stored row as it is. */
export function presentReport(r: ReportRecord) {
  return {
    plan: r.planId,
    year: r.year,
    version: r.version,
    stage: r.stage,
    published: r.published,
    completed_at: r.completedAt ? r.completedAt.toISOString() : null,
    updated_at: r.updatedAt.toISOString(),
  };
}

/** A report is public once published; members who review drafts see every report (and previews). */
async function visibleReport(
  c: Context<AppEnv>,
  plan: string,
  year: number,
): Promise<ReportRecord | undefined> {
  const t = c.get("tenant");
  const r = await c.get("deps").store.reports.get(t.id, plan, year);
  if (!(r?.published ?? false) && !seesDrafts(c.get("caller"), t.id))
    throw notFound(`${t.slug} has no published implementation report for ${plan} ${year}.`, "year");
  return r;
}

const today = (c: Context<AppEnv>) => new Date(c.get("deps").clock()).toISOString().slice(0, 10);

export function register(app: OpenAPIHono<AppEnv>) {
  app.openapi(listReportsRoute, async (c) => {
    const t = c.get("tenant");
    const all = await c.get("deps").store.reports.list(t.id);
    const drafts = seesDrafts(c.get("caller"), t.id);
    return c.json(
      { tenant: t.slug, reports: all.filter((r) => drafts || r.published).map(presentReport) },
      200,
    );
  });

  app.openapi(getReportRoute, async (c) => {
    const t = c.get("tenant");
    const { plan, year } = c.req.valid("param");
    const { lang } = c.req.valid("query");
    const rec = await visibleReport(c, plan, Number(year));
    const content = await reportContent(c.get("deps").store, t, plan, Number(year), today(c));
    const report: ImplementationReport =
      "report" in content ? content.report : await buildReportInWorker(content.sources);
    return c.json(
      {
        report: rec ? presentReport(rec) : null,
        entries: rec?.entries ?? EMPTY_ENTRIES,
        frozen: "report" in content,
        document: reportDocument(report, lang),
        measures: report.measures.map((m) => ({
          action: m.action,
          no: m.no,
          completed_on: m.completed_on ?? null,
          completed_by: m.completed_by ?? null,
          needs_follow_up: report.follow_up.actions.some((f) => f.action === m.action),
        })),
      },
      200,
    );
  });

  app.openapi(reportFileRoute, async (c) => {
    const t = c.get("tenant");
    const { plan, year } = c.req.valid("param");
    const { format, lang } = c.req.valid("query");
    await visibleReport(c, plan, Number(year));
    const content = await reportContent(c.get("deps").store, t, plan, Number(year), today(c));
    const bytes = await renderReportInWorker({ format, lang, ...content });
    const types = {
      html: "text/html; charset=utf-8",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      pdf: "application/pdf",
    } as const;
    const name = format === "html" ? undefined : `${t.slug}-implementation-${plan}-${year}-${lang}.${format}`;
    return fileResponse(c, bytes, types[format], name);
  });

  app.openapi(saveEntriesRoute, async (c) => {
    const { plan, year } = c.req.valid("param");
    const body = c.req.valid("json");
    const d = c.get("deps");
    const r = await saveEntries(
      d.store,
      c.get("caller"),
      c.get("tenant"),
      plan,
      Number(year),
      body.entries,
      body.base_version,
    );
    return c.json(presentReport(r), 200);
  });

  app.openapi(saveMeasureRoute, async (c) => {
    const { plan, year, action } = c.req.valid("param");
    const body = c.req.valid("json");
    const d = c.get("deps");
    const r = await saveMeasureEntry(
      d.store,
      c.get("caller"),
      c.get("tenant"),
      plan,
      Number(year),
      { ...body.entry, action: action as ActionId },
      body.base_version,
    );
    return c.json(presentReport(r), 200);
  });

  app.openapi(reportStageRoute, async (c) => {
    const { plan, year } = c.req.valid("param");
    const body = c.req.valid("json");
    const d = c.get("deps");
    const r = await advanceReport(
      d.store,
      c.get("caller"),
      c.get("tenant"),
      plan,
      Number(year),
      {
        to: body.to,
        ...(body.committee ? { committee: body.committee } : {}),
        ...(body.submitted_on ? { submitted_on: body.submitted_on } : {}),
        ...(body.council ? { council: body.council } : {}),
      },
      body.base_version,
      new Date(d.clock()),
    );
    return c.json(presentReport(r), 200);
  });

  app.openapi(reopenReportRoute, async (c) => {
    const { plan, year } = c.req.valid("param");
    const body = c.req.valid("json");
    const d = c.get("deps");
    const r = await reopenReport(
      d.store,
      c.get("caller"),
      c.get("tenant"),
      plan,
      Number(year),
      body.reason,
      body.base_version,
    );
    return c.json(presentReport(r), 200);
  });

  app.openapi(publishReportRoute, async (c) => {
    const { plan, year } = c.req.valid("param");
    const body = c.req.valid("json");
    const d = c.get("deps");
    const r = await publishReport(
      d.store,
      c.get("caller"),
      c.get("tenant"),
      plan,
      Number(year),
      body.published,
      body.base_version,
    );
    return c.json(presentReport(r), 200);
  });
}
