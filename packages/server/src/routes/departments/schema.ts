import { ID_PATTERN } from "@citypath/core";
import { DepartmentSchema } from "@citypath/core/agenda/index";
import { LocalNameSchema } from "@citypath/core/vocabulary/text";
import { z } from "@hono/zod-openapi";
import { PUBLIC, TENANT_ADMINS } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { json, jsonBody, tenantParams } from "../common.ts";

const TAGS = ["departments"];

export const listDepartmentsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/departments",
  tags: TAGS,
  summary:
    "The tenant's department register (the departments memberships, plans, actions and budget lines name)",
  description:
    "Each department with its id, which never changes, and its name in Korean with English where entered " +
    "(decision 0083). Public: the plans' pages name the same departments.",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), departments: z.array(DepartmentSchema) }), "The register."),
    ...errorResponses(400, 404),
  },
});

export const departmentParams = tenantParams.extend({
  department: z
    .string()
    .regex(ID_PATTERN)
    .openapi({
      param: { name: "department", in: "path" },
      example: "climate-change-response",
      description: "The department's id (lower-case letters, digits, '.', '_' or '-'; it never changes).",
    }),
});

export const putDepartmentBody = z
  .object({
    /** The name in Korean, and in English where known (`{ ko, en? }`; a plain string is refused). */
    name: LocalNameSchema,
    parent: z
      .string()
      .regex(ID_PATTERN)
      .optional()
      .openapi({ description: "The bureau or office it belongs to." }),
  })
  .strict()
  .openapi("DepartmentPut");

export const putDepartmentRoute = secureRoute(TENANT_ADMINS, {
  method: "put",
  path: "/api/tenants/{tenant}/departments/{department}",
  tags: TAGS,
  summary: "Add a department to the register, or rename one (either language)",
  description:
    "A new department cites the city's own register as its source; a renamed one keeps its id, its source " +
    "and every reference to it (memberships, actions, plans, budget lines). Audited.",
  request: { params: departmentParams, body: jsonBody(putDepartmentBody) },
  responses: {
    200: json(z.object({ department: DepartmentSchema, created: z.boolean() }), "Added or renamed."),
    ...errorResponses(400, 401, 403, 404, 415, 429),
  },
});
