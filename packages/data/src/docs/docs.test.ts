import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { InventoryJsonSchema } from "@citypath/core";
import { generatedSections, renderDoc, SCHEMA_FILE, schemaText } from "./generate.ts";

const ROOT = new URL("../../../../", import.meta.url).pathname;
const HOW =
  "regenerate with `node --import tsx packages/data/src/docs/generate.ts && npx biome format --write docs` and review the diff";

/** Markdown with table cells trimmed and rules unified, so that the formatter's column padding does not count. */
function normalise(md: string): string {
  return md
    .split("\n")
    .map((l) => {
      const t = l.trim();
      if (!t.startsWith("|")) return t;
      return t
        .slice(1, t.endsWith("|") ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((c) => (/^:?-+:?$/.test(c.trim()) ? "---" : c.trim()))
        .join("|");
    })
    .filter((l) => l !== "")
    .join("\n");
}

test("the documents restate the code's tables exactly", () => {
  for (const [file, sections] of Object.entries(generatedSections())) {
    const text = readFileSync(`${ROOT}${file}`, "utf8");
    assert.equal(
      normalise(text),
      normalise(renderDoc(text, sections, file)),
      `${file} is out of date: ${HOW}`,
    );
  }
});

test("the JSON schema in docs is the contract's", () => {
  // Compared as JSON: the file is laid out by the formatter.
  assert.deepEqual(
    JSON.parse(readFileSync(`${ROOT}${SCHEMA_FILE}`, "utf8")),
    JSON.parse(schemaText()),
    `${SCHEMA_FILE} is out of date: ${HOW}`,
  );
});

test("the golden demo output satisfies the contract", () => {
  const doc = JSON.parse(readFileSync(`${ROOT}packages/data/demo/golden/inventory.json`, "utf8"));
  const r = InventoryJsonSchema.safeParse(doc);
  assert.ok(r.success, r.success ? "" : r.error.message);
});
