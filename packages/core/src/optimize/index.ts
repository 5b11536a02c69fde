export * from "./by-year.ts";
export * from "./highs.ts";
export * from "./lp.ts";
export * from "./pathway-portfolio.ts";
export * from "./portfolio.ts";
export * from "./solver.ts";
export * from "./types.ts";
