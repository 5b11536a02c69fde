import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { paramsView, paramText } from "./params-view.ts";

describe("an action's parameters as a reader sees them", () => {
  it("writes numbers as they are, series by year and the rest as JSON", () => {
    assert.equal(paramText(12.5), "12.5");
    assert.equal(paramText({ 2021: 27, 2022: 50 }), "2021: 27, 2022: 50");
    assert.equal(paramText({ start: 2024 }), '{"start":2024}');
    assert.equal(paramText([1, 2]), "[1,2]");
    assert.equal(paramText({}), "{}");
  });

  it("lists each parameter with its citation or illustrative reason, not the provenance maps", () => {
    const v = paramsView({
      riders_per_day: 12000,
      mode_share: 0.3,
      price_year: 2023,
      sources: { riders_per_day: "전주시 BRT 기본계획 (2022)" },
      illustrative: { mode_share: "no survey yet" },
    });
    assert.deepEqual(v, [
      { name: "riders_per_day", value: "12000", source: "전주시 BRT 기본계획 (2022)" },
      { name: "mode_share", value: "0.3", illustrative: "no survey yet" },
      { name: "price_year", value: "2023" },
    ]);
  });

  it("ignores provenance maps that are not maps of text", () => {
    assert.deepEqual(paramsView({ a: 1, sources: ["x"], illustrative: { a: 3 } }), [
      { name: "a", value: "1" },
    ]);
  });
});
