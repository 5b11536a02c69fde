import {
  decompositionSchema,
  ID_PATTERN,
  MODEL_KEY_PATTERN,
  portfolioSpecSchema,
  SCOPE2_METHOD_IDS,
  StoredTextSchema,
  uncertaintySpecSchema,
  whatItTakesSchema,
} from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { EDITORS, PUBLIC } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import {
  explanationOutSchema,
  instanceActionIndexSchema,
  instanceDocumentComponent,
  instanceHeaderSchema,
  instanceSchema,
  pathwaySchema,
  scenarioSchema,
} from "../../presenters/instance.ts";
import { secureRoute } from "../../route.ts";
import { int4, int4Query, json, jsonBody, tenantParam, tenantParams } from "../common.ts";

const instanceParam = z
  .string()
  .regex(ID_PATTERN)
  .openapi({ param: { name: "instance", in: "path" }, example: "jeonju" });
const instanceParams = z.object({ tenant: tenantParam, instance: instanceParam });
const scenarioParams = instanceParams.extend({
  scenario: z
    .string()
    .regex(MODEL_KEY_PATTERN)
    .openapi({ param: { name: "scenario", in: "path" }, example: "bau" }),
});
const versionQuery = z.object({ version: int4Query().positive().optional() });

export const listInstancesRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances",
  tags: ["pathways"],
  summary: "The tenant's model instances (latest versions)",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), instances: z.array(instanceHeaderSchema) }), "The instances."),
    ...errorResponses(400, 404),
  },
});

export const getInstanceRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}",
  tags: ["pathways"],
  summary: "One model instance document (latest, or ?version=)",
  request: { params: instanceParams, query: versionQuery },
  responses: { 200: json(instanceSchema, "The instance."), ...errorResponses(400, 404) },
});

export const instanceVersionsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/versions",
  tags: ["pathways"],
  summary: "Every version of a model instance, newest first",
  request: { params: instanceParams },
  responses: {
    200: json(z.object({ versions: z.array(instanceHeaderSchema) }), "The versions."),
    ...errorResponses(400, 404),
  },
});

export const saveInstanceBody = z
  .object({
    base_version: int4().min(0).openapi({ description: "0 for a new instance; else the current version." }),
    // its shape is checked here, then the pathway engine validates it whole (action parameters,
    // references; every problem with its path), as the route's summary says
    document: instanceDocumentComponent,
    note: StoredTextSchema.max(2000).trim().min(1, "a note is not empty").optional().openapi({
      description: "Why this version is saved (what changed, on what source); listed with the versions.",
    }),
  })
  .openapi("InstanceSave");

export const saveInstanceRoute = secureRoute(EDITORS, {
  method: "put",
  path: "/api/tenants/{tenant}/instances/{instance}",
  tags: ["pathways"],
  summary:
    "Save a new version of a model instance with a note (its shape checked, then validated whole by the pathway engine with every problem and its path; 409 on a stale base); the tenant's admins and the editors of the departments its setting model_owners names",
  request: { params: instanceParams, body: jsonBody(saveInstanceBody) },
  responses: {
    200: json(instanceHeaderSchema, "Saved."),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const listScenariosRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/scenarios",
  tags: ["pathways"],
  summary: "The scenarios of an instance version, business-as-usual (`bau`) first",
  request: { params: instanceParams, query: versionQuery },
  responses: {
    200: json(
      z.object({ instance: z.string(), version: int4(), scenarios: z.array(scenarioSchema) }),
      "The scenarios.",
    ),
    ...errorResponses(400, 404, 503),
  },
});

export const actionIndexRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/actions",
  tags: ["pathways"],
  summary:
    "An instance version's actions as a list: each scenario's actions, each action's name, type and parameters (a few KB, not the document)",
  request: { params: instanceParams, query: versionQuery },
  responses: {
    200: json(instanceActionIndexSchema, "The actions."),
    ...errorResponses(400, 404),
  },
});

export const pathwayRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/pathway",
  tags: ["pathways"],
  summary: "The pathway of a scenario to 2050, computed by the core and cached per instance version",
  request: { params: scenarioParams, query: versionQuery },
  responses: { 200: json(pathwaySchema, "The pathway."), ...errorResponses(400, 404, 503) },
});

export const explainRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/explain",
  tags: ["pathways"],
  summary: "How one number (GPC line, year) of a scenario was computed: formula, inputs, units, sources",
  request: {
    params: scenarioParams,
    query: versionQuery.extend({
      line: z.string().min(1).openapi({ example: "II.1.1" }),
      year: int4Query(),
    }),
  },
  responses: {
    200: json(explanationOutSchema, "The explanation."),
    ...errorResponses(400, 404, 503),
  },
});

export const decompositionRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/decomposition",
  tags: ["pathways"],
  summary:
    "What drove the change in the scenario's emissions between two years (LMDI-I additive: activity, intensity, structure, emission factor per sector), with the modelled actions' abatement beside (citypath-decompose/1)",
  request: {
    params: scenarioParams,
    query: versionQuery.extend({
      from: int4Query().min(1990).max(2100).openapi({ example: 2018 }),
      to: int4Query().min(1990).max(2100).openapi({ example: 2030 }),
    }),
  },
  responses: {
    200: json(decompositionSchema, "The decomposition."),
    ...errorResponses(400, 404, 503),
  },
});

export const whatItTakesRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/what-it-takes",
  tags: ["pathways"],
  summary:
    "What it takes: the gap of the scenario to a target in each target year, split by the 7 plan sectors by the target's split rule (default: the national plans' sector reductions), on the driver paths asked for (citypath-what-it-takes/2)",
  request: {
    params: scenarioParams,
    query: versionQuery.extend({
      target: z.string().regex(MODEL_KEY_PATTERN).optional().openapi({ example: "jeonju_carbon_neutral" }),
      drivers: z.string().regex(MODEL_KEY_PATTERN).optional().openapi({ example: "national_policy" }),
      years: z
        .string()
        .regex(/^\d{4}(,\d{4}){0,9}$/, "up to 10 years such as 2030,2035,2050")
        .optional()
        .openapi({ example: "2030,2035,2050" }),
    }),
  },
  responses: {
    200: json(whatItTakesSchema, "The gap by plan sector."),
    ...errorResponses(400, 404, 503),
  },
});

export const analysisRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/analysis",
  tags: ["pathways"],
  summary:
    "The instance's analysis settings: uncertainty spec (citypath-uncertainty/1) and least-cost portfolio settings (citypath-portfolio/1); null where none",
  request: { params: instanceParams },
  responses: {
    200: json(
      z
        .object({
          instance: z.string(),
          uncertainty: uncertaintySpecSchema.nullable(),
          portfolio: portfolioSpecSchema.nullable(),
        })
        .openapi("InstanceAnalysis"),
      "The analysis settings.",
    ),
    ...errorResponses(400, 404),
  },
});

/**
 * A public band costs up to a few seconds of a compute thread, and each new (samples, seed) is a new
 * computation: the public may ask only for these, so at most 3 x 10 bands per scenario and instance version
 * exist to be computed and cached.
 */
export const BAND_SAMPLE_SIZES = [200, 1000, 5000] as const;
export const BAND_SEEDS = 10;

export const bandRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/instances/{instance}/scenarios/{scenario}/band",
  tags: ["pathways"],
  summary:
    "The scenario's uncertainty band (5th, 50th and 95th percentiles per year, on the basis of the first target) and the probability of meeting each target year: a seeded Monte Carlo run of the instance's uncertainty spec (samples 200, 1000 or 5000; seed 1 to 10), cached per instance version; 503 with Retry-After when the server's computation queue is full",
  request: {
    params: scenarioParams,
    query: versionQuery.extend({
      samples: z.coerce
        .number()
        .int()
        .refine((n) => (BAND_SAMPLE_SIZES as readonly number[]).includes(n), {
          message: `samples must be one of ${BAND_SAMPLE_SIZES.join(", ")}`,
        })
        .default(1000)
        .openapi({ enum: [...BAND_SAMPLE_SIZES] }),
      seed: z.coerce.number().int().min(1).max(BAND_SEEDS).default(1),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          instance: z.string(),
          version: int4(),
          scenario: z.string(),
          basis: z.string(),
          samples: int4(),
          seed: int4(),
          method: z.literal("lhs"),
          unit: z.literal("tCO2e"),
          years: z.array(int4()),
          p5: z.array(z.number()),
          p50: z.array(z.number()),
          p95: z.array(z.number()),
          targets: z.array(
            z.object({
              id: z.string(),
              year: int4(),
              limit_tco2e: z.number(),
              scope2_method: z.enum(SCOPE2_METHOD_IDS).openapi({
                description:
                  "The Scope 2 method the target is measured on; its probability is on those figures",
              }),
              probability: z.number(),
              expected_shortfall_tco2e: z.number(),
            }),
          ),
        })
        .openapi("ScenarioBand"),
      "The band.",
    ),
    ...errorResponses(400, 404, 503),
  },
});
