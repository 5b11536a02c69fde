/**
 * Locale formatting for numbers, units, years, dates and money, through Intl only.
 * Emissions are carried in tCO2e (the API's canonical unit) and shown in the unit that reads best:
 * 천톤 / kt for city totals (1,234.5 천톤 CO2e), t for small lines.
 */
export type Locale = "ko" | "en";

/**
 * Intl's formatters are costly to make (a time zone's rules, the locale's data) and cheap to use, so each one
 * is made once per locale and options and kept: a page of 250 comments formats 400 instants.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function kept<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}
const tag = (locale: Locale) => (locale === "ko" ? "ko-KR" : "en-GB");

function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  return kept(
    `n:${locale}:${digits}`,
    () =>
      new Intl.NumberFormat(tag(locale), {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
}

export function formatNumber(value: number, locale: Locale, digits = 0): string {
  return numberFormat(locale, digits).format(value);
}

/** tCO2e -> "1,234.5 천톤" (ko) / "1,234.5 kt" (en). */
export function formatKt(tonnes: number, locale: Locale, digits = 1): string {
  const kt = tonnes / 1000;
  return locale === "ko"
    ? `${formatNumber(kt, locale, digits)} 천톤`
    : `${formatNumber(kt, locale, digits)} kt`;
}

/** tCO2e -> "12,345 톤" / "12,345 t". */
export function formatTonnes(tonnes: number, locale: Locale, digits = 0): string {
  return locale === "ko"
    ? `${formatNumber(tonnes, locale, digits)} 톤`
    : `${formatNumber(tonnes, locale, digits)} t`;
}

/** A year as a label: "2030년" / "2030". */
export function formatYear(year: number, locale: Locale): string {
  return kept(
    `y:${locale}`,
    () => new Intl.DateTimeFormat(tag(locale), { year: "numeric", timeZone: "UTC" }),
  ).format(Date.UTC(year, 6, 1));
}

/** An ISO date (YYYY-MM-DD or a timestamp) as "2026년 11월 25일" / "25 November 2026". */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return kept(
    `d:${locale}`,
    () => new Intl.DateTimeFormat(tag(locale), { dateStyle: "long", timeZone: "UTC" }),
  ).format(d);
}

/** A share 0..1 as a percentage: "−44.5%" (sign kept, one decimal). */
export function formatPercent(share: number, locale: Locale, digits = 1): string {
  return kept(
    `p:${locale}:${digits}`,
    () =>
      new Intl.NumberFormat(tag(locale), {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: "exceptZero",
      }),
  ).format(share);
}

/** KRW: "1억 2,000만 원" style is ambiguous in tables; we use compact notation per locale. */
export function formatKrw(value: number, locale: Locale): string {
  const compact = Math.abs(value) >= 1e8;
  return kept(
    `k:${locale}:${compact}`,
    () =>
      new Intl.NumberFormat(tag(locale), {
        style: "currency",
        currency: "KRW",
        notation: compact ? "compact" : "standard",
        maximumFractionDigits: compact ? 1 : 0,
      }),
  ).format(value);
}

/** A share or level 0..n as a plain percentage without sign: 1 -> "100%". */
export function formatShare(share: number, locale: Locale, digits = 0): string {
  return kept(
    `s:${locale}:${digits}`,
    () =>
      new Intl.NumberFormat(tag(locale), {
        style: "percent",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(share);
}

/**
 * An instant as the city's local date and time (Korea Standard Time, the cities' zone):
 * "2026년 4월 30일 오전 12:00" / "30 Apr 2026, 00:00".
 */
export function formatInstant(iso: string, locale: Locale, timeZone = "Asia/Seoul"): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return kept(
    `i:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        dateStyle: locale === "ko" ? "long" : "medium",
        timeStyle: "short",
        timeZone,
      }),
  ).format(d);
}
