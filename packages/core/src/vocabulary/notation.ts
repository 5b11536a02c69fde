/**
 * GPC notation keys: what a line with no amount says instead. NO: not occurring; IE: included elsewhere;
 * NE: not estimated; C: confidential. The activity file writes one in the amount column.
 */

export const NOTATION_KEYS = ["NO", "IE", "NE", "C"] as const;
export type NotationKey = (typeof NOTATION_KEYS)[number];

export function isNotationKey(s: string): s is NotationKey {
  return (NOTATION_KEYS as readonly string[]).includes(s);
}
