import { describe, expect, it } from "vitest";
import { answerCheck } from "./answer-check.ts";

const doc = {
  openapi: "3.1.0",
  paths: {
    "/api/things/{id}": {
      get: {
        responses: {
          200: {
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
          404: { content: { "application/json": { schema: { type: "object", required: ["error"] } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        required: ["id", "made"],
        properties: { id: { type: "string" }, made: { type: "string", format: "date-time" } },
      },
    },
  },
};

describe("checking an answer against the declared schema", () => {
  const check = answerCheck(doc);
  it("accepts an answer of the declared shape, following references", () => {
    expect(check("/api/things/{id}", "get", 200, { id: "a", made: "2026-01-01T00:00:00Z" })).toEqual([]);
  });
  it("names every problem with its path", () => {
    expect(check("/api/things/{id}", "get", 200, { id: 3, made: "yesterday" })).toEqual([
      "/id must be string",
      '/made must match format "date-time"',
    ]);
  });
  it("refuses a status or route the document does not declare", () => {
    expect(check("/api/things/{id}", "get", 500, {})).toEqual([
      "status 500 is not declared for GET /api/things/{id}",
    ]);
    expect(check("/api/other", "get", 200, {})).toEqual(["GET /api/other is not in the document"]);
  });
});
