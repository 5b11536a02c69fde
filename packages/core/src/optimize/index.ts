export * from "./highs.ts";
export * from "./lp.ts";
export * from "./portfolio.ts";
export * from "./solver.ts";
export * from "./types.ts";
