import { localIn, UNTRANSLATED_NOTE } from "@citypath/core/vocabulary/local";
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
