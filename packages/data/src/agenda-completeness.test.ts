/**
 * Every item of the administration's agenda (../shared/AGENDA.md beside the repository: every numbered
 * and bulleted item) has an action in the Jeonju instance, matched through the action's `agenda_ref`, and
 * sub-items hang under their item's action. Locally the test skips when the document is absent; in CI
 * (CI=true) its absence fails the test.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  agendaCompleteness,
  agendaDocument,
  agendaItemKeys,
  loadJeonjuAgenda,
  parseAgendaDocument,
} from "./agenda.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("reading the agenda document", () => {
  const sample = [
    "# Title",
    "**Vision**: not an item",
    "## Four priority policies (4대 역점정책)",
    "1. **생태도시 대전환**: ecological city.",
    "   - Carbon to zero (탄소중립도시).",
    "   - ESG management (environment, society) in the administration.",
    "2. **바이오헬스**: bio-health.",
    "## Four projects",
    "1. 글로벌 천만 관광거점도시 기반 구축: tourism.",
    "## Post-COVID",
    '- "Good solidarity" (착한연대) and a sale (소비촉진 세일운동).',
  ].join("\n");
  const items = parseAgendaDocument(sample);

  test("numbered and bulleted items, with nesting and sections", () => {
    assert.deepEqual(
      items.map((i) => [i.line, i.parent_line, i.section.slice(0, 8)]),
      [
        [4, undefined, "Four pri"],
        [5, 4, "Four pri"],
        [6, 4, "Four pri"],
        [7, undefined, "Four pri"],
        [9, undefined, "Four pro"],
        [11, undefined, "Post-COV"],
      ],
    );
  });

  test("the keys an agenda_ref may hold", () => {
    assert.ok(items[0]!.keys.includes("생태도시 대전환"));
    assert.ok(items[1]!.keys.includes("탄소중립도시"));
    assert.ok(items[2]!.keys.includes("ESG management (environment, society) in the administration"));
    assert.ok(items[4]!.keys.includes("글로벌 천만 관광거점도시 기반 구축"));
    assert.deepEqual(
      agendaItemKeys('"Good solidarity" (착한연대) and a sale (소비촉진 세일운동).').slice(0, 2),
      ["착한연대", "소비촉진 세일운동"],
    );
  });
});

describe("finding the agenda document", () => {
  test("present, skipped locally, failed in CI", () => {
    const root = mkdtempSync(join(tmpdir(), "agenda-doc-"));
    try {
      const repo = join(root, "repo");
      mkdirSync(repo);
      assert.equal(agendaDocument(repo, {}).state, "skip");
      assert.equal(agendaDocument(repo, { CI: "true" }).state, "fail");
      mkdirSync(join(root, "shared"));
      writeFileSync(join(root, "shared", "AGENDA.md"), "- item\n");
      assert.equal(agendaDocument(repo, { CI: "true" }).state, "present");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("every item of ../shared/AGENDA.md has an action", () => {
  const doc = agendaDocument(repoRoot, process.env);
  if (doc.state === "fail") {
    test("the agenda document is present", () => {
      assert.fail(doc.message);
    });
    return;
  }
  if (doc.state === "skip") {
    test.skip(doc.message);
    return;
  }
  const agendaPath = doc.path;
  const items = parseAgendaDocument(readFileSync(agendaPath, "utf8"));
  const loaded = loadJeonjuAgenda();
  assert.ok(loaded.ok, "the Jeonju agenda loads");
  const report = agendaCompleteness(items, loaded.value);

  test("the document has the items the brief names", () => {
    // 4 priority policies with 3 + 2 + 0 + 2 sub-items, 4 projects, 8 post-COVID measures = 23
    assert.ok(items.length >= 23, `only ${items.length} items read`);
  });

  test("no item without an action", () => {
    assert.deepEqual(
      report.missing.map((i) => `line ${i.line}: ${i.text}`),
      [],
    );
  });

  test("no agenda_ref that names no item", () => {
    assert.deepEqual(report.unknown_refs, []);
  });

  test("sub-items hang under their item's action", () => {
    assert.deepEqual(
      report.wrong_parent.map(
        (w) => `${w.action} (line ${w.item.line}) should have parent ${w.expected_parent}`,
      ),
      [],
    );
  });

  test("each carrying action has Korean and English texts, a department, an indicator and a status", () => {
    const byId = new Map(loaded.value.actions.map((a) => [a.id as string, a]));
    for (const [line, ids] of report.carried)
      for (const id of ids) {
        const a = byId.get(id)!;
        assert.ok(a.name.ko && a.name.en, `line ${line}: ${id}`);
        assert.ok(
          a.departments.length && a.indicators.length && a.status_history.length,
          `line ${line}: ${id}`,
        );
      }
  });
});
