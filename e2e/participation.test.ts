/**
 * Participation in Debian's Chromium against the real server (fresh embedded database, mail delivered over
 * SMTP to a sink the test starts on 127.0.0.1). The city's administrator opens a consultation and uploads
 * a census through the API; then, in the browser and by keyboard where a person would use it:
 * - a citizen signs up, confirms by the mailed link, signs in, verifies as a resident, comments (the
 *   personal-data warning, confirmed), takes a scenario from the explorer into a proposal and sees its
 *   modelled numbers, supports (and two supports sent at once count once), and receives the official answer
 *   by mail;
 * - a council member comments under the council badge, and the badge filter finds it;
 * - three people report a comment, which is hidden, and a moderator restores it.
 * Every page is checked by axe (no rule disabled) in Korean and English and screenshotted to e2e/artifacts/.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CONSENT_TEXT_VERSION } from "@citypath/core/participation/index";
import type { Page } from "playwright-core";
import { type ApiCall, apiSession } from "./lib/api.ts";
import { ARTIFACTS, openInApp, pageChecker } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { startSmtpSink } from "./lib/smtp.ts";
import { openUntilReady } from "./lib/workspace.ts";

const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);
const figures: Record<string, number> = {};
const ADMIN = { email: "admin@example.org", password: "e2e-admin-password-not-secret" };
const CONSULTATION = "e2e-brt-stops";
const CITIZEN = {
  email: "citizen@jeonju.example",
  password: "a walk along the jeonju stream 12",
  name: "송천동 주민",
  census: { name: "김전주", birth_date: "1985-04-12", district: "효자동" },
};
const COUNCIL = {
  email: "council@jeonju.example",
  password: "weekly sessions at city hall 3",
  name: "시의원 박",
};

const checked = pageChecker("participation");

/** The link a mail carries (the one on a line of its own). */
function linkIn(text: string): URL {
  const m = /^(https?:\/\/\S+)$/m.exec(text);
  assert.ok(m?.[1], `no link in the mail:\n${text}`);
  return new URL(m[1]);
}

describe("participation in Chromium", { skip: unavailable ?? false }, () => {
  let server: RunningServer;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let admin: ApiCall;
  const browsers: Browser[] = [];
  let citizen: Page;
  let citizenComment = "";

  const person = async (locale = "ko-KR") => {
    const b = await launch({ locale });
    browsers.push(b);
    return b.context.newPage();
  };
  /**
   * A visitor who never signs in, in one tab all along: the public pages' journeys go from page to page as
   * the app's links do (openInApp), and in both languages by the address's language, as the site's own
   * language link does. Signed-in people have browsers of their own.
   */
  let visitorTab: Page | null = null;
  const visitor = async () => {
    visitorTab ??= await person();
    return visitorTab;
  };

  /** A workspace page opened until ready (inside the app when the tab shows it; its direct load checked by a request). */
  const ws = (page: Page, path: string, ready: string, figure: string) =>
    openUntilReady(page, `${server.url}${path}`, ready, figures, figure);

  let staffPage: Page | null = null;
  /** The administrator's browser, signed in to the workspace. */
  async function staff(): Promise<Page> {
    if (staffPage) return staffPage;
    const page = await person();
    await page.goto(`${server.url}/ko/workspace`);
    await page.fill("#signin-email", ADMIN.email);
    await page.fill("#signin-password", ADMIN.password);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForSelector('[data-testid="ws-user"]');
    staffPage = page;
    return page;
  }

  /** Signs up through the API, confirms with the mailed token, and returns a signed-in API session. */
  async function apiAccount(email: string, name: string, password: string): Promise<ApiCall> {
    const r = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email,
        name,
        password,
        consent: { version: CONSENT_TEXT_VERSION, required: true, age_14_or_older: true, optional: [] },
      }),
    });
    assert.equal(r.status, 202, await r.text());
    const mail = await sink.waitFor(email, (m) => m.text.includes("confirm"));
    const token = linkIn(mail.text).searchParams.get("token");
    const c = await fetch(`${server.url}/api/auth/confirm-account`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    assert.equal(c.status, 200, await c.text());
    return apiSession(server.url, email, password);
  }

  /** The administrator opens a consultation (since yesterday, for 30 days) on a plan item. */
  async function openConsultation(
    id: string,
    title: { ko: string; en: string },
    description: { ko: string; en: string },
    subject: { kind: string; id: string },
  ): Promise<void> {
    const r = await admin("PUT", `/api/tenants/jeonju/consultations/${id}`, {
      base_version: 0,
      consultation: {
        id,
        title,
        description,
        subject,
        audience: "all",
        status: "open",
        opens_at: new Date(Date.now() - 86_400_000).toISOString(),
        closes_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        department: "transport-policy",
      },
    });
    assert.equal(r.status, 200, await r.text());
  }

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer(180_000, {
      env: {
        CITYPATH_SMTP_URL: sink.url,
        CITYPATH_MAIL_FROM: "Citypath <citypath@jeonju.example>",
        CITYPATH_MAIL_INTERVAL_MS: "1000",
      },
    });
    admin = await apiSession(server.url, ADMIN.email, ADMIN.password);
    await openConsultation(
      CONSULTATION,
      { ko: "BRT 정류장 위치 의견", en: "Where the BRT stops go" },
      { ko: "BRT 노선의 정류장 위치에 대한 의견을 받습니다.", en: "Comments on where the BRT line stops." },
      { kind: "action", id: "brt" },
    );
    const census = await admin("PUT", "/api/tenants/jeonju/census", {
      entries: [CITIZEN.census, { name: "이덕진", birth_date: "1990-01-02", district: "송천1동" }],
    });
    assert.equal(census.status, 200, await census.text());
  });
  after(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
    await sink?.close();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "participation-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  it("the consultations and a consultation, signed out, in Korean and English", async () => {
    const page = await visitor();
    for (const locale of ["ko", "en"] as const) {
      await openInApp(page, `${server.url}/${locale}/consultations`);
      await page.waitForSelector('[data-ready="consultations"]');
      await checked(page, `${locale}-consultations`);
      await page
        .getByRole("link", { name: locale === "ko" ? "BRT 정류장 위치 의견" : "Where the BRT stops go" })
        .click();
      await page.waitForSelector('[data-ready="consultation"]');
      assert.equal(await page.getAttribute("html", "lang"), locale);
      await page.waitForSelector('[data-testid="standing"]');
      await checked(page, `${locale}-consultation-signed-out`);
      await openInApp(page, `${server.url}/${locale}/account/sign-up`);
      await page.waitForSelector('[data-ready="sign-up"]');
      await checked(page, `${locale}-sign-up`);
    }
  });

  it("journey: a citizen signs up, confirms, verifies as a resident, comments, proposes a scenario and supports", async () => {
    const page = await person();
    citizen = page;
    await page.goto(`${server.url}/ko/consultations/${CONSULTATION}`);
    await page.waitForSelector('[data-testid="standing"]');
    await page.getByRole("link", { name: "로그인 또는 회원 가입" }).click();
    await page.waitForSelector('[data-ready="account"]');
    await page.getByRole("link", { name: "회원 가입" }).click();
    await page.waitForSelector('[data-ready="sign-up"]');
    // keyboard only: the fields in order, then Enter
    await page.focus("#signup-name");
    await page.keyboard.type(CITIZEN.name);
    await page.keyboard.press("Tab");
    await page.keyboard.type(CITIZEN.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(CITIZEN.password);
    // the consent screen (the server's texts): the required consent and "14 or older" ticked, the optional
    // ones (district, mail about followed items) left, then the button
    await page.waitForSelector("#signup-required");
    for (const key of ["Tab", "Space", "Tab", "Space", "Tab", "Tab", "Tab", "Enter"])
      await page.keyboard.press(key);
    await page.waitForSelector(`text=${CITIZEN.email}로 확인 메일을 보냈습니다`);
    await checked(page, "ko-sign-up-sent");

    const mail = await sink.waitFor(CITIZEN.email, (m) => m.text.includes("confirm"));
    await page.goto(linkIn(mail.text).toString());
    await page.waitForSelector('[data-ready="confirm"]');
    await page.goto(
      `${server.url}/ko/account?next=${encodeURIComponent(`/ko/consultations/${CONSULTATION}`)}`,
    );
    await page.waitForSelector("#signin-email");
    await page.fill("#signin-email", CITIZEN.email);
    await page.fill("#signin-password", CITIZEN.password);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForURL(new RegExp(`/ko/consultations/${CONSULTATION}$`));
    await page.waitForSelector('[data-ready="consultation"]');
    await page.waitForSelector("text=주민 확인하기");

    // verify as a resident (a wrong district is not found; the right details verify)
    await page.getByRole("link", { name: "주민 확인하기" }).click();
    await page.waitForSelector("#verify-name");
    await checked(page, "ko-account-verify");
    await page.fill("#verify-name", CITIZEN.census.name);
    await page.fill("#verify-birth_date", CITIZEN.census.birth_date);
    await page.fill("#verify-district", "덕진동");
    await page.getByRole("button", { name: "주민 확인" }).click();
    await page.waitForSelector("text=명부에서 찾지 못했습니다");
    await page.fill("#verify-district", CITIZEN.census.district);
    await page.getByRole("button", { name: "주민 확인" }).click();
    await page.waitForSelector("text=주민 확인을 마쳤습니다");
    await page.waitForSelector('[data-testid="resident"]:text-is("예")');
    await checked(page, "ko-account-verified");
    await page.getByRole("link", { name: "의견수렴으로 돌아가기" }).click();
    await page.waitForSelector('[data-ready="consultation"]');

    // a comment: the notice is there; a phone number is warned about and must be confirmed
    assert.match((await page.textContent("#comment-notice")) ?? "", /개인정보 보호법 제23조/);
    await page.fill("#comment-text", "정류장을 송천역 앞에 두면 좋겠습니다. 문의 010-1234-5678");
    await page.waitForSelector("text=전화번호");
    await page.getByRole("button", { name: "올리기", exact: true }).click();
    await page.waitForSelector(".error-summary");
    await checked(page, "ko-comment-warning");
    await page.check("#comment-confirm");
    await page.getByRole("button", { name: "올리기", exact: true }).click();
    const comment = page.locator("article.pt-item--comment").first();
    await comment.waitFor();
    assert.match((await comment.textContent()) ?? "", /송천역 앞/);
    citizenComment = (await comment.getAttribute("data-contribution")) ?? "";
    // a resident registration number is refused before it is sent
    await page.fill("#comment-text", "제 주민번호는 850412-1234567 입니다");
    await page.waitForSelector("text=주민등록번호는 올릴 수 없습니다");
    await page.fill("#comment-text", "");

    // the explorer's state becomes the proposal's scenario
    await page.goto(`${server.url}/ko/explorer?consultation=${CONSULTATION}`);
    await page.waitForSelector('input[type="range"]', { timeout: 60_000 });
    const slider = page.locator('input[type="range"]').first();
    await slider.focus();
    const before = await slider.inputValue();
    await page.keyboard.press(
      Number(await slider.getAttribute("max")) > Number(before) ? "ArrowRight" : "ArrowLeft",
    );
    await page.waitForURL(/levels=/);
    const shared = new URL(page.url());
    assert.equal(shared.searchParams.get("consultation"), CONSULTATION);
    // the address alone restores the state (loaded in another browser)
    const other = await visitor();
    await other.goto(shared.toString());
    await other.waitForSelector('input[type="range"]', { timeout: 60_000 });
    assert.notEqual(await other.locator('input[type="range"]').first().inputValue(), before);
    await page.getByTestId("propose-scenario").click();
    await page.waitForSelector('[data-testid="proposal-scenario"]');
    await page.fill("#proposal-title", "BRT를 송천동까지 연장");
    await page.fill("#proposal-text", "탐색기에서 BRT 수준을 올린 시나리오를 제안합니다.");
    await page.getByRole("button", { name: "제안 올리기" }).click();
    const proposal = page.locator("article.pt-item--proposal").first();
    await proposal.waitFor();
    await proposal.locator("summary").click();
    await proposal.locator('[data-testid="proposal-effect"]').waitFor({ timeout: 60_000 });
    const rows = await proposal
      .locator('[data-testid="proposal-effect"] table')
      .first()
      .locator("tbody tr")
      .allTextContents();
    assert.ok(rows.some((r) => /2030/.test(r)) && rows.some((r) => /2050/.test(r)), rows.join(" | "));
    assert.ok(
      rows.every((r) => /천톤/.test(r)),
      "emissions in 천톤",
    );
    await checked(page, "ko-proposal-effect");

    // support, once: two supports sent at once count once
    await comment.getByRole("button", { name: "공감", exact: true }).click();
    await comment.getByRole("button", { name: "공감 취소" }).waitFor();
    const counts = await page.evaluate(async (id) => {
      // (no named functions in here: the test's transform would add helpers the page does not have)
      const csrf = decodeURIComponent(/citypath_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? "");
      const answers = await Promise.all(
        [0, 1].map(() =>
          fetch(`/api/tenants/jeonju/contributions/${id}/support`, {
            method: "PUT",
            headers: { "x-citypath-csrf": csrf },
          }).then((r) => r.json()),
        ),
      );
      return answers.map((x: { supports: number }) => x.supports);
    }, citizenComment);
    assert.deepEqual(counts, [1, 1]);
    await page.reload();
    await page.waitForSelector('[data-ready="consultation"]');
    assert.match(
      (await page
        .locator(`[data-contribution="${citizenComment}"] [data-testid="supports"]`)
        .textContent()) ?? "",
      /공감 1$/,
    );
    await checked(page, "ko-consultation-signed-in");
  });

  it("the department answers in the workspace; the answer reaches the citizen by mail and shows on the page", async () => {
    const page = await staff();
    // the staff's workspace pages are reached inside the app, as its menu does (decision 0092)
    await ws(page, "/ko/workspace/answers?city=jeonju", "answers", "answers_ready_ms_ko");
    await page.waitForSelector('[data-testid="answer-queue"]');
    await checked(page, "ko-workspace-answers");
    await page.locator(`tr[data-contribution="${citizenComment}"]`).getByRole("button").click();
    await page.selectOption("#answer-state", "partly_accepted");
    await page.fill("#answer-ko", "송천역 앞 정류장을 검토해 2단계에 반영합니다.");
    await page.fill("#answer-en", "A stop at Songcheon station goes into phase 2.");
    await page.getByRole("button", { name: "연결 추가" }).click();
    await page.fill("#answer-links-0-id", "brt");
    await page.getByRole("button", { name: "답변 저장" }).click();
    await page.waitForSelector("text=답변을 저장했습니다");
    await checked(page, "ko-workspace-answer-saved");
    await page.goto(`${server.url}/en/workspace/answers?city=jeonju`);
    await page.waitForSelector('[data-testid="answer-queue"]');
    await checked(page, "en-workspace-answers");
    const mail = await sink.waitFor(CITIZEN.email, (m) => m.text.includes(CONSULTATION));
    const link = linkIn(mail.text);
    assert.equal(link.hash, `#contribution-${citizenComment}`);
    await citizen.goto(link.toString());
    await citizen.waitForSelector('[data-ready="consultation"]');
    const answer = citizen.locator(`[data-contribution="${citizenComment}"] [data-testid="answer"]`);
    assert.match((await answer.textContent()) ?? "", /부분반영/);
    await citizen.goto(`${server.url}/en/consultations/${CONSULTATION}`);
    await citizen.waitForSelector('[data-ready="consultation"]');
    assert.match(
      (await citizen
        .locator(`[data-contribution="${citizenComment}"] [data-testid="answer"]`)
        .textContent()) ?? "",
      /Songcheon station/,
    );
    await checked(citizen, "en-consultation-answered");
  });

  it("a council member comments under the badge, which the filter finds", async () => {
    const m = await admin("PUT", "/api/tenants/jeonju/members", { email: COUNCIL.email, role: "council" });
    assert.equal(m.status, 200, await m.text());
    const inv = await sink.waitFor(COUNCIL.email, (x) => x.text.includes("/workspace/invitation"));
    const token = linkIn(inv.text).searchParams.get("token");
    const acc = await fetch(`${server.url}/api/tenants/jeonju/invitations/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, name: COUNCIL.name, password: COUNCIL.password }),
    });
    assert.equal(acc.status, 200, await acc.text());
    const page = await person();
    await page.goto(
      `${server.url}/ko/account?next=${encodeURIComponent(`/ko/consultations/${CONSULTATION}`)}`,
    );
    await page.fill("#signin-email", COUNCIL.email);
    await page.fill("#signin-password", COUNCIL.password);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForURL(new RegExp(`/ko/consultations/${CONSULTATION}$`));
    await page.waitForSelector("text=시의원 배지를 달고 참여합니다");
    await page.fill("#comment-text", "시의회 교통위원회에서도 정류장 위치를 논의하겠습니다.");
    await page.getByRole("button", { name: "올리기", exact: true }).click();
    await page.locator('article.pt-item--comment [data-badge="council"]').first().waitFor();
    await page.selectOption("#comments-badge", "council");
    await page.waitForURL(/badge=council/);
    await page.waitForFunction(
      () => document.querySelectorAll("article.pt-item--comment").length === 1,
      undefined,
      { timeout: 30_000 },
    );
    assert.match((await page.locator("article.pt-item--comment").textContent()) ?? "", /시의회 교통위원회/);
    await checked(page, "ko-consultation-council-filter");
  });

  it("three reports hide a comment; a moderator restores it", async () => {
    for (const n of [1, 2, 3]) {
      const s = await apiAccount(
        `reporter${n}@jeonju.example`,
        `신고자 ${n}`,
        `reporting is a civic duty ${n}0`,
      );
      const r = await s("POST", `/api/tenants/jeonju/contributions/${citizenComment}/reports`, {
        reason: "off_topic",
      });
      assert.equal(r.status, 200, await r.text());
    }
    await citizen.goto(`${server.url}/ko/consultations/${CONSULTATION}`);
    await citizen.waitForSelector('[data-ready="consultation"]');
    await citizen.waitForSelector("text=신고가 누적되어 검토 중인 글입니다.");
    await checked(citizen, "ko-consultation-hidden");
    const page = await staff();
    // the block form, in English first: the reason is required, said on its field, which takes the focus
    await ws(page, "/en/workspace/moderation?city=jeonju", "moderation", "moderation_ready_ms_en");
    await page.waitForSelector('[data-testid="moderation-queue"]');
    const row = () => page.locator(`tr[data-contribution="${citizenComment}"]`);
    await row().getByRole("button", { name: "Block the author" }).click();
    await page.getByTestId("block-form").getByRole("button", { name: "Block the author" }).click();
    assert.equal(await (await page.waitForSelector("#block-reason-error")).textContent(), "Enter a reason.");
    assert.equal(await page.getAttribute("#block-reason", "aria-invalid"), "true");
    assert.match((await page.getAttribute("#block-reason", "aria-describedby")) ?? "", /block-reason-error/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "block-reason");
    await checked(page, "en-workspace-moderation-block-error");
    // a load: inside the app the page would keep the English form's state
    await page.goto(`${server.url}/ko/workspace/moderation?city=jeonju`);
    await page.waitForSelector('[data-testid="moderation-queue"]');
    await checked(page, "ko-workspace-moderation");
    assert.match((await row().textContent()) ?? "", /주제와 무관 3/);
    await row().getByRole("button", { name: "작성자 차단" }).click();
    const blockForm = page.getByTestId("block-form");
    await blockForm.getByRole("button", { name: "작성자 차단" }).click();
    assert.equal(
      await (await page.waitForSelector("#block-reason-error")).textContent(),
      "사유를 입력하세요.",
    );
    await checked(page, "ko-workspace-moderation-block-error");
    await page.fill("#block-reason", "같은 글을 되풀이해 올림");
    await blockForm.getByRole("button", { name: "작성자 차단" }).click();
    await page.waitForSelector("text=작성자를 차단했습니다.");
    // the block was stored: lifting it (through the API, so that the citizen takes part below) changes it
    const queue = (await (await admin("GET", "/api/tenants/jeonju/moderation")).json()) as {
      items: Array<{ contribution: { id: string }; author_id: string | null }>;
    };
    const author = queue.items.find((i) => i.contribution.id === citizenComment)?.author_id;
    assert.ok(author, "the comment's author in the queue");
    const lifted = await admin("DELETE", `/api/tenants/jeonju/blocks/${author}`);
    assert.equal(lifted.status, 200, await lifted.clone().text());
    assert.deepEqual(await lifted.json(), { blocked: false, changed: true });
    // restoring the comment
    await row().getByRole("checkbox").check();
    await page.fill("#moderation-reason", "정류장 의견으로 주제에 맞음");
    await page.getByRole("button", { name: "선택한 글 되살리기" }).click();
    await page.waitForSelector("text=1건을 바꿨습니다.");
    await page.goto(`${server.url}/en/workspace/moderation?city=jeonju`);
    await page.waitForSelector('[data-ready="moderation"]');
    await checked(page, "en-workspace-moderation");
    await citizen.reload();
    await citizen.waitForSelector('[data-ready="consultation"]');
    assert.match(
      (await citizen.locator(`[data-contribution="${citizenComment}"]`).textContent()) ?? "",
      /송천역 앞/,
    );
  });

  it("the action's public page lists its consultations", async () => {
    const page = await visitor();
    await openInApp(page, `${server.url}/ko/agenda/actions/brt`);
    await page.waitForSelector('[data-testid="item-consultations"]', { timeout: 60_000 });
    assert.match(
      (await page.textContent('[data-testid="item-consultations"]')) ?? "",
      /BRT 정류장 위치 의견/,
    );
  });
  it("the plan, sector, indicator and scenario list their consultations, in Korean and English", async () => {
    const subjects = [
      ["plan", "carbon-neutral-basic-plan-1", "기본계획 전체 의견", "The whole basic plan"],
      ["sector", "transport", "수송 부문 의견", "The transport sector"],
      ["indicator", "brt-riders", "BRT 이용객 지표 의견", "The BRT riders indicator"],
      ["scenario", "national_policy", "국가 정책 시나리오 의견", "The national policy scenario"],
    ] as const;
    for (const [kind, id, ko, en] of subjects)
      await openConsultation(
        `e2e-${kind}`,
        { ko, en },
        { ko: `${ko}을 받습니다.`, en: `${en}: comments.` },
        { kind, id },
      );
    const page = await visitor();
    const listed = async (selector: string, ...titles: string[]) => {
      await page.waitForSelector(`${selector} [data-testid="item-consultations"]`, { timeout: 60_000 });
      const text = (await page.textContent(`${selector} [data-testid="item-consultations"]`)) ?? "";
      for (const title of titles) assert.ok(text.includes(title), `${title} in ${text}`);
    };
    for (const locale of ["ko", "en"] as const) {
      const title = (i: number) => subjects[i]![locale === "ko" ? 2 : 3];
      await openInApp(page, `${server.url}/${locale}/agenda`);
      await listed("section[aria-labelledby=plan-consultations-h]", title(0), title(1));
      await checked(page, `${locale}-agenda-consultations`);
      await openInApp(page, `${server.url}/${locale}/agenda/actions/brt`);
      await listed("section[aria-labelledby=indicator-brt-riders-consultations-h]", title(2));
      await checked(page, `${locale}-action-indicator-consultations`);
      await openInApp(page, `${server.url}/${locale}/explorer?scenario=national_policy`);
      await listed("section[aria-labelledby=scenario-consultations-h]", title(3));
      await checked(page, `${locale}-explorer-consultations`);
    }
  });

  it("a person sees, downloads and deletes their data; their comment stays under 'deleted account'", async () => {
    const page = citizen;
    await page.goto(`${server.url}/ko/account`);
    await page.getByRole("link", { name: "내 개인정보 보기·내려받기·삭제" }).click();
    await page.waitForSelector('[data-ready="my-data"]');
    assert.match((await page.textContent("main")) ?? "", new RegExp(CITIZEN.email));
    await checked(page, "ko-my-data");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download").click(),
    ]);
    const { readFileSync } = await import("node:fs");
    const mine = JSON.parse(readFileSync(await download.path(), "utf8")) as {
      format: string;
      account: { email: string };
      contributions: Array<{ id: string; text: string }>;
    };
    assert.equal(mine.format, "citypath.my-data");
    assert.equal(mine.account.email, CITIZEN.email);
    assert.ok(mine.contributions.some((c) => c.id === citizenComment && /송천역 앞/.test(c.text)));
    await page.goto(`${server.url}/en/account/data`);
    await page.waitForSelector('[data-ready="my-data"]');
    await checked(page, "en-my-data");
    await page.goto(`${server.url}/ko/account/data`);
    await page.waitForSelector('[data-ready="my-data"]');
    // nothing happens without the password and the confirmation
    await page.getByRole("button", { name: "계정 삭제" }).click();
    await page.waitForSelector("text=비밀번호를 입력하세요.");
    await page.fill("#delete-password", CITIZEN.password);
    await page.check("#delete-sure");
    await page.getByRole("button", { name: "계정 삭제" }).click();
    await page.waitForSelector('[data-testid="account-deleted"]');
    await checked(page, "ko-my-data-deleted");
    // signed out, and the comment is kept (the rule chosen) under "deleted account"
    const session = await page.evaluate(() => fetch("/api/auth/session").then((r) => r.json()));
    assert.equal((session as { user: unknown }).user, null);
    await page.goto(`${server.url}/ko/consultations/${CONSULTATION}`);
    await page.waitForSelector('[data-ready="consultation"]');
    const kept = page.locator(`[data-contribution="${citizenComment}"]`);
    assert.match((await kept.textContent()) ?? "", /탈퇴한 계정/);
    assert.match((await kept.textContent()) ?? "", /송천역 앞/);
  });

  it("the Census page: a file's problems listed with row and column, then a good file uploaded, in Korean and English", async () => {
    const page = await staff();
    const pick = (name: string, text: string) =>
      page.setInputFiles("#census-file", {
        name,
        mimeType: "text/csv",
        buffer: Buffer.from(`\uFEFF${text}`),
      });
    await ws(page, "/en/workspace/census?city=jeonju", "census", "census_ready_ms_en");
    await checked(page, "en-census");
    // no file: said on the file field, which takes the focus
    await page.getByRole("button", { name: "Upload the census" }).click();
    assert.equal(
      await (await page.waitForSelector("#census-file-error")).textContent(),
      "Choose the census file.",
    );
    assert.equal(await page.evaluate(() => document.activeElement?.id), "census-file");
    assert.match((await page.getAttribute("#census-file", "aria-describedby")) ?? "", /census-file-error/);
    await checked(page, "en-census-no-file");
    // a file of another kind is refused before it is sent
    await pick("census.txt", "name,birth_date,district\n");
    await page.waitForSelector("text=Choose a CSV or XLSX file (.csv, .xlsx).");
    await pick(
      "census.csv",
      "name,birth_date,district\n김전주,1985-04-12,효자동\n이덕진,1990-02-30,송천1동\n",
    );
    const problems = page.locator("#census-problems");
    await problems.waitFor();
    assert.match((await problems.textContent()) ?? "", /Row 3, birth_date: "1990-02-30" is not a date/);
    assert.match((await page.textContent("#census-file-error")) ?? "", /1/);
    assert.ok(await page.getByRole("button", { name: "Upload the census" }).isDisabled());
    await checked(page, "en-census-problems");
    // a load: inside the app the page would keep the English form's file and its problems
    await page.goto(`${server.url}/ko/workspace/census?city=jeonju`);
    await page.waitForSelector('[data-ready="census"]');
    await page.getByRole("button", { name: "명부 올리기" }).click();
    assert.equal(
      await (await page.waitForSelector("#census-file-error")).textContent(),
      "명부 파일을 고르세요.",
    );
    await checked(page, "ko-census-no-file");
    await pick("명부.csv", "이름,생년월일,행정동\n김전주,1985.04.12,효자동\n,1990-01-02,송천1동\n");
    await page.locator("#census-problems").waitFor();
    assert.match(
      (await page.locator("#census-problems").textContent()) ?? "",
      /3행, name: 이름이 비어 있습니다/,
    );
    await checked(page, "ko-census-problems");
    await pick(
      "명부.csv",
      "이름,생년월일,행정동\n김전주,1985.04.12,효자동\n이덕진,19900102,송천1동\n최완산,1977-07-07,완산동\n",
    );
    await page.waitForSelector("text=3명을 읽었습니다");
    await checked(page, "ko-census-checked");
    await page.getByRole("button", { name: "명부 올리기" }).click();
    await page.waitForSelector("text=명부에 3명이 있습니다.");
    await checked(page, "ko-census-uploaded");
    // the census now holds the third resident: a new account verifies with those details
    const resident = await apiAccount(
      "wansan@jeonju.example",
      "완산동 주민",
      "a market by the river at dawn 8",
    );
    const v = await resident("POST", "/api/tenants/jeonju/residents/verify", {
      name: "최완산",
      birth_date: "1977-07-07",
      district: "완산동",
    });
    assert.equal(v.status, 200, await v.text());
  });

  it("the open-data page's participation JSON link downloads the anonymised contributions, in Korean and English", async () => {
    const page = await visitor();
    for (const locale of ["ko", "en"] as const) {
      await openInApp(page, `${server.url}/${locale}/data`);
      const link = page.getByRole("link", {
        name:
          locale === "ko"
            ? "시민 참여: 의견수렴의 의견·제안과 공식 답변 (익명 처리) JSON 내려받기"
            : "Download Participation: contributions to consultations and official answers (anonymised) as JSON",
      });
      await link.waitFor();
      await checked(page, `${locale}-open-data`);
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      const { readFileSync } = await import("node:fs");
      const text = readFileSync(await download.path(), "utf8");
      const doc = JSON.parse(text) as {
        format: string;
        consultations: Array<{ id: string }>;
        contributions: Array<{ consultation: string }>;
      };
      assert.equal(doc.format, "citypath.participation-open-data");
      assert.ok(doc.consultations.some((k) => k.id === CONSULTATION));
      assert.ok(doc.contributions.some((c) => c.consultation === CONSULTATION));
      // anonymised: no account's email or display name
      for (const who of [CITIZEN.email, CITIZEN.name, COUNCIL.email, COUNCIL.name])
        assert.ok(!text.includes(who), `${who} in the open data`);
    }
  });
});
