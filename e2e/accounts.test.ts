/**
 * Accounts in Debian's Chromium against the real server (fresh embedded database, mail delivered over SMTP to
 * a sink the test starts on 127.0.0.1): the first administrator signs in with the printed one-time password,
 * must choose their own, and invites an editor of 교통정책과 from Members & settings; the invitation mail
 * arrives at the sink and its link lets the editor choose a password and join. The administrator invites an
 * auditor the same way; the auditor filters the audit trail by that editor (the session having ended, the
 * load signs in again in place and the filter stays as typed), opens a change, exports the
 * trail (CSV and XLSX), verifies the hash chain, and can change nothing (the pages offer nothing, and a
 * forced request is refused). Every state is checked by axe (no rule disabled) and screenshotted; the time
 * from navigation to each page's ready signal is measured and reported, not asserted.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { ARTIFACTS, pageChecker } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { startSmtpSink } from "./lib/smtp.ts";

const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);
const figures: Record<string, number> = {};

const checked = pageChecker("accounts");

/** Milliseconds from the navigation's start to the page's ready signal. */
async function readyMs(page: Page, ready: string): Promise<number> {
  await page.waitForSelector(`[data-ready="${ready}"]`, { timeout: 30_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return Math.round(performance.now() - (nav ? nav.startTime : 0));
  });
}

/** The link a mail carries (the one on a line of its own). */
function linkIn(text: string): URL {
  const m = /^(https?:\/\/\S+)$/m.exec(text);
  assert.ok(m?.[1], `no link in the mail:\n${text}`);
  return new URL(m[1]);
}

describe("accounts in Chromium: invitations by mail, the audit trail for an auditor", {
  skip: unavailable ?? false,
}, () => {
  let server: RunningServer;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const browsers: Browser[] = [];
  let oneTime = "";
  let adminPage: Page;
  const admin = "admin@example.org";
  const adminPassword = "lanterns over the hanok village roofs 9";
  const editor = "brt.officer@jeonju.example";
  const editorPassword = "rapid buses along baekje-daero 2026";
  const auditor = "auditor@jeonju.example";
  const auditorPassword = "every change leaves a trace here 7";

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer(180_000, {
      adminPassword: null,
      env: {
        CITYPATH_SMTP_URL: sink.url,
        CITYPATH_MAIL_FROM: "Citypath <citypath@jeonju.example>",
        CITYPATH_MAIL_INTERVAL_MS: "1000",
      },
    });
    const m = /One-time password:\s+(\S+)/.exec(server.log());
    assert.ok(m?.[1], `the server printed no one-time password:\n${server.log()}`);
    oneTime = m[1];
  });
  after(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
    await sink?.close();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "accounts-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  const person = async () => {
    const b = await launch();
    browsers.push(b);
    return b.context.newPage();
  };

  /** Invites from the Members page and returns the link of the mail that arrives at the sink. */
  async function invite(page: Page, email: string, role: string, departments: string[] = []): Promise<URL> {
    await page.fill("#invite-email", email);
    await page.selectOption("#invite-role", role);
    // (the Members page also lists departments as the model's owners: the invitation's own are in its region)
    const form = page.getByRole("region", { name: "초대하기" });
    for (const d of departments) await form.getByRole("checkbox", { name: d }).check();
    await page.getByRole("button", { name: "초대 보내기" }).click();
    await page.waitForSelector(`text=${email}에게 초대를 보냈습니다.`);
    const mail = await sink.waitFor(email, (x) => x.text.includes("/workspace/invitation"));
    assert.match(mail.raw, /^From: Citypath <citypath@jeonju\.example>/m);
    return linkIn(mail.text);
  }

  /** Opens an invitation link in the invitee's own browser and accepts it with a new account. */
  async function accept(link: URL, who: string, name: string, password: string, lead: RegExp): Promise<Page> {
    const page = await person();
    await page.goto(link.toString());
    await page.waitForSelector('[data-ready="invitation"]');
    assert.match((await page.textContent("main")) ?? "", lead);
    await checked(page, `ko-invitation-${who}`);
    await page.fill("#accept-name", name);
    await page.fill("#accept-password", password);
    await page.getByRole("button", { name: "수락하고 참여하기" }).click();
    await page.waitForSelector("text=참여했습니다");
    return page;
  }

  it("journey 1: the first administrator, the forced password change, an editor of 교통정책과 invited by mail", async () => {
    const page = await person();
    adminPage = page;
    await page.goto(`${server.url}/ko/workspace`);
    await page.fill("#signin-email", admin);
    await page.fill("#signin-password", oneTime);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForSelector("#pw-current");
    await page.fill("#pw-current", oneTime);
    await page.fill("#pw-new", adminPassword);
    await page.fill("#pw-again", adminPassword);
    await page.getByRole("button", { name: "비밀번호 변경" }).click();
    await page.waitForSelector('[data-testid="ws-user"]');

    // the reference in the same run: the workspace's own first page, signed in
    await page.goto(`${server.url}/ko/workspace`);
    figures.workspace_home_ready_ms_ko = await readyMs(page, "workspace");
    // the platform administrator picks the city, then Members & settings
    await page.getByRole("link", { name: "전주시의 업무 공간 열기" }).click();
    await page.waitForSelector('[data-ready="work"]');
    await page.getByRole("link", { name: "구성원·설정" }).click();
    await page.waitForSelector('[data-ready="members"]');
    await page.goto(`${server.url}/ko/workspace/members?city=jeonju`);
    figures.members_ready_ms_ko = await readyMs(page, "members");
    await checked(page, "ko-members");

    // a bad address and an editor without a department are caught on their fields
    await page.fill("#invite-email", "not an address");
    await page.getByRole("button", { name: "초대 보내기" }).click();
    await page.waitForSelector("#invite-email-error");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "invite-email");
    await page.fill("#invite-email", editor);
    await page.getByRole("button", { name: "초대 보내기" }).click();
    await page.waitForSelector("text=편집자만: 담당할 부서를 하나 이상 고르세요.");
    await checked(page, "ko-members-errors");

    const link = await invite(page, editor, "editor", ["교통정책과"]);
    assert.equal(link.pathname, "/ko/workspace/invitation");
    assert.equal(link.searchParams.get("tenant"), "jeonju");
    // pending until accepted, with the mail's delivery state
    await page.reload();
    await page.waitForSelector(`[data-invitation="${editor}"]`);
    await page.waitForSelector("text=보냄");
    await checked(page, "ko-members-invited");

    // the editor's own browser: the mailed link, a name and a password, and they are in
    const ed = await accept(link, "editor", "교통 담당", editorPassword, /편집자/);
    await checked(ed, "ko-invitation-joined");
    await ed.getByRole("link", { name: "업무 공간 열기" }).click();
    await ed.waitForSelector('[data-ready="work"]');
    await ed.getByRole("link", { name: "내 정보" }).click();
    await ed.waitForSelector('[data-testid="ws-user"]');
    // the membership's department by its register name (the register is asked for after the page)
    await ed.waitForSelector("table >> text=교통정책과");
    const mine = (await ed.textContent("table")) ?? "";
    assert.match(mine, /jeonju/);
    assert.match(mine, /편집자/);
    assert.match(mine, /교통정책과/);
    // and no Members page for an editor
    assert.equal(await ed.getByRole("link", { name: "구성원·설정" }).count(), 0);

    // the administrator sees the new member, and the link cannot be used twice
    await page.reload();
    await page.waitForSelector(`[data-member="${editor}"]`);
    assert.equal(await page.locator(`[data-invitation="${editor}"]`).count(), 0);
    const again = await person();
    await again.goto(link.toString());
    await again.waitForSelector('[data-ready="invitation"]');
    await again.waitForSelector("text=이 링크는 쓸 수 없습니다");

    // the department register: a new department with both names (its id never changes), then a rename
    await page.goto(`${server.url}/ko/workspace/members?city=jeonju`);
    await page.waitForSelector('[data-ready="members"]');
    await page.fill("#department-id", "carbon-support");
    await page.fill("#department-ko", "탄소중립지원과");
    await page.getByRole("button", { name: "부서 추가" }).click();
    await page.waitForSelector("text=탄소중립지원과을(를) 등록부에 추가했습니다.");
    await page.getByRole("button", { name: "탄소중립지원과 이름 바꾸기" }).click();
    assert.equal(await page.inputValue("#department-id"), "carbon-support");
    await page.fill("#department-en", "Carbon Neutrality Support Division");
    await page.getByRole("button", { name: "이름 저장" }).click();
    await page.waitForSelector(
      '[data-department="carbon-support"] >> text=Carbon Neutrality Support Division',
    );

    // English, complete
    await page.goto(`${server.url}/en/workspace/members?city=jeonju`);
    figures.members_ready_ms_en = await readyMs(page, "members");
    await page.waitForSelector("text=Members and settings");
    // the register's names in English; the editor's department by its English name
    await page.waitForSelector(`[data-member="${editor}"] >> text=Transport Policy Division`);
    await checked(page, "en-members");
  });

  it("journey 7: an auditor filters the trail by the editor, opens a change, exports, verifies, and changes nothing", async () => {
    await adminPage.goto(`${server.url}/ko/workspace/members?city=jeonju`);
    await adminPage.waitForSelector('[data-ready="members"]');
    const link = await invite(adminPage, auditor, "auditor");
    const page = await accept(link, "auditor", "감사 담당", auditorPassword, /감사자/);

    await page.goto(`${server.url}/ko/workspace/audit?city=jeonju`);
    figures.audit_ready_ms_ko = await readyMs(page, "audit");
    await page.waitForSelector("tbody tr[data-seq]");
    await checked(page, "ko-audit");

    // filter by the editor: every record shown is theirs (joining the city is one). The session has ended
    // meanwhile: the filtered load answers 401, the sign-in opens in place, and once signed in the trail
    // loads with the filter as typed
    await page.fill("#audit-user", editor);
    await page.context().clearCookies({ name: /session_token/ });
    await page.getByRole("button", { name: "찾기", exact: true }).click();
    await page.waitForSelector("dialog[open] #signin-email");
    await page.fill("dialog #signin-email", auditor);
    await page.fill("dialog #signin-password", auditorPassword);
    await page.locator("dialog").getByRole("button", { name: "로그인" }).click();
    await page.waitForSelector("dialog[open]", { state: "detached" });
    assert.equal(await page.inputValue("#audit-user"), editor);
    await page.waitForFunction(
      (email) => {
        const rows = [...document.querySelectorAll("tbody tr[data-seq]")];
        return rows.length > 0 && rows.every((r) => r.textContent?.includes(email));
      },
      editor,
      { timeout: 15_000 },
    );
    const seqs = await page
      .locator("tbody tr[data-seq]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")));
    assert.ok(seqs.length >= 1);

    // open the change: before and after, field by field, in a dialog that keeps and returns the focus
    const opener = page.locator("tbody tr[data-seq] button").first();
    await opener.click();
    await page.waitForSelector("dialog[open]");
    const dialog = (await page.textContent("dialog")) ?? "";
    assert.match(dialog, /membership/);
    assert.match(dialog, /editor/);
    // the trail records the department by its register id (decision 0083)
    assert.match(dialog, /transport-policy/);
    await checked(page, "ko-audit-change");
    await page.keyboard.press("Escape");
    await page.waitForSelector("dialog[open]", { state: "detached" });
    assert.equal(await opener.evaluate((el) => el === document.activeElement), true);

    // export the filtered trail: CSV and XLSX
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV로 내보내기" }).click(),
    ]);
    const csvText = readFileSync((await csv.path())!, "utf8");
    const lines = csvText
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    assert.match(lines[0]!, /^체인,순번,시각,사용자 ID,사용자 이메일/);
    assert.equal(lines.length - 1, seqs.length);
    for (const l of lines.slice(1)) assert.ok(l.includes(editor), l);
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "XLSX로 내보내기" }).click(),
    ]);
    const xlsxBytes = readFileSync((await xlsx.path())!);
    assert.equal(xlsxBytes.subarray(0, 2).toString("latin1"), "PK");

    // verify the hash chain
    await page.getByRole("button", { name: "해시 사슬 검증" }).click();
    await page.waitForSelector("text=사슬이 온전합니다");
    await checked(page, "ko-audit-verified");

    // nothing to change: Members & settings read-only, and a forced write is refused by the server
    await page.getByRole("link", { name: "구성원·설정" }).click();
    await page.waitForSelector('[data-ready="members"]');
    await page.waitForSelector("text=감사자는 모든 내용을 읽을 수 있지만 아무것도 바꿀 수 없습니다.");
    assert.equal(await page.locator("#invite-email").count(), 0);
    assert.equal(await page.getByRole("button", { name: /내보내기|역할 바꾸기|초대 취소/ }).count(), 0);
    await checked(page, "ko-members-auditor");
    const forced = await page.evaluate(async () => {
      const csrf =
        document.cookie
          .split("; ")
          .find((c) => c.startsWith("citypath_csrf="))
          ?.split("=")[1] ?? "";
      const headers = { "content-type": "application/json", "x-citypath-csrf": decodeURIComponent(csrf) };
      const put = await fetch("/api/tenants/jeonju/members", {
        method: "PUT",
        headers,
        body: JSON.stringify({ email: "someone@jeonju.example", role: "admin" }),
      });
      const patch = await fetch("/api/tenants/jeonju", {
        method: "PATCH",
        headers,
        body: JSON.stringify({ base_version: 1, name_en: "Audited" }),
      });
      return [put.status, patch.status];
    });
    assert.deepEqual(forced, [403, 403]);

    await page.goto(`${server.url}/en/workspace/audit?city=jeonju&user=${encodeURIComponent(editor)}`);
    figures.audit_ready_ms_en = await readyMs(page, "audit");
    await page.waitForSelector("tbody tr[data-seq]");
    await checked(page, "en-audit");
  });
});
