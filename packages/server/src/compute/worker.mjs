// The entry of a compute-pool thread: registers the TypeScript loader in this thread (worker threads do not
// inherit the main thread's), then exposes the tasks of tasks.ts.
import { register } from "tsx/esm/api";

register();
// below the server's own thread: heavy work takes the cores that requests leave (priority.ts)
(await import("../workers/priority.ts")).lowerThreadPriority();
const tasks = await import("./tasks.ts");

export const pathway = tasks.pathway;
export const instanceInfo = tasks.instanceInfo;
export const explain = tasks.explain;
export const decompose = tasks.decompose;
export const whatItTakes = tasks.whatItTakes;
export const band = tasks.band;
export const inventory = tasks.inventory;
export const proposalEffect = tasks.proposalEffect;
export const modelled = tasks.modelled;
export const reductions = tasks.reductions;
export const statement = tasks.statement;
export const sleep = tasks.sleep;
