/**
 * Locale formatting for numbers, units, years, dates and money, through Intl, or by hand where format.test.ts
 * holds the two equal (decision 0074).
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
  // a whole number reads the same in both locales (Latin digits, a comma every three): written without Intl,
  // whose first use in a page costs tens of milliseconds (a page of comments' counts; decision 0074)
  if (digits === 0 && Number.isSafeInteger(value) && value >= 0) return grouped(String(value));
  // so does a number with a fixed count of decimals (the home page's first figures and chart; decision 0081)
  const text = decimalByHand(value, 0, digits);
  return text === null ? numberFormat(locale, digits).format(value) : `${negative(value) ? "-" : ""}${text}`;
}

/** Intl writes the sign of every negative number, of negative zero too ("-0.0"). */
const negative = (x: number) => x < 0 || Object.is(x, -0);

/** "1234567" -> "1,234,567" (a comma every three digits, as ko-KR and en-GB write them). */
const grouped = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * |value| × 10^shift with exactly `digits` decimals, grouped, rounded as Intl rounds (half away from zero, on
 * the number's shortest decimal: 1.05 is 1.1, though the double is just below 1.05); null for what is left to
 * Intl: a value written with an exponent (beyond 1e21 or below 1e-6), not finite, or more than 6 decimals.
 */
function decimalByHand(value: number, shift: number, digits: number): string | null {
  if (!Number.isFinite(value) || !Number.isInteger(digits) || digits < 0 || digits > 6) return null;
  const text = String(Math.abs(value));
  if (text.includes("e")) return null;
  const [int = "0", frac = ""] = text.split(".");
  // the decimal point moved `shift` places to the right, on the digits themselves (no floating-point product)
  const whole = `${int}${frac.slice(0, shift).padEnd(shift, "0")}`;
  const rest = frac.slice(shift);
  const kept = BigInt(`${whole}${rest.slice(0, digits).padEnd(digits, "0")}`);
  const rounded = (rest.charCodeAt(digits) >= 53 /* "5" */ ? kept + 1n : kept)
    .toString()
    .padStart(digits + 1, "0");
  const head = grouped(rounded.slice(0, rounded.length - digits));
  return digits === 0 ? head : `${head}.${rounded.slice(rounded.length - digits)}`;
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
  // written by hand as Intl writes it (decision 0081): the first Intl date formatter a page makes costs up to
  // a few hundred milliseconds on a busy machine, on the home page's way to its first chart
  if (Number.isInteger(year) && year >= 1000 && year <= 9999)
    return locale === "ko" ? `${year}년` : String(year);
  return kept(
    `y:${locale}`,
    () => new Intl.DateTimeFormat(tag(locale), { year: "numeric", timeZone: "UTC" }),
  ).format(Date.UTC(year, 6, 1));
}

/** An ISO date (YYYY-MM-DD or a timestamp) as "2026년 11월 25일" / "25 November 2026". */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (byHand(d)) return dateByHand(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), locale, "long");
  return kept(
    `d:${locale}`,
    () => new Intl.DateTimeFormat(tag(locale), { dateStyle: "long", timeZone: "UTC" }),
  ).format(d);
}

/** A share 0..1 as a percentage: "−44.5%" (sign kept, one decimal). */
export function formatPercent(share: number, locale: Locale, digits = 1): string {
  // by hand as Intl writes it (decision 0081): the sign shown unless the rounded share is zero
  const text = decimalByHand(share, 2, digits);
  if (text !== null) {
    const zero = !/[1-9]/.test(text);
    return `${zero ? "" : share < 0 ? "-" : "+"}${text}%`;
  }
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
  // a percentage reads the same in both locales ("50%", "12.5%"): written without Intl, as formatNumber;
  // rounded from the number's shortest decimal, as Intl does (0.145 is 15 %, though 0.145 × 100 < 14.5)
  const text = decimalByHand(share, 2, digits);
  if (text !== null) return `${negative(share) ? "-" : ""}${text}%`;
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
  if (timeZone === "Asia/Seoul" && byHand(d)) {
    // Korea Standard Time: UTC+9, no daylight saving time since 1988
    const k = new Date(d.getTime() + 9 * 3_600_000);
    const date = dateByHand(k.getUTCFullYear(), k.getUTCMonth(), k.getUTCDate(), locale, "instant");
    const h = k.getUTCHours();
    const m = String(k.getUTCMinutes()).padStart(2, "0");
    return locale === "ko"
      ? `${date} ${h < 12 ? "오전" : "오후"} ${h % 12 === 0 ? 12 : h % 12}:${m}`
      : `${date}, ${String(h).padStart(2, "0")}:${m}`;
  }
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

/*
 * Dates written by hand, exactly as Intl writes them for ko-KR and en-GB (format.test.ts holds the two
 * equal): the first Intl formatter a page makes loads the locale's data, tens of milliseconds on a busy
 * phone, on the path of a consultation page's first draw (decision 0074). Years 1990-2099 only; any other
 * goes to Intl.
 */
const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const byHand = (d: Date) => d.getTime() >= Date.UTC(1990, 0, 1) && d.getTime() < Date.UTC(2099, 11, 31);

function dateByHand(y: number, m: number, day: number, locale: Locale, style: "long" | "instant"): string {
  if (locale === "ko") return `${y}년 ${m + 1}월 ${day}일`;
  const month = MONTHS_LONG[m] ?? "";
  // en-GB's medium date (an instant's) shortens the month to three letters, September to "Sept"
  return `${day} ${style === "long" ? month : month === "September" ? "Sept" : month.slice(0, 3)} ${y}`;
}
