/**
 * The staff workspace in Debian's Chromium against the real server on a fresh embedded database whose first
 * administrator has a generated one-time password (read from the server's log, as a city's operator reads
 * it): sign-in from the public header's 로그인 link, the forced password change, the signed-in page, the
 * English page, sign-out and sign-in with the new password. Every state is checked by axe (no rule
 * disabled) and screenshotted to e2e/artifacts/; the time from navigation to the page's ready signal
 * (`[data-ready]`) is measured and reported, not asserted.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { ARTIFACTS, pageChecker } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { type RunningServer, startServer } from "./lib/server.ts";

const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);
const figures: Record<string, number> = {};

const checked = pageChecker("workspace");

/** Milliseconds from the navigation's start to the workspace's ready signal. */
async function readyMs(page: Page): Promise<number> {
  await page.waitForSelector("[data-ready]", { timeout: 30_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return Math.round(performance.now() - (nav ? nav.startTime : 0));
  });
}

describe("the staff workspace in Chromium", { skip: unavailable ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;
  let oneTime = "";
  const email = "admin@example.org";
  const chosen = "paper lanterns along the jeonju stream 7";

  before(async () => {
    server = await startServer(180_000, { adminPassword: null });
    browser = await launch();
    const m = /One-time password:\s+(\S+)/.exec(server.log());
    assert.ok(m?.[1], `the server printed no one-time password:\n${server.log()}`);
    oneTime = m[1];
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "workspace-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  it("the first administrator signs in with the printed password, must choose their own, then is in", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/ko/`);
    await page.waitForSelector("main h1");
    await page.getByRole("link", { name: "로그인" }).click();
    await page.waitForSelector("#signin-email");
    assert.match(new URL(page.url()).pathname, /^\/ko\/workspace$/);
    await checked(page, "ko-sign-in");

    // nothing typed: the summary names both fields; the focus goes to the first field in error
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForSelector(".error-summary");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "signin-email");
    assert.equal(await page.locator(".error-summary li").count(), 2);
    assert.equal(await page.getAttribute("#signin-email", "aria-invalid"), "true");
    assert.match((await page.getAttribute("#signin-email", "aria-describedby")) ?? "", /signin-email-error/);
    await checked(page, "ko-sign-in-errors");

    // a wrong password is refused; what was typed stays
    await page.fill("#signin-email", email);
    await page.fill("#signin-password", "not the password at all");
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForSelector("text=이메일 또는 비밀번호가 맞지 않습니다.");
    assert.equal(await page.inputValue("#signin-email"), email);

    await page.fill("#signin-password", oneTime);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForSelector("#pw-current");
    assert.equal(await page.textContent("#pw-title"), "새 비밀번호 정하기");
    await checked(page, "ko-forced-password");

    // a mismatch is caught on its field before anything is sent
    await page.fill("#pw-current", oneTime);
    await page.fill("#pw-new", chosen);
    await page.fill("#pw-again", `${chosen}x`);
    await page.getByRole("button", { name: "비밀번호 변경" }).click();
    await page.waitForSelector("#pw-again-error");
    await page.fill("#pw-again", chosen);
    await page.getByRole("button", { name: "비밀번호 변경" }).click();
    await page.waitForSelector('[data-testid="ws-user"]');
    assert.match((await page.textContent('[data-testid="ws-user"]')) ?? "", /admin@example\.org/);
    await checked(page, "ko-signed-in");

    // a fresh load of the workspace, signed in: the time to ready
    await page.goto(`${server.url}/ko/workspace`);
    figures.workspace_home_ready_ms_ko = await readyMs(page);
    await page.goto(`${server.url}/en/workspace`);
    figures.workspace_home_ready_ms_en = await readyMs(page);
    await page.waitForSelector('[data-testid="ws-user"]');
    assert.match((await page.textContent('[data-testid="ws-user"]')) ?? "", /^Signed in as/);
    await checked(page, "en-signed-in");

    // My work: the reminders of the city (every department for an admin), each with a link to its form; the
    // platform administrator, a member of no city, picks the city from the list
    await page.goto(`${server.url}/en/workspace`);
    await page.getByRole("link", { name: "Open the workspace of Jeonju" }).click();
    await page.waitForSelector('[data-ready="work"]');
    await page.goto(`${server.url}/ko/workspace/work?city=jeonju`);
    figures.workspace_work_ready_ms_ko = await readyMs(page);
    await page.waitForSelector('[data-ready="work"]');
    assert.ok((await page.locator(".ws-list li").count()) > 0, "the demo has reminders");
    assert.ok((await page.locator('.ws-list a[href^="/ko/workspace/"]').count()) > 0);
    await checked(page, "ko-work");
    await page.goto(`${server.url}/en/workspace/work?city=jeonju`);
    figures.workspace_work_ready_ms_en = await readyMs(page);
    await page.waitForSelector('[data-ready="work"]');
    await checked(page, "en-work");
    await page.getByRole("link", { name: "You" }).click();
    await page.waitForSelector('[data-testid="ws-user"]');

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForSelector("text=You are signed out.");
    await checked(page, "en-sign-in");
    // the one-time password no longer works; the chosen one does, with no forced change
    await page.fill("#signin-email", email);
    await page.fill("#signin-password", oneTime);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForSelector("text=The email or the password is not right.");
    await page.fill("#signin-password", chosen);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForSelector('[data-testid="ws-user"]');
    assert.equal(await page.$("#pw-title"), null);
    await page.close();
  });
});
