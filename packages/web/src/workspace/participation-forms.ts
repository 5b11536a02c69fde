/**
 * The participation pages' forms in the workspace (the census upload, blocking an author): their own module,
 * so that those pages do not load the agenda forms' schemas (form-schemas.ts and the core's agenda schemas
 * it builds on) for two small forms. Messages are translation keys.
 */
import { CENSUS_FILE_LIMITS } from "@citypath/core/participation/census";
import { NAME_MAX_LENGTH, StoredNameSchema } from "@citypath/core/vocabulary/boundary";
import { z } from "zod";

/**
 * The census upload: one CSV or XLSX file (by its name, as the server reads it) within the census file's
 * size limit (the core's CENSUS_FILE_LIMITS, which the server applies too).
 */
export const censusForm = z.object({
  file: z
    .custom<FileList>((v) => typeof FileList !== "undefined" && v instanceof FileList && v.length > 0, {
      message: "pt.ws.census.fileMissing",
    })
    .refine((v) => /\.(csv|xlsx)$/i.test(v[0]?.name ?? ""), "pt.ws.census.fileKind")
    .refine((v) => (v[0]?.size ?? 0) <= CENSUS_FILE_LIMITS.bytes, "pt.ws.census.tooLarge"),
});
export type CensusForm = z.infer<typeof censusForm>;

/** Blocking an author from the city's consultations: the reason, as the block route stores it (a name). */
export const blockForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "pt.ws.moderation.reasonMissing")
    .max(NAME_MAX_LENGTH, "wk.err.tooLong")
    .refine((v) => StoredNameSchema.safeParse(v).success, "wk.err.invalid"),
});
export type BlockForm = z.infer<typeof blockForm>;
