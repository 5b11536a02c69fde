import { action as sampleAction, indicator as sampleIndicator } from "@citypath/core/agenda/test-fixtures";
import { describe, expect, it } from "vitest";
import type { Schemas } from "./client.ts";
import { agendaActionDetail, inventoryFromWire, modelActionDetail, pathwayFromWire } from "./wire.ts";

const name = (s: string) => ({ ko: s, en: s });
const run = (
  id: string,
  levels: Record<string, number>,
  totals: number[],
  abatement: Record<string, number[]> = {},
) => ({
  id,
  name: name(id),
  levels,
  totals_tco2e: { city: totals, basic: totals.map((v) => v + 1) },
  gap_tco2e: {},
  abatement_by_action_tco2e: abatement,
});
const answer = (scenario: ReturnType<typeof run>) => ({
  format: "citypath-pathway/3",
  years: [2018, 2019, 2020],
  bases: [{ id: "city", name: name("municipal control") }],
  targets: [
    { id: "t1", name: name("t1"), basis: "city", path_tco2e: [null, 90, 80] },
    { id: "t2", name: name("t2"), basis: "basic", path_tco2e: [100, 100, 100] },
  ],
  scenarios: [run("bau", {}, [100, 100, 100]), scenario],
});

describe("wire mapping", () => {
  it("draws BAU, the scenario with the most actions first, the others, and the targets of the first target's basis", () => {
    const p = pathwayFromWire([
      answer(run("small", { a: 1, b: 0 }, [100, 95, 90])),
      answer(run("big", { a: 1, b: 1 }, [100, 90, 70])),
    ]);
    expect(p?.scenarioId).toBe("big");
    expect(p?.scenario).toEqual([100, 90, 70]);
    expect(p?.bau).toEqual([100, 100, 100]);
    expect(p?.others?.map((o) => o.id)).toEqual(["small"]);
    // t2 is on another basis: drawing it against the city basis would mislead
    expect(p?.targets).toEqual([{ id: "t1", name: name("t1"), values: [null, 90, 80] }]);
    expect(p?.basisName).toEqual(name("municipal control"));
  });

  it("a model action carries its parameters with their sources and its expected abatement", () => {
    const d = modelActionDetail(
      {
        id: "brt",
        type: "brt_corridor",
        name: name("BRT"),
        status: "in_progress",
        params: {
          length_km: 9.5,
          buses_by_year: { 2021: 27, 2022: 50 },
          sources: { length_km: "FACTS §5" },
          illustrative: { trip_km: "half the corridor" },
          trip_km: 5,
        },
        source: "FACTS §5",
      },
      [answer(run("plan", { brt: 1 }, [100, 90, 80], { brt: [0, 5, 10] }))],
    );
    expect(d.origin).toBe("model");
    expect(d.model?.params).toEqual([
      { name: "length_km", value: "9.5", source: "FACTS §5" },
      { name: "buses_by_year", value: "2021: 27, 2022: 50" },
      { name: "trip_km", value: "5", illustrative: "half the corridor" },
    ]);
    expect(d.model?.abatement).toEqual({
      scenarioName: name("plan"),
      years: [2018, 2019, 2020],
      values: [0, 5, 10],
    });
  });

  it("inventory lines get URL-safe ids and the core's sector ids, and the version its verification status", () => {
    const inv = inventoryFromWire({
      tenant: "jeonju",
      version: 1,
      label: { ko: "x" },
      status: "published",
      gwp_set: "AR5",
      first_year: 2018,
      last_year: 2018,
      created_at: "2026-01-01T00:00:00Z",
      published_at: null,
      based_on_version: null,
      activity_dataset: null,
      factor_sets: [],
      verification: {
        status: "provisional",
        verified_by: null,
        verified_on: null,
        basis: null,
        illustrative: false,
        recorded_at: null,
      },
      scope2: { totals: "location_based", market_based: "market_based" },
      years: [
        {
          year: 2018,
          totals_tco2e: { basic: 1, basic_plus: 2, territorial: 3 },
          kr_sectors_tco2e: { buildings: 1, conversion: 0 },
          market_based: {
            totals_tco2e: { basic: 1, basic_plus: 2, territorial: 3 },
            kr_sectors_tco2e: { buildings: 1, conversion: 0 },
          },
          lines: [
            {
              gpc_ref: "I.1.1",
              subsector_name: "Residential buildings",
              scope: 1,
              level: "basic",
              kr_sector: "buildings",
              tco2e: 1,
              market_based_tco2e: 1,
              gases_t: {},
              gases_tco2e: {},
              factors: [],
              quality: null,
              activity_rows: [],
            },
          ],
        },
      ],
    });
    expect(inv.years[0]?.lines[0]?.id).toBe("2018-I_1_1");
    expect(inv.years[0]?.krSectors).toEqual({ buildings: 1, conversion: 0 });
    expect(inv.verification.status).toBe("provisional");
  });
});

describe("agenda actions", () => {
  it("an agenda action: names of its department, plan and area, dated history, city-wide values, modelled against implied", () => {
    const wire: Schemas["ActionAnswer"] = {
      version: 3,
      updated_at: "2026-11-21T09:00:00.000Z",
      departments_named: [
        { id: "transport-policy", name: { ko: "교통정책과", en: "Transport Policy Division" } },
      ],
      placements: [
        {
          plan: "direction-2021",
          plan_name: { ko: "시정방향", en: "Direction" },
          policy_area: "metropolitan",
          policy_area_name: { ko: "광역", en: "Metropolitan" },
        },
      ],
      action: sampleAction({
        id: "brt",
        name: { ko: "BRT", en: "BRT" },
        description: { ko: "설명", en: "Text" },
        sectors: ["transport"],
        status_history: [
          {
            status: "in_progress",
            date: "2024-03",
            reason: { ko: "착공", en: "Works began" },
            illustrative: true,
            note: "test figure",
          },
        ],
        progress: [
          {
            id: "u1",
            date: "2026-11-21",
            author: { name: "담당" },
            text: { ko: "60%", en: "60%" },
            evidence: [],
          },
        ],
        completion_pct: { value: 60, as_of: "2026-11-21", illustrative: true, note: "test figure" },
      }),
      indicators: [
        {
          ...sampleIndicator({
            id: "brt-riders",
            name: { ko: "이용객", en: "Riders" },
            unit: "count",
            unit_label: { ko: "명/일", en: "riders per day" },
            goals: [{ year: 2027, value: 30000, illustrative: true, note: "test figure" }],
            observed: [
              { year: 2026, value: 1200, source: "s1" },
              { year: 2026, value: 700, district: "완산구", source: "s1" },
            ],
          }),
          version: 1,
        },
      ],
      budget: { planned: null, spent: null, total_stated: null, funded_by: { lines: [], years: [] } },
      modelled: {
        action: "brt",
        indicator: "brt-riders",
        instance: "jeonju",
        instance_version: 1,
        scenario: "plan",
        parameter: "riders_per_day",
        derivation: "test",
        unit: "tCO2e",
        tolerance: 0.2,
        off_track: false,
        years: [
          { year: 2026, expected_tco2e: 10 },
          { year: 2027, expected_tco2e: 20, implied_tco2e: 15 },
        ],
      },
      modelled_problems: [],
      sources: [
        { id: "s1", title: "보도", publisher: "시", ref: "https://example.org/a", published: "2026-11-01" },
      ],
    };
    const a = agendaActionDetail(wire);
    expect(a.origin).toBe("agenda");
    expect(a.sector).toBe("transport");
    expect(a.department).toEqual({ ko: "교통정책과", en: "Transport Policy Division" });
    expect(a.policyArea).toEqual({ ko: "광역", en: "Metropolitan" });
    expect(a.completion).toBe(60);
    expect(a.progress.map((p) => p.date)).toEqual(["2024-03", "2026-11-21"]);
    expect(a.indicators[0]?.observed).toEqual([{ year: 2026, value: 1200 }]);
    expect(a.indicators[0]?.source).toEqual({ title: "보도 (시)", url: "https://example.org/a", year: 2026 });
    expect(a.budget).toEqual([]);
    expect(a.fundingLines).toEqual([]);
    // with budget lines linked, the budget by year is their sum
    const linked = agendaActionDetail({
      ...wire,
      budget: {
        ...wire.budget,
        funded_by: {
          lines: [
            {
              year: 2024,
              code: "120-123-TR01-BRT-001",
              name: { ko: "BRT", en: "BRT" },
              class: "reduction",
              amount_krw: 18e9,
              executed_krw: null,
              provisional: false,
              illustrative: true,
            },
          ],
          years: [
            {
              year: 2024,
              amount_krw: 18e9,
              executed_krw: null,
              lines: 1,
              provisional: false,
              illustrative: true,
            },
          ],
        },
      },
    });
    expect(linked.budget).toEqual([{ year: 2024, planned: 18e9 }]);
    expect(linked.fundingLines.map((l) => [l.code, l.amount, l.executed, l.illustrative])).toEqual([
      ["120-123-TR01-BRT-001", 18e9, undefined, true],
    ]);
    expect(a.impact).toEqual({ years: [2026, 2027], modelled: [10, 20], observed: [null, 15] });
  });
});
