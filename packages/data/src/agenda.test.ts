import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { ActionContext } from "@citypath/core/actions/interface";
import { CITY_GAS_TCO2E_PER_NM3 } from "@citypath/core/actions/library/common";
import { LIBRARY_ACTION_TYPES } from "@citypath/core/actions/library/index";
import {
  citedSources,
  compareLinkedAction,
  implementationCheck,
  OBSERVED_MAPPINGS,
  planDueDates,
  planTree,
  reminders,
  statusCounts,
} from "@citypath/core/agenda/index";
import { CitypathError, problem } from "@citypath/core/errors";
import { instanceScenarioResolver, loadAgenda, loadJeonjuAgenda } from "./agenda.ts";
import { JEONJU_INSTANCE_DIR, loadInstance } from "./instance.ts";

describe("the Jeonju agenda instance", () => {
  const r = loadJeonjuAgenda();
  if (!r.ok) assert.fail(r.problems.map((p) => `${p.file}:${p.line} ${p.path} ${p.message}`).join("\n"));
  const agenda = r.value;
  const action = (id: string) => agenda.actions.find((a) => a.id === id)!;
  const indicator = (id: string) => agenda.indicators.find((i) => i.id === id)!;

  test("loads without problems or warnings", () => {
    assert.deepEqual(r.warnings, []);
  });

  test("every action has Korean and English texts, a department and an indicator", () => {
    for (const a of agenda.actions) {
      assert.ok(a.name.ko && a.name.en && a.description.ko && a.description.en, a.id);
      assert.ok(a.departments.length >= 1 && a.indicators.length >= 1, a.id);
    }
  });

  test("statuses follow the latest facts", () => {
    const tram = action("tourism-tram");
    assert.equal(tram.status, "cancelled");
    const last = tram.status_history[tram.status_history.length - 1]!;
    assert.equal(last.date, "2022-07");
    assert.match(last.reason.ko, /도로교통법/);
    assert.match(last.reason.en, /Road Traffic Act/);
    const brt = action("brt");
    assert.equal(brt.status, "in_progress");
    assert.equal(brt.phase, "construction");
    assert.equal(brt.milestones.find((m) => m.id === "phase1-opening")?.target, "2026-11");
    assert.equal(brt.model_link?.indicator, "brt-riders");
    const inst = action("carbon-neutral-institutions");
    assert.equal(inst.milestones.find((m) => m.id === "ordinance")?.reached_on, "2022-06");
    assert.equal(inst.milestones.find((m) => m.id === "committee")?.reached_on, "2023-06-09");
  });

  test("figures carry their sources", () => {
    const ps = indicator("public-sector-reduction-pct");
    assert.deepEqual(
      ps.observed.map((o) => [o.year, o.value, o.source]),
      [[2022, 38.28, "mediasr-94781"]],
    );
    assert.deepEqual(
      ps.goals.map((g) => [g.year, g.value]),
      [[2022, 34]],
    );
    // 4,371 kt × 0.7 = 3,059.7 kt, derived and said so
    const ghg = indicator("ghg-municipal-control");
    const g2030 = ghg.goals.find((g) => g.year === 2030)!;
    assert.equal(g2030.value, 3059.7);
    assert.ok(g2030.derivation);
    // no value in the instance is illustrative: every one has a source
    for (const ind of agenda.indicators)
      for (const v of [...ind.goals, ...ind.observed]) assert.ok(v.source && !v.illustrative, ind.id);
  });

  test("an answer about the tram can carry every source it cites", () => {
    const { cited, unknown } = citedSources(action("tourism-tram"), agenda.sources);
    assert.deepEqual(unknown, []);
    assert.deepEqual(
      cited.map((s) => s.id),
      ["jeonmin-333358", "jjan-2022-07-21", "agenda-2021-07-01", "fnnews-2022-07-24"],
    );
  });

  test("every model link names a library model, a registered mapping and an indicator in its unit", () => {
    const links = agenda.actions.flatMap((a) => (a.model_link ? [[a.id, a.model_link] as const] : []));
    assert.deepEqual(links.map(([id]) => id).sort(), ["brt", "hydrogen-city-buses"]);
    for (const [id, link] of links) {
      assert.ok(
        LIBRARY_ACTION_TYPES.some((t) => t.type === link.model),
        `${id}: no library model '${link.model}'`,
      );
      const mapping = OBSERVED_MAPPINGS[`${link.model}/${link.parameter}`];
      assert.ok(mapping, `${id}: no mapping for ${link.model}/${link.parameter}`);
      assert.equal(indicator(link.indicator).unit, mapping(indicator(link.indicator).id).unit, id);
    }
  });

  test("the 2021 direction as a tree: policy areas, actions and their sub-items", () => {
    const plan = agenda.plans.find((p) => p.id === "direction-2021")!;
    const tree = planTree(plan, agenda.actions);
    assert.deepEqual(tree.missing, []);
    assert.equal(tree.areas.length, 6);
    const eco = tree.areas.find((a) => a.id === "eco-city")!;
    assert.deepEqual(
      eco.actions.map((n) => [n.id, n.children.map((c) => c.id)]),
      [
        [
          "eco-city-carbon-neutrality",
          ["carbon-neutral-city-2050", "esg-administration", "carbon-neutral-institutions"],
        ],
      ],
    );
    const metro = tree.areas.find((a) => a.id === "metropolitan")!;
    assert.deepEqual(
      metro.actions[0]!.children.map((c) => [c.id, c.status]),
      [
        ["brt", "in_progress"],
        ["tourism-tram", "cancelled"],
      ],
    );
    assert.equal(metro.counts.cancelled, 1);
    // 4 + 3 + 1 + 3 + 4 + 8 = 23 actions, one per agenda item
    assert.equal(tree.counts.total, 23);
  });

  test("the 2022 check of the 2021 direction: tram cancelled, public-sector goal met", () => {
    const plan = agenda.plans.find((p) => p.id === "direction-2021")!;
    const c = implementationCheck(plan, agenda.actions, agenda.indicators, 2022);
    assert.equal(c.counts.cancelled, 1);
    const tram = c.actions.find((x) => x.action === "tourism-tram")!;
    assert.equal(tram.changes_in_year[0]?.status, "cancelled");
    // public sector: 38.28% against a 34% goal (mediasr 2023) -> met
    const esg = c.actions.find((x) => x.action === "esg-administration")!;
    const pct = esg.indicators.find((s) => s.indicator === "public-sector-reduction-pct")!;
    assert.deepEqual([pct.observed, pct.goal, pct.met], [38.28, 34, true]);
    // the ordinance (June 2022) is a milestone reached in the year
    const inst = c.actions.find((x) => x.action === "carbon-neutral-institutions")!;
    assert.deepEqual(
      inst.milestones_reached.map((m) => m.id),
      ["ordinance"],
    );
  });

  test("hydrogen buses: the reported fleet against the pathway instance's scenario", () => {
    const load = loadInstance(JEONJU_INSTANCE_DIR);
    assert.ok(load.ok, JSON.stringify(!load.ok && load.problems.slice(0, 3)));
    // The bus and BRT models read nothing from the engine's context with these parameters; a context that
    // refuses every read proves it.
    const refuse = (what: string): never => {
      throw new CitypathError(problem("UNKNOWN_REFERENCE", `the test context has no ${what}`));
    };
    const ctx = (year: number): ActionContext => ({
      year,
      baseYear: 2018,
      get grid_tco2e_per_mwh(): number {
        return refuse("grid factor");
      },
      get drivers(): Record<string, number> {
        return refuse("drivers");
      },
      driver: (id) => refuse(`driver ${id}`),
      bau: (ref) => refuse(`BAU of ${ref}`),
      base: (ref) => refuse(`base of ${ref}`),
    });
    const resolve = instanceScenarioResolver(load.value, ctx);
    const r = compareLinkedAction(action("hydrogen-city-buses"), agenda.indicators, resolve, {
      years: [2021, 2022, 2023],
      asOfYear: 2025,
      tolerance: 0.1,
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    // The instance's scenario adds 1, 26, 23, 64, 64 buses in 2020–2024; the reported fleet (27 by 2021,
    // 50 by 2022) rebuilds additions 26 and 23: the same path, so 2021 and 2022 match exactly.
    for (const y of r.value.years.slice(0, 2))
      assert.ok(Math.abs(y.difference_tco2e!) < 1e-9, String(y.year));
    // 2023 has no reported count: expected only.
    assert.equal(r.value.years[2]!.implied_tco2e, undefined);
    // Next target 2024 (178 buses): the scenario has 1 + 26 + 23 + 64 + 64 × 0.5 = 146 bus-years; a fleet
    // held at 50 gives 50. One bus-year = 80,000 km × (0.5 Nm3 × 0.00215854 − 0.08 kg × 0.01) t = 22.3417 t,
    // so the shortfall is 96 × 22.3417 = 2,144.80 t, unless 64 buses a year arrive: (178 − 50) / 2.
    const perBusYear = 80000 * (0.5 * CITY_GAS_TCO2E_PER_NM3 - 0.08 * 0.01);
    const n = r.value.next_target!;
    assert.equal(n.year, 2024);
    assert.ok(Math.abs(n.shortfall_tco2e - 96 * perBusYear) < 1e-6);
    assert.equal(n.required_change_per_year, 64);
    // BRT: the link resolves; no riders are reported yet, so there is nothing to compare
    const brt = compareLinkedAction(action("brt"), agenda.indicators, resolve, {
      years: [2027],
      asOfYear: 2026,
      tolerance: 0.1,
    });
    assert.ok(brt.ok, JSON.stringify(!brt.ok && brt.problems));
    assert.ok(brt.value.years[0]!.expected_tco2e > 0);
    assert.equal(brt.value.latest, undefined);
  });

  test("the basic plan's period is marked for verification and its legal deadlines are due dates", () => {
    const plan = agenda.plans.find((p) => p.id === "carbon-neutral-basic-plan-1")!;
    assert.equal(plan.period.needs_verification, true);
    assert.deepEqual(
      planDueDates(plan, "2026-01-01", "2026-12-31").map((d) => `${d.kind} ${d.due}`),
      [
        "regional_statistics 2026-03-31",
        "public_sector_results 2026-03-31",
        "adaptation_report 2026-04-30",
        "implementation_report 2026-05-31",
        "national_compilation 2026-07-31",
        "council_report 2026-12-31",
        "public_sector_target 2026-12-31",
      ],
    );
  });

  test("status summary and reminders on a fixed day", () => {
    const c = statusCounts(agenda.actions);
    assert.equal(c.total, agenda.actions.length);
    assert.equal(c.cancelled, 1);
    assert.equal(c.total, c.not_started + c.on_track + c.delayed + c.completed + c.cancelled);
    const msgs = reminders(
      { ...agenda },
      {
        now: "2026-11-25",
        due_soon_days: 14,
        stale_after_days: 90,
        indicator_year: 2025,
        deadline_soon_days: 40,
      },
    );
    // the 178-bus milestone (end-2024) is not recorded as reached: the transport bureau is reminded
    const bus = msgs.find((m) => m.department === "public-transport-bureau")!;
    assert.ok(bus.items.some((i) => i.kind === "milestone_late" && i.milestone === "buses-178"));
    // the 31 December public-sector target falls within 40 days of 25 November
    const climate = msgs.find((m) => m.department === "climate-change-response")!;
    assert.ok(climate.items.some((i) => i.kind === "legal_deadline" && i.deadline.due === "2026-12-31"));
    // the tram is cancelled: its indicator is not asked for
    assert.ok(
      !msgs.some((m) => m.items.some((i) => i.kind === "indicator_missing" && i.indicator === "tram-riders")),
    );
  });
});

describe("loading a broken agenda", () => {
  const dir = mkdtempSync(join(tmpdir(), "agenda-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "actions"));
  writeFileSync(
    join(dir, "base.yaml"),
    [
      "format: citypath-agenda/0",
      "sources:",
      "  - { id: s1, title: T, ref: R }",
      "departments:",
      "  - id: d1",
      "    name: { ko: 부서, en: Dept }",
      "  - id: d2",
      "    name: { ko: 부서2, en: Dept 2 }", // line 8: no source, not illustrative
      "indicators:",
      "  - id: i1",
      "    name: { ko: 지표, en: Ind }",
      "    kind: outcome",
      "    unit: count",
      "    unit_label: { ko: 개, en: count }",
      "    direction: up", // line 15: bad enum
      "    aggregation: annual",
      "    goals: []",
      "    observed:",
      "      - { year: 2022, value: 3 }", // line 19: no provenance
      "widgets: []", // unknown collection
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "actions", "a.yaml"), "actions:\n  - id: a1\n    name: { ko: x }\n");
  writeFileSync(join(dir, "actions", "b.yaml"), "actions: [\n");

  test("every problem at once, each with file, line and path", () => {
    const r = loadAgenda(dir);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const at = r.problems.map((p) => `${p.file}:${p.line ?? "?"} ${p.path ?? ""} ${p.code}`);
    const has = (s: string) =>
      assert.ok(
        at.some((x) => x.startsWith(s)),
        `missing ${s} in\n${at.join("\n")}`,
      );
    has("base.yaml:1 format BAD_VALUE");
    has("base.yaml:7 departments[1].source BAD_VALUE");
    has("base.yaml:15 indicators[0].direction BAD_VALUE");
    has("base.yaml:19 indicators[0].observed[0].source BAD_VALUE");
    has("base.yaml:20 widgets BAD_VALUE");
    has("actions/a.yaml:3 actions[0].name.en MISSING_VALUE");
    has("actions/a.yaml:2 actions[0].description MISSING_VALUE");
    assert.ok(r.problems.some((p) => p.file === "actions/b.yaml" && p.code === "INVALID_INSTANCE" && p.line));
  });
});
