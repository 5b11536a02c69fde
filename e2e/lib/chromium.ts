/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). CHROMIUM_PATH or /usr/bin/chromium.
 * One Chromium per test process: each `launch()` is a new browser context in it (its own cookies, storage,
 * cache, locale and viewport, as a separate browser profile has), which costs milliseconds where starting
 * Chromium costs seconds; Chromium stops when the last context is closed. When Chromium is missing the suite
 * skips with a message locally and fails under CI=true.
 */
import { existsSync } from "node:fs";
import { type BrowserContext, type Browser as Chromium, chromium } from "playwright-core";
import { profilePage, timed } from "./profile.ts";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** Why the browser tests cannot run here, or null when they can. Throws under CI (a missing dependency fails). */
export function browserUnavailable(): string | null {
  const p = chromiumPath();
  if (existsSync(p)) return null;
  const msg = `Chromium not found at ${p}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`;
  if (process.env.CI === "true") throw new Error(msg);
  return msg;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

let running: { chromium: Promise<Chromium>; contexts: number } | undefined;

/** A new context (a person's own browser profile) in this process's Chromium, started when none runs. */
export async function launch(
  opts: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  if (!running)
    running = {
      chromium: timed("chromium launch", () =>
        chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS }),
      ),
      contexts: 0,
    };
  const mine = running;
  mine.contexts++;
  let context: BrowserContext;
  try {
    context = await (await mine.chromium).newContext({
      locale: opts.locale ?? "ko-KR",
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      timezoneId: "Asia/Seoul",
      // Charts honour reduced motion (no animation), so screenshots show the final drawing.
      reducedMotion: "reduce",
    });
  } catch (e) {
    await release(mine);
    throw e;
  }
  // A wait gives up after 60 s, not Playwright's 30: on a loaded two-core machine a report page was once
  // still loading at 30 s. A wait ends as soon as its condition holds, so this times nothing.
  context.setDefaultTimeout(60_000);
  context.on("page", profilePage);
  let closed = false;
  return {
    context,
    async close() {
      if (closed) return;
      closed = true;
      await context.close();
      await release(mine);
    },
  };
}

async function release(mine: { chromium: Promise<Chromium>; contexts: number }): Promise<void> {
  if (--mine.contexts > 0) return;
  if (running === mine) running = undefined;
  await (await mine.chromium.catch(() => undefined))?.close();
}
