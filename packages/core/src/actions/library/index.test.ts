import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseUnit } from "../../units/index.ts";
import { LIBRARY_ACTION_TYPES, libraryRegistry } from "./index.ts";

describe("library registry", () => {
  test("every type is registered once, named in Korean and English", () => {
    const reg = libraryRegistry();
    assert.equal(reg.size, LIBRARY_ACTION_TYPES.length);
    for (const t of LIBRARY_ACTION_TYPES) {
      assert.ok(t.label.ko && t.label.en, t.type);
    }
  });

  test("every default carries a source or says it is illustrative, with a note", () => {
    for (const t of LIBRARY_ACTION_TYPES)
      for (const [k, m] of Object.entries(t.params)) {
        assert.ok(m.unit, `${t.type}.${k} has no unit`);
        if (m.default)
          assert.ok(m.default.source || (m.default.illustrative && m.default.note), `${t.type}.${k}`);
      }
  });

  test("every parameter's unit is one the unit parser reads (1 for a pure number)", () => {
    for (const t of LIBRARY_ACTION_TYPES)
      for (const [k, m] of Object.entries(t.params))
        if (m.unit !== "1")
          assert.ok(parseUnit(m.unit, { allowCustom: true }).ok, `${t.type}.${k}: ${m.unit}`);
  });

  test("unknown parameters are refused (no silent typo)", () => {
    const brt = libraryRegistry().get("brt_corridor")!;
    const r = brt.schema.safeParse({ rider_per_day: 1 });
    assert.equal(r.success, false);
  });
});
