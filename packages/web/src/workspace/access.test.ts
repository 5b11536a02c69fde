import { describe, expect, it } from "vitest";
import { mayChange } from "./access.ts";

describe("what the workspace offers", () => {
  const transport = [{ id: "transport-policy", name: { ko: "교통정책과", en: "Transport Policy Division" } }];
  it("admins change everything; editors their departments' records by id or Korean name; others nothing", () => {
    expect(mayChange({ tenant: "jeonju", role: "admin", departments: [] }, transport)).toBe(true);
    expect(mayChange({ tenant: "jeonju", role: "editor", departments: ["교통정책과"] }, transport)).toBe(
      true,
    );
    expect(
      mayChange({ tenant: "jeonju", role: "editor", departments: ["transport-policy"] }, transport),
    ).toBe(true);
    expect(mayChange({ tenant: "jeonju", role: "editor", departments: ["건축과"] }, transport)).toBe(false);
    expect(mayChange({ tenant: "jeonju", role: "council", departments: ["교통정책과"] }, transport)).toBe(
      false,
    );
    expect(mayChange(undefined, transport)).toBe(false);
    expect(mayChange({ tenant: "jeonju", role: "editor", departments: ["교통정책과"] }, [])).toBe(false);
  });
});
