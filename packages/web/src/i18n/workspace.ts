/**
 * The texts of the workspace's agenda, imports and inventory pages (namespace `wk`), kept out of the public
 * pages' bundle: the workspace chunk adds them to i18next when it loads. Korean is the reference; English
 * has the same keys (the type holds it; src/i18n/keys.test.ts checks both).
 */
import type { i18n as I18n } from "i18next";

export const wkKo = {
  nav: {
    label: "업무 공간 메뉴",
    me: "내 정보",
    work: "내 업무",
    agenda: "정책·사업 편집",
    imports: "자료 가져오기",
    inventory: "인벤토리",
  },
  notFound: "업무 공간에 이런 페이지가 없습니다.",
  city: { title: "도시 선택", open: "{{city}}의 업무 공간 열기" },
  guard: {
    lead: "로그인이 만료되었습니다. 다시 로그인하면 입력한 내용을 그대로 다시 보냅니다.",
    cancel: "취소 (입력 내용은 양식에 남습니다)",
  },
  err: {
    invalid: "값이 올바르지 않습니다.",
    required: "값을 입력하세요.",
    tooLong: "너무 깁니다.",
    date: "날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.",
    partialDate: "날짜는 YYYY-MM-DD, YYYY-MM 또는 YYYY 형식입니다.",
    id: "식별자는 영문 소문자, 숫자, '.', '_', '-'로 씁니다 (첫 글자는 영문 소문자나 숫자).",
    number: "숫자를 입력하세요.",
    percent: "0에서 100 사이의 숫자를 입력하세요.",
    year: "연도는 네 자리 숫자(1900–2100)입니다.",
    url: "웹 주소(https://…)를 입력하세요.",
    source: "등록된 출처의 식별자를 입력하세요.",
    note: "예시 값에는 그 이유를 적은 메모가 필요합니다.",
    duplicateId: "같은 식별자가 이미 있습니다.",
    bothLanguages: "한국어와 영어를 모두 쓰거나 둘 다 비우세요.",
    refused: "서버가 이 변경을 거절했습니다: {{message}}",
    forbidden: "이 변경 권한이 없습니다 (서버가 거절함): {{message}}",
    network: "서버에 연결하지 못했습니다. 입력한 내용은 남아 있으니 다시 시도하세요.",
    server: "서버 오류입니다 ({{code}}). 입력한 내용은 남아 있으니 잠시 후 다시 시도하세요.",
    signedOut: "로그인하지 않아 저장하지 못했습니다. 입력한 내용은 남아 있습니다.",
  },
  work: {
    title: "내 업무",
    lead: "내 부서의 할 일: 기한이 다가오거나 지난 과업, 오래 갱신되지 않은 사업, 올해 값이 없는 지표, 법정 기한.",
    asOf: "{{date}} 기준",
    nothing: "지금 확인할 항목이 없습니다.",
    kind: {
      task_due: "기한 임박",
      task_late: "기한 지남",
      milestone_late: "마일스톤 지연",
      action_stale: "갱신 필요",
      indicator_missing: "값 없음",
      legal_deadline: "법정 기한",
    },
    taskDue: "{{action}}: 과업 ‘{{task}}’ 기한 {{due}} ({{days}}일 남음).",
    taskLate: "{{action}}: 과업 ‘{{task}}’ 기한 {{due}}이 {{days}}일 지났습니다.",
    milestoneLate: "{{action}}: 마일스톤 ‘{{milestone}}’ 목표 {{target}}에서 {{days}}일 지났습니다.",
    stale: "{{action}}: 마지막 갱신 {{last}} 이후 {{days}}일 동안 진행 상황이 없습니다.",
    staleNever: "{{action}}: 진행 상황이 아직 기록되지 않았습니다.",
    missing: "지표 ‘{{indicator}}’의 {{year}}년 값이 없습니다.",
    deadline: "{{title}}: {{due}}까지 ({{days}}일 남음, {{law}}).",
    openTasks: "과업 편집",
    openMilestones: "마일스톤 편집",
    openProgress: "진행 상황 기록",
    openIndicator: "값 기록",
    openPlan: "계획 단계 변경",
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const wkEn: Shape<typeof wkKo> = {
  nav: {
    label: "Workspace menu",
    me: "You",
    work: "My work",
    agenda: "Agenda editing",
    imports: "Imports",
    inventory: "Inventory",
  },
  notFound: "The workspace has no such page.",
  city: { title: "Choose a city", open: "Open the workspace of {{city}}" },
  guard: {
    lead: "Your session has ended. Sign in again and what you typed is sent again as it is.",
    cancel: "Cancel (what you typed stays in the form)",
  },
  err: {
    invalid: "This value is not valid.",
    required: "Enter a value.",
    tooLong: "This is too long.",
    date: "A date is written YYYY-MM-DD and is a day that exists.",
    partialDate: "A date is written YYYY-MM-DD, YYYY-MM or YYYY.",
    id: "An id is written with lower-case letters, digits, '.', '_' and '-' (a letter or digit first).",
    number: "Enter a number.",
    percent: "Enter a number from 0 to 100.",
    year: "A year has four digits (1900-2100).",
    url: "Enter a web address (https://...).",
    source: "Enter the id of a registered source.",
    note: "An illustrative value needs a note saying why.",
    duplicateId: "This id is already used.",
    bothLanguages: "Write both Korean and English, or neither.",
    refused: "The server refused this change: {{message}}",
    forbidden: "You may not make this change (the server refused): {{message}}",
    network: "The server could not be reached. What you typed is still here; try again.",
    server: "A server error ({{code}}). What you typed is still here; try again shortly.",
    signedOut: "Not saved: you are not signed in. What you typed is still here.",
  },
  work: {
    title: "My work",
    lead: "What your departments have to do: tasks due soon or late, actions not updated for long, indicators missing this year's value, legal deadlines.",
    asOf: "As of {{date}}",
    nothing: "Nothing to check right now.",
    kind: {
      task_due: "Due soon",
      task_late: "Late",
      milestone_late: "Milestone late",
      action_stale: "Needs an update",
      indicator_missing: "Value missing",
      legal_deadline: "Legal deadline",
    },
    taskDue: "{{action}}: task ‘{{task}}’ due {{due}} ({{days}} days left).",
    taskLate: "{{action}}: task ‘{{task}}’ was due {{due}}, {{days}} days ago.",
    milestoneLate: "{{action}}: milestone ‘{{milestone}}’ targeted {{target}}, {{days}} days late.",
    stale: "{{action}}: no progress recorded for {{days}} days since {{last}}.",
    staleNever: "{{action}}: no progress recorded yet.",
    missing: "Indicator ‘{{indicator}}’ has no value for {{year}}.",
    deadline: "{{title}}: due {{due}} ({{days}} days left, {{law}}).",
    openTasks: "Edit the tasks",
    openMilestones: "Edit the milestones",
    openProgress: "Record progress",
    openIndicator: "Record the value",
    openPlan: "Move the plan's stage",
  },
};

const added = new WeakSet<I18n>();
/** Adds the workspace's texts to i18next (once). */
export function addWorkspaceTexts(i18n: I18n): void {
  if (added.has(i18n)) return;
  i18n.addResourceBundle("ko", "translation", { wk: wkKo }, true, false);
  i18n.addResourceBundle("en", "translation", { wk: wkEn }, true, false);
  added.add(i18n);
}
