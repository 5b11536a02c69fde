import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actionTimeline, cityWide } from "./timeline.ts";

describe("an action's public history", () => {
  it("merges status changes and progress updates by date, oldest first, changes first on one date", () => {
    const t = actionTimeline(
      [
        { status: "in_progress", date: "2024-03-01", reason: "started" },
        { status: "delayed", date: "2025-01-10", reason: "land" },
      ],
      [
        { date: "2024-09-30", text: "half built" },
        { date: "2024-03-01", text: "ground broken" },
      ],
    );
    assert.deepEqual(t, [
      { date: "2024-03-01", text: "started", status: "in_progress" },
      { date: "2024-03-01", text: "ground broken" },
      { date: "2024-09-30", text: "half built" },
      { date: "2025-01-10", text: "land", status: "delayed" },
    ]);
  });

  it("keeps only the city-wide values of an indicator", () => {
    const obs = [
      { year: 2024, value: 10 },
      { year: 2024, value: 3, district: "wansan" },
      { year: 2025, value: 12 },
    ];
    assert.deepEqual(cityWide(obs), [
      { year: 2024, value: 10 },
      { year: 2025, value: 12 },
    ]);
  });
});
