/**
 * Validates a model instance: its shape (the zod schema), each action's parameters (the action type's own
 * schema), and the references between its parts (lines, drivers, actions, bases, years). Every problem is
 * reported at once, each with the path inside the instance (`actions[3].params.riders_per_day`); the loader
 * in packages/data adds the file and line.
 */

import type { ActionRegistry } from "../actions/interface.ts";
import { ok, type Problem, problem, type Result } from "../errors.ts";
import { WASTE_METHOD_LINES, wasteMethodTco2e } from "../inventory/waste-methods.ts";
import { conversionFactor, parseUnit, unit } from "../units/index.ts";
import { gpcLineInfo, STANDARD_BASES } from "./gpc.ts";
import { type DRIVER_ROLES, instanceSchema, type ResolvedInstance } from "./schema.ts";
import { readSeries, type Series, toSeries } from "./series.ts";

/** The unit a driver with a role must convert to. */
const ROLE_UNITS: Readonly<Record<(typeof DRIVER_ROLES)[number], string>> = {
  grid_factor: "tCO2e/MWh",
  hydrogen_factor: "tCO2e/kg",
};

/** A validated instance with every action's parameters parsed by its type's schema. */
export interface ValidInstance {
  readonly instance: ResolvedInstance;
  /** Parsed parameters, aligned with instance.actions. */
  readonly params: readonly unknown[];
}

/** `["actions", 3, "params", "x"]` -> `actions[3].params.x`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let s = "";
  for (const k of path) {
    if (typeof k === "number") s += `[${k}]`;
    else s += s ? `.${String(k)}` : String(k);
  }
  return s;
}

interface ZodIssueLike {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly code: string;
}

function issueProblem(issue: ZodIssueLike, prefix: ReadonlyArray<PropertyKey> = []): Problem {
  const path = formatPath([...prefix, ...issue.path]);
  const code =
    issue.code === "invalid_type" && /received undefined/.test(issue.message)
      ? "MISSING_VALUE"
      : "INVALID_INSTANCE";
  return problem(code, issue.message, { path });
}

/** Says which model years take a held value (a visible assumption), or undefined when none does. */
function heldYears(s: Series, from: number, to: number): string | undefined {
  if (s.extrapolate !== "hold" || s.years.length === 0) return undefined;
  const first = s.years[0]!;
  const last = s.years[s.years.length - 1]!;
  const parts: string[] = [];
  if (from < first)
    parts.push(`${from}${first - 1 > from ? `–${first - 1}` : ""} take the ${first} value ${s.values[0]}`);
  if (to > last)
    parts.push(
      `${last + 1}${to > last + 1 ? `–${to}` : ""} take the ${last} value ${s.values[s.values.length - 1]}`,
    );
  return parts.length ? `${parts.join("; ")} (extrapolate: hold)` : undefined;
}

/** A unit symbol, `1` (a pure number) or `year`; custom counts (`rider`, `vkm`) are allowed. */
export function checkUnit(symbol: string): string | undefined {
  if (symbol === "1") return undefined;
  const r = parseUnit(symbol, { allowCustom: true });
  return r.ok ? undefined : (r.problems[0]?.message ?? "unknown unit");
}

export function validateInstance(raw: unknown, registry: ActionRegistry): Result<ValidInstance> {
  const parsed = instanceSchema.safeParse(raw);
  if (!parsed.success) {
    // The shape is wrong somewhere; still check every action's parameters and run the checks of meaning on
    // whatever parsed, so that one run lists every problem.
    const problems = parsed.error.issues.map((i) => issueProblem(i));
    const rawActions = (raw as { actions?: unknown } | null)?.actions;
    if (Array.isArray(rawActions))
      rawActions.forEach((a: unknown, i) => {
        const t = (a as { type?: unknown } | null)?.type;
        const type = typeof t === "string" ? registry.get(t) : undefined;
        if (!type) return;
        const pr = type.schema.safeParse((a as { params?: unknown }).params);
        if (!pr.success)
          for (const issue of pr.error.issues) problems.push(issueProblem(issue, ["actions", i, "params"]));
      });
    problems.push(...partialChecks(raw, registry, problems));
    return { ok: false, problems: dedupe(problems) };
  }
  if (parsed.data.inventory.kind === "activity")
    return {
      ok: false,
      problems: [
        problem(
          "INVALID_INSTANCE",
          "an inventory of kind activity is computed when the instance folder is loaded (loadInstance in @citypath/data); pass the loaded instance",
          { path: "inventory.kind" },
        ),
      ],
    };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const params = semanticChecks(parsed.data as ResolvedInstance, registry, problems, warnings);
  if (problems.length) return { ok: false, problems: dedupe([...problems, ...warnings]) };
  return ok({ instance: parsed.data as ResolvedInstance, params }, dedupe(warnings));
}

/**
 * What a new version of the model must hold beyond what a stored one may (decision 0085): each note on a
 * lever's range in Korean. A version saved before Korean was required is still read (its notes as English
 * alone); saving a document, from a file or through the API, refuses a note without its Korean, naming the
 * scenario and the lever. Looks at the raw document, so it can run before or after `validateInstance`.
 */
export function newVersionProblems(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const scenarios = (raw as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(scenarios)) return problems;
  scenarios.forEach((s: unknown, i) => {
    const sc = s as { id?: unknown; actions?: unknown } | null;
    if (!Array.isArray(sc?.actions)) return;
    sc.actions.forEach((a: unknown, j) => {
      const lever = a as { action?: unknown; note?: unknown } | null;
      const note = lever?.note;
      if (note === undefined || note === null) return;
      const ko = typeof note === "object" ? (note as { ko?: unknown }).ko : undefined;
      if (typeof ko === "string" && ko.length > 0) return;
      problems.push(
        problem(
          "MISSING_VALUE",
          `scenario "${String(sc.id)}", lever "${String(lever?.action)}": the note on its range has no Korean; write it as { ko: "…", en: "…" } (a version saved before Korean was required is read as English only; a new version needs the Korean)`,
          { path: formatPath(["scenarios", i, "actions", j, "note", "ko"]) },
        ),
      );
    });
  });
  return problems;
}

/** The same problem (code, path, message) once. */
function dedupe(ps: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.code}|${p.path ?? ""}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The checks of meaning on an instance whose shape is wrong somewhere: every top-level section that parses
 * on its own is checked; a section that does not is replaced by an empty one, and problems that could come
 * from that replacement (references into it, a missing rule for a line) are not reported: they would be
 * guesses. Problems the shape check already made are not repeated.
 */
function partialChecks(raw: unknown, registry: ActionRegistry, shapeProblems: readonly Problem[]): Problem[] {
  if (raw === null || typeof raw !== "object") return [];
  const r = raw as Record<string, unknown>;
  const shape = instanceSchema.shape;
  const part: Record<string, unknown> = {};
  const broken = new Set<string>();
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const p = shape[key].safeParse(r[key]);
    if (p.success) part[key] = p.data;
    else broken.add(key);
  }
  // Without a year range and an inventory of lines nothing else can be checked.
  if (broken.has("end_year") || broken.has("inventory")) return [];
  if ((part.inventory as { kind: string }).kind !== "lines") return [];
  for (const key of broken) part[key] = key === "bau" || key === "drivers" ? [] : undefined;
  const problems: Problem[] = [];
  try {
    // deliberately partial (broken sections emptied): the checks that could trip on it are caught below
    semanticChecks(part as unknown as ResolvedInstance, registry, problems, []);
  } catch {
    return [];
  }
  const guessed = (p: Problem) =>
    broken.size > 0 &&
    (p.code === "UNKNOWN_REFERENCE" ||
      (broken.has("bau") && p.path?.startsWith("inventory.lines")) ||
      (broken.has("drivers") && p.code === "MISSING_YEAR"));
  const already = new Set(shapeProblems.map((p) => p.path ?? ""));
  return problems.filter((p) => !guessed(p) && !already.has(p.path ?? ""));
}

/**
 * The checks of meaning (references, years, units, ranges) of an instance whose shape is valid; pushes every
 * problem and warning and returns each action's parsed parameters.
 */
function semanticChecks(
  inst: ResolvedInstance,
  registry: ActionRegistry,
  problems: Problem[],
  warnings: Problem[],
): unknown[] {
  const at = (path: ReadonlyArray<PropertyKey>) => ({ path: formatPath(path) });
  const baseYear = inst.inventory.year;

  if (inst.end_year <= baseYear)
    problems.push(
      problem(
        "BAD_VALUE",
        `end_year ${inst.end_year} must be after the inventory year ${baseYear}`,
        at(["end_year"]),
      ),
    );

  // Inventory lines: unique, a known GPC line, sinks only where allowed.
  const lineIndex = new Map<string, number>();
  inst.inventory.lines.forEach((l, i) => {
    const p = ["inventory", "lines", i, "gpc_ref"];
    if (lineIndex.has(l.gpc_ref))
      problems.push(
        problem(
          "DUPLICATE",
          `line ${l.gpc_ref} appears twice (also at lines[${lineIndex.get(l.gpc_ref)}])`,
          at(p),
        ),
      );
    else lineIndex.set(l.gpc_ref, i);
    const info = gpcLineInfo(l.gpc_ref);
    if (!info) problems.push(problem("UNKNOWN_GPC_REF", `${l.gpc_ref} is not a GPC v1.1 line`, at(p)));
    const sink = l.sink ?? (l.kr_sector ?? info?.kr_sector) === "sinks";
    if (!sink && l.tco2e < 0)
      problems.push(
        problem(
          "BAD_VALUE",
          `line ${l.gpc_ref} has negative emissions (${l.tco2e} tCO2e) but is not a sink; set sink: true if it removes carbon`,
          at(["inventory", "lines", i, "tco2e"]),
        ),
      );
  });
  // Lines computed by a method: the method suits the line, and the figure is the method's.
  inst.inventory.lines.forEach((l, i) => {
    if (!l.computed) return;
    const prefix = WASTE_METHOD_LINES[l.computed.method];
    if (!l.gpc_ref.startsWith(prefix))
      problems.push(
        problem(
          "BAD_VALUE",
          `method ${l.computed.method} computes lines ${prefix}x, not ${l.gpc_ref}`,
          at(["inventory", "lines", i, "computed", "method"]),
        ),
      );
    const r = wasteMethodTco2e(l.computed);
    if (Math.abs(r.tco2e - l.tco2e) > 0.5)
      problems.push(
        problem(
          "BAD_VALUE",
          `line ${l.gpc_ref} gives ${l.tco2e} tCO2e; its method ${l.computed.method} gives ${Math.round(r.tco2e * 10) / 10}`,
          at(["inventory", "lines", i, "tco2e"]),
        ),
      );
  });
  const pt = inst.inventory.published_total;
  if (pt) {
    let sum = 0;
    for (const l of inst.inventory.lines) sum += l.tco2e;
    if (Math.abs(sum - pt.tco2e) > 0.5)
      problems.push(
        problem(
          "BAD_VALUE",
          `the lines add up to ${sum} tCO2e, the published total is ${pt.tco2e} tCO2e`,
          at(["inventory", "published_total", "tco2e"]),
        ),
      );
  }
  const knownLine = (ref: string, path: ReadonlyArray<PropertyKey>) => {
    if (!lineIndex.has(ref))
      problems.push(problem("UNKNOWN_REFERENCE", `line ${ref} is not in the base inventory`, at(path)));
  };

  // Drivers: unique ids, units that parse, one per role, values covering the model's years.
  const drivers = new Map<string, number>();
  const roles = new Map<string, string>();
  inst.drivers.forEach((d, i) => {
    if (drivers.has(d.id))
      problems.push(problem("DUPLICATE", `driver "${d.id}" is defined twice`, at(["drivers", i, "id"])));
    drivers.set(d.id, i);
    const u = checkUnit(d.unit);
    if (u) problems.push(problem("UNKNOWN_UNIT", u, at(["drivers", i, "unit"])));
    if (d.role && !u) {
      const want = ROLE_UNITS[d.role];
      const pu = parseUnit(d.unit, { allowCustom: true });
      if (pu.ok && !conversionFactor(pu.value, unit(want)).ok)
        problems.push(
          problem(
            "UNIT_MISMATCH",
            `a ${d.role} driver must be in a unit of ${want}; "${d.unit}" is not`,
            at(["drivers", i, "unit"]),
          ),
        );
    }
    if (d.role) {
      if (roles.has(d.role))
        problems.push(
          problem(
            "DUPLICATE",
            `role ${d.role} is given to "${roles.get(d.role)}" and "${d.id}"`,
            at(["drivers", i, "role"]),
          ),
        );
      roles.set(d.role, d.id);
    }
    if (Object.keys(d.values).length === 0)
      problems.push(problem("MISSING_VALUE", `driver "${d.id}" has no values`, at(["drivers", i, "values"])));
    else {
      const s = toSeries(d);
      const held = heldYears(s, baseYear, inst.end_year);
      if (held)
        warnings.push(
          problem("MISSING_YEAR", `driver "${d.id}": ${held}`, {
            ...at(["drivers", i, "values"]),
            severity: "warning",
          }),
        );
      for (let y = baseYear; y <= inst.end_year; y++)
        if (!readSeries(s, y)) {
          problems.push(
            problem(
              "MISSING_YEAR",
              `driver "${d.id}" has no value for ${y} and extrapolate is "none" (the model runs ${baseYear}–${inst.end_year})`,
              at(["drivers", i, "values"]),
            ),
          );
          break;
        }
    }
  });
  const knownDriver = (ref: string, path: ReadonlyArray<PropertyKey>) => {
    if (!drivers.has(ref))
      problems.push(problem("UNKNOWN_REFERENCE", `driver "${ref}" is not defined`, at(path)));
  };

  // BAU: every inventory line projected by exactly one rule.
  const covered = new Map<string, string>();
  const ruleIds = new Set<string>();
  inst.bau.forEach((r, i) => {
    if (ruleIds.has(r.id))
      problems.push(problem("DUPLICATE", `BAU rule "${r.id}" is defined twice`, at(["bau", i, "id"])));
    ruleIds.add(r.id);
    r.lines.forEach((ref, j) => {
      knownLine(ref, ["bau", i, "lines", j]);
      const prev = covered.get(ref);
      if (prev !== undefined)
        problems.push(
          problem(
            "DUPLICATE",
            `line ${ref} is projected by rule "${prev}" and by rule "${r.id}"`,
            at(["bau", i, "lines", j]),
          ),
        );
      else covered.set(ref, r.id);
    });
    if (r.activity) knownDriver(r.activity.driver, ["bau", i, "activity", "driver"]);
    if (r.intensity) knownDriver(r.intensity.driver, ["bau", i, "intensity", "driver"]);
  });
  inst.inventory.lines.forEach((l, i) => {
    if (!covered.has(l.gpc_ref))
      problems.push(
        problem(
          "MISSING_VALUE",
          `line ${l.gpc_ref} has no business-as-usual rule; add it to a rule in bau (a rule without activity, intensity or trend keeps it constant)`,
          at(["inventory", "lines", i, "gpc_ref"]),
        ),
      );
  });

  // Actions: unique ids, known types, parameters valid for their type.
  const actions = new Map<string, number>();
  const params: unknown[] = [];
  (inst.actions ?? []).forEach((a, i) => {
    if (actions.has(a.id))
      problems.push(problem("DUPLICATE", `action "${a.id}" is defined twice`, at(["actions", i, "id"])));
    actions.set(a.id, i);
    const type = registry.get(a.type);
    if (!type) {
      problems.push(
        problem(
          "UNKNOWN_REFERENCE",
          `action type "${a.type}" is not known (known: ${[...registry.keys()].join(", ")})`,
          at(["actions", i, "type"]),
        ),
      );
      params.push(undefined);
      return;
    }
    const pr = type.schema.safeParse(a.params);
    if (!pr.success) {
      for (const issue of pr.error.issues) problems.push(issueProblem(issue, ["actions", i, "params"]));
      params.push(undefined);
    } else params.push(pr.data);
  });

  // Bases: ids not clashing with the standard ones, lines known.
  const bases = new Set<string>(STANDARD_BASES);
  (inst.bases ?? []).forEach((b, i) => {
    if (bases.has(b.id))
      problems.push(
        problem(
          "DUPLICATE",
          `basis "${b.id}" is defined twice or is a standard basis`,
          at(["bases", i, "id"]),
        ),
      );
    bases.add(b.id);
    b.lines.forEach((ref, j) => {
      knownLine(ref, ["bases", i, "lines", j]);
    });
  });

  // Scenarios: unique ids (not "bau"), known actions once each, levels within their range, known drivers.
  const scenarioIds = new Set<string>(["bau"]);
  (inst.scenarios ?? []).forEach((s, i) => {
    if (scenarioIds.has(s.id))
      problems.push(
        problem(
          "DUPLICATE",
          `scenario "${s.id}" is defined twice or is the reserved name "bau"`,
          at(["scenarios", i, "id"]),
        ),
      );
    scenarioIds.add(s.id);
    const seen = new Set<string>();
    s.actions.forEach((sa, j) => {
      const p = ["scenarios", i, "actions", j];
      const ai = actions.get(sa.action);
      if (ai === undefined)
        problems.push(
          problem("UNKNOWN_REFERENCE", `action "${sa.action}" is not defined`, at([...p, "action"])),
        );
      if (seen.has(sa.action))
        problems.push(problem("DUPLICATE", `action "${sa.action}" is listed twice`, at([...p, "action"])));
      seen.add(sa.action);
      if (sa.min !== undefined && sa.max !== undefined && sa.min > sa.max)
        problems.push(problem("BAD_VALUE", `min ${sa.min} is above max ${sa.max}`, at([...p, "min"])));
      if (sa.max !== undefined && sa.level > sa.max)
        problems.push(problem("BAD_VALUE", `level ${sa.level} is above max ${sa.max}`, at([...p, "level"])));
      if (sa.min !== undefined && sa.level < sa.min)
        problems.push(problem("BAD_VALUE", `level ${sa.level} is below min ${sa.min}`, at([...p, "level"])));
      const type = ai !== undefined ? registry.get(inst.actions![ai]!.type) : undefined;
      if (type?.binary && sa.level !== 0 && sa.level !== 1)
        problems.push(
          problem("BAD_VALUE", `action "${sa.action}" is yes/no: its level is 0 or 1`, at([...p, "level"])),
        );
    });
    for (const [d, o] of Object.entries(s.drivers ?? {})) {
      const p = ["scenarios", i, "drivers", d];
      const di = drivers.get(d);
      if (di === undefined) {
        problems.push(problem("UNKNOWN_REFERENCE", `driver "${d}" is not defined`, at(p)));
        continue;
      }
      const base = inst.drivers[di]!;
      const series = toSeries({
        values: o.values,
        interpolation: o.interpolation ?? base.interpolation,
        extrapolate: o.extrapolate ?? base.extrapolate,
      });
      const held = heldYears(series, baseYear, inst.end_year);
      if (held)
        warnings.push(
          problem("MISSING_YEAR", `scenario "${s.id}", driver "${d}": ${held}`, {
            ...at([...p, "values"]),
            severity: "warning",
          }),
        );
      for (let y = baseYear; y <= inst.end_year; y++)
        if (!readSeries(series, y)) {
          problems.push(
            problem("MISSING_YEAR", `the override of "${d}" has no value for ${y}`, at([...p, "values"])),
          );
          break;
        }
    }
  });

  // Targets: known basis, a base value where the model cannot compute it, points after the base year.
  const targetIds = new Set<string>();
  (inst.targets ?? []).forEach((t, i) => {
    if (targetIds.has(t.id))
      problems.push(problem("DUPLICATE", `target "${t.id}" is defined twice`, at(["targets", i, "id"])));
    targetIds.add(t.id);
    if (!bases.has(t.basis))
      problems.push(
        problem(
          "UNKNOWN_REFERENCE",
          `basis "${t.basis}" is not standard nor defined in bases`,
          at(["targets", i, "basis"]),
        ),
      );
    if (t.base_year !== baseYear && t.base_tco2e === undefined)
      problems.push(
        problem(
          "MISSING_VALUE",
          `the base year ${t.base_year} is not the inventory year ${baseYear}: give base_tco2e (the published base emissions)`,
          at(["targets", i, "base_tco2e"]),
        ),
      );
    const years = new Set<number>();
    t.points.forEach((pt, j) => {
      if (pt.year <= t.base_year)
        problems.push(
          problem(
            "BAD_VALUE",
            `target year ${pt.year} is not after the base year ${t.base_year}`,
            at(["targets", i, "points", j, "year"]),
          ),
        );
      if (pt.year > inst.end_year)
        problems.push(
          problem(
            "BAD_VALUE",
            `target year ${pt.year} is after the model's end year ${inst.end_year}: the path to it would bend the years up to ${inst.end_year} towards a point the model never reaches (raise end_year, or give the target's value in ${inst.end_year})`,
            at(["targets", i, "points", j, "year"]),
          ),
        );
      if (years.has(pt.year))
        problems.push(
          problem("DUPLICATE", `year ${pt.year} is given twice`, at(["targets", i, "points", j, "year"])),
        );
      years.add(pt.year);
    });
  });

  return params;
}
