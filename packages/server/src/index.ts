export { type App, createApp } from "./app.ts";
export type { AppDeps, AppEnv, Caller } from "./env.ts";
export { batchedWriter, createLogger, type Logger, memoryLogger, parseLogLevel } from "./log.ts";
export { type RunningServer, type ServeOptions, startServer } from "./server.ts";
export { hashPassword } from "./services/admin.ts";
export { loadReferenceData } from "./services/reference.ts";
