/**
 * axe-core's default rule set (WCAG 2.0/2.1/2.2 A and AA rules and best practices; no rule disabled), run in
 * the page with `axe.run` over the whole document. axe is injected once per document (and per frame), not
 * on every check: @axe-core/playwright's `analyze()` evaluated axe's 580 kB source twice per check and
 * opened a blank page to merge the results (axe's cross-origin frame protocol, which our same-origin pages
 * do not need); that cost a two-core machine 4-9 s of Chromium's CPU per check.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";

interface AxeResults {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ target: unknown; failureSummary?: string }>;
  }>;
}

let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return source;
}

async function inject(frame: Frame): Promise<void> {
  if (await frame.evaluate(() => typeof (window as { axe?: unknown }).axe === "object")) return;
  await frame.evaluate(axeSource());
  // results stay in the page (no branding, no reporting elsewhere); frames of our own origin only
  await frame.evaluate(() =>
    (window as unknown as { axe: { configure(c: object): void } }).axe.configure({
      allowedOrigins: ["<same_origin>"],
    }),
  );
}

/** The violations on the page as short readable lines (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  for (const frame of page.frames()) await inject(frame);
  // every rule still runs on the whole document; only the violations are described node by node (axe's
  // `resultTypes`): the selectors and HTML of the passing nodes, which nothing reads, are not built
  const r = await page.evaluate(() =>
    (window as unknown as { axe: { run(d: Document, o: object): Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ["violations"],
    }),
  );
  return r.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => JSON.stringify(n.target))
        .join(", ")}`,
  );
}
