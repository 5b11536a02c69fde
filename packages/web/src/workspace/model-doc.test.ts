import { describe, expect, it } from "vitest";
import {
  actionsOf,
  changes,
  type Doc,
  paramEdit,
  paramFields,
  reapply,
  scenariosOf,
  withLevel,
  withParams,
  withRangeNote,
} from "./model-doc.ts";

const ill = { illustrative: true, note: "test figure" } as const;

const doc: Doc = {
  format: "citypath-instance/1",
  id: "city",
  version: "1",
  name: { ko: "도시", en: "City" },
  end_year: 2030,
  inventory: {
    kind: "lines",
    year: 2020,
    coverage: "one line",
    lines: [{ gpc_ref: "II.1.1", tco2e: 10, ...ill }],
  },
  drivers: [],
  bau: [{ id: "road", lines: ["II.1.1"], ...ill }],
  actions: [
    {
      id: "brt2",
      type: "brt_corridor",
      name: { ko: "BRT 2단계", en: "BRT phase 2" },
      params: {
        length_km: 8.4,
        riders_per_day: 34840,
        sources: { length_km: "FACTS §5" },
        illustrative: { riders_per_day: "scaled from phase 1" },
      },
    },
  ],
  scenarios: [
    { id: "plan", name: { ko: "계획", en: "Plan" }, actions: [{ action: "brt2", level: 1, min: 0, max: 1 }] },
  ],
};

describe("the model document as the Model page edits it", () => {
  it("reads a parameter with its provenance", () => {
    const [a] = actionsOf(doc);
    expect(paramEdit(a!, "riders_per_day")).toEqual({
      value: 34840,
      illustrative: true,
      note: "scaled from phase 1",
    });
    expect(paramEdit(a!, "length_km")).toEqual({ value: 8.4, illustrative: false, note: "FACTS §5" });
  });

  it("generates the fields from the action type's metadata (unit and range)", () => {
    const f = paramFields("brt_corridor")!;
    const share = f.find((x) => x.name === "share_from_car")!;
    expect([share.meta.unit, share.meta.min, share.meta.max]).toEqual(["1", 0, 1]);
    expect(f.find((x) => x.name === "riders_per_day")!.meta.unit).toBe("rider/d");
    expect(paramFields("no_such_type")).toBeUndefined();
  });

  it("sets a value with its source (the illustrative note goes), leaving the rest as it was", () => {
    const edited = withParams(doc, "brt2", {
      riders_per_day: { value: 45000, illustrative: false, note: "2027 survey" },
    });
    const a = actionsOf(edited)[0]!;
    expect(a.params).toEqual({
      length_km: 8.4,
      riders_per_day: 45000,
      sources: { length_km: "FACTS §5", riders_per_day: "2027 survey" },
    });
    expect(actionsOf(doc)[0]!.params.riders_per_day).toBe(34840);
    expect(changes(doc, edited)).toEqual([
      { kind: "param", action: "brt2", name: "riders_per_day", from: 34840, to: 45000 },
      {
        kind: "provenance",
        action: "brt2",
        name: "riders_per_day",
        from: "illustrative: scaled from phase 1",
        to: "2027 survey",
      },
    ]);
    // an emptied value is left out (the type's default applies), and so is its provenance
    const cleared = withParams(doc, "brt2", {
      length_km: { value: undefined, illustrative: false, note: "" },
    });
    expect(actionsOf(cleared)[0]!.params).toEqual({
      riders_per_day: 34840,
      illustrative: { riders_per_day: "scaled from phase 1" },
    });
  });

  it("re-applies the changes on a version saved meanwhile, keeping that version's own changes", () => {
    const mine = withLevel(
      withParams(doc, "brt2", { riders_per_day: { value: 45000, illustrative: false, note: "survey" } }),
      "plan",
      "brt2",
      0.5,
    );
    const theirs = withParams(doc, "brt2", {
      length_km: { value: 9, illustrative: false, note: "new route" },
    });
    const merged = reapply(doc, mine, theirs);
    const a = actionsOf(merged)[0]!;
    expect([a.params.length_km, a.params.riders_per_day]).toEqual([9, 45000]);
    expect(changes(theirs, merged).map((c) => c.kind)).toEqual(["param", "provenance", "level"]);
  });

  it("edits a lever's note on its range in Korean and English; an older version's string is its English", () => {
    const older = {
      ...doc,
      scenarios: [
        {
          id: "plan",
          name: { ko: "계획", en: "Plan" },
          actions: [{ action: "brt2", level: 1, min: 0, max: 1, illustrative: true, note: "0 or 1" }],
        },
      ],
    } as Doc;
    expect(scenariosOf(older)[0]!.actions[0]!.note).toEqual({ en: "0 or 1" });
    const mine = withRangeNote(older, "plan", "brt2", { ko: " 0 또는 1 ", en: "0 or 1" });
    const lever = (mine.scenarios as { actions: { note?: unknown }[] }[])[0]!.actions[0]!;
    expect(lever.note).toEqual({ ko: "0 또는 1", en: "0 or 1" });
    expect(changes(older, mine)).toEqual([
      { kind: "rangeNote", scenario: "plan", action: "brt2", to: { ko: "0 또는 1", en: "0 or 1" } },
    ]);
    // re-applied on a version saved meanwhile; both fields emptied remove the note
    const theirs = withLevel(older, "plan", "brt2", 0.5);
    expect(scenariosOf(reapply(older, mine, theirs))[0]!.actions[0]).toEqual({
      action: "brt2",
      level: 0.5,
      min: 0,
      max: 1,
      note: { ko: "0 또는 1", en: "0 or 1" },
    });
    const cleared = withRangeNote(mine, "plan", "brt2", { ko: "", en: " " });
    expect("note" in (cleared.scenarios as { actions: object[] }[])[0]!.actions[0]!).toBe(false);
  });
});
