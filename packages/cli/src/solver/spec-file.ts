/**
 * Reads an analysis spec (uncertainty or portfolio YAML) and reports every problem with the file, the line
 * and the path inside it. Specs live beside an instance in `DIR/analysis/` (the instance loader reads only
 * the YAML files directly in DIR, so they are not mistaken for parts of the instance).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Problem, problem, type Result } from "@citypath/core";
import { LineCounter, parseDocument } from "yaml";

export const ANALYSIS_DIR = "analysis";

/** The spec file to use: the one given, else DIR/analysis/NAME when it exists, else undefined. */
export function specPath(instanceDir: string, given: string | undefined, name: string): string | undefined {
  if (given !== undefined) return given;
  const p = join(instanceDir, ANALYSIS_DIR, name);
  return existsSync(p) ? p : undefined;
}

function toPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Reads the YAML file and hands its data to `parse`; problems gain the file and line. */
export function readSpec<T>(file: string, parse: (raw: unknown) => Result<T>): Result<T> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return {
      ok: false,
      problems: [problem("NOT_FOUND", `cannot read ${file}: ${(e as Error).message}`, { file })],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length)
    return {
      ok: false,
      problems: doc.errors.map((e) =>
        problem("BAD_VALUE", e.message.split("\n")[0]!, { file, line: lines.linePos(e.pos[0]).line }),
      ),
    };
  const r = parse(doc.toJS());
  const locate = (p: Problem): Problem => {
    const path = p.path === undefined ? [] : toPath(p.path);
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as {
        range?: [number, number, number];
      } | null;
      if (node?.range) return { ...p, file, line: lines.linePos(node.range[0]).line };
    }
    return { ...p, file };
  };
  if (!r.ok) return { ok: false, problems: r.problems.map(locate) };
  return { ok: true, value: r.value, warnings: r.warnings.map(locate) };
}
