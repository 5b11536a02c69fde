/**
 * The JSON Schema of model instance files, generated from the core's zod types (one source of truth), for
 * editors: docs/schema/instance.schema.json. Each action's `params` is checked by its type's own schema
 * (if type is X then params follow X). A test checks that the file is current; rewrite it with
 *   node --import tsx packages/data/src/instance-schema.ts --write
 */
import { writeFileSync } from "node:fs";
import type { ActionRegistry } from "@citypath/core/actions/interface";
import { defaultRegistry, instanceSchema } from "@citypath/core/pathway/index";
import { z } from "zod";

export const INSTANCE_SCHEMA_PATH = new URL("../../../docs/schema/instance.schema.json", import.meta.url);

type Json = Record<string, unknown>;

function toJson(schema: z.ZodType): Json {
  const s = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  delete s.$schema;
  return s;
}

export function instanceJsonSchema(registry: ActionRegistry = defaultRegistry()): Json {
  const root = toJson(instanceSchema);
  const props = root.properties as Record<string, Json>;
  const actions = props.actions as Json & { items: Json };
  const types = [...registry.values()].sort((a, b) => a.type.localeCompare(b.type));
  actions.items = {
    allOf: [
      actions.items,
      { properties: { type: { enum: types.map((t) => t.type) } } },
      ...types.map((t) => ({
        if: { properties: { type: { const: t.type } }, required: ["type"] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a promise
        then: { properties: { params: { description: t.label.en, ...toJson(t.schema) } } },
      })),
    ],
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://citypath.example/schema/instance.schema.json",
    title: "Citypath model instance (citypath-instance/1)",
    description:
      "One file of a model instance folder holds some of these keys; the files of a folder together form the instance (docs/instance-format.md).",
    ...root,
    required: [],
  };
}

export function instanceJsonSchemaText(): string {
  return `${JSON.stringify(instanceJsonSchema(), null, 2)}\n`;
}

if (process.argv.includes("--write") && import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(INSTANCE_SCHEMA_PATH, instanceJsonSchemaText());
  console.log(`wrote ${INSTANCE_SCHEMA_PATH.pathname}`);
}
