/**
 * docs/ARCHITECTURE.md is the annotated tree of the real folders: every folder under packages/<p>/src is
 * named in its package's part of the tree (a top-level folder as `src/<name>/`, a nested one by its own name
 * with a slash), and every `src/...` folder the document names exists.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const DOC = readFileSync(join(ROOT, "docs/ARCHITECTURE.md"), "utf8");
const PACKAGES = readdirSync(join(ROOT, "packages")).filter((p) =>
  existsSync(join(ROOT, "packages", p, "src")),
);

/** The lines of the tree from `  <pkg>/` to the next package (or the end of the tree). */
function section(pkg: string): string {
  const lines = DOC.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`  ${pkg}/`));
  assert.ok(start >= 0, `docs/ARCHITECTURE.md has no entry "  ${pkg}/"`);
  const end = lines.findIndex((l, i) => i > start && /^ {0,2}[a-z.][\w.-]*\/\s/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** Folders below `dir`, as paths relative to it. */
function folders(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith(".") && n !== "node_modules" && statSync(join(dir, n)).isDirectory())
    .flatMap((n) => [`${prefix}${n}`, ...folders(join(dir, n), `${prefix}${n}/`)]);
}

describe("docs/ARCHITECTURE.md matches the tree", () => {
  for (const pkg of PACKAGES) {
    it(`names every folder of packages/${pkg}/src, and only folders that exist`, () => {
      const text = section(pkg);
      const src = join(ROOT, "packages", pkg, "src");
      const missing = folders(src).filter((f) => {
        const top = !f.includes("/");
        const name = f.split("/").pop()!;
        return top ? !text.includes(`src/${f}/`) : !text.includes(`src/${f}/`) && !text.includes(`${name}/`);
      });
      assert.deepEqual(missing, [], `folders of packages/${pkg}/src the document does not name`);
      const named = [...text.matchAll(/\bsrc\/([\w./-]+?)\/(?=[\s,;:)]|$)/g)].map((m) => m[1]!);
      const gone = named.filter((f) => !existsSync(join(src, f)));
      assert.deepEqual(
        gone,
        [],
        `folders docs/ARCHITECTURE.md names under packages/${pkg}/src that do not exist`,
      );
    });
  }

  it("names bench/ and e2e/ and the folders they hold", () => {
    for (const top of ["bench", "e2e"]) {
      assert.match(DOC, new RegExp(`^${top}/`, "m"), `no entry for ${top}/`);
      for (const f of folders(join(ROOT, top)).filter(
        (x) => !x.includes("/") && !/^(artifacts|\.out)$/.test(x),
      ))
        assert.ok(DOC.includes(`${f}/`), `${top}/${f}/ is not in docs/ARCHITECTURE.md`);
    }
  });
});
