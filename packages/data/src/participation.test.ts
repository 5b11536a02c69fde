import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { JEONJU_PARTICIPATION_FILE, loadJeonjuParticipation, loadParticipation } from "./participation.ts";

describe("the Jeonju demo consultations", () => {
  it("one open consultation on BRT phase 2 and one answered on the tourism tram, all illustrative", () => {
    const r = loadJeonjuParticipation();
    assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.problems));
    const byId = Object.fromEntries(r.value.consultations.map((c) => [c.consultation.id, c]));
    assert.deepEqual(
      [byId["baekje-brt"]!.consultation.status, byId["baekje-brt"]!.consultation.subject],
      ["open", { kind: "action", id: "brt" }],
    );
    assert.deepEqual(
      [byId["hanok-tram"]!.consultation.status, byId["hanok-tram"]!.consultation.subject],
      ["answered", { kind: "action", id: "tourism-tram" }],
    );
    for (const c of r.value.consultations) assert.equal(c.consultation.illustrative, true);
    // the answered consultation answers every top-level contribution finally
    const tram = byId["hanok-tram"]!.contributions.filter((x) => x.parent === undefined);
    assert.deepEqual(
      tram.map((x) => x.answer?.state),
      ["accepted", "partly_accepted", "accepted", "rejected"],
    );
  });

  it("refuses a contribution that does not say it is illustrative, and a reply to an unknown comment, with where", () => {
    const dir = mkdtempSync(join(tmpdir(), "citypath-participation-"));
    const f = join(dir, "c.yaml");
    writeFileSync(
      f,
      readFileSync(JEONJU_PARTICIPATION_FILE, "utf8")
        .replace('(예시 의견)"\n        supports: 14', '"\n        supports: 14')
        .replace("parent: brt2-c1\n", "parent: nowhere\n"),
    );
    const r = loadParticipation(f);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.problems.map((p) => p.path),
      ["consultations.0.contributions.0.text", "consultations.0.contributions.1.parent"],
    );
  });
});
