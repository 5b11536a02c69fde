/**
 * The legal calendar of a 시·군·구 under the Carbon Neutrality Framework Act: every yearly date the Act and
 * its Decree set, as a setting (tenant setting `legal_calendar`) with the law's dates as its default. A city
 * whose province sets an earlier internal date, or a later amendment of the Decree, changes the setting,
 * not the code.
 *
 * Each entry falls on a month and day of every calendar year and covers a year relative to it (`covers`:
 * -1 = the previous year, +1 = the next). `party` says whose duty it is: the city's own, or the ministry's
 * (shown so the city knows when the national compilation happens).
 */
import { z } from "zod";
import { fail, ok, problem, type Result } from "../errors.ts";
import { StoredNameSchema } from "../vocabulary/boundary.ts";
import { type Text, TextSchema } from "../vocabulary/text.ts";

export const LEGAL_DEADLINE_KINDS = [
  "regional_statistics",
  "public_sector_results",
  "adaptation_report",
  "implementation_report",
  "national_compilation",
  "council_report",
  "public_sector_target",
] as const;
export type LegalDeadlineKind = (typeof LEGAL_DEADLINE_KINDS)[number];

export const LegalCalendarEntrySchema = z
  .object({
    kind: z.enum(LEGAL_DEADLINE_KINDS),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    /** The year covered, relative to the year the date falls in. */
    covers: z.number().int().min(-5).max(5),
    party: z.enum(["city", "ministry"]),
    /** The title; `{year}` is replaced by the year covered. */
    title: TextSchema,
    law: StoredNameSchema.min(1),
  })
  .strict()
  .superRefine((e, ctx) => {
    const days = new Date(Date.UTC(2001, e.month, 0)).getUTCDate();
    if (e.day > days)
      ctx.addIssue({ code: "custom", path: ["day"], message: `month ${e.month} has ${days} days` });
  });
export type LegalCalendarEntry = z.infer<typeof LegalCalendarEntrySchema>;

export const LegalCalendarSchema = z
  .object({ entries: z.array(LegalCalendarEntrySchema).max(50) })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.entries.forEach((e, i) => {
      if (seen.has(e.kind))
        ctx.addIssue({ code: "custom", path: ["entries", i, "kind"], message: `two entries for ${e.kind}` });
      seen.add(e.kind);
    });
  });
export type LegalCalendar = z.infer<typeof LegalCalendarSchema>;

/**
 * The dates the law sets (REPORTING.md §A.1; Decree of the Carbon Neutrality Framework Act):
 * - 31 March: regional GHG statistics to the 국립기후과학원 (Decree Art. 39(9)); the city's own-operations
 *   (public-sector) results of the previous year (Act Art. 26; Decree Art. 17(5));
 * - 30 April: the local adaptation-plan result report (Decree Art. 43(4));
 * - 31 May: the basic plan's implementation report, deliberated by the local committee, to the minister and
 *   the 시·도지사 (Act Art. 13(2); Decree Art. 8(5));
 * - 31 July: the minister's national compilation for the national committee (Decree Art. 8(7));
 * - 31 December: the previous year's check result reported to the local council (Act Art. 78(3); Decree
 *   Art. 71(3)); the next year's own-operations target (Act Art. 26; Decree Art. 17(2)).
 */
export const DEFAULT_LEGAL_CALENDAR: LegalCalendar = {
  entries: [
    {
      kind: "regional_statistics",
      month: 3,
      day: 31,
      covers: -1,
      party: "city",
      title: { ko: "{year}년 지역 온실가스 통계 제출", en: "Submit the {year} regional GHG statistics" },
      law: "탄소중립기본법 제36조제3항, 시행령 제39조제9항",
    },
    {
      kind: "public_sector_results",
      month: 3,
      day: 31,
      covers: -1,
      party: "city",
      title: {
        ko: "{year}년 공공부문 온실가스 감축 실적 제출",
        en: "Submit the {year} public-sector emission-reduction results",
      },
      law: "탄소중립기본법 제26조, 시행령 제17조",
    },
    {
      kind: "adaptation_report",
      month: 4,
      day: 30,
      covers: -1,
      party: "city",
      title: {
        ko: "{year}년 지방기후위기적응대책 결과보고서 제출",
        en: "Submit the {year} local adaptation-plan result report",
      },
      law: "시행령 제43조제4항",
    },
    {
      kind: "implementation_report",
      month: 5,
      day: 31,
      covers: -1,
      party: "city",
      title: {
        ko: "{year}년 기본계획 이행점검 결과보고서 제출",
        en: "Submit the {year} implementation check of the basic plan",
      },
      law: "탄소중립기본법 제13조제2항, 시행령 제8조제5항",
    },
    {
      kind: "national_compilation",
      month: 7,
      day: 31,
      covers: -1,
      party: "ministry",
      title: {
        ko: "{year}년 이행점검 결과 국가 종합 (기후에너지환경부)",
        en: "The ministry compiles the {year} implementation checks",
      },
      law: "시행령 제8조제7항",
    },
    {
      kind: "council_report",
      month: 12,
      day: 31,
      covers: -1,
      party: "city",
      title: {
        ko: "{year}년 이행점검 결과 지방의회 보고",
        en: "Report the {year} implementation check to the local council",
      },
      law: "탄소중립기본법 제78조제3항, 시행령 제71조제3항",
    },
    {
      kind: "public_sector_target",
      month: 12,
      day: 31,
      covers: 1,
      party: "city",
      title: {
        ko: "{year}년 공공부문 온실가스 감축 목표 설정",
        en: "Set the {year} public-sector emission-reduction target",
      },
      law: "탄소중립기본법 제26조, 시행령 제17조",
    },
  ],
};

/**
 * The calendar a tenant's settings hold (`legal_calendar`), or the default when the setting is absent.
 * A setting that is present and wrong is an error, never silently replaced by the default.
 */
export function legalCalendarOf(settings: Readonly<Record<string, unknown>>): Result<LegalCalendar> {
  const raw = settings.legal_calendar;
  if (raw === undefined) return ok(DEFAULT_LEGAL_CALENDAR);
  const r = LegalCalendarSchema.safeParse(raw);
  if (r.success) return ok(r.data);
  return fail(
    r.error.issues.map((i) =>
      problem("BAD_VALUE", i.message, { path: ["settings", "legal_calendar", ...i.path].join(".") }),
    ),
  );
}

export interface LegalDeadline {
  readonly kind: LegalDeadlineKind;
  /** The day it is due, YYYY-MM-DD. */
  readonly due: string;
  /** The year the report or target covers. */
  readonly covers_year: number;
  readonly party: "city" | "ministry";
  readonly title: Text;
  readonly law: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The deadlines falling in calendar year `year`, in date order (the calendar's order on the same day). */
export function legalDeadlines(
  year: number,
  calendar: LegalCalendar = DEFAULT_LEGAL_CALENDAR,
): LegalDeadline[] {
  return calendar.entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.month - b.e.month || a.e.day - b.e.day || a.i - b.i)
    .map(({ e }) => {
      const covers = year + e.covers;
      // 29 February falls back to the 28th in a common year.
      const days = new Date(Date.UTC(year, e.month, 0)).getUTCDate();
      return {
        kind: e.kind,
        due: `${year}-${pad(e.month)}-${pad(Math.min(e.day, days))}`,
        covers_year: covers,
        party: e.party,
        title: {
          ko: e.title.ko.replaceAll("{year}", String(covers)),
          en: e.title.en.replaceAll("{year}", String(covers)),
        },
        law: e.law,
      };
    });
}
