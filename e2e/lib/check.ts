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
import { timed } from "./profile.ts";
import { ROOT } from "./server.ts";

export const ARTIFACTS = join(ROOT, "e2e/artifacts");

const SCREENSHOTS =
  process.env.E2E_SCREENSHOTS !== undefined ? process.env.E2E_SCREENSHOTS !== "0" : process.env.CI !== "true";

/** A full-page screenshot named `name` in e2e/artifacts/ (when screenshots are on). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await timed("screenshot", () => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }));
}

/** Fails on any axe violation of the page as it is now. */
export async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  const v = await timed("axe", () => axeViolations(page));
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
  await timed("settled", async () => {
    await page.waitForSelector("main h1", { timeout: 30_000 });
    await page.waitForFunction(
      () =>
        document.querySelectorAll(".status--loading").length === 0 &&
        [...document.querySelectorAll(".chart")].every(
          (c) => Number(c.getAttribute("data-renders") ?? 0) > 0,
        ),
      undefined,
      { timeout: 30_000 },
    );
  });
}

/** The language link's text in each language (packages/web's `layout.otherLanguage`). */
const OTHER_LANGUAGE = { ko: "English", en: "한국어" } as const;

/**
 * Opens `url` (absolute, or a path such as "/en/agenda") in `page` as the app's own links do when the page
 * shows the app already: a new history entry and the router's `popstate`, with no reload (the document, its
 * scripts and axe stay; a public page's data are read again, as on a link's click). Anywhere else (a blank
 * page, another origin, the address the page shows already) it is a full load. Returns once the app has drawn the new address in its language: the
 * language link points to this address's other language and reads in this one, and `<html lang>` says it.
 * The page's own data may still be loading (wait for its ready signal or `settled` as after a load).
 */
export async function openInApp(page: Page, url: string): Promise<void> {
  const here = page.url();
  const target = new URL(url, here.startsWith("http") ? here : undefined);
  const locale = /^\/(ko|en)(\/|$)/.exec(target.pathname)?.[1] as "ko" | "en" | undefined;
  const inApp =
    locale !== undefined &&
    here.startsWith(`${target.origin}/`) &&
    // the same address again is a load (the app's link would change nothing, and the page's data are read anew)
    new URL(here).pathname + new URL(here).search !== target.pathname + target.search &&
    (await page.evaluate(() => document.querySelector("a.lang-switch") !== null));
  if (!inApp) {
    await page.goto(target.href);
    return;
  }
  const href = target.pathname + target.search + target.hash;
  const before = await page.evaluate((href) => {
    const old = document.querySelector("a.lang-switch")?.getAttribute("href") ?? null;
    history.pushState(null, "", href);
    window.dispatchEvent(new PopStateEvent("popstate"));
    return old;
  }, href);
  await page.waitForFunction(
    ([before, locale, text]) => {
      const a = document.querySelector("a.lang-switch");
      return (
        document.documentElement.lang === locale &&
        a !== null &&
        a.getAttribute("href") !== before &&
        a.textContent === text
      );
    },
    [before, locale, OTHER_LANGUAGE[locale]] as const,
  );
}
