/** Steps the workspace journeys share: opening a page until it says it is ready, and signing in. */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { openInApp } from "./check.ts";

/**
 * Opens `url` as the app's own links do (`openInApp`: inside the app when the tab shows it already, the
 * workspace then reading the page's data afresh as on a load; else a full load), waits for the page's ready
 * signal (`data-ready="<ready>"`) and records in `figures` the milliseconds to that signal: from the
 * navigation's start for a load (`<figure>`), from the address's change inside the app (`<figure>_in_app`).
 * Reached inside the app, the server's part of a direct load of the address is checked by a request: it
 * answers with the app's page (the app's router reads an address the same way on a load and on a link).
 */
export async function openUntilReady(
  page: Page,
  url: string,
  ready: string,
  figures: Record<string, number>,
  figure: string,
  timeoutMs = 60_000,
): Promise<void> {
  // a mark on the document: still there after the navigation when it stayed inside the app
  const t0 = await page.evaluate(() => {
    (window as { e2eSameDocument?: boolean }).e2eSameDocument = true;
    return performance.now();
  });
  await openInApp(page, url);
  await page.waitForSelector(`[data-ready="${ready}"]`, { timeout: timeoutMs });
  const [inApp, now, start] = await page.evaluate(() => [
    (window as { e2eSameDocument?: boolean }).e2eSameDocument === true,
    performance.now(),
    performance.getEntriesByType("navigation")[0]?.startTime ?? 0,
  ]);
  if (!inApp) {
    figures[figure] = Math.round((now as number) - (start as number));
    return;
  }
  figures[`${figure}_in_app`] = Math.round((now as number) - t0);
  const r = await fetch(url);
  assert.equal(r.status, 200, url);
  assert.match(await r.text(), /<div id="root"><\/div>/, `${url} is the app's page`);
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
