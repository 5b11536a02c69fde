/**
 * The Model pages of the staff workspace (journey 6), in Debian's Chromium against the real server on a fresh
 * embedded database (the demo city, whose settings name 기후변화대응과 as the model's owner): the climate
 * officer changes BRT phase 2's riders with a source, sees the preview pathway move before saving (its table
 * and the pathway chart redrawn), saves a new instance version with a note; the public pathway changes; the
 * old version is viewed, then restored as a new version (the public pathway is the old one's again). Every page is
 * checked by axe (no rule disabled) in Korean and English and screenshotted to e2e/artifacts/; the time from
 * navigation to each page's ready signal is measured and reported, not asserted.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { addMember, apiSession } from "./lib/api.ts";
import { ARTIFACTS, pageChecker } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { openUntilReady, signInToWorkspace } from "./lib/workspace.ts";

const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);
const figures: Record<string, number> = {};
const ADMIN = { email: "admin@example.org", password: "e2e-admin-password-not-secret" };
const OFFICER = {
  email: "climate@example.org",
  password: "a long officer passphrase 6",
  name: "Park Officer",
};
const checked = pageChecker("model-workspace");
const open = (page: Page, url: string, ready: string, figure: string) =>
  openUntilReady(page, url, ready, figures, figure, 30_000);

/** The preview's 2030 row once the worker has answered: [saved, edited] as shown. */
async function preview2030(page: Page): Promise<[string, string]> {
  await page.waitForSelector('[data-testid="md-preview"][data-state="ready"] tr[data-year="2030"]');
  const row = page.locator('[data-testid="md-preview"] tr[data-year="2030"]');
  return [
    (await row.locator('[data-col="saved"]').textContent()) ?? "",
    (await row.locator('[data-col="draft"]').textContent()) ?? "",
  ];
}

describe("the model in the workspace", { skip: unavailable ?? false }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launch();
    const admin = await apiSession(server.url, ADMIN.email, ADMIN.password);
    await addMember(server.url, admin, OFFICER, "editor", ["climate-change-response"]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "workspace-model-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  it("journey 6: the climate officer changes BRT phase 2's riders with a source, previews, saves a version; the public pathway changes; the old version is viewed and restored", async () => {
    const page = await browser.context.newPage();
    await signInToWorkspace(page, server.url, OFFICER);
    await open(page, `${server.url}/ko/workspace/model?city=jeonju`, "model", "model_ready_ms_ko");
    const [saved0, draft0] = await preview2030(page);
    assert.equal(saved0, draft0);
    // the preview is drawn on the public site's pathway chart, and its table has every year
    const chart = '[data-testid="md-preview-chart"]';
    await page.waitForSelector(`${chart}[data-renders]`);
    const renders = async () => Number(await page.getAttribute(chart, "data-renders"));
    const drawn0 = await renders();
    await checked(page, "ko-model");

    // BRT phase 2's parameters, in the form generated from the brt_corridor type (unit, range, provenance)
    await page.selectOption("#md-action-choice", "brt_baekjedaero");
    await page.waitForSelector("#mdp-riders_per_day-value");
    assert.equal(await page.inputValue("#mdp-riders_per_day-value"), "34840");
    assert.equal(await page.isChecked("#mdp-riders_per_day-illustrative"), true);
    // out of range: the error is on the field, tied to it
    await page.fill("#mdp-share_from_car-value", "1.5");
    await page.waitForSelector("#mdp-share_from_car-value-error");
    assert.match(
      (await page.getAttribute("#mdp-share_from_car-value", "aria-describedby")) ?? "",
      /mdp-share_from_car-value-error/,
    );
    assert.match((await page.textContent("#mdp-share_from_car-value-error")) ?? "", /1 이하/);
    await page.fill("#mdp-share_from_car-value", "0.05");
    await page.waitForSelector("#mdp-share_from_car-value-error", { state: "detached" });

    // more riders: the preview moves before anything is saved; the changed value asks for its source
    await page.fill("#mdp-riders_per_day-value", "52000");
    await page.waitForSelector("#mdp-riders_per_day-note-error");
    await page.uncheck("#mdp-riders_per_day-illustrative");
    await page.fill("#mdp-riders_per_day-note", "전주시 BRT 2단계 수요 조사 (e2e 예시 출처)");
    await page.waitForSelector("#mdp-riders_per_day-note-error", { state: "detached" });
    await page.waitForFunction(() => {
      const row = document.querySelector(
        '[data-testid="md-preview"][data-state="ready"] tr[data-year="2030"]',
      );
      const a = row?.querySelector('[data-col="saved"]')?.textContent;
      const b = row?.querySelector('[data-col="draft"]')?.textContent;
      return a && b && a !== b;
    });
    const [saved1, draft1] = await preview2030(page);
    assert.equal(saved1, saved0);
    await page.waitForFunction(
      ([sel, n]) =>
        Number(document.querySelector(sel as string)?.getAttribute("data-renders")) > (n as number),
      [chart, drawn0],
    );
    assert.match(
      (await page.textContent(`${chart} ~ .legend`)) ?? "",
      /저장된 버전.*고친 내용|고친 내용.*저장된 버전/,
    );
    const tonnes = (s: string) => Number(s.replace(/[^\d.-]/g, ""));
    assert.ok(tonnes(draft1) < tonnes(saved1), `${draft1} is not below ${saved1}`);
    await page
      .locator('[data-testid="md-changes"] li', {
        hasText: "BRT 2단계 백제대로 (전주역–꽃밭정이) · 일 이용객: 34,840 → 52,000",
      })
      .waitFor();
    await checked(page, "ko-model-preview");

    // saved as a new version with a note
    const scenario = await page.inputValue("#md-levels-scenario");
    const before2030 = await pathway2030(server.url, scenario);
    await page.fill("#md-save-note", "BRT 2단계 이용객 52,000명/일 (수요 조사)");
    await page.getByRole("button", { name: "새 버전으로 저장" }).click();
    await page.getByText("버전 2(으)로 저장했습니다.").waitFor();
    await page.locator('[data-testid="md-current"]', { hasText: "BRT 2단계 이용객 52,000명/일" }).waitFor();
    // the public pathway is the new version's; version 1's is kept
    const after2030 = await pathway2030(server.url, scenario);
    assert.ok(after2030 < before2030, `public 2030: ${after2030} is not below ${before2030}`);
    assert.equal(await pathway2030(server.url, scenario, 1), before2030);

    // the old version, viewed against the current one
    await page.getByRole("link", { name: "버전 1 보기" }).click();
    await page.waitForSelector('[data-ready="model-version"]');
    const [current, old] = await preview2030(page);
    assert.equal(current, draft1);
    assert.equal(old, saved0);
    await page.locator('[data-testid="md-changes"] li', { hasText: "34,840 → 52,000" }).waitFor();
    await checked(page, "ko-model-version");
    await open(
      page,
      `${server.url}/ko/workspace/model/1?city=jeonju`,
      "model-version",
      "model_version_ready_ms_ko",
    );

    // version 1 restored as version 3: the public pathway is version 1's again
    await page.getByRole("button", { name: "이 버전 복원" }).click();
    await page.getByText("버전 1을(를) 버전 3(으)로 복원했습니다.").waitFor();
    assert.equal(await pathway2030(server.url, scenario), before2030);
    assert.equal(await pathway2030(server.url, scenario, 2), after2030);

    await open(page, `${server.url}/en/workspace/model?city=jeonju`, "model", "model_ready_ms_en");
    await preview2030(page);
    await checked(page, "en-model");
    await open(
      page,
      `${server.url}/en/workspace/model/1?city=jeonju`,
      "model-version",
      "model_version_ready_ms_en",
    );
    await preview2030(page);
    await checked(page, "en-model-version");
    await page.close();
  });
});

/** The 2030 total of a scenario's public pathway (latest version, or `version`), tCO2e. */
async function pathway2030(url: string, scenario: string, version?: number): Promise<number> {
  const r = await fetch(
    `${url}/api/tenants/jeonju/instances/jeonju/scenarios/${scenario}/pathway${version ? `?version=${version}` : ""}`,
  );
  assert.equal(r.status, 200, await r.clone().text());
  const body = (await r.json()) as Record<string, unknown>;
  return total2030(body, scenario);
}

/** The scenario's 2030 total on the basis the preview draws (the first target's, else the first basis). */
function total2030(body: Record<string, unknown>, scenario: string): number {
  const p = body as {
    years: number[];
    bases: Array<{ id: string }>;
    targets: Array<{ basis: string }>;
    scenarios: Array<{ id: string; totals_tco2e: Record<string, number[]> }>;
  };
  const basis = p.targets[0]?.basis ?? p.bases[0]?.id ?? "";
  const value = p.scenarios.find((s) => s.id === scenario)?.totals_tco2e[basis]?.[p.years.indexOf(2030)];
  assert.ok(typeof value === "number", `no 2030 total of ${scenario} on ${basis}`);
  return value;
}
