export * from "./library-link.ts";
export * from "./linked.ts";
export * from "./modelled.ts";
export * from "./references.ts";
export * from "./reminders.ts";
export * from "./schema.ts";
export * from "./status.ts";
export * from "./workflow.ts";
