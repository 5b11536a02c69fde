export * from "./attribution.ts";
export * from "./classes.ts";
export * from "./functions.ts";
export * from "./import.ts";
export * from "./migrated.ts";
export * from "./schema.ts";
export * from "./settlement.ts";
export * from "./statement.ts";
