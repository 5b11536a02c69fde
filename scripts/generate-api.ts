/**
 * Writes the web client's types of the HTTP contract (packages/web/src/api/schema.generated.ts) from the
 * server's OpenAPI document, built in-process from the real app (no server to start, no network).
 * `npm run generate:api` after changing a route's schema; a web test fails while the file is stale.
 */
import { writeFileSync } from "node:fs";
import { apiTypesSource, SCHEMA_FILE } from "../packages/web/test/api-types.ts";

writeFileSync(SCHEMA_FILE, await apiTypesSource());
console.log(`wrote ${SCHEMA_FILE}`);
