/**
 * The implementation report and the GHG-reduction budget in the staff workspace, in Debian's Chromium against
 * the real server on a fresh embedded database (the demo city: the 2024 report reported and published, the
 * 2025 report a draft), with an editor of 교통정책과 and the administrator:
 * - the editor completes the BRT measure's row of the 2025 draft (the prefilled figures read-only, the
 *   narrative and evidence typed); the stage controls are the admins';
 * - section II's table II-1 on the report's page, with the inventory's verification status as a column;
 * - the admin writes section V (V-1, the action plan for the lagging BRT measure; V-2, an opinion not
 *   reflected, refused without its reason), puts the draft to consultation (refused with a closing day in
 *   the past, then a confirm step, cancelled once; editors are not offered it), completes the report: it is
 *   frozen (the row is locked), publishes it and downloads the PDF (its text has the sections, the Korean
 *   headers, the editor's words, section V and the consultation's row of table IV-2), the DOCX and the XLSX
 *   (opened and read back); the 2025 report is compared with 2024;
 * - the published report's public HTML page passes axe in Korean and English;
 * - a budget line's class reason and validation are edited (its indicator shown in Korean and English), and the
 *   budget statement downloaded and read back; a mapping profile is made, edited (a save on a version someone
 *   else replaced is refused with a 409, what was typed kept, then saved), and deleted.
 * Every state is checked by axe (no rule disabled) and screenshotted to e2e/artifacts/.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pdfText } from "@citypath/server/statements/pdf-text";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Download, Page } from "playwright-core";
import { addMember, apiSession } from "./lib/api.ts";
import { ARTIFACTS, pageChecker } from "./lib/check.ts";
import { type Browser, browserUnavailable, launch } from "./lib/chromium.ts";
import { type RunningServer, startServer } from "./lib/server.ts";
import { openUntilReady, signInToWorkspace } from "./lib/workspace.ts";

const unavailable = browserUnavailable();
if (unavailable) console.log(`# skipped: ${unavailable}`);
const figures: Record<string, number> = {};
const ADMIN = { email: "admin@example.org", password: "e2e-admin-password-not-secret" };
const EDITOR = {
  email: "brt.officer@example.org",
  password: "a long editor passphrase 3",
  name: "Park Editor",
};
const PLAN = "carbon-neutral-basic-plan-1";
const BEST = "시민 BRT 이용 모니터링단 운영 (예시)";
const SAID = "BRT 2단계 노선 설계를 마쳤고 전용차로 4.2 km를 개통했습니다.";
const FOLLOW = "하반기에 사업비를 재배정하고 분기마다 추진상황을 점검합니다 (예시).";
const NOT_REFLECTED = "국비 확보가 늦어 2026년 본예산에 반영합니다 (예시).";

const checked = pageChecker("reporting");

const open = (page: Page, url: string, ready: string, figure: string) =>
  openUntilReady(page, url, ready, figures, figure, 60_000);
const signIn = signInToWorkspace;

async function bytesOf(d: Download): Promise<Buffer> {
  const p = await d.path();
  assert.ok(p, `the download ${d.suggestedFilename()} has no file`);
  return readFileSync(p);
}

describe("the implementation report and the budget in the workspace", { skip: unavailable ?? false }, () => {
  let server: RunningServer;
  let ed: Browser;
  let ad: Browser;
  let visitor: Browser;

  before(async () => {
    server = await startServer();
    ed = await launch();
    ad = await launch();
    visitor = await launch();
    const admin = await apiSession(server.url, ADMIN.email, ADMIN.password);
    await addMember(server.url, admin, EDITOR, "editor", ["transport-policy"]);
  });
  after(async () => {
    await ed?.close();
    await ad?.close();
    await visitor?.close();
    await server?.stop();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, "reporting-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# figures ${JSON.stringify(figures)}`);
  });

  it("an editor completes the BRT measure's row of the 2025 draft; the stage controls are not theirs", async () => {
    const page = await ed.context.newPage();
    await signIn(page, server.url, EDITOR);
    await open(page, `${server.url}/ko/workspace/reports?city=jeonju`, "reports", "reports_ready_ms_ko");
    const list = page.getByTestId("reports");
    await list.getByText("초안").waitFor();
    await list.getByText("의회 보고 완료").waitFor();
    await checked(page, "ko-reports-editor");

    await list.getByRole("link", { name: "2025년 보고서" }).click();
    await page.waitForSelector('[data-ready="report"]');
    assert.equal(await page.getByTestId("report-stage").textContent(), "초안");
    assert.equal(await page.getByTestId("stage-controls").count(), 0);
    await page.getByText("보고서 단계 진행·재개·공개는 관리자만 할 수 있습니다.").waitFor();
    // the earlier year beside this one
    await page.getByTestId("report-compare").waitFor();
    // section II: table II-1 with the inventory's verification status beside each figure (the demo's is
    // provisional: illustrative activity figures, no verification of a Jeonju inventory found)
    const ii1 = page.getByTestId("report-emissions");
    const heads = await ii1.locator("thead th").allTextContents();
    assert.deepEqual(heads.slice(-2), ["잠정/확정", "인벤토리 검증 상태"]);
    const total = ii1.locator("tbody tr", { hasText: "합계" });
    assert.equal((await total.locator("td").allTextContents()).at(-1), "잠정");
    // putting the draft to consultation is the admins'
    assert.equal(await page.getByTestId("report-consultation").count(), 0);
    await checked(page, "ko-report-2025-editor");

    await page
      .getByTestId("report-measures")
      .getByRole("link", { name: /간선급행버스체계/ })
      .click();
    await page.waitForSelector("#mr-achievements_ko");
    // the prefilled figures are shown read-only, with where they come from
    const figs = page.getByTestId("row-figures");
    await figs.getByText("성과지표 (단위)").waitFor();
    await figs.getByText("달성률").waitFor();
    await page.getByText("의제의 지표·목표, 지표 관측값, 예산 결산에서 지금 계산한 값입니다.").waitFor();
    assert.equal(await figs.locator("input, textarea, select").count(), 0);

    // English without Korean is refused in the browser, with the field named
    await page.fill("#mr-delay_en", "Land purchase took longer");
    await page.getByRole("button", { name: "행 저장" }).click();
    await page.locator(".error-summary").getByText("한국어를 먼저 적으세요 (영어는 번역입니다)").waitFor();
    await checked(page, "ko-row-errors");
    await page.fill("#mr-delay_en", "");
    await page.fill("#mr-achievements_ko", SAID);
    await page.fill("#mr-achievements_en", "Phase 2 designed; 4.2 km of bus lanes opened.");
    await page.fill("#mr-evidence", "BRT 2단계 실시설계 보고서\nhttps://www.jeonju.go.kr/brt");
    await page.check("#mr-complete");
    await page.getByRole("button", { name: "행 저장" }).click();
    await page.getByText("저장했습니다.").waitFor();
    await page
      .getByTestId("report-measures")
      .locator("tr", { hasText: "간선급행버스체계" })
      .getByText(/작성 완료/)
      .waitFor();
    await checked(page, "ko-row-saved");

    // the English page of the same row
    await open(
      page,
      `${server.url}/en/workspace/reports/${PLAN}/2025/brt?city=jeonju`,
      "report",
      "report_ready_ms_en",
    );
    await page.getByText("Prefilled figures (read-only)").waitFor();
    assert.deepEqual(
      (await page.getByTestId("report-emissions").locator("thead th").allTextContents()).slice(-1),
      ["Inventory verification"],
    );
    assert.equal(
      await page.inputValue("#mr-achievements_en"),
      "Phase 2 designed; 4.2 km of bus lanes opened.",
    );
    await checked(page, "en-row-editor");
  });

  it("the admin completes the report (frozen), publishes it and downloads the PDF, DOCX and XLSX", async () => {
    const page = await ad.context.newPage();
    await signIn(page, server.url, ADMIN);
    await open(
      page,
      `${server.url}/ko/workspace/reports/${PLAN}/2025?city=jeonju`,
      "report",
      "report_ready_ms_ko",
    );
    await page.getByTestId("stage-controls").waitFor();
    await checked(page, "ko-report-2025-admin");

    // the admins' part: a best practice added to the draft's
    const best = await page.inputValue("#re-best_ko");
    await page.fill("#re-best_ko", `${best}\n${BEST}`.trim());
    await page.fill("#re-best_en", "");
    await page.getByRole("button", { name: "관리자 작성란 저장" }).click();
    await page.locator("#entries-h ~ form").getByText("저장했습니다.").waitFor();

    // V-1: the action plan for a lagging measure, chosen among those the report lists as lagging: the BRT,
    // whose corridor's 2025 bus ridership so far (23,900 a day, illustrative) is 68.3 % of its 35,000 target
    const choices = await page.locator("#fu-action option").allTextContents();
    assert.deepEqual(choices.slice(1), ["2-1 간선급행버스체계(BRT) (예시)"]);
    await page.getByRole("button", { name: "조치계획 저장" }).click();
    // nothing chosen or written: refused in the browser, the fields named
    await page
      .locator("form[aria-label='부진 과제 조치계획'] .error-summary")
      .getByText("값을 입력하세요.")
      .first()
      .waitFor();
    await page.selectOption("#fu-action", "brt");
    await page.fill("#fu-cause_ko", "보조금 집행이 늦었습니다 (예시).");
    await page.fill("#fu-plan_ko", FOLLOW);
    await page.fill("#fu-due", "2026-06-30");
    await page.getByRole("button", { name: "조치계획 저장" }).click();
    await page.getByTestId("report-follow-up").getByText(FOLLOW).waitFor();
    assert.match(
      (await page.getByTestId("report-follow-up").textContent()) ?? "",
      /간선급행버스체계\(BRT\).*보조금 집행이 늦었습니다/,
    );
    // V-2: an opinion not reflected is refused without its written reason, then saved with it
    await page.selectOption("#op-source", "council");
    await page.fill("#op-year", "2024");
    await page.fill("#op-opinion_ko", "전기차 충전기 확충 예산을 늘릴 것 (예시)");
    await page.selectOption("#op-reflected", "no");
    await page.getByRole("button", { name: "의견 추가" }).click();
    await page.getByText("반영하지 않았거나 일부만 반영한 의견에는 그 사유를 적습니다").first().waitFor();
    await page.fill("#op-reason_ko", NOT_REFLECTED);
    await page.getByRole("button", { name: "의견 추가" }).click();
    await page.getByTestId("report-opinions").getByText(NOT_REFLECTED).waitFor();
    assert.match(
      (await page.getByTestId("report-opinions").textContent()) ?? "",
      /지방의회 \(지방자치법 제78조제4항\)2024/,
    );
    await checked(page, "ko-report-2025-follow-up");

    // the draft put to consultation: a closing day in the past is refused; then a confirm step, cancelled
    // once, then confirmed
    const consult = page.getByTestId("report-consultation");
    await page.selectOption("#rc-department", { label: "기후변화대응과" });
    await page.fill("#rc-closes_on", "2020-01-31");
    await consult.getByRole("button", { name: "의견수렴에 부치기" }).click();
    await consult.locator(".error-summary").getByText("마감일은 오늘 이후여야 합니다").waitFor();
    const closes = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await page.fill("#rc-closes_on", closes);
    await consult.getByRole("button", { name: "의견수렴에 부치기" }).click();
    const confirm = page.getByTestId("consult-confirm");
    await confirm.getByText(`${closes} 18시에 닫힙니다`, { exact: false }).waitFor();
    await checked(page, "ko-report-consult-confirm");
    await confirm.getByRole("button", { name: "취소" }).click();
    await consult.getByRole("button", { name: "의견수렴에 부치기" }).click();
    await page.getByTestId("consult-confirm").getByRole("button", { name: "의견수렴 열기" }).click();
    await consult.getByText("의견수렴을 열었습니다.").waitFor();
    await consult.getByText(/이 보고서 초안의 의견수렴: 2025년 이행점검 결과보고서 초안 의견수렴/).waitFor();
    await consult.getByRole("link", { name: "의견수렴 보기" }).waitFor();
    await checked(page, "ko-report-consult-open");
    // the same in English
    await open(
      page,
      `${server.url}/en/workspace/reports/${PLAN}/2025?city=jeonju`,
      "report",
      "report_ready_ms_en_admin",
    );
    await page
      .getByTestId("report-consultation")
      .getByText(/This draft's consultation: Consultation on the draft 2025 implementation report/)
      .waitFor();
    await checked(page, "en-report-2025-admin");
    await open(
      page,
      `${server.url}/ko/workspace/reports/${PLAN}/2025?city=jeonju`,
      "report",
      "report_ready_ms_ko_2",
    );

    await page.getByRole("button", { name: "보고서 완료 (동결)" }).click();
    await page.getByText("단계를 ‘검토 (완료·동결)’(으)로 옮겼습니다.").waitFor();
    await page
      .getByTestId("report-frozen")
      .getByText(/수치가 동결되었습니다/)
      .waitFor();
    assert.equal(await page.getByTestId("report-stage").textContent(), "검토 (완료·동결)");
    await checked(page, "ko-report-frozen");

    // the row is locked now, and keeps what the editor wrote
    await page
      .getByTestId("report-measures")
      .getByRole("link", { name: /간선급행버스체계/ })
      .click();
    await page
      .getByText("보고서가 완료되어 작성란이 잠겼습니다. 관리자가 다시 열어야 고칠 수 있습니다.")
      .waitFor();
    assert.equal(await page.locator("#mr-achievements_ko").count(), 0);
    await page.getByText(SAID).first().waitFor();
    await page.getByText("보고서를 완료할 때 동결된 값입니다.").waitFor();

    await page.getByRole("button", { name: "공개", exact: true }).click();
    await page.getByText("보고서를 공개했습니다.").waitFor();
    await page.getByTestId("report-published").getByText("공개됨 (누리집에 게시)").waitFor();
    await checked(page, "ko-report-published");

    const files = page.getByTestId("report-files");
    const take = async (name: string) => {
      const [d] = await Promise.all([
        page.waitForEvent("download", { timeout: 180_000 }),
        files.getByRole("link", { name }).click(),
      ]);
      return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
    };
    const pdf = await take("PDF (제출용)");
    assert.match(pdf.name, /jeonju-implementation-.*-2025-ko\.pdf$/);
    const { pages, text } = pdfText(new Uint8Array(pdf.bytes));
    assert.ok(pages >= 5, `${pages} pages`);
    const flat = text.replace(/\s+/g, "");
    for (const s of [
      "목차",
      "Ⅰ.점검개요",
      "Ⅱ.온실가스배출현황",
      "Ⅲ.부문별·과제별추진실적",
      "과제번호",
      "달성률",
      "집행률",
      "자체평가등급",
      SAID.replace(/\s+/g, ""),
      BEST.replace(/\s+/g, ""),
      FOLLOW.replace(/\s+/g, ""),
      NOT_REFLECTED.replace(/\s+/g, ""),
      // table II-1's verification column, and table IV-2's row of the report's own consultation
      "인벤토리검증상태",
      "2025년이행점검결과보고서(초안)",
    ])
      assert.ok(flat.includes(s), `the PDF has ${s}`);

    const docx = await take("DOCX (한글·워드)");
    const zip = await JSZip.loadAsync(docx.bytes);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const words = xml.replace(/<[^>]+>/g, "");
    for (const s of ["이행점검 결과보고서", "표 Ⅲ-1 과제별 추진실적", "주요 성과", SAID])
      assert.ok(words.includes(s), `the DOCX has ${s}`);

    const xlsx = await take("XLSX (표)");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("III-1");
    assert.ok(sheet, `a sheet for table III-1 among ${book.worksheets.map((w) => w.name).join(", ")}`);
    assert.equal(sheet.getRow(1).getCell(3).value, "과제명");
    let found = false;
    sheet.eachRow((row) => {
      if (row.values && JSON.stringify(row.values).includes(SAID)) found = true;
    });
    assert.ok(found, "the XLSX's III-1 sheet has the editor's words");
  });

  it("the published report's and budget statements' public HTML pages pass axe in Korean and English", async () => {
    const page = await visitor.context.newPage();
    for (const lang of ["ko", "en"] as const) {
      const r = await page.goto(
        `${server.url}/api/tenants/jeonju/reports/${PLAN}/2025/document?format=html&lang=${lang}`,
      );
      assert.equal(r?.status(), 200);
      assert.equal(await page.getAttribute("html", "lang"), lang);
      await page
        .getByText(lang === "ko" ? SAID : "Phase 2 designed; 4.2 km of bus lanes opened.")
        .first()
        .waitFor();
      await checked(page, `${lang}-public-report`);
    }
    // the published budget statements' pages too
    for (const kind of ["budget", "settlement"] as const)
      for (const lang of ["ko", "en"] as const) {
        const r = await page.goto(
          `${server.url}/api/tenants/jeonju/budget/2024/statement?kind=${kind}&format=html&lang=${lang}`,
        );
        assert.equal(r?.status(), 200);
        assert.equal(await page.getAttribute("html", "lang"), lang);
        await checked(page, `${lang}-public-${kind}-statement`);
      }
  });
  it("an editor classifies and validates their budget line, an import's problems are located, the statement downloaded", async () => {
    const page = await ed.context.newPage();
    await signIn(page, server.url, EDITOR);
    await open(page, `${server.url}/ko/workspace/budget/2025?city=jeonju`, "budget", "budget_ready_ms_ko");
    const lines = page.getByTestId("budget-lines");
    await lines.getByText("BRT 기린대로 정류장·전용차로 구축").waitFor();
    // the filters: the class, then the department
    await page.selectOption("#bf-class", "emission");
    await lines.getByText("도시계획도로 개설").waitFor();
    assert.equal(await lines.getByText("BRT 기린대로 정류장·전용차로 구축").count(), 0);
    await page.selectOption("#bf-class", "");
    await page.selectOption("#bf-dept", "교통정책과");
    assert.equal(await lines.locator("tbody tr").count(), 1);
    await checked(page, "ko-budget-editor");

    // a line of their department links to its form; the others do not
    assert.equal(await lines.getByRole("link").count(), 1);
    await lines.getByRole("link", { name: "BRT 기린대로 정류장·전용차로 구축" }).click();
    await page.waitForSelector('[data-ready="budget-line"]');
    // the indicator's name and unit in both languages, the English as the demo gives it
    assert.equal(await page.inputValue("#bl-indicator"), "기린대로 축 시내버스 일 이용객");
    assert.equal(
      await page.inputValue("#bl-indicator_en"),
      "Daily city-bus riders on the Giringdaero corridor",
    );
    assert.equal(await page.inputValue("#bl-indicator_unit_en"), "riders a day");
    await checked(page, "ko-budget-line");
    // a validator without a date is refused in the browser
    await page.fill("#bl-validated_by", "탄소중립지원센터 김검증");
    await page.fill("#bl-validated_on", "");
    await page.getByRole("button", { name: "라인 저장" }).click();
    await page.locator(".error-summary").getByText("검증자와 검증일은 함께 적습니다").waitFor();
    await page.fill("#bl-validated_on", "2025-02-14");
    await page.fill("#bl-final_krw", "8,500,000,000");
    await page.fill("#bl-class_reason", "승용차 통행을 BRT로 전환해 수송 부문 배출을 줄입니다.");
    await page.getByRole("button", { name: "라인 저장" }).click();
    await page.locator("#settlement-h").waitFor();
    await page.locator("form[aria-label='예산 라인 편집']").getByText("저장했습니다.").waitFor();
    await checked(page, "ko-budget-line-saved");

    // the line's settlement: a closed one that does not add up is refused in the browser, then saved open
    await page.fill("#st-available_krw", "8,500,000,000");
    await page.fill("#st-executed_krw", "3,100,000,000");
    await page.fill("#st-unused_krw", "100,000,000");
    await page.check("#st-closed");
    if ((await page.inputValue("#st-source")) === "") await page.check("#st-illustrative");
    await page.getByRole("button", { name: "결산 저장" }).click();
    await page
      .locator(".error-summary")
      .getByText("결산 확정이면 집행액 + 이월액 + 불용액이 예산현액과 같아야 합니다")
      .waitFor();
    await page.fill("#st-unused_krw", "");
    await page.uncheck("#st-closed");
    await page.fill("#st-as_of", "2025-09-30");
    await page.getByRole("button", { name: "결산 저장" }).click();
    await page.locator("form[aria-label='결산 편집']").getByText("저장했습니다.").waitFor();
    await checked(page, "ko-budget-settlement-saved");

    await open(page, `${server.url}/ko/workspace/budget/2025?city=jeonju`, "budget", "budget_ready_ms_ko_2");
    const brt = page.getByTestId("budget-lines").locator("tr", { hasText: "BRT 기린대로" });
    await brt.getByText("탄소중립지원센터 김검증, 2025-02-14").waitFor();
    await brt.getByText("8,500,000").waitFor();

    // an import with a bad class and a bad amount: every problem with its row and column, nothing stored
    const dir = mkdtempSync(join(tmpdir(), "citypath-budget-"));
    const csv = join(dir, "lines.csv");
    writeFileSync(
      csv,
      [
        "year,code,name,bureau,department,account,cost_kind,original_krw,class,class_reason,illustrative",
        "2025,120-123-TR01-BRT-002,BRT 3단계,대중교통국,교통정책과,일반,사업비,10억,감축,승용차 전환,예",
        "2025,120-123-TR01-BRT-003,BRT 4단계,대중교통국,교통정책과,일반,사업비,1000000000,좋음,승용차 전환,예",
      ].join("\n"),
    );
    await page.setInputFiles("#bi-file", csv);
    await page.getByRole("button", { name: "미리 보기" }).click();
    const problems = page.getByTestId("budget-problems");
    await problems.waitFor();
    const text = (await problems.textContent()) ?? "";
    assert.match(text, /original_krw|당초예산/);
    assert.match(text, /class|분류/);
    assert.equal(await page.getByRole("button", { name: "모두 저장" }).count(), 0);
    await checked(page, "ko-budget-import-problems");

    // a mapping profile for a department's own layout (amounts in thousand won, its own class words): a line
    // not of its field's form is said on the field with its line number; saved, it is offered by the import
    const form = page.getByTestId("profile-form");
    await page.fill("#bp-id", "transport-thousand");
    await page.fill("#bp-name", "교통정책과 예산서 (천원)");
    await page.fill("#bp-mapping", "code=과목코드\nexecuted_krw=집행액\noriginal_krw=예산액(천원)");
    await page.fill("#bp-scale", "original_krw=1000");
    await page.fill("#bp-value_map", "class: 줄임=reduction");
    await page.fill("#bp-constants", "sector=수송");
    await form.getByRole("button", { name: "프로필 만들기" }).click();
    assert.match((await (await page.waitForSelector("#bp-mapping-error")).textContent()) ?? "", /^2행:/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "bp-mapping");
    await checked(page, "ko-budget-profile-error");
    await page.fill("#bp-mapping", "code=과목코드\noriginal_krw=예산액(천원)");
    await form.getByRole("button", { name: "프로필 만들기" }).click();
    await page.waitForSelector("text=‘교통정책과 예산서 (천원)’ 프로필을 만들었습니다.");
    const listed = page.getByTestId("budget-profiles").locator('tr[data-profile="transport-thousand"]');
    assert.match((await listed.textContent()) ?? "", /예산 라인.*2.*1판/);
    await checked(page, "ko-budget-profiles");
    const own = join(dir, "own.csv");
    writeFileSync(
      own,
      [
        "year,과목코드,name,bureau,department,account,cost_kind,예산액(천원),class,class_reason,reduction_type,illustrative",
        "2025,120-123-TR01-BRT-002,BRT 3단계 (예시),대중교통국,교통정책과,일반,사업비,1250000,줄임,승용차 전환,정성,예",
      ].join("\n"),
    );
    await page.selectOption("#bi-profile", "transport-thousand");
    await page.setInputFiles("#bi-file", own);
    await page.getByRole("button", { name: "미리 보기" }).click();
    await page.getByTestId("budget-preview").getByText("1행: 새로 1, 바뀜 0, 같음 0.").waitFor();
    await page.getByRole("button", { name: "모두 저장" }).click();
    await page.waitForSelector("text=1건을 저장했습니다.");
    // ₩1,250,000 thousand in the file is ₩1.25 bn: the list shows it in thousand won
    const added = page.getByTestId("budget-lines").locator("tr", { hasText: "120-123-TR01-BRT-002" });
    await added.getByText("1,250,000", { exact: true }).waitFor();
    assert.match((await added.textContent()) ?? "", /감축/);
    rmSync(dir, { recursive: true, force: true });

    // edited in English (renamed, its version counts up), then deleted after a confirmation
    await open(
      page,
      `${server.url}/en/workspace/budget/2025?city=jeonju`,
      "budget",
      "budget_ready_ms_en_profiles",
    );
    const row = page.getByTestId("budget-profiles").locator('tr[data-profile="transport-thousand"]');
    await row.getByRole("button", { name: "Edit 교통정책과 예산서 (천원)" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "bp-name");
    assert.equal(await page.inputValue("#bp-scale"), "original_krw=1000");
    await page.fill("#bp-name", "Transport budget file (thousand won)");
    await page.fill("#bp-scale", "original_krw=-1");
    await form.getByRole("button", { name: "Save the profile" }).click();
    assert.match(
      (await (await page.waitForSelector("#bp-scale-error")).textContent()) ?? "",
      /^Line 1: write ‘column=factor’/,
    );
    await checked(page, "en-budget-profile-edit-error");
    // meanwhile someone saves the profile (version 1 -> 2): this form's save on version 1 is refused (409),
    // the page says so, keeps what was typed and saves on version 2 when asked again
    const behind = await page.evaluate(async () => {
      const csrf = decodeURIComponent(document.cookie.match(/citypath_csrf=([^;]+)/)?.[1] ?? "");
      const url = "/api/tenants/jeonju/import-profiles/transport-thousand";
      const { version, id: _id, updated_at: _u, ...fields } = await (await fetch(url)).json();
      const r = await fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-citypath-csrf": csrf },
        body: JSON.stringify({ ...fields, base_version: version, name: "교통정책과 예산서 (다른 사람)" }),
      });
      return [version, r.status, (await r.json()).version];
    });
    assert.deepEqual(behind, [1, 200, 2]);
    await page.fill("#bp-scale", "original_krw=1000");
    await form.getByRole("button", { name: "Save the profile" }).click();
    await form.getByText("Someone changed this profile meanwhile: it is now version 2.").waitFor();
    assert.equal(await page.inputValue("#bp-name"), "Transport budget file (thousand won)");
    assert.equal(await page.inputValue("#bp-scale"), "original_krw=1000");
    await checked(page, "en-budget-profile-conflict");
    await form.getByRole("button", { name: "Save the profile" }).click();
    await page.waitForSelector("text=The profile “Transport budget file (thousand won)” is saved.");
    assert.match((await row.textContent()) ?? "", /version 3/);
    await row.getByRole("button", { name: "Delete Transport budget file (thousand won)" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Yes, delete it");
    await checked(page, "en-budget-profile-delete");
    await row.getByRole("button", { name: "Yes, delete it" }).click();
    await page.waitForSelector("text=The profile “Transport budget file (thousand won)” is deleted.");
    await page.getByTestId("budget-profiles").waitFor({ state: "detached" });
    await checked(page, "en-budget-profiles-none");
    await open(page, `${server.url}/ko/workspace/budget/2025?city=jeonju`, "budget", "budget_ready_ms_ko_3");

    // the budget statement as XLSX: the new amount is in the reduction lines
    const files = page.getByTestId("statement-budget");
    const [d] = await Promise.all([
      page.waitForEvent("download", { timeout: 180_000 }),
      files.getByRole("link", { name: "XLSX (표)" }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(d)) as unknown as ArrayBuffer);
    let amount: unknown;
    for (const w of book.worksheets)
      w.eachRow((row) => {
        const v = JSON.stringify(row.values);
        if (v.includes("120-123-TR01-BRT-001"))
          amount ??= (row.values as unknown[]).find((x) => x === 8_500_000);
      });
    assert.equal(amount, 8_500_000, "the statement's XLSX has the line's new amount in thousand won");

    await open(page, `${server.url}/en/workspace/budget/2025?city=jeonju`, "budget", "budget_ready_ms_en");
    await checked(page, "en-budget-editor");
  });
});
