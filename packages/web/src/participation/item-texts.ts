import type { TFunction } from "i18next";

/**
 * The texts every item of a page shows, translated once for the list: a page of 250 items otherwise looked
 * up and interpolated 2-4 texts per item through i18next. A text with a value is translated once with a mark
 * where the value goes, then filled by each item.
 */
export interface ItemTexts {
  supports(n: string): string;
  due(date: string): string;
  overdue(date: string): string;
  answeredAt(date: string): string;
  illustrative: string;
  edited: string;
}

/** `key`'s text with `value` where its `{{name}}` goes (translated once; the returned function fills it). */
export function filler(t: TFunction, key: string, name: string): (value: string) => string {
  const parts = t(key, { [name]: FILL }).split(FILL);
  return (value) => parts.join(value);
}
const FILL = "\u0000";

/** The item texts in the language of `t`. */
export function itemTexts(t: TFunction): ItemTexts {
  return {
    supports: filler(t, "pt.comments.supports", "n"),
    due: filler(t, "pt.answer.due", "date"),
    overdue: filler(t, "pt.answer.overdue", "date"),
    answeredAt: filler(t, "pt.answer.answeredAt", "date"),
    illustrative: t("pt.comments.illustrative"),
    edited: t("pt.comments.edited"),
  };
}
