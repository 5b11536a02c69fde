/**
 * Checks that an agenda holds together: unique ids, every reference resolves (departments, categories,
 * indicators, plans and policy areas, parents, sources), and plans and actions agree on membership.
 * Returns every problem found, each saying where.
 */
import { type Problem, problem } from "../errors.ts";
import type { Agenda, Source } from "./schema.ts";

export type AgendaCollection = "sources" | "departments" | "categories" | "plans" | "indicators" | "actions";

/** Where a record sits: its file (if it came from one) and its path in that file. */
export type Locate = (collection: AgendaCollection, index: number) => { file?: string; path: string };

const SINGULAR: Record<AgendaCollection, string> = {
  sources: "source",
  departments: "department",
  categories: "category",
  plans: "plan",
  indicators: "indicator",
  actions: "action",
};

const defaultLocate: Locate = (collection, index) => ({ path: `${collection}[${index}]` });

/**
 * `invalid` holds ids of records that exist but failed validation (and so are not in `agenda`): references
 * to them are not reported again.
 */
export function checkAgenda(
  agenda: Agenda,
  locate: Locate = defaultLocate,
  invalid: Partial<Record<AgendaCollection, ReadonlySet<string>>> = {},
): Problem[] {
  const problems: Problem[] = [];
  const at = (
    collection: AgendaCollection,
    index: number,
    sub: string,
    severity: Problem["severity"] = "error",
  ) => {
    const { file, path } = locate(collection, index);
    return { ...(file !== undefined ? { file } : {}), path: sub ? `${path}.${sub}` : path, severity };
  };

  const ids = {} as Record<AgendaCollection, Set<string>>;
  for (const c of ["sources", "departments", "categories", "plans", "indicators", "actions"] as const) {
    const seen = new Set<string>();
    (agenda[c] as readonly { id: string }[]).forEach((r, i) => {
      if (seen.has(r.id))
        problems.push(problem("DUPLICATE", `${c} id '${r.id}' is used twice`, at(c, i, "id")));
      seen.add(r.id);
    });
    ids[c] = seen;
  }

  const ref = (
    c: AgendaCollection,
    i: number,
    sub: string,
    kind: AgendaCollection,
    id: string | undefined,
  ) => {
    if (id !== undefined && !ids[kind].has(id) && !invalid[kind]?.has(id))
      problems.push(problem("UNKNOWN_REFERENCE", `no ${SINGULAR[kind]} with id '${id}'`, at(c, i, sub)));
  };

  // Every `source: id` and `sources: [id]` anywhere inside a record must name a registered source.
  const walkSources = (c: AgendaCollection, i: number, v: unknown, path: string) => {
    if (Array.isArray(v))
      v.forEach((x, k) => {
        walkSources(c, i, x, `${path}[${k}]`);
      });
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        const sub = path ? `${path}.${k}` : k;
        if (k === "source" && typeof x === "string") ref(c, i, sub, "sources", x);
        else if (k === "sources" && Array.isArray(x))
          x.forEach((s, j) => {
            if (typeof s === "string") ref(c, i, `${sub}[${j}]`, "sources", s);
          });
        else walkSources(c, i, x, sub);
      }
  };
  for (const c of ["departments", "categories", "plans", "indicators", "actions"] as const)
    (agenda[c] as readonly unknown[]).forEach((r, i) => {
      walkSources(c, i, r, "");
    });

  agenda.departments.forEach((d, i) => {
    ref("departments", i, "parent", "departments", d.parent);
  });

  const areas = new Map<string, Map<string, Set<string>>>(); // plan -> area -> actions
  agenda.plans.forEach((p, i) => {
    ref("plans", i, "responsible_department", "departments", p.responsible_department);
    const m = new Map<string, Set<string>>();
    p.policy_areas.forEach((a, j) => {
      if (m.has(a.id))
        problems.push(
          problem(
            "DUPLICATE",
            `policy area '${a.id}' appears twice`,
            at("plans", i, `policy_areas[${j}].id`),
          ),
        );
      m.set(a.id, new Set(a.actions));
      a.actions.forEach((act, k) => {
        ref("plans", i, `policy_areas[${j}].actions[${k}]`, "actions", act);
      });
    });
    areas.set(p.id, m);
  });

  agenda.indicators.forEach((ind, i) => {
    ref("indicators", i, "reporter", "departments", ind.reporter);
    ind.observed.forEach((o, j) => {
      ref("indicators", i, `observed[${j}].reported_by`, "departments", o.reported_by);
    });
  });

  const byId = new Map(agenda.actions.map((a) => [a.id as string, a]));
  const usedIndicators = new Set<string>();
  agenda.actions.forEach((a, i) => {
    a.departments.forEach((d, j) => {
      ref("actions", i, `departments[${j}]`, "departments", d);
    });
    a.contacts.forEach((c, j) => {
      ref("actions", i, `contacts[${j}].department`, "departments", c.department);
    });
    a.tasks.forEach((t, j) => {
      ref("actions", i, `tasks[${j}].department`, "departments", t.department);
    });
    a.categories.forEach((c, j) => {
      ref("actions", i, `categories[${j}]`, "categories", c);
    });
    a.indicators.forEach((ind, j) => {
      ref("actions", i, `indicators[${j}]`, "indicators", ind);
      usedIndicators.add(ind);
    });
    ref("actions", i, "parent", "actions", a.parent);
    // No cycles through parents.
    const seen = new Set<string>([a.id]);
    let cur = a.parent ? byId.get(a.parent) : undefined;
    while (cur) {
      if (seen.has(cur.id)) {
        problems.push(
          problem(
            "CYCLE",
            `action '${a.id}' is its own ancestor through 'parent'`,
            at("actions", i, "parent"),
          ),
        );
        break;
      }
      seen.add(cur.id);
      cur = cur.parent ? byId.get(cur.parent) : undefined;
    }
    a.plans.forEach((m, j) => {
      const plan = areas.get(m.plan);
      if (!plan) {
        ref("actions", i, `plans[${j}].plan`, "plans", m.plan);
        return;
      }
      const area = plan.get(m.policy_area);
      if (!area)
        problems.push(
          problem(
            "UNKNOWN_REFERENCE",
            `plan '${m.plan}' has no policy area '${m.policy_area}'`,
            at("actions", i, `plans[${j}].policy_area`),
          ),
        );
      else if (!area.has(a.id))
        problems.push(
          problem(
            "UNKNOWN_REFERENCE",
            `policy area '${m.policy_area}' of plan '${m.plan}' does not list action '${a.id}'`,
            at("actions", i, `plans[${j}]`),
          ),
        );
    });
  });

  // A plan listing an action that does not name the plan back.
  agenda.plans.forEach((p, i) => {
    p.policy_areas.forEach((area, j) => {
      area.actions.forEach((id, k) => {
        const a = byId.get(id);
        if (a && !a.plans.some((m) => m.plan === p.id && m.policy_area === area.id))
          problems.push(
            problem(
              "UNKNOWN_REFERENCE",
              `action '${id}' does not name policy area '${area.id}' of plan '${p.id}' in its plans`,
              at("plans", i, `policy_areas[${j}].actions[${k}]`),
            ),
          );
      });
    });
  });

  const someActionInvalid = (invalid.actions?.size ?? 0) > 0;
  agenda.indicators.forEach((ind, i) => {
    if (!usedIndicators.has(ind.id) && !someActionInvalid)
      problems.push(
        problem(
          "UNKNOWN_REFERENCE",
          `indicator '${ind.id}' is linked to no action`,
          at("indicators", i, "", "warning"),
        ),
      );
  });
  return problems;
}

/**
 * The sources a record cites anywhere inside it (`source: id`, `sources: [id]`, evidence of kind source), in
 * the order first cited, resolved against the register; ids the register does not hold are listed apart.
 * Answers that carry figures send these along, so every figure shows where it comes from.
 */
export function citedSources(
  record: unknown,
  register: Agenda["sources"],
): { cited: Source[]; unknown: string[] } {
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "source" && typeof x === "string") add(x);
        else if (k === "sources" && Array.isArray(x)) for (const s of x) typeof s === "string" && add(s);
        else walk(x);
      }
  };
  walk(record);
  const byId = new Map(register.map((s) => [s.id as string, s]));
  return {
    cited: ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    unknown: ids.filter((id) => !byId.has(id)),
  };
}
