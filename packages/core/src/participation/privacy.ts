/**
 * Personal data (PIPA): the consents asked for at sign-up and the inactivity rule, as pure functions.
 *
 * Consents (PIPA Art. 15(2), 16, 22): one required consent to the processing the service needs, shown with
 * the four items the law lists (purpose, items collected, retention period, the right to refuse and its
 * consequence); the declaration "I am 14 or older" (Art. 22-2: under 14 needs a guardian's consent, which
 * Citypath does not collect, so under 14 is refused; no birth date is stored); and optional consents apart,
 * each refusable without losing the service.
 *
 * Inactivity (Art. 21; Decidim's defaults): an account without staff membership that has not been used for
 * 365 days is deleted, after mailed warnings 30 and 7 days before.
 */
import type { Text } from "../vocabulary/text.ts";

export const CONSENT_KINDS = [
  "required_processing",
  "age_14_or_older",
  "optional_district",
  "optional_mail_notices",
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const REQUIRED_CONSENTS: readonly ConsentKind[] = ["required_processing", "age_14_or_older"];
export const OPTIONAL_CONSENTS = ["optional_district", "optional_mail_notices"] as const;
export type OptionalConsent = (typeof OPTIONAL_CONSENTS)[number];

/**
 * The version of the consent texts below. A person's consent records this version and the instant, nothing
 * more; a change of the texts gets a new version (sign-ups with an older version are refused: reload).
 */
export const CONSENT_TEXT_VERSION = "2026-12-05";

/** What becomes of an account's contributions when the account is deleted (stated in the consent text). */
export const CONTRIBUTIONS_AFTER_DELETION = ["keep_text", "remove_text"] as const;
export type ContributionsAfterDeletion = (typeof CONTRIBUTIONS_AFTER_DELETION)[number];

export interface ConsentTexts {
  readonly version: string;
  /** The consent screen's heading. */
  readonly title: Text;
  /** The label of the required consent's checkbox. */
  readonly agree: Text;
  /** The required consent: the four items PIPA Art. 15(2) lists. */
  readonly required: {
    readonly purpose: Text;
    readonly items: Text;
    readonly retention: Text;
    readonly refusal: Text;
  };
  /** The declaration "I am 14 or older" (Art. 22-2). */
  readonly age: Text;
  /** Optional consents, each refusable without losing the service (Art. 22(5)). */
  readonly optional: Readonly<Record<OptionalConsent, Text>>;
  /** The rule for contributions after the account is deleted. */
  readonly afterDeletion: Text;
  /** Political views are sensitive information (Art. 23): what a person posts is public. */
  readonly sensitive: Text;
}

/** The consent texts shown at sign-up (the web shows these, served by the API, never its own copy). */
export const CONSENT_TEXTS: ConsentTexts = {
  version: CONSENT_TEXT_VERSION,
  title: { ko: "개인정보 수집·이용 동의", en: "Consent to the collection and use of personal data" },
  agree: {
    ko: "(필수) 위 목적·항목·보유 기간으로 개인정보를 수집·이용하는 데 동의합니다.",
    en: "(Required) I agree to the collection and use of my personal data for the purpose, items and period above.",
  },
  required: {
    purpose: {
      ko: "시의 탄소중립 계획에 대한 의견수렴(의견·제안·공감) 참여, 참여하신 의견에 대한 공식 답변과 그 안내, 부정 이용 방지를 위해 처리합니다.",
      en: "To take part in the city's consultations on its carbon-neutrality plan (comments, proposals, supports), to answer your contributions officially and tell you of the answers, and to prevent abuse.",
    },
    items: {
      ko: "이메일 주소, 표시 이름(가명 가능), 비밀번호(복원할 수 없는 해시로만 저장), 만 14세 이상 확인 여부, 작성하신 의견·제안과 공감·신고 기록, 마지막 이용 시각, 부정 이용 방지를 위한 접속 주소의 해시. 주민 확인을 하시면 확인 여부와 일시만 저장하며 입력하신 인적사항은 저장하지 않습니다. 생년월일과 주민등록번호는 받지 않습니다.",
      en: "Your email address, a display name (a pseudonym is fine), your password (stored only as a hash that cannot be reversed), that you declared you are 14 or older, the comments and proposals you post and your supports and reports, when you last used the account, and hashes of the network addresses you sign in from (against abuse). If you verify as a resident, only that you did and when is kept, not the details you enter. No birth date and no resident registration number is asked for.",
    },
    retention: {
      ko: "계정을 삭제하실 때까지 보관합니다. 1년(365일) 동안 이용하지 않은 계정은 삭제 30일 전과 7일 전에 메일로 알린 뒤 삭제합니다(시 업무 담당자 계정 제외).",
      en: "Until you delete your account. An account not used for a year (365 days) is deleted after mailed notices 30 and 7 days before (accounts of the city's staff excepted).",
    },
    refusal: {
      ko: "동의를 거부하실 수 있습니다. 거부하시면 계정을 만들 수 없어 의견·제안·공감에 참여할 수 없지만, 공개된 계획과 의견수렴 내용은 계정 없이 모두 보실 수 있습니다.",
      en: "You may refuse. Without this consent no account can be made, so you cannot comment, propose or support; everything public (the plan, consultations, contributions and answers) stays readable without an account.",
    },
  },
  age: {
    ko: "만 14세 이상입니다. 만 14세 미만은 법정대리인의 동의가 필요하여 가입할 수 없습니다(생년월일은 받지 않습니다).",
    en: "I am 14 or older. Under 14, a legal guardian's consent is needed, so sign-up is not possible (no birth date is asked for).",
  },
  optional: {
    optional_district: {
      ko: "(선택) 거주 행정동: 동별 참여 현황을 보여 주기 위해 처리하며 계정 삭제 시까지 보관합니다. 거부해도 모든 기능을 이용하실 수 있습니다.",
      en: "(Optional) Your district (행정동): to show participation by district, kept until the account is deleted. Refusing changes nothing else.",
    },
    optional_mail_notices: {
      ko: "(선택) 팔로우한 의견수렴·의견의 소식 메일: 공식 답변과 연결된 과제의 상태 변경을 알려 드리며 계정 삭제 시까지 보관합니다. 거부해도 내가 쓴 의견의 답변 안내는 받으실 수 있습니다.",
      en: "(Optional) Mail about consultations and contributions you follow: their official answers and later changes of the linked actions, kept until the account is deleted. Without it you still get the answers to your own contributions.",
    },
  },
  afterDeletion: {
    ko: "계정을 삭제하면 개인정보는 지체 없이 파기합니다. 작성하신 의견·제안은 의견수렴의 공적 기록(시의 공식 답변이 달린 기록)으로 '탈퇴한 계정' 이름으로 내용이 남습니다. 삭제할 때 내용까지 지우기를 고르시면 내용도 지워지고 '삭제됨'으로 표시됩니다. 의견 하나하나는 언제든 직접 삭제하실 수 있습니다. 공감은 익명의 수로만 남습니다.",
    en: "When you delete your account, your personal data is destroyed without delay. Your comments and proposals stay in the consultation's public record (the city answers them) with their text, shown as by a 'deleted account'; if you choose to remove their texts when deleting, the texts go too and they show as 'deleted'. You can delete each contribution yourself at any time. Supports stay only as anonymous counts.",
  },
  sensitive: {
    ko: "정치적 견해는 민감정보입니다(개인정보 보호법 제23조). 작성하신 의견은 표시 이름과 함께 공개되니 실명이나 연락처 등 개인정보를 적지 마세요.",
    en: "Political views are sensitive personal data (PIPA Art. 23). What you post is public under your display name: do not write your real name, contact details or other personal data in it.",
  },
};

export const INACTIVITY_DELETE_DAYS = 365;
export const INACTIVITY_WARNING_DAYS = [30, 7] as const;
const DAY_MS = 86_400_000;

export type InactivityStep =
  | { readonly kind: "none" }
  | { readonly kind: "warn"; readonly daysBefore: 30 | 7; readonly deleteAt: number }
  | { readonly kind: "delete" };

/**
 * What the inactivity job does for one account at `now`: nothing, send the 30- or 7-day warning (once each
 * per period of inactivity: `warned` lists those already sent for this `lastActiveAt`), or delete. An
 * account is deleted only after both warnings went out, so a job that was not run for a while warns first
 * and deletes 7 days later at the earliest.
 */
export function inactivityStep(
  lastActiveAt: number,
  now: number,
  warned: readonly number[],
  lastWarnedAt?: number,
): InactivityStep {
  const deleteAt = lastActiveAt + INACTIVITY_DELETE_DAYS * DAY_MS;
  const warned7 = warned.includes(7);
  if (now >= deleteAt && warned7 && lastWarnedAt !== undefined && now - lastWarnedAt >= 7 * DAY_MS)
    return { kind: "delete" };
  if (now >= deleteAt - 7 * DAY_MS && !warned7)
    return { kind: "warn", daysBefore: 7, deleteAt: Math.max(deleteAt, now + 7 * DAY_MS) };
  if (now >= deleteAt - 30 * DAY_MS && !warned.includes(30) && !warned7)
    return { kind: "warn", daysBefore: 30, deleteAt: Math.max(deleteAt, now + 30 * DAY_MS) };
  return { kind: "none" };
}

/** What a person answers on the consent screen. */
export interface ConsentAnswer {
  readonly version: string;
  readonly required: boolean;
  readonly age14OrOlder: boolean;
  readonly optional: readonly OptionalConsent[];
}

/**
 * Why a sign-up's consent answer is refused (undefined: accepted): the required consent not given, under 14,
 * or texts of another version than the ones in force (the person saw other texts: reload and read again).
 */
export function consentRefusal(a: ConsentAnswer): { path: string; reason: string } | undefined {
  if (a.version !== CONSENT_TEXT_VERSION)
    return {
      path: "version",
      reason: `The consent texts changed (now version ${CONSENT_TEXT_VERSION}, you saw ${a.version}): read them again.`,
    };
  if (!a.age14OrOlder)
    return {
      path: "age_14_or_older",
      reason:
        "Under 14, a legal guardian's consent is needed (PIPA Art. 22-2), which Citypath does not collect: sign-up is not possible.",
    };
  if (!a.required)
    return {
      path: "required",
      reason: "Without the required consent no account can be made; everything public stays readable.",
    };
  return undefined;
}

/** The consents to record for an accepted answer: the required ones and the optional ones given. */
export function consentsGiven(a: ConsentAnswer): ConsentKind[] {
  return [...REQUIRED_CONSENTS, ...OPTIONAL_CONSENTS.filter((k) => a.optional.includes(k))];
}
