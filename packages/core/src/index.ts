export * from "./errors.ts";
export * from "./gwp/index.ts";
export * from "./ids.ts";
export * from "./inventory/index.ts";
export * from "./optimize/index.ts";
export * from "./uncertainty/index.ts";
export * from "./units/index.ts";
