import { InventoryVerificationInputSchema, LocalNameSchema, StoredNameSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import {
  inventoryDiffSchema,
  inventoryHeaderSchema,
  inventorySchema,
  inventorySummarySchema,
} from "../../presenters/inventory.ts";
import { secureRoute } from "../../route.ts";
import { int4, int4Query, json, jsonBody, tenantParam, tenantParams, versionParam } from "../common.ts";

const versionParams = z.object({ tenant: tenantParam, version: versionParam });
const year = int4Query().min(1990).max(2100);

export const listInventoriesRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/inventories",
  tags: ["inventories"],
  summary: "Inventory versions, newest first (drafts only for members)",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), inventories: z.array(inventoryHeaderSchema) }), "The versions."),
    ...errorResponses(400, 404),
  },
});

export const getInventoryRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/inventories/{version}",
  tags: ["inventories"],
  summary: "One inventory version with its lines, filtered by year, GPC line (or prefix) and district",
  description:
    "`latest` is the newest published version (for members: the newest version). `gpc_ref` takes a reference " +
    "or a prefix (`II`, `I.1`); with `district`, only lines with that district, each with `district_tco2e`.",
  request: {
    params: versionParams,
    query: z.object({
      year: year.optional(),
      gpc_ref: z
        .string()
        .regex(/^(I|II|III|IV|V|VI)(\.[1-9](\.[1-9])?)?$/)
        .optional(),
      district: StoredNameSchema.min(1).max(100).optional(),
    }),
  },
  responses: { 200: json(inventorySchema, "The inventory."), ...errorResponses(400, 404) },
});

export const inventorySummaryRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/inventories/{version}/summary",
  tags: ["inventories"],
  summary: "Totals per year (BASIC, BASIC+, territorial), Korea's plan sectors and data quality",
  request: { params: versionParams },
  responses: { 200: json(inventorySummarySchema, "The summary."), ...errorResponses(400, 404) },
});

export const inventoryDiffRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/inventories/{version}/diff",
  tags: ["inventories"],
  summary:
    "Differences per line against another version (default: the version it was based on, else the one before)",
  request: {
    params: versionParams,
    query: z.object({ against: int4Query().positive().optional() }),
  },
  responses: { 200: json(inventoryDiffSchema, "The differences."), ...errorResponses(400, 404) },
});

export const createInventoryBody = z
  .object({
    label: LocalNameSchema,
    activity_dataset: z.string().min(1),
    factor_sets: z
      .array(z.string())
      .default([])
      .openapi({ description: "The tenant's factor sets, applied over the built-in ones in order." }),
    gwp_set: z.string().default("AR5"),
    based_on_version: int4().positive().optional(),
  })
  .openapi("InventoryCreate");

export const createInventoryRoute = secureRoute(EDITORS, {
  method: "post",
  path: "/api/tenants/{tenant}/inventories",
  tags: ["inventories"],
  summary: "Compute a new draft version from stored activity data and factor sets",
  request: { params: tenantParams, body: jsonBody(createInventoryBody) },
  responses: {
    201: json(inventoryHeaderSchema, "The new draft version."),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const numericVersion = z.object({
  tenant: tenantParam,
  version: int4Query()
    .positive()
    .openapi({ param: { name: "version", in: "path" } }),
});

export const publishInventoryRoute = secureRoute(TENANT_ADMINS, {
  method: "post",
  path: "/api/tenants/{tenant}/inventories/{version}/publish",
  tags: ["inventories"],
  summary: "Publish (freeze) a draft version",
  request: { params: numericVersion },
  responses: { 200: json(inventoryHeaderSchema, "Published."), ...errorResponses(400, 401, 403, 404, 409) },
});

export const deleteInventoryRoute = secureRoute(EDITORS, {
  method: "delete",
  path: "/api/tenants/{tenant}/inventories/{version}",
  tags: ["inventories"],
  summary: "Delete a draft version (a published version is frozen: 409)",
  request: { params: numericVersion },
  responses: { 204: { description: "Deleted." }, ...errorResponses(400, 401, 403, 404, 409) },
});

export const setVerificationRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/inventories/{version}/verification",
  tags: ["inventories"],
  summary:
    "Record a published version's verification status: provisional, or verified (by whom, on which day)",
  description:
    "The version's figures stay frozen; the status is recorded beside them, audited, and shown with the version " +
    "(report section II, the public inventory pages). A draft is not verified (409).",
  request: { params: numericVersion, body: jsonBody(InventoryVerificationInputSchema) },
  responses: {
    200: json(inventoryHeaderSchema, "The version with its verification."),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});
