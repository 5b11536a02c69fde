export * from "./emissions.ts";
export * from "./grades.ts";
export * from "./model.ts";
export * from "./participation.ts";
export * from "./schema.ts";
export * from "./summary.ts";
