import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const WEB = resolve(import.meta.dirname, "..");
const ROOT = resolve(WEB, "../..");
const PLUGINS = ["lint/no-jsx-text.grit", "lint/no-literal-ui-attributes.grit"];

describe("lint: no literal UI text in components", () => {
  it("the repository's biome.json applies the rules to the web components", () => {
    const cfg = readFileSync(join(ROOT, "biome.json"), "utf8");
    for (const p of PLUGINS) expect(cfg).toContain(`./packages/web/${p}`);
  });

  it("the rules flag literal text and literal labels, and accept translated ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-lint-"));
    try {
      writeFileSync(
        join(dir, "biome.json"),
        JSON.stringify({
          linter: { rules: { recommended: false } },
          overrides: [{ includes: ["**/*.tsx"], plugins: PLUGINS.map((p) => join(WEB, p)) }],
        }),
      );
      writeFileSync(
        join(dir, "Bad.tsx"),
        'export const Bad = () => <p title="Emissions">배출량 {1} 보기</p>;\nexport const Bad2 = () => <input placeholder="Search" />;\n',
      );
      writeFileSync(
        join(dir, "Good.tsx"),
        'declare const t: (k: string) => string;\nexport const Good = () => <p title={t("a.b")}>{t("a.c")} · 2030 — 1</p>;\n',
      );
      const run = (f: string) =>
        spawnSync(process.execPath, [join(ROOT, "node_modules/@biomejs/biome/bin/biome"), "lint", f], {
          cwd: dir,
          encoding: "utf8",
        });
      const bad = run("Bad.tsx");
      const out = bad.stdout + bad.stderr;
      expect(bad.status).not.toBe(0);
      // "배출량 " and " 보기" are two text nodes around {1}
      expect(out.match(/Literal UI text in a component:/g)?.length).toBe(2);
      expect(out.match(/Literal UI text in a component attribute/g)?.length).toBe(2);
      const good = run("Good.tsx");
      expect(good.stdout + good.stderr).not.toContain("Literal UI text");
      expect(good.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
