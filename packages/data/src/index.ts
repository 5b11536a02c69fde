export * from "./csv.ts";
export * from "./factors/builtin.ts";
export * from "./gwp.ts";
export * from "./instance.ts";
export * from "./table-file.ts";
export * from "./xlsx.ts";
