import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "../main.ts";

function capture() {
  let err = "";
  const sink = {
    write: (s: string) => {
      err += s;
      return true;
    },
  };
  return { io: { cwd: process.cwd(), stdout: { write: () => true }, stderr: sink }, err: () => err };
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
      /--format/,
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
