import { ENGLISH_ONLY_NOTE, localIn, recordedIn, UNTRANSLATED_NOTE } from "@citypath/core/vocabulary/local";
import type { Locale } from "../format.ts";

/**
 * A text stored in Korean with English where entered (core's local text): the Korean on a Korean page; on an
 * English page its English, or, where none was entered, the Korean marked [ko] and tagged as Korean (WCAG
 * 3.1.2), never passed off as English.
 */
export function LocalText(props: { text: { ko: string; en?: string | undefined }; locale: Locale }) {
  const { text, locale } = props;
  if (locale === "ko" || text.en !== undefined) return <>{localIn(text, locale)}</>;
  return (
    <span lang="ko" title={UNTRANSLATED_NOTE.en}>
      {localIn(text, "en")}
    </span>
  );
}

/**
 * A recorded text (core's: a local text, or its English alone where it was stored before Korean was required,
 * decision 0085): as LocalText, and on a Korean page a text without Korean is its English marked [en] and
 * tagged as English, never passed off as Korean.
 */
export function RecordedText(props: {
  text: { ko: string; en?: string | undefined } | { en: string; ko?: undefined };
  locale: Locale;
}) {
  const { text, locale } = props;
  const shown = recordedIn(text, locale);
  if (shown.lang === locale) return <>{shown.text}</>;
  const why = shown.lang === "en" ? ENGLISH_ONLY_NOTE : UNTRANSLATED_NOTE;
  return (
    <span lang={shown.lang} title={why[locale]}>
      {shown.text}
    </span>
  );
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/**
 * A text kept in the language it was written in (a source's citation, an English publication's title): tagged
 * with its language where it differs from the page's (WCAG 3.1.2); Korean when it has Hangul, else English.
 */
export function AsWritten(props: { text: string; locale: Locale }) {
  const lang = HANGUL.test(props.text) ? "ko" : "en";
  return lang === props.locale ? <>{props.text}</> : <span lang={lang}>{props.text}</span>;
}
