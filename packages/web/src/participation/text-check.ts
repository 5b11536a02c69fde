/**
 * What the page says about a text before it is posted: the core's personal-data check (the very function
 * the server applies) as translation keys, and the server's refusals (400 with details) as readable reasons
 * in the page's language. The server words its reasons in English; the ones the page knows (the length
 * rule, personal data, the reply depth, a closed consultation, the audience) are said in the page's
 * language, any other is shown as the server wrote it.
 */
import { checkPersonalData, type PersonalDataKind } from "@citypath/core/participation/personal-data";
import {
  COMMENT_MAX_LENGTH,
  COMMENT_MIN_LENGTH,
  characterCount,
  PROPOSAL_TEXT_MAX_LENGTH,
  PROPOSAL_TEXT_MIN_LENGTH,
  PROPOSAL_TITLE_MAX_LENGTH,
  PROPOSAL_TITLE_MIN_LENGTH,
} from "@citypath/core/participation/rules";
import type { ApiError } from "../api/client.ts";

export interface TextCheck {
  /** Refused kinds: the text cannot be posted (a resident registration number). */
  refused: PersonalDataKind[];
  /** Warned kinds: the person confirms that they mean to publish them. */
  warnings: PersonalDataKind[];
}

export function textCheck(...texts: string[]): TextCheck {
  const refused = new Set<PersonalDataKind>();
  const warnings = new Set<PersonalDataKind>();
  for (const t of texts) {
    const r = checkPersonalData(t);
    for (const f of r.refused) refused.add(f.kind);
    for (const f of r.warnings) warnings.add(f.kind);
  }
  return { refused: [...refused], warnings: [...warnings] };
}

/** The length limits of a text field, as the core counts them. */
export const LIMITS = {
  comment: { min: COMMENT_MIN_LENGTH, max: COMMENT_MAX_LENGTH },
  title: { min: PROPOSAL_TITLE_MIN_LENGTH, max: PROPOSAL_TITLE_MAX_LENGTH },
  proposal: { min: PROPOSAL_TEXT_MIN_LENGTH, max: PROPOSAL_TEXT_MAX_LENGTH },
} as const;

/** "short", "long" or null for a text against its limits (characters as people see them). */
export function lengthProblem(text: string, limit: { min: number; max: number }): "short" | "long" | null {
  const n = characterCount(text);
  return n < limit.min ? "short" : n > limit.max ? "long" : null;
}

export { characterCount };

/** A translation key with its values, or a server message as it is. */
export type Reason = { key: string; values?: Record<string, string | number> } | { text: string };

const KNOWN: Array<[RegExp, string]> = [
  [/resident registration number/i, "pt.reason.rrn"],
  [/phone number/i, "pt.reason.phone"],
  [/email address.*would become public|seems to contain an email/i, "pt.reason.email"],
  [/verify your email/i, "pt.reason.emailUnverified"],
  [/levels deep/i, "pt.reason.depth"],
  [/not open|has closed|not opened yet/i, "pt.reason.closed"],
  [/this consultation is for/i, "pt.reason.audience"],
  [/blocked your account/i, "pt.reason.blocked"],
  [/verified residents/i, "pt.reason.notResident"],
  [/minutes after it is posted/i, "pt.reason.editWindow"],
  [/already verified another account/i, "pt.reason.censusTaken"],
];

/** The reasons of a refusal, each said in the page's language when the page knows it. */
export function refusalReasons(e: ApiError): Reason[] {
  if (e.status === 0) return [{ key: "pt.reason.network" }];
  if (e.status === 401) return [{ key: "pt.reason.signedOut" }];
  if (e.status === 429) return [{ key: "pt.reason.tooMany" }];
  if (e.status >= 500) return [{ key: "pt.reason.server", values: { code: e.code } }];
  const messages = e.details?.length ? e.details.map((d) => d.message) : [e.message];
  return messages.map((m) => {
    const length = /is at (least|most) ([\d,]+) characters \(it has ([\d,]+)\)/.exec(m);
    if (length)
      return {
        key: length[1] === "least" ? "pt.reason.short" : "pt.reason.long",
        values: { limit: length[2] ?? "", n: length[3] ?? "" },
      };
    const hit = KNOWN.find(([re]) => re.test(m));
    return hit ? { key: hit[1] } : { text: m };
  });
}
