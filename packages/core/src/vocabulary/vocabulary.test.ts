import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { CalendarDateSchema, Int4Schema, StoredNameSchema, StoredTextSchema } from "./boundary.ts";
import { ID_PATTERN, MODEL_KEY_PATTERN } from "./ids.ts";
import {
  labelledIllustrative,
  PROVENANCE_BOTH,
  PROVENANCE_MISSING,
  provenanceFields,
  requireProvenance,
} from "./provenance.ts";
import { KR_SECTOR_IDS, KR_SECTOR_IDS_IN_STATEMENT_ORDER, KR_SECTORS, sectorFromCode } from "./sectors.ts";
import { AGENDA_STATUSES, agendaStatusOfModel, MODEL_ACTION_STATUSES } from "./statuses.ts";

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("sectors", () => {
  test("seven, in the plans' order, with distinct colours of at least 3:1 contrast on white (WCAG 1.4.11)", () => {
    assert.deepEqual(KR_SECTOR_IDS, [
      "buildings",
      "transport",
      "industry",
      "conversion",
      "agriculture",
      "waste",
      "sinks",
    ]);
    // budget statements list them as the national reduction targets do
    assert.deepEqual(KR_SECTOR_IDS_IN_STATEMENT_ORDER, [
      "conversion",
      "industry",
      "buildings",
      "transport",
      "agriculture",
      "waste",
      "sinks",
    ]);
    const colours = KR_SECTORS.map((s) => s.colour);
    assert.equal(new Set(colours).size, 7);
    for (const c of colours) assert.ok(1.05 / (luminance(c) + 0.05) >= 3, c);
  });
  test("codes from the data map to sector ids, and nothing else does", () => {
    assert.equal(sectorFromCode("수송"), "transport");
    assert.equal(sectorFromCode("conversion"), "conversion");
    assert.equal(sectorFromCode(" Building "), "buildings");
    assert.equal(sectorFromCode("sink"), "sinks");
    assert.equal(sectorFromCode("전환"), "conversion");
    assert.equal(sectorFromCode("other"), null);
  });
});

describe("statuses", () => {
  test("every model-action status is shown under one agenda status", () => {
    for (const s of MODEL_ACTION_STATUSES) assert.ok(AGENDA_STATUSES.includes(agendaStatusOfModel(s)), s);
    assert.equal(agendaStatusOfModel("done"), "completed");
    assert.equal(agendaStatusOfModel("stalled"), "delayed");
    assert.equal(agendaStatusOfModel("committed"), "not_started");
  });
});

describe("ids", () => {
  test("a model key is an id; an id is not always a model key", () => {
    for (const k of ["basic_plan_2030", "brt", "a1"]) {
      assert.ok(MODEL_KEY_PATTERN.test(k), k);
      assert.ok(ID_PATTERN.test(k), k);
    }
    assert.ok(ID_PATTERN.test("administration-direction-2021"));
    assert.ok(!MODEL_KEY_PATTERN.test("administration-direction-2021"));
    assert.ok(!ID_PATTERN.test("Upper"));
    assert.ok(!ID_PATTERN.test("a".repeat(81)));
  });
});

describe("provenance", () => {
  const Figure = z
    .strictObject({ value: z.number(), ...provenanceFields(z.string()) })
    .superRefine(requireProvenance);
  const message = (v: unknown) => Figure.safeParse(v).error?.issues.map((i) => i.message);
  test("a source, or illustrative with a note; not both; never neither", () => {
    assert.ok(Figure.safeParse({ value: 1, source: "KOSIS 2024" }).success);
    assert.ok(Figure.safeParse({ value: 1, illustrative: true, note: "no published figure" }).success);
    assert.deepEqual(message({ value: 1 }), [PROVENANCE_MISSING]);
    assert.deepEqual(message({ value: 1, illustrative: true }), [PROVENANCE_MISSING]);
    assert.deepEqual(message({ value: 1, source: "s", illustrative: true, note: "n" }), [PROVENANCE_BOTH]);
  });
  test("an action rests on illustrative figures where the label is on it or in its parameters, not where it is absent or empty", () => {
    assert.equal(labelledIllustrative({ id: "a", illustrative: true }), true);
    assert.equal(
      labelledIllustrative({ id: "b", source: "s", params: { illustrative: { x: "assumed" } } }),
      true,
    );
    assert.equal(
      labelledIllustrative({ id: "c", source: "s", params: { costs: [{ illustrative: true }] } }),
      true,
    );
    assert.equal(
      labelledIllustrative({ id: "d", source: "s", params: { illustrative: {}, sources: { x: "s" } } }),
      false,
    );
  });
});

describe("boundary schemas", () => {
  const issues = (r: { error?: { issues: { message: string }[] } | undefined }) =>
    r.error?.issues.map((i) => i.message).join("; ") ?? "";
  test("stored text refuses NUL and lone surrogates, and names its limits", () => {
    assert.ok(StoredTextSchema.safeParse("전주 BRT 🚌").success);
    assert.match(issues(StoredTextSchema.safeParse("a\u0000b")), /NUL/);
    assert.match(issues(StoredTextSchema.safeParse("a\ud800b")), /lone surrogate/);
    assert.match(issues(StoredTextSchema.safeParse("x\udc00")), /lone surrogate/);
    assert.ok(StoredNameSchema.safeParse("가".repeat(200)).success);
    assert.match(issues(StoredNameSchema.safeParse("가".repeat(201))), /at most 200 characters/);
    assert.ok(StoredTextSchema.safeParse("a".repeat(10_000)).success);
    assert.match(issues(StoredTextSchema.safeParse("a".repeat(10_001))), /at most 10000 characters/);
  });
  test("integers within PostgreSQL's integer range", () => {
    assert.ok(Int4Schema.safeParse(2_147_483_647).success);
    assert.ok(Int4Schema.safeParse(-2_147_483_648).success);
    assert.match(issues(Int4Schema.safeParse(2_147_483_648)), /-2147483648 to 2147483647/);
    assert.equal(Int4Schema.safeParse(1.5).success, false);
  });
  test("dates that exist", () => {
    for (const d of ["2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01"])
      assert.ok(CalendarDateSchema.safeParse(d).success, d);
    for (const d of [
      "9999-99-99",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-1-01",
      "20260101",
    ])
      assert.equal(CalendarDateSchema.safeParse(d).success, false, d);
  });
});
