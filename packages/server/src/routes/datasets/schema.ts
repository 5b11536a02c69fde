import { TextSchema } from "@citypath/core";
import { z } from "@hono/zod-openapi";
import { PUBLIC } from "../../access.ts";
import { errorResponses } from "../../errors.ts";
import { secureRoute } from "../../route.ts";
import { json, tenantParams } from "../common.ts";

const localized = TextSchema;

export const OpenDataset = z
  .object({
    id: z.string().openapi({ example: "inventory-v1" }),
    kind: z.enum(["inventory", "pathway", "factor-set", "participation"]),
    title: localized,
    licence: z.string().nullable().openapi({
      description:
        "The licence the city states in its settings (`open_data_licence`); null when none is set.",
    }),
    csv: z.string().openapi({ description: "Download address of the CSV file (UTF-8 with a BOM)." }),
    xlsx: z.string().openapi({ description: "Download address of the XLSX file." }),
    json: z
      .string()
      .optional()
      .openapi({ description: "Download address of the JSON document, where there is one." }),
  })
  .openapi("OpenDataset");

export const listDatasetsRoute = secureRoute(PUBLIC, {
  method: "get",
  path: "/api/tenants/{tenant}/datasets",
  tags: ["import and export"],
  summary:
    "The city's open data: its published inventory, each scenario's pathway, its own factor sets and its consultations' contributions and answers (anonymised), each as CSV and XLSX under the city's stated licence",
  request: { params: tenantParams },
  responses: {
    200: json(z.object({ tenant: z.string(), datasets: z.array(OpenDataset) }), "The downloadable tables"),
    ...errorResponses(404),
  },
});
