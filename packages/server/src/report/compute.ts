/**
 * Builds an implementation report from its sources (sources.ts): runs the plan scenario of the tenant's
 * pathway instance (sector paths, the target's path, the modelled abatement of linked measures), compares
 * each linked measure's expected abatement with the abatement its observed indicator implies, decomposes
 * the inventory's change (LMDI) with the population as activity, and assembles the report (core). Pure of
 * I/O and CPU-bound: it runs in the rendering worker. A part that cannot be computed (no inventory, no
 * instance, no population driver) is said in that section; the rest of the report stands.
 */

import { decomposeInventory, type Inventory, LMDI_EFFECTS, type LmdiEffect } from "@citypath/core";
import { compareLinkedAction } from "@citypath/core/agenda/index";
import { enginePreset } from "@citypath/core/pathway/index";
import { seriesValue } from "@citypath/core/pathway/series";
import {
  assembleReport,
  type DecompositionInput,
  type EmissionsInput,
  type ImplementationReport,
  type ModelledAbatement,
  type ReportInput,
} from "@citypath/core/report/index";
import { MODEL_TOLERANCE, scenarioResolverFor } from "../services/agenda.ts";
import { corePathwayEngine } from "../services/engine.ts";
import { type ReportSources, reportParticipation } from "./sources.ts";

const missing = (ko: string, en: string) => ({ missing: { ko, en } });

/** The plan sectors an inventory year has lines in; a sector without lines is not covered (not 0). */
function covered(y: Inventory["years"][number]): Record<string, number> {
  const have = new Set<string>(y.lines.flatMap((l) => (l.kr_sector ? [l.kr_sector] : [])));
  return Object.fromEntries(Object.entries(y.kr_sectors_tco2e).filter(([s]) => have.has(s)));
}

export function buildReport(src: ReportSources): ImplementationReport {
  const year = src.year;
  const modelled: Record<string, ModelledAbatement> = {};
  let emissions: ReportInput["emissions"] = missing(
    "인벤토리 또는 경로 모형이 없어 배출량을 점검할 수 없습니다.",
    "No inventory or pathway instance: emissions cannot be checked.",
  );
  let decomposition: ReportInput["decomposition"] = missing(
    "인벤토리에 두 해 이상의 활동자료가 없어 요인분해를 할 수 없습니다.",
    "The inventory has fewer than two years of activity data: no decomposition.",
  );
  const inv = src.inventory?.document as Inventory | undefined;
  const invYears = inv?.years?.map((y) => y.year).sort((a, b) => a - b) ?? [];

  if (src.instance) {
    const engine = enginePreset();
    const b = engine.build(src.instance.document);
    const run = corePathwayEngine(engine).run(src.instance.document, src.settings.scenario);
    if (b.ok && run.ok) {
      const { valid, model } = b.value;
      const pj = run.value;
      const sc = pj.scenarios.find((s) => s.id === src.settings.scenario) ?? pj.scenarios[0]!;
      const at = (arr: number[] | undefined, y: number) => {
        const i = pj.years.indexOf(y);
        return arr && i >= 0 ? arr[i] : undefined;
      };
      const target = valid.instance.targets?.find((t) => t.id === src.settings.target);
      const targetBase = pj.targets.find((t) => t.id === src.settings.target)?.base_tco2e;
      // measures linked to a modelled action: expected abatement and what the observed indicator implies
      const resolver = scenarioResolverFor(src.instance.document, engine);
      const shortfall: Record<string, number> = {};
      for (const a of src.actions) {
        if (!a.model_link || !resolver.ok) continue;
        const cmp = compareLinkedAction(a, src.indicators, resolver.value, {
          years: [year],
          asOfYear: year,
          tolerance: MODEL_TOLERANCE,
        });
        if (!cmp.ok) continue;
        const y = cmp.value.years.find((x) => x.year === year);
        if (!y) continue;
        modelled[a.id] = {
          expected_tco2e: y.expected_tco2e,
          ...(y.implied_tco2e !== undefined ? { implied_tco2e: y.implied_tco2e } : {}),
          method: `${a.model_link.model} (${a.model_link.scenario}/${a.model_link.scenario_action}, ${src.instance.id} v${src.instance.version})`,
        };
        if (y.implied_tco2e !== undefined && a.sectors.length === 1) {
          const s = a.sectors[0]!;
          shortfall[s] = (shortfall[s] ?? 0) + (y.expected_tco2e - y.implied_tco2e);
        }
      }
      const last = invYears.at(-1);
      if (inv && last !== undefined && target && targetBase !== undefined && year >= last) {
        const yearRec = inv.years.find((y) => y.year === last)!;
        const baseRec = inv.years.find((y) => y.year === target.base_year);
        const sectors: Record<string, Record<number, number>> = {};
        for (const [s, arr] of Object.entries(sc.kr_sectors_tco2e)) {
          const from = at(arr, last);
          const to = at(arr, year);
          if (from !== undefined && to !== undefined) sectors[s] = { [last]: from, [year]: to };
        }
        emissions = {
          inventory: {
            version: src.inventory!.version,
            status: src.inventory!.status,
            ...(src.inventory!.verification ? { verification: src.inventory!.verification } : {}),
            year: last,
            gwp_set: src.inventory!.gwp_set,
            sectors: covered(yearRec),
            ...(baseRec ? { base_sectors: covered(baseRec) } : {}),
          },
          scenario: { id: sc.id, name: sc.name, sectors },
          shortfall,
          target: {
            id: target.id,
            name: target.name,
            path: {
              base_year: target.base_year,
              base_tco2e: targetBase,
              points: target.points.map((p) => ({
                year: p.year,
                ...(p.reduction !== undefined ? { reduction: p.reduction } : {}),
                ...(p.tco2e !== undefined ? { tco2e: p.tco2e } : {}),
              })),
              interpolation: target.interpolation,
            },
            ...(target.source ? { source: String(target.source) } : {}),
          },
          // the model by its id and version, the same in both languages (its stored name is one language)
          instance: `${src.instance.id} v${src.instance.version}`,
        } satisfies EmissionsInput;
      } else if (!target)
        emissions = missing(
          `경로 모형에 목표 "${src.settings.target}"가 없습니다.`,
          `The pathway instance has no target "${src.settings.target}".`,
        );
      else if (last !== undefined && year < last)
        emissions = missing(
          `${year}년은 최신 인벤토리(${last}년) 이전입니다.`,
          `${year} is before the latest inventory (${last}).`,
        );
      // decomposition of the inventory's change, population as the activity of every sector
      const pop = model.source.drivers.get("population");
      if (inv && invYears.length >= 2 && pop) {
        const from = invYears[0]!;
        const to = invYears.at(-1)!;
        const activity = {
          "*": { [from]: seriesValue(pop, from, "population"), [to]: seriesValue(pop, to, "population") },
        };
        const d = decomposeInventory(inv, from, to, activity);
        if (d.ok) {
          const measures = Object.values(sc.abatement_by_action_tco2e).reduce(
            (s, arr) => s + (at(arr, to) ?? 0),
            0,
          );
          const effects = (e: Partial<Record<LmdiEffect, number>>) =>
            Object.fromEntries(LMDI_EFFECTS.map((k) => [k, e[k] ?? 0])) as Record<LmdiEffect, number>;
          decomposition = {
            from,
            to,
            sectors: d.value.sectors.map((s) => ({
              sector: s.sector,
              change: s.change_tco2e,
              effects: effects(s.effects),
            })),
            total: { change: d.value.change_tco2e, effects: effects(d.value.effects) },
            measures_tco2e: measures,
            activity: "population",
          } satisfies DecompositionInput;
        } else
          decomposition = missing(
            `요인분해 불가: ${d.problems.map((p) => p.message).join("; ")}`,
            `No decomposition: ${d.problems.map((p) => p.message).join("; ")}`,
          );
      }
    } else {
      const problems = !b.ok ? b.problems : !run.ok ? run.problems : [];
      emissions = missing(
        `경로 모형을 계산할 수 없습니다: ${problems.map((p) => p.message).join("; ")}`,
        `The pathway instance cannot be run: ${problems.map((p) => p.message).join("; ")}`,
      );
    }
  }
  return assembleReport({
    city: src.city,
    plan: src.plan,
    year,
    as_of: src.as_of,
    settings: src.settings,
    calendar: src.calendar,
    actions: src.actions,
    indicators: src.indicators,
    departments: src.departments,
    sources: src.sources,
    budget: src.budget,
    modelled,
    emissions,
    decomposition,
    participation: reportParticipation(src),
    entries: src.entries,
  });
}
