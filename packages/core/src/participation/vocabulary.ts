/**
 * The participation vocabulary, declared once: consultation statuses, what a consultation is about, who may
 * take part, the kinds of contribution, the states of an official answer, the moderation states of a
 * contribution, report reasons and the badges council members and expert advisers carry. Every list has its
 * labels in Korean and English beside it. The database's check constraints and the API's enums are built
 * from these lists.
 *
 * The answer states follow Decidim's defaults (not_answered, evaluating, accepted, rejected, withdrawn) with
 * "partly accepted" (부분반영) added, as Korean answer practice distinguishes it (docs/participation.md).
 */
import type { Text } from "../vocabulary/text.ts";

/** Where a consultation stands: being prepared, open for contributions, closed, officially answered. */
export const CONSULTATION_STATUSES = ["draft", "open", "closed", "answered"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CONSULTATION_STATUS_LABELS: Readonly<Record<ConsultationStatus, Text>> = {
  draft: { ko: "준비", en: "Draft" },
  open: { ko: "진행", en: "Open" },
  closed: { ko: "종료", en: "Closed" },
  answered: { ko: "답변완료", en: "Answered" },
};

/** The plan item a consultation is on. */
export const SUBJECT_KINDS = ["plan", "sector", "action", "indicator", "scenario"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SUBJECT_KIND_LABELS: Readonly<Record<SubjectKind, Text>> = {
  plan: { ko: "계획", en: "Plan" },
  sector: { ko: "부문", en: "Sector" },
  action: { ko: "과제", en: "Action" },
  indicator: { ko: "지표", en: "Indicator" },
  scenario: { ko: "시나리오", en: "Scenario" },
};

/** Who may take part in a consultation. */
export const AUDIENCES = ["all", "citizens", "council", "experts"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Readonly<Record<Audience, Text>> = {
  all: { ko: "누구나", en: "Everyone" },
  citizens: { ko: "시민", en: "Citizens" },
  council: { ko: "시의회 의원", en: "Council members" },
  experts: { ko: "전문가", en: "Experts" },
};

export const CONTRIBUTION_KINDS = ["comment", "proposal"] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const CONTRIBUTION_KIND_LABELS: Readonly<Record<ContributionKind, Text>> = {
  comment: { ko: "의견", en: "Comment" },
  proposal: { ko: "제안", en: "Proposal" },
};

/** The states of an official answer (공식답변). */
export const ANSWER_STATES = [
  "not_answered",
  "evaluating",
  "accepted",
  "partly_accepted",
  "rejected",
  "withdrawn",
] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

export const ANSWER_STATE_LABELS: Readonly<Record<AnswerState, Text>> = {
  not_answered: { ko: "미답변", en: "Not answered" },
  evaluating: { ko: "검토중", en: "Evaluating" },
  accepted: { ko: "반영", en: "Accepted" },
  partly_accepted: { ko: "부분반영", en: "Partly accepted" },
  rejected: { ko: "미반영", en: "Rejected" },
  withdrawn: { ko: "철회", en: "Withdrawn" },
};

/** Answer states that end the answer (the contribution counts as answered). */
export const FINAL_ANSWER_STATES: readonly AnswerState[] = [
  "accepted",
  "partly_accepted",
  "rejected",
  "withdrawn",
];
/** Answer states that count as taken up in the plan. */
export const ACCEPTED_ANSWER_STATES: readonly AnswerState[] = ["accepted", "partly_accepted"];

export function isFinalAnswer(s: AnswerState): boolean {
  return FINAL_ANSWER_STATES.includes(s);
}

/** A rejection must give its reason (미반영 사유 필수). */
export function answerNeedsText(s: AnswerState): boolean {
  return s !== "not_answered";
}

/**
 * Whether a contribution is shown: visible; hidden by reports, waiting for a moderator's review; hidden by a
 * moderator (a public stub says so); deleted by its author (the text is gone, the thread stays readable).
 */
export const MODERATION_STATES = ["visible", "hidden_pending_review", "hidden", "deleted"] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const MODERATION_STATE_LABELS: Readonly<Record<ModerationState, Text>> = {
  visible: { ko: "공개", en: "Visible" },
  hidden_pending_review: { ko: "신고로 숨김(검토 대기)", en: "Hidden by reports, pending review" },
  hidden: { ko: "운영자가 숨김", en: "Hidden by a moderator" },
  deleted: { ko: "삭제됨", en: "Deleted" },
};

export const REPORT_REASONS = ["spam", "offensive", "off_topic", "personal_data"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_REASON_LABELS: Readonly<Record<ReportReason, Text>> = {
  spam: { ko: "스팸", en: "Spam" },
  offensive: { ko: "모욕·혐오", en: "Offensive" },
  off_topic: { ko: "주제와 무관", en: "Off topic" },
  personal_data: { ko: "개인정보 노출", en: "Personal data" },
};

/** A badge shown beside a contribution: it comes from the author's membership role, never self-declared. */
export const BADGES = ["council", "expert"] as const;
export type Badge = (typeof BADGES)[number];

export const BADGE_LABELS: Readonly<Record<Badge, Text>> = {
  council: { ko: "시의원", en: "Council member" },
  expert: { ko: "자문위원", en: "Expert adviser" },
};

/**
 * The badge a membership role gives: `council` and `expert` give theirs; every other role (admin, editor,
 * moderator, citizen) or no membership gives none.
 */
export function badgeOfRole(role: string | undefined): Badge | undefined {
  if (role === "council") return "council";
  if (role === "expert") return "expert";
  return undefined;
}

/** How comments are sorted: newest first, most supported first, official (badged) contributors first. */
export const COMMENT_SORTS = ["newest", "most_supported", "official_first"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** The mail notices participation puts in the outbox. */
export const PARTICIPATION_NOTICES = [
  "participation-answer",
  "participation-action-status",
  "participation-moderation",
] as const;
export type ParticipationNotice = (typeof PARTICIPATION_NOTICES)[number];

/** What an official answer changed in the agenda: an action's status, a new action, a changed target. */
export const ANSWER_LINK_KINDS = ["action_status", "new_action", "target"] as const;
export type AnswerLinkKind = (typeof ANSWER_LINK_KINDS)[number];
