export * from "./emissions.ts";
export * from "./grades.ts";
export * from "./summary.ts";
