/** Every route folder, registered once. A new folder is added here. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { register as activity } from "./activity/handler.ts";
import { register as agenda } from "./agenda/index.ts";
import { register as audit } from "./audit/handler.ts";
import { register as auth } from "./auth/handler.ts";
import { register as budget } from "./budget/handler.ts";
import { register as datasets } from "./datasets/handler.ts";
import { register as departments } from "./departments/handler.ts";
import { register as exportsRoutes } from "./exports/handler.ts";
import { register as factorSets } from "./factor-sets/handler.ts";
import { register as health } from "./health/handler.ts";
import { register as imports } from "./imports/handler.ts";
import { register as instances } from "./instances/handler.ts";
import { register as inventories } from "./inventories/handler.ts";
import { register as mail } from "./mail/handler.ts";
import { register as members } from "./members/handler.ts";
import { register as participation } from "./participation/handler.ts";
import { register as privacy } from "./privacy/handler.ts";
import { register as reports } from "./reports/handler.ts";
import { register as tenants } from "./tenants/handler.ts";
import { register as transfer } from "./transfer/handler.ts";

// transfer before tenants: /api/tenants/import must not be read as the tenant "import"
export const ROUTE_FOLDERS = [
  health,
  transfer,
  tenants,
  inventories,
  factorSets,
  activity,
  instances,
  auth,
  members,
  departments,
  mail,
  audit,
  imports,
  exportsRoutes,
  datasets,
  agenda,
  budget,
  participation,
  privacy,
  reports,
] as const;

export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  for (const register of ROUTE_FOLDERS) register(app);
}
