/**
 * When an action acts: a start (year, optionally the month it opens), a linear ramp to full effect, and an
 * optional last year. The fraction multiplies the quantity each type names as scheduled (riders for a BRT
 * corridor, kWp for solar...), never an emission total directly.
 *
 * fraction(y) = 0                                          for y < start_year or y > end_year
 *             = min(1, (y − start_year + 1) / (ramp_years + 1)) × first-year share
 * where the first-year share is (13 − start_month) / 12 in the start year (an opening in November counts
 * 2/12 of that year) and 1 in later years. ramp_years = 0 means full effect from the start year.
 */
import { z } from "zod";

export const scheduleSchema = z
  .object({
    start_year: z.number().int().min(1990).max(2100),
    /** 1-12; the month the action starts in its first year. Default 1 (January: the whole year). */
    start_month: z.number().int().min(1).max(12).default(1),
    /** Years after the start year until full effect; 0 = full effect at once. */
    ramp_years: z.number().int().min(0).max(50).default(0),
    /** Last year with any effect (inclusive); absent = no end within the horizon. */
    end_year: z.number().int().min(1990).max(2100).optional(),
  })
  .strict()
  .refine((s) => s.end_year === undefined || s.end_year >= s.start_year, {
    message: "end_year must not be before start_year",
    path: ["end_year"],
  });

export type Schedule = z.output<typeof scheduleSchema>;

/** Share of full effect in `year`, in [0, 1]. */
export function scheduleFraction(s: Schedule, year: number): number {
  if (year < s.start_year) return 0;
  if (s.end_year !== undefined && year > s.end_year) return 0;
  const ramp = Math.min(1, (year - s.start_year + 1) / (s.ramp_years + 1));
  const firstYearShare = year === s.start_year ? (13 - s.start_month) / 12 : 1;
  return ramp * firstYearShare;
}
