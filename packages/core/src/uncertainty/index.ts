export * from "./distributions.ts";
export * from "./drawn-band.ts";
export * from "./montecarlo.ts";
export * from "./pathway-model.ts";
export * from "./random.ts";
export * from "./sampling.ts";
export * from "./sensitivity.ts";
export * from "./statistics.ts";
