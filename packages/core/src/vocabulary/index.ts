/**
 * The vocabulary every package shares, one module per concept: ids, bilingual text, the boundary schemas
 * of stored values, provenance, the roles of members, the Korean plan sectors, the Scope 2 methods and instruments, the two status vocabularies, notation keys and the
 * columns of the activity and factor files.
 */
export * from "./boundary.ts";
export * from "./file-columns.ts";
export * from "./ids.ts";
export * from "./notation.ts";
export * from "./provenance.ts";
export * from "./roles.ts";
export * from "./schemas.ts";
export * from "./scope2.ts";
export * from "./sectors.ts";
export * from "./statuses.ts";
export * from "./text.ts";
export * from "./verification.ts";
