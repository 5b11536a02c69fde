/** Steps the workspace journeys share: opening a page until it says it is ready, and signing in. */
import type { Page } from "playwright-core";

/**
 * Navigates to `url`, waits for the page's ready signal (`data-ready="<ready>"`) and records in `figures`
 * the milliseconds from the navigation's start to that signal.
 */
export async function openUntilReady(
  page: Page,
  url: string,
  ready: string,
  figures: Record<string, number>,
  figure: string,
  timeoutMs = 60_000,
): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(`[data-ready="${ready}"]`, { timeout: timeoutMs });
  figures[figure] = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return Math.round(performance.now() - (nav ? nav.startTime : 0));
  });
}

/** Signs in on the workspace's own form (Korean), unless this browser is signed in already. */
export async function signInToWorkspace(
  page: Page,
  url: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${url}/ko/workspace`);
  await page.waitForSelector('#signin-email, [data-testid="ws-user"]');
  if (await page.$('[data-testid="ws-user"]')) return;
  await page.fill("#signin-email", who.email);
  await page.fill("#signin-password", who.password);
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForSelector('[data-testid="ws-user"]');
}
