/**
 * A statement's HTML printed to PDF by Debian's Chromium (playwright-core; never a downloaded browser):
 * A4 landscape, Korean fonts (fonts-noto-cjk), table headers repeated on every page, page numbers in the
 * footer. The page is loaded from a string with JavaScript off and every network request refused, so the
 * printed page can reach nothing. Chromium runs in its own process; the caller runs this in a worker thread.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CitypathError, problem } from "@citypath/core";
import { chromium } from "playwright-core";

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function renderPdf(
  html: string,
  opts: { title: string; lang: "ko" | "en" },
): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "citypath-pdf-"));
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    try {
      context = await chromium.launchPersistentContext(dir, {
        executablePath: chromiumPath(),
        headless: true,
        args: ARGS,
        javaScriptEnabled: false,
        locale: opts.lang === "ko" ? "ko-KR" : "en-GB",
      });
    } catch (e) {
      throw new CitypathError(
        problem(
          "NOT_READY",
          `PDF printing needs Chromium at ${chromiumPath()} (set CHROMIUM_PATH): ${(e as Error).message.split("\n")[0]}`,
        ),
      );
    }
    const page = await context.newPage();
    await page.route("**/*", (r) => r.abort());
    await page.setContent(html, { waitUntil: "load" });
    const page_ = opts.lang === "ko" ? "쪽" : "Page";
    const pdf = await page.pdf({
      format: "A4",
      landscape: true,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:7px;width:100%;padding:0 10mm;color:#555;font-family:'Noto Sans CJK KR',sans-serif">${opts.title.replace(/</g, "&lt;")}</div>`,
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;font-family:'Noto Sans CJK KR',sans-serif">${page_} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      margin: { top: "14mm", bottom: "16mm", left: "10mm", right: "10mm" },
    });
    return new Uint8Array(pdf);
  } finally {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
