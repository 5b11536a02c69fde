export type { Command, CommandIO } from "./io.ts";
export { main, register } from "./main.ts";
