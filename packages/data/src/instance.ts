/**
 * Loads a model instance from a folder of YAML files and validates it with the core's schema. Every problem
 * is reported at once, each with the file, the line and the path inside the instance, and why.
 *
 * Folder layout: every `*.yaml` / `*.yml` file directly in the folder, read in name order. Each file is a
 * mapping of top-level instance keys (format, id, inventory, drivers, bau, actions, scenarios, targets...).
 * A list key (bases, drivers, bau, actions, scenarios, targets) may be split over several files: the lists
 * are joined in file order, and a problem at `actions[7]` is reported in the file and at the index where
 * that action is written. Any other key may appear in one file only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Problem, problem, type Result } from "@citypath/core/errors";
import {
  type CompiledModel,
  type DriverOptions,
  type EnginePreset,
  enginePreset,
  INSTANCE_KEYS,
  newVersionProblems,
  type ScenarioRun,
  type ValidInstance,
} from "@citypath/core/pathway/index";
import { type Document, isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { resolveActivityInventory } from "./instance-inventory.ts";

const LIST_KEYS = new Set(["bases", "drivers", "bau", "actions", "scenarios", "targets"]);

interface Segment {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  /** Index of the segment's first element in the joined list. */
  readonly start: number;
  readonly count: number;
}

/** Where each top-level key (and each element of a joined list) was written. */
export interface InstanceSourceMap {
  readonly files: readonly string[];
  /** Maps a path inside the instance (`actions[3].params.x`) to its file and line. */
  locate(path: string): { file: string; line?: number; path: string };
}

export interface LoadedInstance {
  /** The merged document, as written (before validation). */
  readonly raw: Record<string, unknown>;
  readonly sourceMap: InstanceSourceMap;
}

/** `actions[3].params.x` -> ["actions", 3, "params", "x"]. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[1]!);
  }
  return out;
}

function formatPath(path: ReadonlyArray<string | number>): string {
  let s = "";
  for (const k of path) s += typeof k === "number" ? `[${k}]` : s ? `.${k}` : k;
  return s;
}

function lineOf(seg: Segment, path: ReadonlyArray<string | number>): number | undefined {
  // The deepest node that exists on the path (a missing key is reported at its parent).
  for (let n = path.length; n >= 1; n--) {
    const node = seg.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) return seg.lines.linePos(node.range[0]).line;
    // A key whose value is null has no value node: look for the key itself.
    const parent = n > 1 ? seg.doc.getIn(path.slice(0, n - 1), true) : seg.doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
      const k = pair?.key as { range?: [number, number, number] } | undefined;
      if (k?.range) return seg.lines.linePos(k.range[0]).line;
    }
  }
  return undefined;
}

/** Reads and merges the YAML files of an instance folder. */
export function readInstanceDir(dir: string): Result<LoadedInstance> {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    return {
      ok: false,
      problems: [
        problem("NOT_FOUND", `cannot read the instance folder: ${(e as Error).message}`, { file: dir }),
      ],
    };
  }
  if (names.length === 0)
    return { ok: false, problems: [problem("NOT_FOUND", "the folder has no .yaml files", { file: dir })] };
  const problems: Problem[] = [];
  const raw: Record<string, unknown> = {};
  const segments = new Map<string, Segment[]>();
  const files: string[] = [];
  const known = new Set<string>(INSTANCE_KEYS as readonly string[]);
  for (const name of names) {
    const file = join(dir, name);
    files.push(file);
    const text = readFileSync(file, "utf8");
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
        problems.push(
          problem(
            "INVALID_INSTANCE",
            `YAML: ${err.message.split("\n")[0]}${pos ? ` (column ${pos.col})` : ""}`,
            {
              file,
              ...(pos ? { line: pos.line } : {}),
            },
          ),
        );
      }
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      problems.push(
        problem("INVALID_INSTANCE", "the file must be a mapping of instance keys", { file, line: 1 }),
      );
      continue;
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const line = lineOf({ file, doc, lines, start: 0, count: 0 }, [key]);
      const where = { file, ...(line !== undefined ? { line } : {}), path: key };
      if (!known.has(key)) {
        problems.push(
          problem(
            "INVALID_INSTANCE",
            `"${key}" is not an instance key (keys: ${[...known].join(", ")})`,
            where,
          ),
        );
        continue;
      }
      const prev = segments.get(key);
      if (LIST_KEYS.has(key) && Array.isArray(v) && (!prev || Array.isArray(raw[key]))) {
        const list = (raw[key] as unknown[] | undefined) ?? [];
        (prev ?? segments.set(key, []).get(key)!).push({
          file,
          doc,
          lines,
          start: list.length,
          count: v.length,
        });
        raw[key] = [...list, ...v];
        continue;
      }
      if (prev) {
        problems.push(problem("DUPLICATE", `"${key}" is also given in ${prev[0]!.file}`, where));
        continue;
      }
      segments.set(key, [{ file, doc, lines, start: 0, count: 1 }]);
      raw[key] = v;
    }
  }
  const sourceMap: InstanceSourceMap = {
    files,
    locate(path: string) {
      const parts = parsePath(path);
      const key = parts[0];
      const segs = typeof key === "string" ? segments.get(key) : undefined;
      if (!segs) return { file: files.length === 1 ? files[0]! : dir, path };
      let seg = segs[0]!;
      let local = parts;
      const idx = parts[1];
      if (LIST_KEYS.has(key as string) && typeof idx === "number") {
        seg = segs.find((s) => idx >= s.start && idx < s.start + s.count) ?? seg;
        local = [key as string, idx - seg.start, ...parts.slice(2)];
      }
      const line = lineOf(seg, local);
      return { file: seg.file, ...(line !== undefined ? { line } : {}), path: formatPath(local) };
    },
  };
  if (problems.length) return { ok: false, problems };
  // An inventory computed from activity data becomes lines here, so the engine always sees lines.
  const inv = raw.inventory as { kind?: unknown } | undefined;
  if (inv && typeof inv === "object" && inv.kind === "activity") {
    const r = resolveActivityInventory(inv, dir);
    if (!r.ok) return { ok: false, problems: locateProblems(r.problems, sourceMap) };
    raw.inventory = r.inventory;
  }
  return { ok: true, value: { raw, sourceMap }, warnings: [] };
}

/** Adds file and line to problems that carry a path inside the instance. */
export function locateProblems(problems: readonly Problem[], map: InstanceSourceMap): Problem[] {
  return problems.map((p) => {
    if (p.path === undefined || p.file !== undefined) return p;
    const where = map.locate(p.path);
    return {
      ...p,
      file: where.file,
      path: where.path,
      ...(where.line !== undefined ? { line: where.line } : {}),
    };
  });
}

export interface InstanceLoad {
  readonly valid: ValidInstance;
  readonly sourceMap: InstanceSourceMap;
  /** The engine preset the instance was validated with (its action types compile and run it). */
  readonly engine: EnginePreset;
}

/** Reads and validates an instance folder; problems name file, line and path. */
export function loadInstance(dir: string, engine: EnginePreset = enginePreset()): Result<InstanceLoad> {
  const read = readInstanceDir(dir);
  if (!read.ok) return read;
  // A file is a new version of the model: each note on a lever's range in Korean (decision 0085).
  const fresh = newVersionProblems(read.value.raw);
  const v = engine.validate(read.value.raw);
  if (!v.ok || fresh.length)
    return {
      ok: false,
      problems: locateProblems([...fresh, ...(v.ok ? [] : v.problems)], read.value.sourceMap),
    };
  return {
    ok: true,
    value: { valid: v.value, sourceMap: read.value.sourceMap, engine },
    warnings: locateProblems(v.warnings, read.value.sourceMap),
  };
}

/** Compiles a loaded instance (for its own drivers, or a scenario's); problems name file and line. */
export function compileLoaded(load: InstanceLoad, options: DriverOptions = {}): Result<CompiledModel> {
  const c = load.engine.compile(load.valid, options);
  if (!c.ok) return { ok: false, problems: locateProblems(c.problems, load.sourceMap) };
  return c;
}

/** Runs scenarios of a loaded instance ("bau" and every scenario by default); problems name file and line. */
export function runLoaded(
  load: InstanceLoad,
  ids?: readonly string[],
  onProgress?: (message: string) => void,
): Result<ScenarioRun[]> {
  const r = load.engine.run(load.valid, ids, onProgress);
  if (!r.ok) return { ok: false, problems: locateProblems(r.problems, load.sourceMap) };
  return r;
}

/** Reads, validates and compiles in one step. */
export function loadModel(
  dir: string,
  engine: EnginePreset = enginePreset(),
  options: DriverOptions = {},
): Result<CompiledModel> {
  const read = readInstanceDir(dir);
  if (!read.ok) return read;
  const m = engine.model(read.value.raw, options);
  if (!m.ok) return { ok: false, problems: locateProblems(m.problems, read.value.sourceMap) };
  return m;
}

/** The folder of the Jeonju demo instance. */
export const JEONJU_INSTANCE_DIR = fileURLToPath(new URL("../instances/jeonju", import.meta.url));
