/**
 * Loads a tenant's agenda (plans, actions, indicators, departments, categories, sources) from a folder of
 * YAML files, validates every record with the core's zod schemas and checks that references resolve.
 * Every problem is reported at once, each with its file, line and path, and why.
 *
 * Folder layout: any `*.yaml` file in the folder or in its `actions/` sub-folder. A file is a mapping whose
 * keys are collections (`sources`, `departments`, `categories`, `plans`, `indicators`, `actions`), each a
 * list of records; the records of all files are merged. Exactly one file (by convention `agenda.yaml`)
 * states `format: citypath-agenda/1` (AGENDA_FORMAT), the version of this layout.
 *
 * Also here: the reader of the administration's agenda document (a Markdown list), used by the
 * completeness test to check that every item of the agenda has an action.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ActionContext } from "@citypath/core/actions/interface";
import type { ScenarioResolver } from "@citypath/core/agenda/index";
import {
  ActionSchema,
  AGENDA_FORMAT,
  type Agenda,
  CategorySchema,
  checkAgenda,
  DepartmentSchema,
  IndicatorSchema,
  PlanSchema,
  SourceSchema,
} from "@citypath/core/agenda/index";
import { fail, ok, type Problem, type ProblemCode, problem, type Result } from "@citypath/core/errors";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import type { InstanceLoad } from "./instance.ts";

const COLLECTIONS = {
  sources: SourceSchema,
  departments: DepartmentSchema,
  categories: CategorySchema,
  plans: PlanSchema,
  indicators: IndicatorSchema,
  actions: ActionSchema,
} as const;
type Collection = keyof typeof COLLECTIONS;
type Issue = NonNullable<ReturnType<typeof ActionSchema.safeParse>["error"]>["issues"][number];

interface Origin {
  file: string;
  index: number;
}
interface ParsedFile {
  name: string;
  doc: Document;
  lines: LineCounter;
}

/** The folder of the Jeonju demo agenda in this package. */
export const JEONJU_AGENDA_DIR = fileURLToPath(new URL("../agenda/jeonju/", import.meta.url));

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of [dir, join(dir, "actions")]) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      const p = join(d, n);
      if ((n.endsWith(".yaml") || n.endsWith(".yml")) && statSync(p).isFile()) out.push(p);
    }
  }
  return out;
}

/** Splits `actions[3].plans[0].plan` into `["actions", 3, "plans", 0, "plan"]`. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The line of the deepest node that exists along `segments` (1-based), if any. */
function lineAt(f: ParsedFile, segments: (string | number)[]): number | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? f.doc.contents : f.doc.getIn(segments.slice(0, n), true);
    if (isNode(node) && node.range) return f.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function codeOf(issue: Issue): ProblemCode {
  if (issue.code === "invalid_type") {
    if ((issue as { input?: unknown }).input === undefined) return "MISSING_VALUE";
    if (issue.expected === "number") return "BAD_NUMBER";
  }
  if (issue.code === "too_small" && (issue as { origin?: string }).origin === "array") return "MISSING_VALUE";
  return "BAD_VALUE";
}

/**
 * Reads and validates the agenda in `dir`. On success the agenda holds every record; warnings (such as an
 * indicator that no action uses) come with it. On failure, every problem found in every file.
 */
export function loadAgenda(dir: string): Result<Agenda> {
  const problems: Problem[] = [];
  const files = new Map<string, ParsedFile>();
  const agenda: Agenda = {
    sources: [],
    departments: [],
    categories: [],
    plans: [],
    indicators: [],
    actions: [],
  };
  const origins: Record<Collection, Origin[]> = {
    sources: [],
    departments: [],
    categories: [],
    plans: [],
    indicators: [],
    actions: [],
  };
  const invalid: Record<Collection, Set<string>> = {
    sources: new Set(),
    departments: new Set(),
    categories: new Set(),
    plans: new Set(),
    indicators: new Set(),
    actions: new Set(),
  };
  const formats: { file: string; value: unknown; line: number | undefined }[] = [];
  const paths = yamlFiles(dir);
  if (paths.length === 0) return fail([problem("MISSING_VALUE", `no YAML files in ${dir}`)]);

  for (const p of paths) {
    const name = relative(dir, p);
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(p, "utf8"), { lineCounter: lines, prettyErrors: true });
    const f: ParsedFile = { name, doc, lines };
    files.set(name, f);
    if (doc.errors.length) {
      for (const e of doc.errors)
        problems.push(
          problem("INVALID_INSTANCE", e.message.split("\n")[0]!, {
            file: name,
            ...(e.linePos ? { line: e.linePos[0].line } : {}),
          }),
        );
      continue;
    }
    const js: unknown = doc.toJS();
    if (js === null || typeof js !== "object" || Array.isArray(js)) {
      problems.push(
        problem("INVALID_INSTANCE", "the file must be a mapping of collections", { file: name, line: 1 }),
      );
      continue;
    }
    for (const [key, list] of Object.entries(js)) {
      if (key === "format") {
        formats.push({ file: name, value: list, line: lineAt(f, [key]) });
        continue;
      }
      if (!(key in COLLECTIONS)) {
        problems.push(
          problem(
            "BAD_VALUE",
            `unknown key '${key}'; expected format or one of ${Object.keys(COLLECTIONS).join(", ")}`,
            {
              file: name,
              path: key,
              ...lineOpt(lineAt(f, [key])),
            },
          ),
        );
        continue;
      }
      const c = key as Collection;
      if (!Array.isArray(list)) {
        problems.push(
          problem("BAD_VALUE", `'${key}' must be a list`, {
            file: name,
            path: key,
            ...lineOpt(lineAt(f, [key])),
          }),
        );
        continue;
      }
      list.forEach((item, index) => {
        const r = COLLECTIONS[c].safeParse(item);
        if (!r.success) {
          const id = (item as { id?: unknown } | null)?.id;
          if (typeof id === "string") invalid[c].add(id);
          for (const issue of r.error.issues) {
            const segs = [c, index, ...issue.path.map((s) => (typeof s === "symbol" ? String(s) : s))];
            problems.push(
              problem(codeOf(issue), describe(issue), {
                file: name,
                path: formatPath(segs),
                ...lineOpt(lineAt(f, segs)),
              }),
            );
          }
          return;
        }
        (agenda[c] as unknown[]).push(r.data);
        origins[c].push({ file: name, index });
      });
    }
  }

  if (formats.length === 0 && problems.length === 0)
    problems.push(
      problem("MISSING_VALUE", `no file states the format; add \`format: ${AGENDA_FORMAT}\` to agenda.yaml`, {
        path: "format",
      }),
    );
  if (formats.length > 1)
    for (const f of formats.slice(1))
      problems.push(
        problem("DUPLICATE", `the format is stated again (first in ${formats[0]!.file})`, {
          file: f.file,
          path: "format",
          ...lineOpt(f.line),
        }),
      );
  for (const f of formats)
    if (f.value !== AGENDA_FORMAT)
      problems.push(
        problem(
          "BAD_VALUE",
          `format '${String(f.value)}' is not ${AGENDA_FORMAT}, the version this loader reads`,
          {
            file: f.file,
            path: "format",
            ...lineOpt(f.line),
          },
        ),
      );

  const refProblems = checkAgenda(
    agenda,
    (c, i) => {
      const o = origins[c][i]!;
      return { file: o.file, path: `${c}[${o.index}]` };
    },
    invalid,
  );
  for (const p of refProblems) {
    const f = p.file !== undefined ? files.get(p.file) : undefined;
    const line = f && p.path ? lineAt(f, splitPath(p.path)) : undefined;
    problems.push({ ...p, ...lineOpt(line) });
  }
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) return fail(problems);
  return ok(agenda, problems);
}

function lineOpt(line: number | undefined): { line?: number } {
  return line !== undefined ? { line } : {};
}

function formatPath(segs: (string | number)[]): string {
  return segs.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function describe(issue: Issue): string {
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined)
    return `required (${issue.expected})`;
  return issue.message;
}

/** The Jeonju demo agenda of this package. */
export function loadJeonjuAgenda(): Result<Agenda> {
  return loadAgenda(JEONJU_AGENDA_DIR);
}

// ---------------------------------------------------------------------------------------------------------
// The administration's agenda document

export interface AgendaItem {
  /** The `## ` heading of the section the item is in. */
  readonly section: string;
  /** The item's text as written (without the list marker). */
  readonly text: string;
  /** 1-based line in the document. */
  readonly line: number;
  /** The line of the item this one is nested in, if any. */
  readonly parent_line?: number;
  /** The texts an action's `agenda_ref` may hold to carry this item (see `agendaItemKeys`). */
  readonly keys: readonly string[];
}

const HANGUL = /[\uAC00-\uD7A3]/;

/**
 * The ways an action may name an agenda item in its `agenda_ref`: the item's bold heading; its leading
 * Korean heading before a colon; any Korean term in parentheses; its text before a colon; its whole text.
 * Markdown emphasis and a final full stop are removed.
 */
export function agendaItemKeys(text: string): string[] {
  const keys: string[] = [];
  const bold = /\*\*(.+?)\*\*/.exec(text);
  if (bold) keys.push(bold[1]!.trim());
  const plain = text.replace(/\*\*/g, "").trim();
  const colon = plain.indexOf(":");
  if (colon > 0 && HANGUL.test(plain[0]!)) keys.push(plain.slice(0, colon).trim());
  for (const m of plain.matchAll(/\(([^()]+)\)/g)) if (HANGUL.test(m[1]!)) keys.push(m[1]!.trim());
  if (colon > 0) keys.push(plain.slice(0, colon).trim());
  keys.push(plain.replace(/\.$/, "").trim());
  return [...new Set(keys)];
}

/** Every list item (numbered or bulleted) of the document, with its section, nesting and keys. */
export function parseAgendaDocument(markdown: string): AgendaItem[] {
  const items: AgendaItem[] = [];
  const stack: { indent: number; line: number }[] = [];
  let section = "";
  markdown.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const h = /^##\s+(.*)$/.exec(raw);
    if (h) {
      section = h[1]!.trim();
      stack.length = 0;
      return;
    }
    const m = /^(\s*)(?:\d+\.|[-*+])\s+(.*)$/.exec(raw);
    if (!m) return;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    const text = m[2]!.trim();
    items.push({
      section,
      text,
      line,
      ...(parent ? { parent_line: parent.line } : {}),
      keys: agendaItemKeys(text),
    });
    stack.push({ indent, line });
  });
  return items;
}

/**
 * Where the administration's agenda document is expected (`../shared/AGENDA.md` beside the repository) and
 * what to do when it is absent: skip with a message locally, fail in CI (`CI=true`).
 */
export function agendaDocument(
  repoRoot: string,
  env: Readonly<Record<string, string | undefined>>,
): { path: string; state: "present" | "skip" | "fail"; message: string } {
  const path = join(repoRoot, "..", "shared", "AGENDA.md");
  if (existsSync(path)) return { path, state: "present", message: `reading ${path}` };
  return env.CI === "true"
    ? { path, state: "fail", message: `${path} is missing: CI must check out shared/ beside the repository` }
    : {
        path,
        state: "skip",
        message: `${path} not found; place shared/ beside the repository to run this check`,
      };
}

export interface CompletenessReport {
  /** Items no action carries. */
  readonly missing: readonly AgendaItem[];
  /** Actions whose agenda_ref names no item. */
  readonly unknown_refs: readonly { action: string; agenda_ref: string }[];
  /** Sub-items whose action is not a child of the parent item's action. */
  readonly wrong_parent: readonly { item: AgendaItem; action: string; expected_parent: string[] }[];
  /** item line -> actions carrying it. */
  readonly carried: ReadonlyMap<number, readonly string[]>;
}

/** Checks that every item of the agenda document has an action, and that nesting is kept. */
export function agendaCompleteness(items: readonly AgendaItem[], agenda: Agenda): CompletenessReport {
  const carried = new Map<number, string[]>();
  const unknown_refs: { action: string; agenda_ref: string }[] = [];
  for (const a of agenda.actions) {
    if (a.agenda_ref === undefined) continue;
    const hits = items.filter((it) => it.keys.includes(a.agenda_ref!));
    if (hits.length === 0) unknown_refs.push({ action: a.id, agenda_ref: a.agenda_ref });
    for (const it of hits) carried.set(it.line, [...(carried.get(it.line) ?? []), a.id]);
  }
  const byId = new Map(agenda.actions.map((a) => [a.id as string, a]));
  const wrong_parent: { item: AgendaItem; action: string; expected_parent: string[] }[] = [];
  for (const it of items) {
    if (it.parent_line === undefined) continue;
    const parents = carried.get(it.parent_line) ?? [];
    for (const id of carried.get(it.line) ?? []) {
      const p = byId.get(id)?.parent;
      if (parents.length && (p === undefined || !parents.includes(p)))
        wrong_parent.push({ item: it, action: id, expected_parent: parents });
    }
  }
  return { missing: items.filter((it) => !carried.has(it.line)), unknown_refs, wrong_parent, carried };
}

// ---------------------------------------------------------------------------------------------------------
// Model links resolved against a pathway instance

/**
 * Resolves an action's `model_link` in a validated pathway instance: the scenario, the action's level in it,
 * the action's type and its parameters as the instance validated them. `ctxFor` gives the engine's context
 * of a year (grid factor, drivers, BAU) to models that read it. Only the validated instance and the engine
 * are read (an instance loaded from files passes its InstanceLoad; one stored in a database, no source map).
 */
export function instanceScenarioResolver(
  load: Pick<InstanceLoad, "valid" | "engine">,
  ctxFor: (year: number) => ActionContext,
): ScenarioResolver {
  const inst = load.valid.instance;
  return (link) => {
    const scenario = (inst.scenarios ?? []).find((s) => s.id === link.scenario);
    if (!scenario)
      return fail([problem("UNKNOWN_REFERENCE", `the pathway instance has no scenario '${link.scenario}'`)]);
    const entry = scenario.actions.find((a) => a.action === link.scenario_action);
    if (!entry)
      return fail([
        problem("UNKNOWN_REFERENCE", `scenario '${link.scenario}' has no action '${link.scenario_action}'`),
      ]);
    const index = (inst.actions ?? []).findIndex((a) => a.id === link.scenario_action);
    const action = inst.actions?.[index];
    const type = action ? load.engine.registry.get(action.type) : undefined;
    if (!action || !type)
      return fail([
        problem("UNKNOWN_REFERENCE", `the pathway instance has no action '${link.scenario_action}'`),
      ]);
    return ok({ type, params: load.valid.params[index], level: entry.level, ctxFor });
  };
}
