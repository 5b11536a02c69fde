export type { Command, CommandIO } from "./io.ts";
export { main } from "./main.ts";
