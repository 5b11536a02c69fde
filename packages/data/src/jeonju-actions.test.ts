/**
 * The Jeonju action parameters (instances/jeonju/actions.yaml): every action is a library type whose
 * parameters parse, every numeric parameter cites a source or says why it is illustrative, and a few
 * numbers are worked by hand from the file's figures.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { macFromActions } from "@citypath/core/actions/costs";
import { LIBRARY_ACTION_TYPES, unsourcedParams } from "@citypath/core/actions/library/index";
import { testContext } from "@citypath/core/actions/library/test-helpers";
import { parse } from "yaml";

const dir = fileURLToPath(new URL("../instances/jeonju/", import.meta.url));
const file = `${dir}actions.yaml`;
const doc = parse(readFileSync(file, "utf8")) as {
  actions: Array<{
    id: string;
    type: string;
    name: { ko: string; en: string };
    params: Record<string, unknown>;
    source?: string;
    illustrative?: boolean;
    note?: string;
  }>;
};
const types = new Map(LIBRARY_ACTION_TYPES.map((t) => [t.type, t]));
const parsed = new Map(
  doc.actions.map((a) => {
    const t = types.get(a.type);
    assert.ok(t, `${a.id}: ${a.type} is not a library type`);
    const r = t.schema.safeParse(a.params);
    assert.ok(
      r.success,
      `${a.id}: ${r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
    return [a.id, { entry: a, type: t, params: r.data as Record<string, unknown> & { price_year: number } }];
  }),
);

function total(id: string, year: number, grid = 0.4173): number {
  const x = parsed.get(id)!;
  const r = x.type.model(x.params, year, testContext(year, grid, { population: 625000 }));
  return r.chain[r.chain.length - 1]!.value;
}

describe("Jeonju actions", () => {
  test("every action parses and every figure has a source or an illustrative note", () => {
    for (const { entry, type, params } of parsed.values()) {
      assert.deepEqual(unsourcedParams(params, type.params), [], `${entry.id} has unsourced parameters`);
      assert.ok(entry.source || (entry.illustrative && entry.note), `${entry.id} has no source`);
    }
  });

  test("every cost is in the instance's price year (the engine and the optimiser read them as such)", () => {
    const inst = parse(readFileSync(`${dir}instance.yaml`, "utf8")) as { price_year: number };
    for (const { entry, params } of parsed.values())
      assert.equal(params.price_year, inst.price_year, entry.id);
  });

  test("the agenda's items are all there", () => {
    const ids = [...parsed.keys()];
    for (const id of ["brt_giringdaero", "brt_baekjedaero", "brt_songcheonjungangro", "hydrogen_buses"])
      assert.ok(ids.includes(id), id);
    for (const id of [
      "ten_million_trees",
      "hanok_tourism_tram",
      "public_building_retrofit",
      "led_street_lights",
    ])
      assert.ok(ids.includes(id), id);
    assert.equal(parsed.get("hanok_tourism_tram")!.entry.params.length_km, 3.3);
  });

  test("BRT phase 1 in 2030, worked by hand", () => {
    // 39,400 riders × 0.05 = 1,970 from car; / 1.22 = 1,614.754 car trips; × 5 km = 8,073.77 vkm/d
    // × 365 = 2,946,926 vkm; × 0.16 / 1000 = 471.508 tCO2e avoided (bus-km unchanged)
    const expected = -((((39400 * 0.05) / 1.22) * 5 * 365 * 0.16) / 1000);
    assert.ok(Math.abs(total("brt_giringdaero", 2030) - expected) < 1e-9);
    // opening November 2026 with a two-year ramp: 2026 counts 1/3 × 2/12
    assert.ok(Math.abs(total("brt_giringdaero", 2026) - (expected / 3) * (2 / 12)) < 1e-9);
  });

  test("hydrogen buses in 2024, worked by hand", () => {
    // buses = 1 + 26 + 23 + 64 + 64 × 0.5 = 146; bus-km = 146 × 80,000 = 11,680,000
    // CNG avoided = 11,680,000 × 0.5 × (9,190 × 4.1868e-3 × 56,100e-9) = 12,605.89 t
    // hydrogen = 11,680,000 × 0.08 × 0.01 = 9,344 t (other scope 3); net −3,261.89
    const cng = 9190 * 4.1868e-3 * 56100e-9;
    const expected = -11680000 * 0.5 * cng + 11680000 * 0.08 * 0.01;
    assert.ok(Math.abs(total("hydrogen_buses", 2024) - expected) < 1e-6);
  });

  test("MAC curve of the Jeonju actions (4.5 % real, 2025–2050, width = abatement in 2030)", () => {
    const m = macFromActions(
      [...parsed.values()].map((x) => ({
        id: x.entry.id,
        label: x.entry.name,
        type: x.type,
        params: x.params,
      })),
      // car vkm held from 2017 and on-road BAU of 2030 (1,442,430 × 625,000 / 657,432), as in the instance
      (y) => testContext(y, 0.4173, { population: 625000, car_vkm: 3514881562.5 }, { "II.1.1": 1371292.7 }),
      { price_year: 2024, discount_rate: 0.045, discount_to_year: 2025, from_year: 2025, to_year: 2050 },
      { kind: "year", year: 2030 },
    );
    for (let i = 1; i < m.bars.length; i++) {
      assert.ok(m.bars[i - 1]!.krw_per_tco2e <= m.bars[i]!.krw_per_tco2e);
      assert.equal(m.bars[i - 1]!.x1, m.bars[i]!.x0);
    }
    assert.ok(m.bars.length >= 5, `only ${m.bars.length} bars`);
    // BRT phase 1 saves more (₩6 bn a year of bus operations, published) than it costs: the cheapest bar
    assert.equal(m.bars[0]?.id, "brt_giringdaero");
    assert.ok(m.bars[0]!.krw_per_tco2e < 0);
    // the tourism tram adds emissions at the assumed ridership: no cost per tonne, and it says so
    assert.match(m.excluded.find((e) => e.id === "hanok_tourism_tram")?.reason ?? "", /not defined/);
    // every other action carries its costs (published or illustrative): none is left out or drawn at zero
    assert.deepEqual(
      m.excluded.map((e) => e.id),
      ["hanok_tourism_tram"],
    );
  });
});

describe("methodology text", () => {
  test("docs/methodology/actions.md names every type and every numeric parameter", () => {
    const doc = readFileSync(
      fileURLToPath(new URL("../../../docs/methodology/actions.md", import.meta.url)),
      "utf8",
    );
    for (const t of LIBRARY_ACTION_TYPES) {
      assert.ok(doc.includes(`\`${t.type}\``), `${t.type} is not described`);
      for (const k of Object.keys(t.params))
        assert.ok(doc.includes(k), `${t.type}.${k} is not in docs/methodology/actions.md`);
    }
  });
});
