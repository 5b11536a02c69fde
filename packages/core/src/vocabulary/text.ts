/**
 * Bilingual text: Korean (the default language) and English (complete), both required and non-empty.
 * `TextSchema` is for texts (descriptions, reasons, notes: at most 10,000 characters a language);
 * `NameSchema` for names and titles (at most 200). Both refuse what cannot be stored (see boundary.ts).
 */
import { z } from "zod";
import { StoredNameSchema, StoredTextSchema } from "./boundary.ts";

export const LANGUAGES = ["ko", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in Korean and English. */
export const TextSchema = z.strictObject({ ko: StoredTextSchema.min(1), en: StoredTextSchema.min(1) });
/** A name or title in Korean and English. */
export const NameSchema = z.strictObject({ ko: StoredNameSchema.min(1), en: StoredNameSchema.min(1) });

export type Text = { ko: string; en: string };

/** A text in Korean; English where a translation exists (budget lines, report rows, answers of staff). */
export const LocalTextSchema = z.strictObject({
  ko: StoredTextSchema.min(1),
  en: StoredTextSchema.min(1).optional(),
});
export type LocalText = z.infer<typeof LocalTextSchema>;

/** A name in Korean; English where a translation exists (a budget line's performance indicator and unit). */
export const LocalNameSchema = z.strictObject({
  ko: StoredNameSchema.min(1),
  en: StoredNameSchema.min(1).optional(),
});
export type LocalName = z.infer<typeof LocalNameSchema>;

/**
 * A local text as a stored history may hold it (decision 0085): a local text, or its English alone, written
 * before the Korean was required (a model version's note on a lever's range). A new text is a local text: a
 * save refuses the English alone, naming the text; a Korean page shows it as English marked [en] in
 * `lang="en"` (local.ts's `recordedIn`), never passed off as Korean.
 */
export const RecordedTextSchema = z.union([
  LocalTextSchema,
  z
    .strictObject({ en: StoredTextSchema.min(1) })
    .describe("English only: stored before Korean was required."),
]);
export type RecordedText = z.infer<typeof RecordedTextSchema>;

export {
  asLocal,
  asRecorded,
  ENGLISH_ONLY_MARK,
  ENGLISH_ONLY_NOTE,
  localIn,
  recordedIn,
  UNTRANSLATED_MARK,
  UNTRANSLATED_NOTE,
  untranslated,
} from "./local.ts";

/**
 * The same two shapes as answers describe them: what the server sends was checked when it was stored, so an
 * answer's schema states the shape only (no length or character rule to check again).
 */
export const TextAnswerSchema = z.object({ ko: z.string(), en: z.string() });
export const LocalTextAnswerSchema = z.object({ ko: z.string(), en: z.string().optional() });
