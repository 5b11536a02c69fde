/**
 * A text in Korean with English where entered (`{ ko, en? }`, text.ts's local text and local name), as pages
 * and documents show it. Apart from text.ts so that the web site's pages use it without zod.
 */
import type { Text } from "./text.ts";

type Local = { readonly ko: string; readonly en?: string | undefined };
/** A local text, or its English alone (text.ts's recorded text). */
type Recorded = Local | { readonly en: string; readonly ko?: undefined };

/**
 * The marker an English document puts before a local text that has no English: the Korean is shown, marked,
 * never passed off as English. Each document that can show it says what it means (`UNTRANSLATED_NOTE`).
 */
export const UNTRANSLATED_MARK = "[ko]";
export const UNTRANSLATED_NOTE: Text = {
  ko: "[ko]: 영문이 입력되지 않아 한국어로 보이는 글입니다 (영문판에만 표시).",
  en: "[ko]: no English has been entered for this text, so it is shown in Korean.",
};

/**
 * A text stored as one string before it had a language (migrations 0029, 0031 and 0032; a tenant export written
 * before them): the string is the Korean, the English is missing. Never a copy of the Korean into `en`.
 */
export function asLocal(v: string | Local): Local {
  return typeof v === "string" ? { ko: v } : v;
}

/** A local text in a language: the Korean in Korean; in English its English, else the Korean marked [ko]. */
export function localIn(text: Local, lang: "ko" | "en"): string {
  if (lang === "ko") return text.ko;
  return text.en ?? `${UNTRANSLATED_MARK} ${text.ko}`;
}

/** Whether an English document shows this text marked as untranslated. */
export const untranslated = (text: Local | undefined): boolean => text !== undefined && text.en === undefined;

/**
 * The marker a Korean page puts before a recorded text that has no Korean (text.ts's recorded text: stored
 * before its Korean was required): the English is shown, marked and tagged `lang="en"`, never passed off as
 * Korean. Each page that can show it says what it means (`ENGLISH_ONLY_NOTE`).
 */
export const ENGLISH_ONLY_MARK = "[en]";
export const ENGLISH_ONLY_NOTE: Text = {
  ko: "[en]: 한국어가 필수가 되기 전에 저장된 글이라 영문으로만 있습니다 (한국어판에만 표시).",
  en: "[en]: this text was stored before Korean was required, so it exists in English only.",
};

/** A text of the model format as versions before decision 0085 stored it: one English string is `{en}`. */
export function asRecorded(v: string | Recorded): Recorded {
  return typeof v === "string" ? { en: v } : v;
}

/**
 * A recorded text in a language, with the language the words are in (for `lang`): the Korean on a Korean
 * page, else the English marked [en]; on an English page the English, else the Korean marked [ko].
 */
export function recordedIn(text: Recorded, lang: "ko" | "en"): { text: string; lang: "ko" | "en" } {
  if (text.ko === undefined)
    return { text: lang === "ko" ? `${ENGLISH_ONLY_MARK} ${text.en}` : text.en, lang: "en" };
  if (lang === "ko") return { text: text.ko, lang: "ko" };
  return text.en !== undefined
    ? { text: text.en, lang: "en" }
    : { text: `${UNTRANSLATED_MARK} ${text.ko}`, lang: "ko" };
}
