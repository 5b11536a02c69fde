export * from "./compute.ts";
export * from "./factors.ts";
export * from "./gpc.ts";
export * from "./kr-sectors.ts";
export * from "./present.ts";
export * from "./problems.ts";
export * from "./records.ts";
export * from "./types.ts";
