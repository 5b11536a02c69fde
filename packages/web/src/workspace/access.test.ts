import { describe, expect, it } from "vitest";
import { mayChange } from "./access.ts";

describe("what the workspace offers", () => {
  const transport = [{ id: "transport-policy", name: { ko: "교통정책과", en: "Transport Policy Division" } }];
  it("admins change everything; editors their departments' records by register id; others nothing", () => {
    expect(mayChange({ tenant: "jeonju", role: "admin", departments: [] }, transport)).toBe(true);
    // a department's name is not its identity (decision 0083): renaming it changes nobody's rights
    expect(mayChange({ tenant: "jeonju", role: "editor", departments: ["교통정책과"] }, transport)).toBe(
      false,
    );
    expect(
      mayChange({ tenant: "jeonju", role: "editor", departments: ["transport-policy"] }, transport),
    ).toBe(true);
    expect(mayChange({ tenant: "jeonju", role: "editor", departments: ["architecture"] }, transport)).toBe(
      false,
    );
    expect(
      mayChange({ tenant: "jeonju", role: "council", departments: ["transport-policy"] }, transport),
    ).toBe(false);
    expect(mayChange(undefined, transport)).toBe(false);
    expect(mayChange({ tenant: "jeonju", role: "editor", departments: ["transport-policy"] }, [])).toBe(
      false,
    );
  });
});
