export { main } from "./main.ts";
export type { Command, CommandIO } from "./io.ts";
