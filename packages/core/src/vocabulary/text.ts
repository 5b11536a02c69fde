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
