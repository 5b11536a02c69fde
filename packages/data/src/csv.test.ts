import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { decodeText, encodingOption, readActivityCsv, readFactorCsv } from "./csv.ts";

const FIX = new URL("./fixtures/", import.meta.url).pathname;

describe("reading CSV files", () => {
  const expected = [
    {
      year: 2021,
      gpc_ref: "I.1.1",
      activity: "도시가스",
      amount: 1000,
      unit: "천Nm3",
      district: "완산구",
      note: "가정용",
    },
    {
      year: 2021,
      gpc_ref: "II.1.1",
      activity: "경유",
      amount: 1500,
      unit: "L",
      district: "덕진구",
      note: "도로, 경유",
    },
  ];
  const strip = (rows: readonly object[]) =>
    rows.map((r) => {
      const { file: _f, line: _l, ...rest } = r as { file: string; line: number };
      return rest;
    });

  for (const [name, enc] of [
    ["activity-utf8.csv", "auto"],
    ["activity-utf8-bom.csv", "auto"],
    ["activity-cp949.csv", "auto"],
    ["activity-cp949.csv", "cp949"],
    ["activity-utf8-bom.csv", "utf-8"],
  ] as const) {
    test(`${name} read with --encoding ${enc}`, () => {
      const r = readActivityCsv(name, { cwd: FIX, encoding: enc });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      assert.deepEqual(strip(r.value), expected);
      assert.deepEqual(
        r.value.map((x) => [x.file, x.line]),
        [
          [name, 2],
          [name, 3],
        ],
      );
    });
  }

  test("CP949 detected by auto, and refused when UTF-8 is forced", () => {
    const bytes = readFileSync(`${FIX}activity-cp949.csv`);
    const d = decodeText(bytes, "auto", "x.csv");
    assert.ok(d.ok && d.value.encoding === "cp949");
    const forced = decodeText(bytes, "utf-8", "x.csv");
    assert.ok(!forced.ok);
    assert.equal(forced.problems[0]!.code, "BAD_ENCODING");
    assert.equal(forced.problems[0]!.line, 2);
  });

  test("bytes valid in neither encoding: BAD_ENCODING at the line", () => {
    const r = readActivityCsv("activity-bad-encoding.csv", { cwd: FIX });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.file, p.line]),
      [["BAD_ENCODING", "activity-bad-encoding.csv", 3]],
    );
  });

  test("encoding names", () => {
    assert.equal(encodingOption("EUC-KR"), "cp949");
    assert.equal(encodingOption("utf8"), "utf-8");
    assert.equal(encodingOption("latin1"), undefined);
  });

  test("line numbers follow quoted newlines and skip blank lines", () => {
    const text =
      'year,gpc_ref,activity,amount,unit,note\n2021,I.1.1,x,1,t,"two\nlines"\n\n2021,I.1.1,x,oops,t,\n';
    const r = readActivityCsv(new TextEncoder().encode(text), { file: "q.csv" });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.file, p.line, p.column]),
      [["BAD_NUMBER", "q.csv", 5, "amount"]],
    );
  });

  test("a missing file is a problem naming it", () => {
    const r = readFactorCsv("no-such-file.csv", { cwd: FIX });
    assert.ok(!r.ok);
    assert.equal(r.problems[0]!.file, "no-such-file.csv");
  });
});
