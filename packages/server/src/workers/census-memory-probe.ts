/**
 * A probe run in a process of its own by census-file.test.ts: writes a census CSV of N residents to a
 * temporary file (generated row by row, never held), checks it in the file worker as the census route does,
 * With a second argument `xlsx` it writes the census as an XLSX instead (exceljs's streaming writer, every
 * name a distinct shared string: the reader's one table that grows with the file), to measure that bound.
 * and prints one JSON line: the rows read, the problems, the time, and the process's peak resident memory
 * (worker thread included) before and after the reading. A fresh process, so that the peak is this
 * reading's alone.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCensusFileInWorker, closeFilePool } from "./files.ts";

const n = Number(process.argv[2]);
const format = process.argv[3] === "xlsx" ? "xlsx" : "csv";
if (process.argv[3] === "write-xlsx") {
  await writeXlsx(process.argv[4]!);
  process.exit(0);
}
const dir = await mkdtemp(join(tmpdir(), "citypath-census-probe-"));
const path = join(dir, `census.${format}`);
try {
  // the writer holds the shared strings too: it runs in a process of its own, so that the peak is the reading's
  if (format === "xlsx")
    execFileSync(process.execPath, [
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      String(n),
      "write-xlsx",
      path,
    ]);
  else await writeCsv();
  const before = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const read = await checkCensusFileInWorker({
    path,
    file: `census.${format}`,
    format,
    today: "2026-12-05",
  });
  console.log(
    JSON.stringify({
      rows: read.rows,
      problems: read.problemCount,
      bytes: (await stat(path)).size,
      ms: Math.round(performance.now() - t0),
      peak_before: before,
      peak_after: process.resourceUsage().maxRSS * 1024,
    }),
  );
} finally {
  await closeFilePool();
  await rm(dir, { recursive: true, force: true });
}

async function writeCsv() {
  const w = createWriteStream(path);
  w.write("이름,생년월일,행정동\n");
  for (let i = 0; i < n; i += 2000) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(n, i + 2000); j++) lines.push(resident(j).join(","));
    if (!w.write(`${lines.join("\n")}\n`)) await once(w, "drain");
  }
  w.end();
  await once(w, "finish");
}

async function writeXlsx(to: string) {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: to, useSharedStrings: true });
  const ws = wb.addWorksheet("census");
  ws.addRow(["이름", "생년월일", "행정동"]).commit();
  for (let j = 0; j < n; j++) ws.addRow(resident(j)).commit();
  ws.commit();
  await wb.commit();
}

/** Resident j of the made-up census: a distinct name, a birth date, a district. */
function resident(j: number): string[] {
  return [`주민${j}`, `${1940 + (j % 60)}-${String(1 + (j % 12)).padStart(2, "0")}-15`, `효자${j % 30}동`];
}
