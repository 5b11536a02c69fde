/**
 * Agenda editing in the staff workspace, in Debian's Chromium against the real server on a fresh embedded
 * database (the demo city), with two editors of 교통정책과 and the administrator:
 * - journey 2: an editor opens My work, records 2026 BRT ridership, changes the BRT action's status and
 *   posts a progress update; the public action page shows the value, the status and the update; the audit
 *   trail names the editor;
 * - journey 3: another department's action is not offered; a forced request is refused, and a form whose
 *   right was taken away meanwhile says the server refused;
 * - journey 4: two editors save the same action; the second sees the conflict view, re-applies, and both
 *   changes are saved;
 * - journey 5: an editor uploads an activity XLSX with three bad rows, sees them located, fixes the file,
 *   commits, computes a draft inventory and reads its diff; the admin publishes it; the public home page
 *   shows the new version;
 * and a session that ends while a form is filled in: sign in again in place, the write goes through; files of
 * indicator values and of actions imported on the Imports page (problems located, their reasons in Korean,
 * a refused row of another department's action located, then stored).
 * Every page is checked by axe (no rule disabled) in Korean and English and screenshotted to e2e/artifacts/;
 * the time from navigation to each page's ready signal is measured and reported, not asserted.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { addMember, apiSession } from "./lib/api.ts";
import { ARTIFACTS, openInApp, pageChecker } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { openUntilReady, signInToWorkspace } from "./lib/workspace.ts";

const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);
const figures: Record<string, number> = {};
const ADMIN = { email: "admin@example.org", password: "e2e-admin-password-not-secret" };
const EDITOR_A = { email: "bus.one@example.org", password: "a long editor passphrase 1", name: "Kim Editor" };
const EDITOR_B = { email: "bus.two@example.org", password: "a long editor passphrase 2", name: "Lee Editor" };

const checked = pageChecker("agenda-workspace");

const open = (page: Page, url: string, ready: string, figure: string) =>
  openUntilReady(page, url, ready, figures, figure, 30_000);
const signIn = signInToWorkspace;

describe("agenda editing in the workspace", { skip: unavailable ?? false }, () => {
  let server: RunningServer;
  let a: Browser;
  let b: Browser;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  /** The administrator's browser, signed in once (it publishes the inventory, then makes the plan). */
  let adminBrowser: Browser | undefined;
  const adminPage = async (): Promise<Page> => {
    adminBrowser ??= await launch();
    const p = await adminBrowser.context.newPage();
    await signIn(p, server.url, ADMIN);
    return p;
  };

  before(async () => {
    server = await startServer();
    a = await launch();
    b = await launch();
    admin = await apiSession(server.url, ADMIN.email, ADMIN.password);
    // the editors are invited by mail; with no SMTP server the admin reads the links from the tenant's mail
    for (const e of [EDITOR_A, EDITOR_B])
      await addMember(server.url, admin, e, "editor", ["transport-policy"]);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await adminBrowser?.close();
    await server?.stop();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "workspace-agenda-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  it("journey 2: an editor records 2026 BRT ridership and a progress update with a status change; the public page and the audit trail show them", async () => {
    const page = await a.context.newPage();
    await signIn(page, server.url, EDITOR_A);
    await open(page, `${server.url}/ko/workspace/work`, "work", "work_ready_ms_ko");
    await checked(page, "ko-work-editor");
    // the reminder for the missing 2026 riders links to the indicator's form with the year filled in
    await page.getByText("지표 ‘BRT 이용객 수 (운행일 평균)’의 2026년 값이 없습니다.").waitFor();
    await page
      .locator("li", { hasText: "BRT 이용객 수 (운행일 평균)" })
      .getByRole("link", { name: "값 기록" })
      .click();
    await page.waitForSelector('[data-ready="indicator"]');
    assert.equal(await page.inputValue("#of-year"), "2026");

    // an illustrative value needs its note: the error is on the field, the focus goes to it
    await page.fill("#of-value", "41,250");
    await page.getByLabel("예시 값 (출처 없음)").check();
    await page.getByRole("button", { name: "값 저장" }).click();
    await page.waitForSelector("#of-note-error");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "of-note");
    assert.match((await page.getAttribute("#of-note", "aria-describedby")) ?? "", /of-note-error/);
    await checked(page, "ko-indicator-errors");
    await page.fill("#of-note", "e2e 예시: 2026년 운행일 평균 승객 추정");
    await page.getByRole("button", { name: "값 저장" }).click();
    await page.getByText("값을 기록했습니다.").waitFor();
    await page.locator('[data-testid="observations"] td', { hasText: "41,250" }).waitFor();
    await open(
      page,
      `${server.url}/en/workspace/indicators/brt-riders?city=jeonju`,
      "indicator",
      "indicator_ready_ms_en",
    );
    await checked(page, "en-indicator");

    // the action: a status change with its reason and source, then a dated progress update
    await open(page, `${server.url}/ko/workspace/actions/brt?city=jeonju`, "action", "action_ready_ms_ko");
    await checked(page, "ko-action");
    // the budget lines that fund it, read here (edited on the budget page): the demo's 2023 line
    await page.locator('[data-testid="funding-years"] th', { hasText: "2023" }).waitFor();
    await page
      .locator('[data-testid="funding-lines"] a', { hasText: "120-123-TR01-BRT-001" })
      .first()
      .waitFor();
    await page.selectOption("#sf-status", "delayed");
    await page.fill("#sf-date", "2026-12-01");
    await page.fill("#sf-reason_ko", "2단계 구간 공사 일정 조정");
    await page.fill("#sf-reason_en", "The phase 2 works were rescheduled");
    await page.fill("#sf-source", "nocutnews-6133211");
    await page.getByRole("button", { name: "상태 변경" }).click();
    await page.getByText("상태를 변경했습니다.").waitFor();
    await page.fill("#pf-date", "2026-12-02");
    await page.fill("#pf-text_ko", "기린대로 2단계 정류장 설계 완료");
    await page.fill("#pf-text_en", "Giringdaero phase 2 stop design completed");
    await page.fill("#pf-completion", "40");
    await page.getByRole("button", { name: "진행 상황 저장" }).click();
    await page.getByText("진행 상황을 기록했습니다.").waitFor();
    await page
      .locator('[data-testid="progress-list"] li', { hasText: "기린대로 2단계 정류장 설계 완료" })
      .waitFor();
    await open(page, `${server.url}/en/workspace/actions/brt?city=jeonju`, "action", "action_ready_ms_en");
    await checked(page, "en-action");

    // the public action page shows the status, the update and the value (reached as a link does: the public
    // pages read their data on each visit)
    await openInApp(page, `${server.url}/ko/agenda/actions/brt`);
    await page.getByText("기린대로 2단계 정류장 설계 완료").waitFor();
    const publicText = (await page.textContent("main")) ?? "";
    assert.match(publicText, /2단계 구간 공사 일정 조정/);
    assert.match(publicText, /41,250/);

    // the audit trail names the editor for each of the three writes
    const trail = await admin("GET", "/api/tenants/jeonju/audit?limit=20");
    assert.equal(trail.status, 200);
    const records = ((await trail.json()) as { records: Array<Record<string, unknown>> }).records;
    const mine = records.filter(
      (r) => JSON.stringify(r).includes(EDITOR_A.email) || JSON.stringify(r).includes(EDITOR_A.name),
    );
    assert.ok(mine.length >= 3, `audit records naming the editor: ${JSON.stringify(records.slice(0, 4))}`);
    await page.close();
  });

  it("journey 3: another department's action is not offered; a forced request is refused and the UI says so", async () => {
    const page = await a.context.newPage();
    await open(page, `${server.url}/ko/workspace/agenda?city=jeonju`, "agenda", "agenda_ready_ms_ko");
    await checked(page, "ko-agenda");
    const offered = await page
      .locator('[data-testid="my-actions"] a')
      .evaluateAll((as) => as.map((x) => new URL((x as HTMLAnchorElement).href).pathname.split("/").pop()));
    assert.ok(offered.includes("brt"));
    const list = (await (await fetch(`${server.url}/api/tenants/jeonju/actions`)).json()) as {
      actions: Array<{ id: string; departments: string[] }>;
    };
    const other = list.actions.find((x) => !x.departments.includes("transport-policy"));
    assert.ok(other);
    assert.ok(!offered.includes(other.id), "another department's action is offered");
    await open(page, `${server.url}/en/workspace/agenda?city=jeonju`, "agenda", "agenda_ready_ms_en");
    await checked(page, "en-agenda");

    // opened by its address: read-only, saying whose it is; no form
    await page.goto(`${server.url}/ko/workspace/actions/${other.id}?city=jeonju`);
    await page.waitForSelector('[data-testid="read-only"]');
    assert.equal(await page.$("#sf-status"), null);
    await checked(page, "ko-action-read-only");
    // a forced request from the editor's page is refused by the server
    const forced = await page.evaluate(async (id) => {
      const csrf = decodeURIComponent(document.cookie.match(/citypath_csrf=([^;]+)/)?.[1] ?? "");
      const r = await fetch(`/api/tenants/jeonju/actions/${id}/status`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-citypath-csrf": csrf },
        body: JSON.stringify({
          base_version: 1,
          status: "cancelled",
          date: "2026-12-01",
          reason: { ko: "강제", en: "forced" },
          illustrative: true,
          note: "forced",
        }),
      });
      return r.status;
    }, other.id);
    assert.equal(forced, 403);

    // the form was offered, then the admin moved the editor to another department: the server refuses the
    // save and the form says so, keeping what was typed
    await openInApp(page, `${server.url}/ko/workspace/actions/brt?city=jeonju`);
    await page.waitForSelector("#pf-text_ko");
    const moved = await admin("PUT", "/api/tenants/jeonju/members", {
      email: EDITOR_A.email,
      role: "editor",
      departments: ["architecture"],
    });
    assert.equal(moved.status, 200, await moved.text());
    await page.fill("#pf-text_ko", "권한 없이 보낸 기록");
    await page.fill("#pf-text_en", "Sent without the right");
    await page.getByRole("button", { name: "진행 상황 저장" }).click();
    await page.getByText(/이 변경 권한이 없습니다/).waitFor();
    assert.equal(await page.inputValue("#pf-text_ko"), "권한 없이 보낸 기록");
    await checked(page, "ko-action-refused");
    const back = await admin("PUT", "/api/tenants/jeonju/members", {
      email: EDITOR_A.email,
      role: "editor",
      departments: ["transport-policy"],
    });
    assert.equal(back.status, 200);
    await page.close();
  });

  it("journey 4: two editors save the same action; the second sees the conflict view, re-applies, and both changes are saved", async () => {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pb, server.url, EDITOR_B);
    await pa.goto(`${server.url}/ko/workspace/actions/brt?city=jeonju`);
    await pb.goto(`${server.url}/ko/workspace/actions/brt?city=jeonju`);
    await pa.waitForSelector("#af-end");
    await pb.waitForSelector("#af-end");
    // A changes the end; B, on the version opened before, changes the English name
    await pa.fill("#af-end", "2031-12");
    await pa.getByRole("button", { name: "사업 저장" }).click();
    await pa.getByText("사업을 저장했습니다.").waitFor();
    await pb.fill("#af-name_en", "Bus rapid transit (Giringdaero), edited by B");
    await pb.getByRole("button", { name: "사업 저장" }).click();
    await pb.waitForSelector('[data-testid="conflict"] table');
    const rows = await pb
      .locator('[data-testid="conflict"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.field));
    assert.deepEqual(rows.sort(), ["end", "name_en"]);
    assert.match((await pb.textContent('[data-testid="conflict"] tr[data-field="end"]')) ?? "", /2031-12/);
    await checked(pb, "ko-action-conflict");
    await pb.getByRole("button", { name: "내 변경 다시 적용" }).click();
    assert.equal(await pb.inputValue("#af-end"), "2031-12");
    assert.equal(await pb.inputValue("#af-name_en"), "Bus rapid transit (Giringdaero), edited by B");
    await pb.getByRole("button", { name: "사업 저장" }).click();
    await pb.getByText("사업을 저장했습니다.").waitFor();
    const stored = (await (await fetch(`${server.url}/api/tenants/jeonju/actions/brt`)).json()) as {
      action: { end?: string; name: { en: string } };
    };
    assert.equal(stored.action.end, "2031-12");
    assert.equal(stored.action.name.en, "Bus rapid transit (Giringdaero), edited by B");

    // B's session ends while a progress update is being typed: signing in again in place sends it
    await pb.reload();
    await pb.waitForSelector("#pf-text_ko");
    await pb.fill("#pf-text_ko", "세션 만료 뒤 보낸 기록");
    await pb.fill("#pf-text_en", "Sent after the session ended");
    const ended = await admin("GET", "/api/tenants/jeonju/members");
    assert.equal(ended.status, 200);
    await b.context.clearCookies({ name: /session_token/ });
    await pb.getByRole("button", { name: "진행 상황 저장" }).click();
    await pb.waitForSelector("dialog[open] #signin-email");
    await checked(pb, "ko-sign-in-again");
    await pb.fill("dialog #signin-email", EDITOR_B.email);
    await pb.fill("dialog #signin-password", EDITOR_B.password);
    await pb.locator("dialog").getByRole("button", { name: "로그인" }).click();
    await pb.getByText("진행 상황을 기록했습니다.").waitFor();
    await pb.locator('[data-testid="progress-list"] li', { hasText: "세션 만료 뒤 보낸 기록" }).waitFor();
    await pa.close();
    await pb.close();
  });

  it("journey 5: activity XLSX with three bad rows located, fixed, committed; a draft inventory computed and diffed; the admin publishes; the public home shows it", async () => {
    const rows = (await (
      await admin("GET", "/api/tenants/jeonju/activity-datasets/demo-activity/rows")
    ).json()) as {
      rows: Array<Record<string, unknown>>;
    };
    assert.ok(rows.rows.length > 10);
    const columns = [
      "year",
      "gpc_ref",
      "activity",
      "amount",
      "unit",
      "district",
      "source",
      "quality",
      "note",
    ];
    // the latest year's first measured amount grows by a tenth: the draft differs from the published version
    const lastYear = Math.max(...rows.rows.map((r) => Number(r.year)));
    const grown = rows.rows.findIndex((r) => Number(r.year) === lastYear && typeof r.amount === "number");
    const table = rows.rows.map((r, i) =>
      columns.map((c) => {
        if (c === "amount") {
          if (r.amount === null) return String(r.notation ?? "");
          return i === grown ? (r.amount as number) * 1.1 : (r.amount as number);
        }
        const v = r[c];
        return v === null || v === undefined ? "" : typeof v === "number" ? v : String(v);
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), "citypath-e2e-xlsx-"));
    async function xlsx(name: string, data: unknown[][]): Promise<string> {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("activity");
      ws.addRow(columns);
      for (const r of data) ws.addRow(r);
      const path = join(dir, name);
      await wb.xlsx.writeFile(path);
      return path;
    }
    // three bad rows among those with a measured amount: a word for an amount, a word for a year, a GPC
    // reference that does not exist (sheet rows: the header is row 1)
    const measured = rows.rows.flatMap((r, i) => (typeof r.amount === "number" && i !== grown ? [i] : []));
    const [r1, r2, r3] = [measured[0]!, measured[2]!, measured[4]!];
    const bad = table.map((r) => [...r]);
    bad[r1]![3] = "ten";
    bad[r2]![0] = "twenty";
    bad[r3]![1] = "I.9.1";
    const expected = [r1, r2, r3].map((i) => String(i + 2));
    const badFile = await xlsx("activity-2026-bad.xlsx", bad);
    const goodFile = await xlsx("activity-2026.xlsx", table);

    const page = await a.context.newPage();
    await signIn(page, server.url, EDITOR_A);
    await open(page, `${server.url}/ko/workspace/imports?city=jeonju`, "imports", "imports_ready_ms_ko");
    await checked(page, "ko-imports");
    await page.setInputFiles("#imp-file", badFile);
    await page.getByRole("button", { name: "미리 확인" }).click();
    await page.waitForSelector('[data-testid="problems"] tbody tr');
    const located = await page
      .locator('[data-testid="problems"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent?.trim())),
      );
    assert.deepEqual(
      located.map((r) => `${r[0]}:${r[1]}`),
      [`${expected[0]}:amount`, `${expected[1]}:year`, `${expected[2]}:gpc_ref`],
      `problems: ${JSON.stringify(located)}`,
    );
    // sortable and filterable
    await page.getByRole("button", { name: "행" }).click();
    assert.equal(await page.getAttribute('th:has(button:text("행"))', "aria-sort"), "descending");
    assert.equal(
      await page.locator('[data-testid="problems"] tbody tr td').first().textContent(),
      expected[2],
    );
    await page.selectOption("#prob-column", "year");
    assert.equal(await page.locator('[data-testid="problems"] tbody tr').count(), 1);
    await page.selectOption("#prob-column", "");
    await checked(page, "ko-imports-problems");

    // the fixed file: no problem, stored whole
    await page.setInputFiles("#imp-file", goodFile);
    await page.getByRole("button", { name: "미리 확인" }).click();
    await page.getByText(`문제 없음: ${table.length}행을 읽었습니다.`).waitFor();
    await page.fill("#imp-target_id", "activity-2026-e2e");
    await page.fill("#imp-target_name", "2026 활동자료 (e2e)");
    await page.getByRole("button", { name: `${table.length}행 모두 저장` }).click();
    await page.waitForSelector('[data-testid="committed"]');
    await open(page, `${server.url}/en/workspace/imports?city=jeonju`, "imports", "imports_ready_ms_en");
    await checked(page, "en-imports");

    // a draft inventory from it, compared with the published version
    await open(
      page,
      `${server.url}/ko/workspace/inventory?city=jeonju`,
      "inventory",
      "inventory_ready_ms_ko",
    );
    await checked(page, "ko-inventory");
    await page.fill("#inv-label", "2026 갱신 (e2e)");
    await page.selectOption("#inv-dataset", "activity-2026-e2e");
    await page.getByRole("button", { name: "초안 계산" }).click();
    await page.waitForSelector('[data-ready="inventory-version"]', { timeout: 120_000 });
    const draft = Number(new URL(page.url()).pathname.split("/").pop());
    assert.ok(draft > 1);
    const changed = await page.locator('[data-testid="diff"] tbody tr').count();
    assert.ok(changed >= 1, "the diff lists the changed line");
    assert.equal(
      await page.getByRole("button", { name: `${draft}판 공표` }).count(),
      0,
      "an editor is offered publishing",
    );
    await checked(page, "ko-inventory-draft");
    await open(
      page,
      `${server.url}/en/workspace/inventory/${draft}?city=jeonju`,
      "inventory",
      "inventory_version_ready_ms_en",
    );
    await page.waitForSelector('[data-ready="inventory-version"]');
    await checked(page, "en-inventory-draft");
    await page.close();

    // the admin publishes it
    const p = await adminPage();
    try {
      await p.goto(`${server.url}/ko/workspace/inventory/${draft}?city=jeonju`);
      await p.waitForSelector('[data-ready="inventory-version"]');
      await p.getByRole("button", { name: `${draft}판 공표` }).click();
      await p.getByText(`${draft}판을 공표했습니다.`).waitFor();
      // its verification: verified needs who and when, each said on its field
      await p.selectOption("#ver-status", "verified");
      await p.fill("#ver-basis", "e2e: 제3자 검증 보고서");
      await p.getByRole("button", { name: "검증 상태 저장" }).click();
      await p.waitForSelector("#ver-by-error");
      assert.equal(await p.evaluate(() => document.activeElement?.id), "ver-by");
      await p.fill("#ver-by", "e2e 검증기관");
      await p.fill("#ver-on", "2026-12-01");
      await p.getByRole("button", { name: "검증 상태 저장" }).click();
      await p.getByText(`${draft}판의 검증 상태를 저장했습니다.`).waitFor();
      await p.goto(`${server.url}/ko/`);
      await p.getByText(`제${draft}판`).first().waitFor();
      await p.getByText("2026 갱신 (e2e)").first().waitFor();
    } finally {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("imports: indicator values and actions, problems located with Korean reasons, another department's row refused, then stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-e2e-agenda-"));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const page = await a.context.newPage();
    try {
      await signIn(page, server.url, EDITOR_A);
      await open(page, `${server.url}/ko/workspace/imports?city=jeonju`, "imports", "imports_ready_ms_ko");
      const rows = () =>
        page
          .locator('[data-testid="problems"] tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));

      // indicator values: an unknown indicator and a word for a value, located with their reasons in Korean
      await page.selectOption("#imp-kind", "indicators");
      const head = "indicator,year,value,source,note\n";
      await page.setInputFiles(
        "#imp-file",
        file(
          "riders-bad.csv",
          `${head}brt-riders,2027,"43,100",nocutnews-6133211,\nbrt-speed,2027,21,nocutnews-6133211,\nbrt-riders,2028,many,nocutnews-6133211,\n`,
        ),
      );
      await page.getByRole("button", { name: "미리 확인" }).click();
      await page.waitForSelector('[data-testid="problems"] tbody tr');
      assert.deepEqual(await rows(), [
        ["3", "indicator", "UNKNOWN_REFERENCE", "등록되지 않은 것을 가리킵니다. (brt-speed)"],
        ["4", "value", "BAD_NUMBER", "숫자여야 하는 값이 숫자가 아닙니다. (many)"],
      ]);
      assert.equal(await page.$('[data-testid="changes"]'), null, "a file with problems offers changes");
      await checked(page, "ko-imports-indicators-problems");
      await page.setInputFiles(
        "#imp-file",
        file(
          "riders.csv",
          `${head}brt-riders,2027,"43,100",nocutnews-6133211,\nbrt-riders,2028,44500,nocutnews-6133211,\n`,
        ),
      );
      await page.getByRole("button", { name: "미리 확인" }).click();
      await page.getByText("문제 없음: 2행을 읽었습니다.").waitFor();
      assert.deepEqual(
        await page
          .locator('[data-testid="changes"] tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent))),
        [
          ["2", "brt-riders", "새 값", "2027년 시 전체: 43,100"],
          ["3", "brt-riders", "새 값", "2028년 시 전체: 44,500"],
        ],
      );
      await page.getByRole("button", { name: "변경 2건 저장" }).click();
      await page.getByText("저장했습니다: 변경 2건 (brt-riders).").waitFor();
      const riders = (await (
        await fetch(`${server.url}/api/tenants/jeonju/indicators/brt-riders`)
      ).json()) as {
        indicator: { observed: Array<{ year: number; value: number }> };
      };
      assert.deepEqual(
        riders.indicator.observed.filter((o) => o.year >= 2027).map((o) => [o.year, o.value]),
        [
          [2027, 43100],
          [2028, 44500],
        ],
      );

      // actions: a status that does not exist, then another department's action refused on storing
      await page.selectOption("#imp-kind", "actions");
      const cols = "id,status,status_date,reason_ko,reason_en,source\n";
      const brt = (status: string) =>
        `brt,${status},2026-12-10,2단계 공사 재개,Phase 2 works resumed,nocutnews-6133211\n`;
      const tram = "tourism-tram,in_progress,2026-12-10,재검토,Reconsidered,nocutnews-6133211\n";
      await page.setInputFiles("#imp-file", file("actions-bad.csv", `${cols}${brt("resumed")}${tram}`));
      await page.getByRole("button", { name: "미리 확인" }).click();
      await page.waitForSelector('[data-testid="problems"] tbody tr');
      const [status] = await rows();
      assert.deepEqual(status?.slice(0, 3), ["2", "status", "BAD_VALUE"]);
      assert.match(status?.[3] ?? "", /^이 항목에 허용되지 않는 값입니다\. \(resumed\)$/);
      await page.setInputFiles("#imp-file", file("actions.csv", `${cols}${brt("in_progress")}${tram}`));
      await page.getByRole("button", { name: "미리 확인" }).click();
      await page.getByRole("button", { name: "변경 2건 저장" }).click();
      await page.getByText(/이 변경 권한이 없습니다/).waitFor();
      assert.deepEqual(await rows(), [
        ["3", "id", "FORBIDDEN", "이 역할로는 바꿀 수 없는 기록입니다 (다른 부서 소관 등). (tourism-tram)"],
      ]);
      await checked(page, "ko-imports-actions-refused");
      await page.setInputFiles("#imp-file", file("actions-brt.csv", `${cols}${brt("in_progress")}`));
      await page.getByRole("button", { name: "미리 확인" }).click();
      await page.locator('[data-testid="changes"] td', { hasText: /status_history/ }).waitFor();
      await page.getByRole("button", { name: "변경 1건 저장" }).click();
      await page.getByText("저장했습니다: 변경 1건 (brt).").waitFor();
      const action = (await (await fetch(`${server.url}/api/tenants/jeonju/actions/brt`)).json()) as {
        action: { status: string };
      };
      assert.equal(action.action.status, "in_progress");

      // English: the server's own reasons
      await open(page, `${server.url}/en/workspace/imports?city=jeonju`, "imports", "imports_ready_ms_en");
      await page.selectOption("#imp-kind", "indicators");
      await page.setInputFiles("#imp-file", join(dir, "riders-bad.csv"));
      await page.getByRole("button", { name: "Check" }).click();
      await page.getByRole("cell", { name: "no indicator 'brt-speed'" }).waitFor();
      await checked(page, "en-imports-indicators-problems");
    } finally {
      await page.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creating: the admin makes a plan, an editor an indicator and an action in it (an id in use said on its field); once the plan is published the public action page shows them", async () => {
    const page = await a.context.newPage();
    const p = await adminPage();
    try {
      await open(p, `${server.url}/ko/workspace/new/plan?city=jeonju`, "new-plan", "new_plan_ready_ms_ko");
      await checked(p, "ko-new-plan");
      // nothing filled in: every error on its field, the focus on the first
      await p.getByRole("button", { name: "계획 만들기" }).click();
      await p.waitForSelector("#np-id-error");
      assert.equal(await p.evaluate(() => document.activeElement?.id), "np-id");
      await checked(p, "ko-new-plan-errors");
      await p.fill("#np-id", "e2e-plan");
      await p.fill("#np-name_ko", "e2e 버스 계획");
      await p.fill("#np-name_en", "e2e bus plan");
      await p.fill("#np-vision_ko", "버스로 움직이는 도시");
      await p.fill("#np-vision_en", "A city that moves by bus");
      await p.selectOption("#np-responsible_department", "climate-change-response");
      await p.getByLabel("지역 탄소중립 위원회가 있음").uncheck();
      await p.fill("#np-areas-0-id", "stops");
      await p.fill("#np-areas-0-name_ko", "정류장");
      await p.fill("#np-areas-0-name_en", "Stops");
      await p.getByLabel("예시 값 (출처 없음)").check();
      await p.fill("#np-note", "e2e 예시 계획");
      await p.getByRole("button", { name: "계획 만들기" }).click();
      await p.waitForSelector('[data-ready="agenda"] #plan-e2e-plan');
      await open(p, `${server.url}/en/workspace/new/plan?city=jeonju`, "new-plan", "new_plan_ready_ms_en");
      await checked(p, "en-new-plan");

      // an editor of 교통정책과: an indicator its department reports, in English
      await signIn(page, server.url, EDITOR_A);
      await open(
        page,
        `${server.url}/en/workspace/new/indicator?city=jeonju`,
        "new-indicator",
        "new_indicator_ready_ms_en",
      );
      await checked(page, "en-new-indicator");
      assert.equal(await page.inputValue("#ni-reporter"), "transport-policy");
      await page.fill("#ni-id", "e2e-shelters");
      await page.fill("#ni-name_ko", "버스 쉼터 수");
      await page.fill("#ni-name_en", "Bus shelters");
      await page.selectOption("#ni-kind", "output");
      await page.fill("#ni-unit", "count");
      await page.fill("#ni-unit_label_ko", "곳");
      await page.fill("#ni-unit_label_en", "shelters");
      await page.selectOption("#ni-aggregation", "cumulative");
      await page.fill("#ni-goal_value", "1,200");
      await page.getByLabel("Illustrative (no source)").check();
      await page.fill("#ni-note", "e2e illustrative target");
      await page.getByRole("button", { name: "Create the indicator" }).click();
      await page.waitForSelector('[data-ready="indicator"]');
      await open(
        page,
        `${server.url}/ko/workspace/new/indicator?city=jeonju`,
        "new-indicator",
        "new_indicator_ready_ms_ko",
      );
      await checked(page, "ko-new-indicator");
      await open(
        page,
        `${server.url}/en/workspace/new/action?city=jeonju`,
        "new-action",
        "new_action_ready_ms_en",
      );
      await checked(page, "en-new-action");

      // the action in the new plan: an id in use is said on the id field, the rest kept
      await open(
        page,
        `${server.url}/ko/workspace/new/action?city=jeonju`,
        "new-action",
        "new_action_ready_ms_ko",
      );
      await checked(page, "ko-new-action");
      await page.fill("#na-id", "brt");
      await page.fill("#na-name_ko", "버스 쉼터 확충");
      await page.fill("#na-name_en", "More bus shelters");
      await page.fill("#na-description_ko", "정류장마다 냉난방 쉼터를 둡니다.");
      await page.fill("#na-description_en", "A heated and cooled shelter at every stop.");
      await page.selectOption("#na-plan_area", "e2e-plan stops");
      await page.getByLabel("버스 쉼터 수 (곳)").check();
      await page.getByLabel("수송").check();
      await page.fill("#na-reason_ko", "2027년 예산 편성 전");
      await page.fill("#na-reason_en", "Before the 2027 budget");
      await page.getByLabel("예시 값 (출처 없음)").check();
      await page.fill("#na-note", "e2e 예시 사업");
      await page.getByRole("button", { name: "사업 만들기" }).click();
      await page.locator("#na-id-error", { hasText: "이 식별자는 이미 쓰이고 있습니다." }).waitFor();
      assert.equal(await page.inputValue("#na-name_ko"), "버스 쉼터 확충");
      await checked(page, "ko-new-action-id-taken");
      await page.fill("#na-id", "e2e-shelters-action");
      await page.getByRole("button", { name: "사업 만들기" }).click();
      await page.waitForSelector('[data-ready="action"]');
      await page.getByRole("heading", { name: "버스 쉼터 확충" }).waitFor();
      // no budget line funds it yet; the model action it is modelled by, chosen among the instance's
      await page.getByText("이 사업에 연결된 감축인지 예산 항목이 없습니다.").waitFor();
      await page.locator('#af-link option[value="agenda_2021 brt_baekjedaero brt_corridor"]').waitFor({
        state: "attached",
      });
      await page.selectOption("#af-link", "agenda_2021 brt_baekjedaero brt_corridor");
      await page.getByRole("button", { name: "사업 저장" }).click();
      await page.waitForSelector("#af-link_indicator-error");
      await page.selectOption("#af-link_indicator", "e2e-shelters");
      await page.selectOption("#af-link_parameter", "riders_per_day");
      await checked(page, "ko-new-action-model-link");
      await page.getByRole("button", { name: "사업 저장" }).click();
      await page.getByText("사업을 저장했습니다.").waitFor();
      const linked = (await (
        await fetch(`${server.url}/api/tenants/jeonju/actions/e2e-shelters-action`, {
          headers: { cookie: (await a.context.cookies()).map((k) => `${k.name}=${k.value}`).join("; ") },
        })
      ).json()) as { action: { model_link?: Record<string, string> } };
      assert.deepEqual(linked.action.model_link, {
        scenario: "agenda_2021",
        scenario_action: "brt_baekjedaero",
        model: "brt_corridor",
        indicator: "e2e-shelters",
        parameter: "riders_per_day",
      });

      // a draft plan's action is not public; published (no committee: two stages), it is
      const before = await fetch(`${server.url}/api/tenants/jeonju/actions/e2e-shelters-action`);
      assert.equal(before.status, 404);
      await open(p, `${server.url}/ko/workspace/agenda?city=jeonju`, "agenda", "agenda_ready_ms_ko");
      for (const stage of ["reported_to_council", "published"]) {
        const form = p.getByRole("form", { name: "e2e 버스 계획: 다음 단계로" });
        await form.locator("select").selectOption(stage);
        await form.getByLabel("예시 값 (출처 없음)").check();
        await form.getByLabel("예시 값인 이유").fill("e2e 예시 단계");
        await form.getByRole("button", { name: "단계 변경" }).click();
        await p
          .locator("#plan-e2e-plan", {
            hasText: stage === "published" ? "현재 단계: 공표" : "현재 단계: 의회 보고",
          })
          .waitFor();
      }
      await openInApp(page, `${server.url}/ko/agenda/actions/e2e-shelters-action`);
      await page.getByRole("heading", { name: "버스 쉼터 확충" }).waitFor();
      await page.getByText("버스 쉼터 수").first().waitFor();
      await checked(page, "ko-public-new-action");
    } finally {
      await page.close();
      await p.close();
    }
  });
});
