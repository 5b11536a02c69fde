/**
 * How a route is declared: `secureRoute(access, config)` is createRoute plus the access check and the
 * `x-citypath-access` mark in the OpenAPI document. Every route goes through it (a test checks that every
 * operation in the document carries the mark), so none is reachable without a declaration.
 */
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { type Access, accessLabel, authorize } from "./access.ts";

export function secureRoute<
  P extends string,
  R extends Omit<RouteConfig, "path" | "middleware"> & { path: P },
>(access: Access, config: R) {
  return createRoute({
    ...config,
    middleware: [authorize(access)] as const,
    "x-citypath-access": accessLabel(access, config.method),
  });
}
