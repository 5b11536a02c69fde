/**
 * Boundary primitives: the schemas every value that is stored or used in a query passes, so that what the
 * database cannot hold is refused with a clear message before it gets there.
 *
 * - Stored text: no NUL character (PostgreSQL's text cannot hold U+0000) and no lone surrogate (half of a
 *   UTF-16 pair, which is not valid Unicode and cannot be encoded as UTF-8); names and titles at most
 *   `NAME_MAX_LENGTH` characters, longer texts at most `TEXT_MAX_LENGTH`. Each limit is named in its error.
 * - Integers: within PostgreSQL's `integer` (int4) range.
 * - Dates: `YYYY-MM-DD` of a day that exists (no 2025-02-30, no 9999-99-99).
 */
import { z } from "zod";

/** The longest name or title, in UTF-16 code units (what JavaScript's `length` counts). */
export const NAME_MAX_LENGTH = 200;
/** The longest text (descriptions, progress reports, notes), in UTF-16 code units. */
export const TEXT_MAX_LENGTH = 10_000;

/** PostgreSQL `integer`. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored, or undefined when it can (the length is checked by the schemas). */
export function unstorableText(s: string): string | undefined {
  if (s.includes("\u0000")) return "the text contains the NUL character (U+0000), which cannot be stored";
  if (LONE_SURROGATE.test(s))
    return "the text contains a lone surrogate (half of a UTF-16 pair), which is not valid Unicode";
  return undefined;
}

/**
 * A string that can be stored, at most `max` characters. `what` names the kind of text in the length
 * error ("a name", "a text").
 */
export function storedString(max: number, what: string) {
  return z
    .string()
    .max(max, `${what} is at most ${max} characters`)
    .superRefine((s, ctx) => {
      const why = unstorableText(s);
      if (why) ctx.addIssue({ code: "custom", message: why });
    });
}

/** A name or title: at most 200 characters, storable. */
export const StoredNameSchema = storedString(NAME_MAX_LENGTH, "a name or title");
/** A text: at most 10,000 characters, storable. */
export const StoredTextSchema = storedString(TEXT_MAX_LENGTH, "a text");

/** An integer in PostgreSQL's `integer` range. */
export const Int4Schema = z
  .number()
  .int("a whole number")
  .min(INT4_MIN, `an integer from ${INT4_MIN} to ${INT4_MAX}`)
  .max(INT4_MAX, `an integer from ${INT4_MIN} to ${INT4_MAX}`);

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is `YYYY-MM-DD` of a day that exists in the proleptic Gregorian calendar. */
export function isCalendarDate(s: string): boolean {
  const m = DATE_SHAPE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate(); // days of the month in a leap year
  if (d > days) return false;
  if (mo === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return true;
}

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, "a date is written YYYY-MM-DD and is a day that exists");
