export * from "./quantity.ts";
export * from "./table.ts";
export * from "./unit.ts";
