/**
 * `citypath report`: usage errors exit 2 with what is wrong; on the Jeonju demo the budget and settlement
 * statements come out in every format the command offers (HTML, XLSX, PDF), with totals checked against sums
 * worked by hand from the demo's lines (packages/data/budget/jeonju/lines.csv and settlements.csv), and the
 * 2024 and 2025 implementation reports as XLSX and DOCX with the BRT measure's row worked by hand; a data
 * directory held by another process is refused with the API route that gives the same file.
 *
 * `--demo` (the demo loaded into a temporary embedded database, as from a clean checkout) is run once; the other
 * runs read a data directory holding the same demo (the saved copy the tests start from, decision 0040).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { lockDataDir, openDatabase } from "@citypath/db";
import { demoTemplateFile } from "@citypath/server/demo-template";
import { pdfText } from "@citypath/server/statements/pdf-text";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../main.ts";

function capture(cwd = process.cwd()) {
  let out = "";
  let err = "";
  const sink = (f: (s: string) => void) => ({
    write: (s: string) => {
      f(s);
      return true;
    },
  });
  return {
    io: {
      cwd,
      stdout: sink((s) => {
        out += s;
      }),
      stderr: sink((s) => {
        err += s;
      }),
    },
    out: () => out,
    err: () => err,
  };
}

test("citypath report: usage errors name what is wrong and exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [["report", "summary"], /budget, settlement or implementation/],
    [
      [
        "report",
        "budget",
        "--tenant",
        "jeonju",
        "--year",
        "2024",
        "--demo",
        "--format",
        "docx",
        "--out",
        "x",
      ],
      /docx is for the implementation report/,
    ],
    [
      ["report", "budget", "--tenant", "jeonju", "--year", "2024", "--demo", "--format", "csv", "--out", "x"],
      /--format is html, xlsx, pdf or docx/,
    ],
    [
      ["report", "budget", "--tenant", "jeonju", "--year", "24x", "--demo", "--format", "pdf", "--out", "x"],
      /--year/,
    ],
    [
      [
        "report",
        "budget",
        "--tenant",
        "jeonju",
        "--year",
        "2024",
        "--demo",
        "--data-dir",
        "d",
        "--format",
        "pdf",
        "--out",
        "x",
      ],
      /one of/,
    ],
  ];
  for (const [argv, why] of cases) {
    const c = capture();
    assert.equal(await main(argv, c.io as never), 2, argv.join(" "));
    assert.match(c.err(), why);
  }
});

type Row = unknown[];
async function sheets(file: string): Promise<Map<string, Row[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as never);
  const out = new Map<string, Row[]>();
  for (const w of wb.worksheets) {
    const rows: Row[] = [];
    w.eachRow((r) => {
      rows.push((r.values as Row).slice(1));
    });
    out.set(w.name, rows);
  }
  return out;
}
const rowOf = (rows: Row[] | undefined, first: string): Row => {
  const r = rows?.find((x) => x[0] === first);
  assert.ok(r, `a row "${first}" among ${JSON.stringify(rows?.map((x) => x[0]))}`);
  return r;
};
const near = (a: unknown, b: number, what: string) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) < 1e-9, `${what}: ${String(a)} ≠ ${b}`);

describe("citypath report on the Jeonju demo", () => {
  let dir: string;
  let dataDir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "citypath-report-cli-"));
    dataDir = join(dir, "data");
    const file = await demoTemplateFile("instance");
    await (await openDatabase({ dataDir, from: new Blob([readFileSync(file)]) })).close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (argv: string[]) => {
    const c = capture(dir);
    const code = await main(["report", ...argv, "--tenant", "jeonju"], c.io as never);
    assert.equal(code, 0, c.err());
    assert.match(c.out(), /^wrote .+ \([\d,]+ bytes\)\n$/);
  };

  test("--demo: the 2024 budget statement as XLSX, its totals the sums of the demo's lines", async () => {
    await run(["budget", "--year", "2024", "--demo", "--format", "xlsx", "--out", "budget.xlsx"]);
    const book = await sheets(join(dir, "budget.xlsx"));
    const summary = book.get("규모 총괄표");
    assert.deepEqual(summary?.[0], [
      "분류",
      "사업수",
      "예산액(천원)",
      "비율",
      "전년 사업수",
      "전년 예산(천원)",
      "증감(천원)",
      "증감률",
    ]);
    // 2024 reduction lines (₩ thousand): BRT 18,000,000 + BRT signals 2,000,000 + hydrogen buses 21,000,000
    // + trees 9,000,000 + public retrofits 6,500,000 + homes 3,000,000 + solar 4,000,000 + electric cars
    // 20,000,000 + support centre 800,000 + food waste 1,500,000 = 85,800,000, and the rest of the published
    // total in one row of 200 projects (156,500,000): 210 projects, 242,300,000 (JJRI: 210, ₩242.3 bn).
    // 2023: 140 projects, 243,200,000.
    const red = rowOf(summary, "감축");
    assert.deepEqual(red.slice(0, 3), ["감축", 210, 242_300_000]);
    near(red[3], 242_300_000 / 2_795_000_000, "the reduction share");
    assert.deepEqual(red.slice(4, 7), [140, 243_200_000, -900_000]);
    near(red[7], -900_000 / 243_200_000, "the reduction change");
    // emission: the urban road 12,000,000 + car parks 5,000,000 (2023: the road, 10,000,000);
    // mixed: bus replacement 4,000,000 (2023: 3,500,000); neutral: one row of 2,935 projects, 2,531,700,000
    // (2023: 2,910, 2,055,500,000)
    assert.deepEqual(rowOf(summary, "배출").slice(0, 3), ["배출", 2, 17_000_000]);
    assert.deepEqual(rowOf(summary, "배출").slice(4, 7), [1, 10_000_000, 7_000_000]);
    assert.deepEqual(rowOf(summary, "혼합").slice(0, 3), ["혼합", 1, 4_000_000]);
    assert.deepEqual(rowOf(summary, "중립").slice(0, 3), ["중립", 2935, 2_531_700_000]);
    // the whole budget: 210 + 2 + 1 + 2,935 = 3,148 projects, 242,300,000 + 17,000,000 + 4,000,000
    // + 2,531,700,000 = 2,795,000,000 (JJRI: 3,148 projects, ₩2.7950 trillion); 2023: 3,052, 2,312,200,000
    const total = rowOf(summary, "합계");
    assert.deepEqual(total, ["합계", 3148, 2_795_000_000, 1, 3052, 2_312_200_000, 482_800_000, total[7]]);
    near(total[7], 482_800_000 / 2_312_200_000, "the total change");
    // the expected reductions add up to the published 33,159.4 tCO2eq, the aggregate row taking the rest;
    // the food-waste line has no estimate and is counted as such, not as 0
    const bySector = book.get("감축부문별");
    assert.deepEqual(rowOf(bySector, "합계"), ["합계", 210, 242_300_000, 33_159.4, 1]);
    const lines = book.get("감축사업");
    assert.equal(rowOf(lines, "070-073-WS01-FW-001")[10], "정성 (미산정)");
    assert.equal(rowOf(lines, "070-074-AIR01-EV-001")[10], 1560);
  });

  test("the 2024 settlement statement as XLSX: executions, rate and actual reductions summed by hand", async () => {
    await run([
      "settlement",
      "--year",
      "2024",
      "--data-dir",
      dataDir,
      "--format",
      "xlsx",
      "--out",
      "settlement.xlsx",
    ]);
    const book = await sheets(join(dir, "settlement.xlsx"));
    const byClass = book.get("분류별 요약");
    // reduction lines executed (₩ thousand): 16,900,000 + 1,800,000 + 20,400,000 + 8,800,000 + 5,900,000
    // + 2,700,000 + 3,600,000 + 19,200,000 + 800,000 + 1,100,000 + 148,000,000 = 229,200,000 of 242,300,000
    // available; carried over 900,000 + 200,000 (the two BRT lines), unused 200,000; actual reductions
    // 1,900 + 2,650 + 380 + 720 + 1,480 = 7,130 t; without one: the BRT (not open until November 2026), the
    // BRT signals, homes, support centre, food waste and the 200 projects of the aggregate row = 205; targets
    // met: hydrogen buses 104 ≥ 100 and trees 1,260,000 ≥ 1,250,000, not the BRT's 24,500 < 30,000: 2 of 3
    const red = rowOf(byClass, "감축");
    assert.deepEqual(
      [red[1], red[2], red[3], red[5], red[6], red[7], red[8], red[9], red[10]],
      [210, 242_300_000, 229_200_000, 1_100_000, 200_000, 7130, 205, "2/3", 0],
    );
    near(red[4], 229_200_000 / 242_300_000, "the reduction lines' execution rate");
    // emission lines: 11,200,000 + 4,100,000 of 17,000,000; mixed: 4,000,000 of 4,000,000
    assert.deepEqual(rowOf(byClass, "배출").slice(1, 4), [2, 17_000_000, 15_300_000]);
    near(rowOf(byClass, "배출")[4], 0.9, "the emission lines' rate");
    assert.deepEqual(rowOf(byClass, "혼합").slice(1, 5), [1, 4_000_000, 4_000_000, 1]);
    const total = rowOf(byClass, "합계");
    assert.deepEqual(total.slice(1, 4), [213, 263_300_000, 248_500_000]);
    near(total[4], 248_500_000 / 263_300_000, "the total execution rate");
    // per line: the BRT's 16,900,000 of 18,000,000, its 900,000 + 200,000 carried over and unused
    const brt = rowOf(book.get("결산 사업별"), "120-123-TR01-BRT-001");
    assert.deepEqual(
      [brt[3], brt[4], brt[6], brt[9], brt[10]],
      [18_000_000, 16_900_000, 1_100_000, 24_500, "미달"],
    );
    near(brt[5], 16_900_000 / 18_000_000, "the BRT's execution rate");
  });

  test("the statements as HTML (Korean and English) and PDF", async () => {
    await run(["budget", "--year", "2024", "--data-dir", dataDir, "--format", "html", "--out", "b.html"]);
    const ko = readFileSync(join(dir, "b.html"), "utf8");
    assert.match(ko, /<html lang="ko">/);
    assert.match(ko, /전주시 2024년도 온실가스감축인지 예산서/);
    assert.match(ko, /2,795,000,000/);
    await run([
      "settlement",
      "--year",
      "2024",
      "--data-dir",
      dataDir,
      "--format",
      "html",
      "--lang",
      "en",
      "--out",
      "s.html",
    ]);
    const en = readFileSync(join(dir, "s.html"), "utf8");
    assert.match(en, /<html lang="en">/);
    assert.match(en, /GHG-reduction settlement statement/);
    assert.match(en, /248,500,000/);

    await run(["budget", "--year", "2024", "--data-dir", dataDir, "--format", "pdf", "--out", "b.pdf"]);
    const pdf = readFileSync(join(dir, "b.pdf"));
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const { pages, text } = pdfText(new Uint8Array(pdf));
    assert.ok(pages >= 3, `${pages} pages`);
    const flat = text.replace(/\s+/g, "");
    for (const s of ["온실가스감축인지예산서", "규모총괄표", "2,795,000,000", "242,300,000"])
      assert.ok(flat.includes(s), `the PDF has ${s}`);
  });

  test("the 2024 and 2025 implementation reports: the BRT measure's row worked by hand", async () => {
    await run([
      "implementation",
      "--year",
      "2024",
      "--data-dir",
      dataDir,
      "--format",
      "xlsx",
      "--out",
      "r.xlsx",
    ]);
    const iii = (await sheets(join(dir, "r.xlsx"))).get("III-1");
    assert.equal(iii?.[0]?.[2], "과제명");
    const brt = iii?.find((r) => String(r[2]).startsWith("간선급행버스체계"));
    assert.ok(brt, "the BRT measure's row");
    // 2024: riders a day 24,500 (the settlement) of the 30,000 target (the budget line): 81.7 %, 보통 (70-89 %);
    // the two BRT lines executed 16,900 + 1,800 = 18,700 of 18,000 + 2,000 = 20,000 (₩ million): 93.5 %,
    // 매우우수; the measure takes the lower grade, 보통
    assert.deepEqual([brt[6], brt[7], brt[9], brt[10], brt[16]], [30_000, 24_500, 20_000, 18_700, "보통"]);
    near(brt[8], 24_500 / 30_000, "the 2024 achievement");
    near(brt[11], 18_700 / 20_000, "the 2024 execution");

    await run([
      "implementation",
      "--year",
      "2025",
      "--data-dir",
      dataDir,
      "--format",
      "docx",
      "--out",
      "r.docx",
    ]);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "r.docx")));
    const text = ((await zip.file("word/document.xml")?.async("string")) ?? "").replace(/<[^>]+>/g, "");
    // 2025, a draft: 23,900 riders a day so far of the 35,000 target, 68.3 % (below 70 %: lagging, 미흡);
    // 3,100 of 8,000 executed so far, 38.8 %, provisional; so the BRT is in V-1's action plans
    for (const s of [
      "2025년",
      "이행점검 결과보고서",
      "35,000",
      "23,900",
      "68.3%",
      "38.8%",
      "부진 (집행 잠정)",
      "표 Ⅴ-1 부진·미흡 과제 조치계획",
      "부진 · 미흡",
    ])
      assert.ok(text.includes(s), `the 2025 DOCX has ${s}`);
  });

  test("a data directory held by a running server: refused, with the API route that gives the same file", async () => {
    const lock = lockDataDir(dataDir);
    try {
      for (const [argv, route] of [
        [
          ["budget", "--format", "pdf"],
          "GET /api/tenants/jeonju/budget/2024/statement?kind=budget&format=pdf",
        ],
        [
          ["implementation", "--format", "docx"],
          "GET /api/tenants/jeonju/reports/PLAN/2024/document?format=docx",
        ],
      ] as const) {
        const c = capture(dir);
        const code = await main(
          ["report", ...argv, "--tenant", "jeonju", "--year", "2024", "--data-dir", dataDir, "--out", "x"],
          c.io as never,
        );
        assert.equal(code, 1);
        assert.ok(c.err().includes(route), c.err());
      }
    } finally {
      lock.release();
    }
  });
});
