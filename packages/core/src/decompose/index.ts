export * from "./json.ts";
export * from "./lmdi.ts";
export * from "./sources.ts";
