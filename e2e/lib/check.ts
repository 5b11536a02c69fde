/**
 * What the browser tests do on every page state: axe (no rule disabled) and a full-page screenshot in
 * e2e/artifacts/ for people to look at. The screenshots are taken locally; in CI, where nobody looks at them and
 * each full-page PNG costs a second or more of a two-core machine, only when E2E_SCREENSHOTS=1.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { axeViolations } from "./axe.ts";
import { ROOT } from "./server.ts";

export const ARTIFACTS = join(ROOT, "e2e/artifacts");

const SCREENSHOTS =
  process.env.E2E_SCREENSHOTS !== undefined ? process.env.E2E_SCREENSHOTS !== "0" : process.env.CI !== "true";

/** A full-page screenshot named `name` in e2e/artifacts/ (when screenshots are on). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fails on any axe violation of the page as it is now. */
export async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `axe violations on ${where}:\n${v.join("\n")}`);
}

/** The check of one page state: axe, then the screenshot `<prefix>-<name>`. */
export function pageChecker(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    await assertNoAxeViolations(page, name);
    await screenshot(page, `${prefix}-${name}`);
  };
}

/** Waits until the page has its heading, nothing is loading, and every chart has rendered at least once. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector("main h1", { timeout: 30_000 });
  await page.waitForFunction(
    () =>
      document.querySelectorAll(".status--loading").length === 0 &&
      [...document.querySelectorAll(".chart")].every((c) => Number(c.getAttribute("data-renders") ?? 0) > 0),
    undefined,
    { timeout: 30_000 },
  );
}
