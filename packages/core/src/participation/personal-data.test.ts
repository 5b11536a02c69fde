import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkPersonalData, personalDataProblems, redactPersonalData } from "./personal-data.ts";

describe("personal-data check of a contribution", () => {
  it("refuses a resident registration number, with or without its hyphen, in full-width digits too", () => {
    for (const s of [
      "제 번호는 900101-1234567 입니다",
      "9001011234567",
      "８５１２３１－２０００００１",
      "031231 5123456",
    ])
      assert.deepEqual(checkPersonalData(s).refused, [{ kind: "resident_registration_number", count: 1 }], s);
  });

  it("does not take dates, amounts or longer digit runs for registration numbers", () => {
    for (const s of [
      "2030년까지 40% 감축, 2050년 탄소중립",
      "991301-1234567", // month 13
      "900132-1234567", // day 32
      "900101-9234567", // 9: not a valid first digit
      "19900101-1234567", // part of a longer number
      "예산 1,234,567,890원",
    ])
      assert.deepEqual(checkPersonalData(s).refused, [], s);
  });

  it("warns about Korean phone numbers in their usual spellings", () => {
    for (const s of [
      "010-1234-5678",
      "01012345678",
      "010.1234.5678",
      "+82 10 1234 5678",
      "02-123-4567",
      "063-222-3456",
      "070 1234 5678",
      "０１０－１２３４－５６７８",
    ])
      assert.deepEqual(checkPersonalData(s).warnings, [{ kind: "phone", count: 1 }], s);
    assert.deepEqual(checkPersonalData("010-1111-2222, 010-3333-4444").warnings, [
      { kind: "phone", count: 2 },
    ]);
  });

  it("does not flag public business numbers, years or plan figures as phone numbers", () => {
    for (const s of ["1588-1234", "2030 2050", "BRT 2단계 12.5 km", "063 222", "4,530,000 tCO2e"])
      assert.deepEqual(checkPersonalData(s).warnings, [], s);
  });

  it("warns about email addresses", () => {
    assert.deepEqual(checkPersonalData("연락: kim.minsu@example.co.kr").warnings, [
      { kind: "email", count: 1 },
    ]);
    assert.deepEqual(checkPersonalData("BRT @ 전주역").warnings, []);
  });

  it("a registration number is one refusal, not also a phone warning", () => {
    assert.deepEqual(checkPersonalData("9001011234567"), {
      refused: [{ kind: "resident_registration_number", count: 1 }],
      warnings: [],
    });
  });

  it("gives an error for the refused kind and warnings for the others, at the path", () => {
    const p = personalDataProblems("900101-1234567 / 010-1234-5678 / a@b.kr", "json.text");
    assert.deepEqual(
      p.map((x) => [x.severity, x.path]),
      [
        ["error", "json.text"],
        ["warning", "json.text"],
        ["warning", "json.text"],
      ],
    );
  });

  it("redacts what it finds for open data, naming the kind, and leaves other figures alone", () => {
    assert.equal(
      redactPersonalData(
        "연락은 010-1234-5678 또는 a.kim@example.kr 로, 번호 900101-1234567, 2030년 40% 감축",
      ),
      "연락은 [전화번호] 또는 [이메일] 로, 번호 [주민등록번호], 2030년 40% 감축",
    );
    assert.equal(redactPersonalData("０２－１２３－４５６７"), "[전화번호]");
    assert.equal(redactPersonalData("버스 노선 3개"), "버스 노선 3개");
  });
});
