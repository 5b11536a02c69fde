/**
 * Locale formatting for numbers, units, years, dates and money, through Intl only.
 * Emissions are carried in tCO2e (the API's canonical unit) and shown in the unit that reads best:
 * 천톤 / kt for city totals (1,234.5 천톤 CO2e), t for small lines.
 */
export type Locale = "ko" | "en";

const nf = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = nf.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    nf.set(key, f);
  }
  return f;
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
  return new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    year: "numeric",
    timeZone: "UTC",
  }).format(Date.UTC(year, 6, 1));
}

/** An ISO date (YYYY-MM-DD or a timestamp) as "2026년 11월 25일" / "25 November 2026". */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(d);
}

/** A share 0..1 as a percentage: "−44.5%" (sign kept, one decimal). */
export function formatPercent(share: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: "exceptZero",
  }).format(share);
}

/** KRW: "1억 2,000만 원" style is ambiguous in tables; we use compact notation per locale. */
export function formatKrw(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    style: "currency",
    currency: "KRW",
    notation: Math.abs(value) >= 1e8 ? "compact" : "standard",
    maximumFractionDigits: Math.abs(value) >= 1e8 ? 1 : 0,
  }).format(value);
}

/** A share or level 0..n as a plain percentage without sign: 1 -> "100%". */
export function formatShare(share: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/**
 * An instant as the city's local date and time (Korea Standard Time, the cities' zone):
 * "2026년 4월 30일 오전 12:00" / "30 Apr 2026, 00:00".
 */
export function formatInstant(iso: string, locale: Locale, timeZone = "Asia/Seoul"): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    dateStyle: locale === "ko" ? "long" : "medium",
    timeStyle: "short",
    timeZone,
  }).format(d);
}
