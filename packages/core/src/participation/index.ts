/**
 * Participation: consultations on plan items, comments, proposals, supports, official answers and
 * moderation; the rules as pure functions and the figures for the yearly report (docs/participation.md).
 */

export * from "./census.ts";
export * from "./effect.ts";
export * from "./figures.ts";
export * from "./personal-data.ts";
export * from "./privacy.ts";
export * from "./rules.ts";
export * from "./schema.ts";
export * from "./vocabulary.ts";
