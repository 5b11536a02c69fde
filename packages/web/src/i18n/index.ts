import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../format.ts";
import { ko } from "./ko.ts";

/**
 * Starts i18next in the URL's language. A missing key is shown as the key itself and fails the unit test.
 * Korean, the site's first language, comes with the entry; the English texts are a chunk of their own, loaded
 * by `loadLocale` before an English page is drawn or the language is switched: a Korean page does not load
 * them (about 5 KB gzipped of the public pages' code).
 */
export function initI18n(locale: Locale) {
  void i18next.use(initReactI18next).init({
    resources: { ko: { translation: ko } },
    lng: locale,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

const loaded = new Set<Locale>(["ko"]);

/** Adds the public site's texts in `locale` to `i18n` (once); settles when they are there. */
export async function loadLocale(i18n: I18n, locale: Locale): Promise<void> {
  if (loaded.has(locale)) return;
  const { en } = await import("./en.ts");
  i18n.addResourceBundle("en", "translation", en, true, false);
  loaded.add(locale);
}
