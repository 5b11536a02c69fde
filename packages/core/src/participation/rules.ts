/**
 * The participation rules as pure functions: who may take part, the lengths of a contribution, the depth of
 * replies, the edit window, when an official answer is due and when it is overdue, and when reports hide a
 * contribution. Times are epoch milliseconds passed in by the caller (its clock); nothing here reads a clock.
 *
 * A refusal is a value (`Decision`) carrying a catalogue code and a reason in words, so that the server
 * answers 401, 403 or 400 with the reason and the web page can say the same before anyone tries.
 *
 * Numbers and their sources (docs/participation.md):
 * - comments 5 to 1,000 characters: Decidim's participatory-documents module (min 5, max 1000); CONSUL's
 *   and Decidim's comment default of 1000;
 * - replies two levels deep: an assumption (REPORTING.md C.5);
 * - edits within 5 minutes: Decidim's `edit_time` default;
 * - answer due in 30 days: an assumption, configurable per city (no statutory deadline was found);
 * - hidden after 3 reports: Decidim's `max_reports_before_hiding`.
 */
import { type Problem, type ProblemCode, problem } from "../errors.ts";
import {
  type AnswerState,
  type Audience,
  type Badge,
  type ConsultationStatus,
  FINAL_ANSWER_STATES,
  type ModerationState,
} from "./vocabulary.ts";

export const COMMENT_MIN_LENGTH = 5;
export const COMMENT_MAX_LENGTH = 1000;
/** A proposal's title and text [assumption: titles as short as a headline; a page of reasoning]. */
export const PROPOSAL_TITLE_MIN_LENGTH = 5;
export const PROPOSAL_TITLE_MAX_LENGTH = 150;
export const PROPOSAL_TEXT_MIN_LENGTH = 5;
export const PROPOSAL_TEXT_MAX_LENGTH = 3000;
/** A top-level comment has depth 0; its replies 1; replies to those 2; no deeper. */
export const MAX_REPLY_DEPTH = 2;
export const EDIT_WINDOW_MS = 5 * 60_000;
export const DEFAULT_ANSWER_DUE_DAYS = 30;
export const REPORTS_TO_HIDE = 3;
/** Comments are read in pages of this many. */
export const COMMENT_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

export type Decision =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: ProblemCode; readonly reason: string };

const yes: Decision = { ok: true };
const no = (code: ProblemCode, reason: string): Decision => ({ ok: false, code, reason });

/** The number of characters a person sees (Unicode code points, so a Korean syllable or an emoji is one). */
export function characterCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function lengthProblem(
  text: string,
  min: number,
  max: number,
  what: string,
  path: string,
): Problem | undefined {
  const n = characterCount(text.trim());
  if (n < min) return problem("BAD_VALUE", `${what} is at least ${min} characters (it has ${n})`, { path });
  if (n > max) return problem("BAD_VALUE", `${what} is at most ${max} characters (it has ${n})`, { path });
  return undefined;
}

/** The length rule of a comment, counted without the spaces around it. */
export function commentLengthProblem(text: string, path = "text"): Problem | undefined {
  return lengthProblem(text, COMMENT_MIN_LENGTH, COMMENT_MAX_LENGTH, "a comment", path);
}

/** The length rules of a proposal's title and text. */
export function proposalLengthProblems(title: string, text: string): Problem[] {
  return [
    lengthProblem(title, PROPOSAL_TITLE_MIN_LENGTH, PROPOSAL_TITLE_MAX_LENGTH, "a proposal's title", "title"),
    lengthProblem(text, PROPOSAL_TEXT_MIN_LENGTH, PROPOSAL_TEXT_MAX_LENGTH, "a proposal's text", "text"),
  ].filter((p): p is Problem => p !== undefined);
}

/**
 * The depth of a new comment: 0 without a parent, the parent's depth + 1 with one. A reply to a comment at
 * the deepest level is refused (the reply belongs under that comment's parent).
 */
export function replyDepth(
  parentDepth: number | undefined,
): { ok: true; depth: number } | { ok: false; problem: Problem } {
  if (parentDepth === undefined) return { ok: true, depth: 0 };
  const depth = parentDepth + 1;
  if (depth > MAX_REPLY_DEPTH)
    return {
      ok: false,
      problem: problem(
        "BAD_VALUE",
        `replies go at most ${MAX_REPLY_DEPTH} levels deep; answer the comment this one replies to instead`,
        { path: "parent" },
      ),
    };
  return { ok: true, depth };
}

/** What a consultation says about taking part. */
export interface ConsultationWindow {
  readonly status: ConsultationStatus;
  /** Epoch ms. */
  readonly opensAt: number;
  /** Epoch ms; contributions are taken before this instant. */
  readonly closesAt: number;
  readonly audience: Audience;
}

/** What is known of the person who wants to take part. */
export interface Participant {
  readonly signedIn: boolean;
  readonly emailVerified: boolean;
  /** Blocked by a moderator of this city. */
  readonly blocked: boolean;
  /** From the person's membership role in the consultation's city. */
  readonly badge: Badge | undefined;
  /** Verified as a resident of the city (the census check). */
  readonly verifiedResident: boolean;
}

/** Whether a consultation takes contributions at `now`: open, and between its open and close instants. */
export function isOpenAt(c: ConsultationWindow, now: number): boolean {
  return c.status === "open" && now >= c.opensAt && now < c.closesAt;
}

/** The status shown at `now`: an open consultation past its close instant shows as closed. */
export function shownStatus(c: ConsultationWindow, now: number): ConsultationStatus {
  if (c.status === "open" && now >= c.closesAt) return "closed";
  return c.status;
}

function openDecision(c: ConsultationWindow, now: number): Decision {
  if (c.status !== "open") return no("FORBIDDEN", `the consultation is ${c.status}, not open`);
  if (now < c.opensAt) return no("FORBIDDEN", "the consultation has not opened yet");
  if (now >= c.closesAt) return no("FORBIDDEN", "the consultation has closed");
  return yes;
}

/** Whether the audience admits the person: everyone, anyone signed in as a citizen, or a badge holder. */
export function audienceAdmits(a: Audience, badge: Badge | undefined): boolean {
  if (a === "all" || a === "citizens") return true;
  if (a === "council") return badge === "council";
  return badge === "expert";
}

/**
 * May the person comment or propose? Signed in, email verified, not blocked, in the consultation's audience,
 * while it is open. No membership of the city is needed.
 */
export function mayContribute(c: ConsultationWindow, p: Participant, now: number): Decision {
  if (!p.signedIn) return no("UNAUTHENTICATED", "sign in to take part");
  if (!p.emailVerified) return no("FORBIDDEN", "verify your email address to take part");
  if (p.blocked) return no("FORBIDDEN", "a moderator of this city has blocked your account");
  const open = openDecision(c, now);
  if (!open.ok) return open;
  if (!audienceAdmits(c.audience, p.badge))
    return no(
      "FORBIDDEN",
      `this consultation is for ${c.audience === "council" ? "council members" : "expert advisers"}`,
    );
  return yes;
}

/** May the person support a contribution? Only verified residents, while the consultation is open. */
export function maySupport(c: ConsultationWindow, p: Participant, now: number): Decision {
  if (!p.signedIn) return no("UNAUTHENTICATED", "sign in to support");
  if (p.blocked) return no("FORBIDDEN", "a moderator of this city has blocked your account");
  if (!p.verifiedResident) return no("FORBIDDEN", "supports count only from verified residents of the city");
  return openDecision(c, now);
}

/** May the author edit a contribution made at `createdAt`? Within the edit window only. */
export function mayEdit(createdAt: number, now: number): Decision {
  if (now - createdAt > EDIT_WINDOW_MS)
    return no(
      "FORBIDDEN",
      `a contribution can be edited for ${EDIT_WINDOW_MS / 60_000} minutes after it is posted`,
    );
  return yes;
}

/** When an official answer to a contribution made at `createdAt` is due (epoch ms). */
export function answerDueAt(createdAt: number, dueDays: number = DEFAULT_ANSWER_DUE_DAYS): number {
  if (!Number.isInteger(dueDays) || dueDays < 1)
    throw new RangeError(`answer due days must be a whole number of at least 1, not ${dueDays}`);
  return createdAt + dueDays * DAY_MS;
}

/** Overdue: not given a final answer and past its due instant. */
export function isOverdue(state: AnswerState, dueAt: number, now: number): boolean {
  return !FINAL_ANSWER_STATES.includes(state) && now > dueAt;
}

/** Answered on time: a final answer given no later than its due instant. */
export function answeredOnTime(state: AnswerState, answeredAt: number | undefined, dueAt: number): boolean {
  return FINAL_ANSWER_STATES.includes(state) && answeredAt !== undefined && answeredAt <= dueAt;
}

/**
 * The moderation state after a report brings the count of distinct reporters to `reports`: a visible
 * contribution is hidden pending review at REPORTS_TO_HIDE; other states do not change (a moderator's
 * restore clears the reports, so restored contributions start counting again).
 */
export function stateAfterReports(state: ModerationState, reports: number): ModerationState {
  if (state === "visible" && reports >= REPORTS_TO_HIDE) return "hidden_pending_review";
  return state;
}

/** The moderator's actions and the state each leads to. */
export const MODERATOR_ACTIONS = ["hide", "restore"] as const;
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number];

export type ModerationOutcome =
  | { readonly ok: true; readonly state: ModerationState }
  | { readonly ok: false; readonly code: ProblemCode; readonly reason: string };

export function stateAfterModeration(state: ModerationState, action: ModeratorAction): ModerationOutcome {
  if (state === "deleted")
    return { ok: false, code: "CONFLICT", reason: "the contribution was deleted by its author" };
  if (action === "hide")
    return state === "hidden"
      ? { ok: false, code: "CONFLICT", reason: "the contribution is already hidden" }
      : { ok: true, state: "hidden" };
  return state === "visible"
    ? { ok: false, code: "CONFLICT", reason: "the contribution is already visible" }
    : { ok: true, state: "visible" };
}
