import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { censusDate, readCensusRecords } from "./census.ts";

const file = (header: string[], rows: string[][]) => ({
  file: "census.csv",
  header,
  rows,
  lines: rows.map((_, i) => i + 2),
});

describe("the census file", () => {
  it("reads Korean or English headers, any order; dates in the usual Korean ways; blank rows skipped", () => {
    const r = readCensusRecords(
      file(
        ["행정동", "성명", "생년월일"],
        [
          ["효자동", " 김전주 ", "1985.04.12"],
          ["", "", ""],
          ["송천1동", "이덕진", "19900102"],
        ],
      ),
      "2026-12-05",
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries, [
      { name: "김전주", birth_date: "1985-04-12", district: "효자동" },
      { name: "이덕진", birth_date: "1990-01-02", district: "송천1동" },
    ]);
  });

  it("every problem with its row, column and a reason in Korean and English; nothing is taken then", () => {
    const r = readCensusRecords(
      file(
        ["name", "birth_date", "district"],
        [
          ["김", "1985-02-30", "효자동"],
          ["", "1985-02-03", "효자동"],
          ["박", "2030-01-01", ""],
        ],
      ),
      "2026-12-05",
    );
    assert.deepEqual(
      r.problems.map((p) => [p.row, p.column, p.code]),
      [
        [2, "birth_date", "BAD_VALUE"],
        [3, "name", "MISSING_VALUE"],
        [4, "district", "MISSING_VALUE"],
        [4, "birth_date", "BAD_VALUE"],
      ],
    );
    assert.equal(r.problems[0]!.reason.en, '"1985-02-30" is not a date: write it as 1985-04-12.');
    assert.match(r.problems[0]!.reason.ko, /날짜가 아닙니다/);
  });

  it("a missing column, a registration-number column and an empty file are refused at the header", () => {
    const missing = readCensusRecords(file(["name", "birth"], [["김", "1985-01-01"]]), "2026-12-05");
    assert.deepEqual(
      missing.problems.map((p) => [p.row, p.column, p.code]),
      [
        [1, "birth_date", "MISSING_COLUMN"],
        [1, "district", "MISSING_COLUMN"],
      ],
    );
    const rrn = readCensusRecords(
      file(["name", "birth_date", "district", "주민등록번호"], [["김", "1985-01-01", "효자동", "x"]]),
      "2026-12-05",
    );
    assert.deepEqual(
      rrn.problems.map((p) => [p.column, p.code]),
      [["주민등록번호", "REFUSED_COLUMN"]],
    );
    assert.equal(rrn.entries.length, 0);
    const empty = readCensusRecords(file(["name", "birth_date", "district"], []), "2026-12-05");
    assert.equal(empty.problems[0]!.code, "EMPTY_FILE");
  });

  it("dates: real ones only", () => {
    assert.equal(censusDate("1985-4-2"), "1985-04-02");
    assert.equal(censusDate("1985/04/12"), "1985-04-12");
    assert.equal(censusDate("1985-13-01"), undefined);
    assert.equal(censusDate("850412"), undefined);
  });
});
