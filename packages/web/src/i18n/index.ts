import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../format.ts";
import { en } from "./en.ts";
import { ko } from "./ko.ts";

export const resources = { ko: { translation: ko }, en: { translation: en } } as const;

/** Starts i18next in the URL's language. A missing key is shown as the key itself and fails the unit test. */
export function initI18n(locale: Locale) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
