import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatInstant,
  formatKt,
  formatNumber,
  formatPercent,
  formatShare,
  formatTonnes,
  formatYear,
} from "./format.ts";

describe("locale formatting", () => {
  it("emissions in thousand tonnes: 1,234,500 t = 1,234.5 천톤 / kt", () => {
    expect(formatKt(1_234_500, "ko")).toBe("1,234.5 천톤");
    expect(formatKt(1_234_500, "en")).toBe("1,234.5 kt");
    // 4,371 kt (Jeonju 2018, municipal-control basis) = 4,371,000 t
    expect(formatKt(4_371_000, "ko", 0)).toBe("4,371 천톤");
  });
  it("tonnes", () => {
    expect(formatTonnes(3848, "ko")).toBe("3,848 톤");
    expect(formatTonnes(3848, "en")).toBe("3,848 t");
  });
  it("years and dates", () => {
    expect(formatYear(2030, "ko")).toBe("2030년");
    expect(formatYear(2030, "en")).toBe("2030");
    expect(formatDate("2021-07-01", "ko")).toBe("2021년 7월 1일");
    expect(formatDate("2021-07-01", "en")).toBe("1 July 2021");
  });
  it("shares keep their sign: -44.5% on the base year", () => {
    expect(formatPercent(-0.445, "ko")).toBe("-44.5%");
    expect(formatPercent(0.1, "en")).toBe("+10.0%");
  });
  it("instants and dates written without Intl read exactly as Intl writes them", () => {
    // Korean: as Chromium's Intl writes them (ko-KR, dateStyle long, timeStyle short, Asia/Seoul); Node's
    // ICU writes the day period as AM/PM, so these are the strings read in Chromium, not Node's
    const ko: Array<[string, string]> = [
      ["2026-09-05T15:04:00Z", "2026년 9월 6일 오전 12:04"],
      ["2026-04-29T15:00:00Z", "2026년 4월 30일 오전 12:00"],
      ["2026-05-01T03:07:00Z", "2026년 5월 1일 오후 12:07"],
      ["2021-12-31T23:59:00Z", "2022년 1월 1일 오전 8:59"],
      ["2026-06-30T14:30:00Z", "2026년 6월 30일 오후 11:30"],
    ];
    for (const [iso, text] of ko) expect(formatInstant(iso, "ko")).toBe(text);
    // English (en-GB) against this runtime's Intl, every month and both halves of the day
    const inSeoul = new Intl.DateTimeFormat("en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Asia/Seoul",
    });
    const utcLong = (l: string) => new Intl.DateTimeFormat(l, { dateStyle: "long", timeZone: "UTC" });
    for (let m = 0; m < 12; m++)
      for (const h of [0, 14, 23]) {
        const t = new Date(Date.UTC(2026, m, 28, h, 5));
        expect(formatInstant(t.toISOString(), "en")).toBe(inSeoul.format(t));
        expect(formatDate(t.toISOString(), "en")).toBe(utcLong("en-GB").format(t));
        expect(formatDate(t.toISOString(), "ko")).toBe(utcLong("ko-KR").format(t));
      }
    // outside the years written by hand, and in another zone: Intl
    expect(formatDate("1980-03-01", "en")).toBe("1 March 1980");
    expect(formatInstant("2026-04-29T15:00:00Z", "en", "UTC")).toBe("29 Apr 2026, 15:00");
  });
  it("whole numbers and whole percentages without Intl read exactly as Intl writes them", () => {
    for (const l of ["ko-KR", "en-GB"] as const) {
      const locale = l === "ko-KR" ? "ko" : "en";
      const nf = new Intl.NumberFormat(l, { maximumFractionDigits: 0 });
      for (const n of [0, 7, 999, 1000, 12_345, 1_000_000, 987_654_321, Number.MAX_SAFE_INTEGER])
        expect(formatNumber(n, locale)).toBe(nf.format(n));
      const pf = new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits: 0 });
      for (let k = 0; k <= 1000; k++) expect(formatShare(k / 1000, locale)).toBe(pf.format(k / 1000));
    }
    expect(formatNumber(12.5, "en", 1)).toBe("12.5");
    expect(formatNumber(-5, "en")).toBe("-5");
    expect(formatShare(1.25, "ko")).toBe("125%");
  });
  it("numbers with decimals, signed percentages and years without Intl read exactly as Intl writes them", () => {
    // hand-picked: halves that a binary double holds just below (1.05, 0.145, 1.005), negative zero after
    // rounding, grouping, and values Intl is left to write (an exponent, not finite)
    const values = [
      0,
      -0,
      0.04,
      -0.04,
      0.05,
      -0.05,
      1.05,
      1.005,
      0.145,
      0.445,
      -0.445,
      2.675,
      9.995,
      99.95,
      999.95,
      1234.5,
      -1234.55,
      4371.25,
      1_234_567.891,
      0.000001,
      1e-7,
      123_456_789_012.345,
      1e21,
      12.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ];
    // and a sweep: every third thousandth from -3 to 3, and numbers of every size up to a billion
    for (let k = -3000; k <= 3000; k += 3) values.push(k / 1000);
    for (let k = 1; k < 1000; k++) values.push(((k * 7919) % 100_003) * 10 ** ((k % 9) - 3) + k / 7);
    for (const l of ["ko-KR", "en-GB"] as const) {
      const locale = l === "ko-KR" ? "ko" : "en";
      for (const digits of [0, 1, 2, 3]) {
        const o = { minimumFractionDigits: digits, maximumFractionDigits: digits };
        const nf = new Intl.NumberFormat(l, o);
        const pf = new Intl.NumberFormat(l, { ...o, style: "percent", signDisplay: "exceptZero" });
        const sf = new Intl.NumberFormat(l, { ...o, style: "percent" });
        for (const v of values) {
          // a whole negative zero stays "0", as before (the counts of a page are never negative)
          if (!(digits === 0 && Object.is(v, -0))) expect(formatNumber(v, locale, digits)).toBe(nf.format(v));
          expect(formatPercent(v, locale, digits)).toBe(pf.format(v));
          expect(formatShare(v, locale, digits)).toBe(sf.format(v));
        }
      }
      const yf = new Intl.DateTimeFormat(l, { year: "numeric", timeZone: "UTC" });
      for (const y of [1000, 1990, 2018, 2030, 2050, 9999])
        expect(formatYear(y, locale)).toBe(yf.format(Date.UTC(y, 6, 1)));
    }
  });
});
