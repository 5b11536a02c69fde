/**
 * The server reaches the database only through the Store's repositories, whose behaviour the store contract
 * suite checks on PGlite, PostgreSQL and Citus: no server source (tests aside) reads the raw drizzle handle
 * (`.db`), the tables (`schema` of @citypath/db) or drizzle-orm. better-auth's adapter is the one exception,
 * through `betterAuthDatabase`, in security/auth.ts only.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL(".", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== "testing.ts" ? [p] : [];
  });
}

/** Lines of the server's sources (comments left out) that match `re`, as "file:line: text". */
function hits(re: RegExp, except: readonly string[] = []): string[] {
  return sources(SRC).flatMap((file) => {
    const rel = relative(SRC, file).replaceAll("\\", "/");
    if (except.includes(rel)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => {
        const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, "");
        return re.test(code) ? [`${rel}:${i + 1}: ${line.trim()}`] : [];
      });
  });
}

describe("the server uses the Store, not the database handle", () => {
  it("reads no raw drizzle handle (.db)", () => {
    assert.deepEqual(hits(/\.db\b(?!\w)/), []);
  });

  it("imports neither drizzle-orm nor the tables", () => {
    assert.deepEqual(hits(/from "drizzle-orm|\bschema as \w+\b.*from "@citypath\/db"|^\s*schema,\s*$/), []);
  });

  it("gives better-auth its handle in one place only", () => {
    assert.deepEqual(hits(/\bbetterAuthDatabase\b/, ["security/auth.ts"]), []);
    assert.ok(readFileSync(join(SRC, "security/auth.ts"), "utf8").includes("betterAuthDatabase(store)"));
  });
});
