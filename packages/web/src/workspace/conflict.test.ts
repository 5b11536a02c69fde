import { describe, expect, it } from "vitest";
import { changesSince, reapply } from "./conflict.ts";

describe("the conflict view", () => {
  const base = { name: "BRT", end: "2030", tasks: [{ id: "t1", due: "2026-03-01" }] };
  const current = { name: "BRT 1단계", end: "2030", tasks: [{ id: "t1", due: "2026-03-01" }] };
  const mine = { name: "BRT", end: "2031", tasks: [{ id: "t1", due: "2026-04-01" }] };

  it("lists every field another save or this officer changed, and marks clashes", () => {
    const c = changesSince(base, current, mine);
    expect(c.map((x) => [x.field, x.changedByOthers, x.changedByMe, x.clash])).toEqual([
      ["name", true, false, false],
      ["end", false, true, false],
      ["tasks", false, true, false],
    ]);
    expect(
      changesSince(base, { ...current, end: "2032" }, mine).find((x) => x.field === "end"),
    ).toMatchObject({
      opened: "2030",
      current: "2032",
      mine: "2031",
      clash: true,
    });
    expect(changesSince(base, base, base)).toEqual([]);
  });

  it("re-applies this officer's changes on the current record and keeps the others'", () => {
    expect(reapply(base, current, mine)).toEqual({
      name: "BRT 1단계",
      end: "2031",
      tasks: [{ id: "t1", due: "2026-04-01" }],
    });
    // both changed the same field: this officer's value is put back (they saw the other value in the view)
    expect(reapply(base, { ...current, end: "2032" }, mine).end).toBe("2031");
  });
});
