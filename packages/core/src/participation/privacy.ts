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

export const CONSENT_KINDS = [
  "required_processing",
  "age_14_or_older",
  "optional_district",
  "optional_mail_notices",
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const REQUIRED_CONSENTS: readonly ConsentKind[] = ["required_processing", "age_14_or_older"];

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
