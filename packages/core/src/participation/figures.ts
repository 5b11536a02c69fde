/**
 * A consultation's figures for the yearly implementation report (의견수렴 결과): contributions, participants,
 * supports, and how the city answered. Every share carries its numerator and denominator; a share of
 * nothing is null, never 0.
 *
 * Definitions (docs/participation.md):
 * - contributions: comments (replies included) and proposals, except those their authors deleted;
 * - participants: distinct people who contributed or supported (a deleted account still counts once, under
 *   the key it leaves behind);
 * - answerable: proposals and top-level comments (replies are conversation, not requests to the city);
 * - answered: answerable contributions with a final answer (accepted, partly accepted, rejected, withdrawn);
 * - share answered = answered / answerable;
 * - share answered on time = answered by the due date / answered;
 * - share accepted = (accepted + partly accepted) / answered (반영률, partly accepted counted as taken up);
 * - overdue: answerable, not finally answered, past the due date at `now`.
 */
import { answeredOnTime, isOverdue } from "./rules.ts";
import {
  ACCEPTED_ANSWER_STATES,
  ANSWER_STATES,
  type AnswerState,
  type ContributionKind,
  FINAL_ANSWER_STATES,
  type ModerationState,
} from "./vocabulary.ts";

export interface FigureContribution {
  readonly id: string;
  readonly kind: ContributionKind;
  /** A stable key of the author (an account id, or the key a deleted account leaves). */
  readonly author: string;
  /** The comment it replies to, if any. */
  readonly parentId: string | null;
  readonly moderation: ModerationState;
  readonly answer: AnswerState;
  /** Epoch ms of the final answer, when there is one. */
  readonly answeredAt?: number | undefined;
  /** Epoch ms the answer is due. */
  readonly dueAt: number;
}

export interface FigureSupport {
  readonly contributionId: string;
  readonly supporter: string;
}

export interface Share {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator, or null when the denominator is 0. */
  readonly share: number | null;
}

export interface ConsultationFigures {
  readonly contributions: { readonly comments: number; readonly proposals: number; readonly total: number };
  /** Contributions hidden (by reports or a moderator) among them. */
  readonly hidden: number;
  readonly participants: number;
  readonly supports: number;
  readonly answerable: number;
  readonly answered: number;
  readonly overdue: number;
  readonly by_state: Readonly<Record<AnswerState, number>>;
  readonly share_answered: Share;
  readonly share_answered_on_time: Share;
  readonly share_accepted: Share;
}

export function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator === 0 ? null : numerator / denominator };
}

export function consultationFigures(
  contributions: readonly FigureContribution[],
  supports: readonly FigureSupport[],
  now: number,
): ConsultationFigures {
  const counted = contributions.filter((c) => c.moderation !== "deleted");
  const ids = new Set(counted.map((c) => c.id));
  const countedSupports = supports.filter((s) => ids.has(s.contributionId));
  const people = new Set<string>([
    ...counted.map((c) => c.author),
    ...countedSupports.map((s) => s.supporter),
  ]);
  const answerable = counted.filter((c) => c.kind === "proposal" || c.parentId === null);
  const answered = answerable.filter((c) => FINAL_ANSWER_STATES.includes(c.answer));
  const byState = Object.fromEntries(ANSWER_STATES.map((s) => [s, 0])) as Record<AnswerState, number>;
  for (const c of answerable) byState[c.answer]++;
  const onTime = answered.filter((c) => answeredOnTime(c.answer, c.answeredAt, c.dueAt)).length;
  const accepted = answered.filter((c) => ACCEPTED_ANSWER_STATES.includes(c.answer)).length;
  const comments = counted.filter((c) => c.kind === "comment").length;
  return {
    contributions: { comments, proposals: counted.length - comments, total: counted.length },
    hidden: counted.filter((c) => c.moderation === "hidden" || c.moderation === "hidden_pending_review")
      .length,
    participants: people.size,
    supports: countedSupports.length,
    answerable: answerable.length,
    answered: answered.length,
    overdue: answerable.filter((c) => isOverdue(c.answer, c.dueAt, now)).length,
    by_state: byState,
    share_answered: share(answered.length, answerable.length),
    share_answered_on_time: share(onTime, answered.length),
    share_accepted: share(accepted, answered.length),
  };
}
