/**
 * axe-core through @axe-core/playwright with its default
 * rule set (WCAG 2.0/2.1/2.2 A and AA rules and best practices); no rule is disabled.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

interface AxeResults {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ target: unknown; failureSummary?: string }>;
  }>;
}
interface AxeBuilderLike {
  analyze(): Promise<AxeResults>;
}
type AxeBuilderCtor = new (opts: { page: Page }) => AxeBuilderLike;

// Loaded through require and typed here: its own typings name `playwright`, the tests drive `playwright-core`.
const AxeBuilder = (createRequire(import.meta.url)("@axe-core/playwright") as { default: AxeBuilderCtor })
  .default;

/** The violations on the page as short readable lines (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => JSON.stringify(n.target))
        .join(", ")}`,
  );
}
