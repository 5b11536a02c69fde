export * from "./connect.ts";
export * from "./export.ts";
export * from "./lock.ts";
export * from "./migrate.ts";
export type { Role } from "./schema.ts";
export * as schema from "./schema.ts";
export { ROLES } from "./schema.ts";
export * from "./store.ts";
