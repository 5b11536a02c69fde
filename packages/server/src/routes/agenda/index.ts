/** The agenda's route folders, one per resource, registered in this order. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { register as actions } from "./actions/handler.ts";
import { register as indicators } from "./indicators/handler.ts";
import { register as observations } from "./observations/handler.ts";
import { register as plans } from "./plans/handler.ts";
import { register as progress } from "./progress/handler.ts";
import { register as reminders } from "./reminders/handler.ts";
import { register as summary } from "./summary/handler.ts";

export const AGENDA_FOLDERS = [
  plans,
  actions,
  progress,
  indicators,
  observations,
  reminders,
  summary,
] as const;

export function register(app: OpenAPIHono<AppEnv>) {
  for (const r of AGENDA_FOLDERS) r(app);
}
