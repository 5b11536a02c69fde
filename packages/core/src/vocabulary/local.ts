/**
 * A text in Korean with English where entered (`{ ko, en? }`, text.ts's local text and local name), as pages
 * and documents show it. Apart from text.ts so that the web site's pages use it without zod.
 */
import type { Text } from "./text.ts";

type Local = { readonly ko: string; readonly en?: string | undefined };

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
