/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). CHROMIUM_PATH or /usr/bin/chromium;
 * a fresh user-data-dir per run. When Chromium is missing the suite skips with a message locally and fails
 * under CI=true.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

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

export async function launch(
  opts: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), "citypath-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    locale: opts.locale ?? "ko-KR",
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    timezoneId: "Asia/Seoul",
    // Charts honour reduced motion (no animation), so screenshots show the final drawing.
    reducedMotion: "reduce",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
