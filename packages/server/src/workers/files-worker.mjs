// The file worker thread: parses one CSV or XLSX file per task with the bounded readers of @citypath/data
// (limits in @citypath/core's FILE_LIMITS), writes a table as a file (table-write.ts), checks a tenant
// import's body (tenant-import.ts), or streams a census file (census-file.ts). Plain
// JavaScript that registers the TypeScript loader itself, so that it starts the same under `citypath
// serve`, the tests and the benches.
import { register } from "tsx/esm/api";

register();
// below the server's own thread: heavy work takes the cores that requests leave (priority.ts)
(await import("./priority.ts")).lowerThreadPriority();
const { readTableFile } = await import("@citypath/data/table-file");
const { readCensusFile } = await import("./census-file.ts");
const { pathwayBytes, tableBytes } = await import("./table-write.ts");
const { checkTenantExport } = await import("./tenant-import.ts");

/** Piscina calls the default export once per task. */
export default function read(req) {
  return readTableFile(req);
}

/** A table written as a CSV or XLSX file (the task named "writeTable"). */
export function writeTable(task) {
  return tableBytes(task);
}

/** A pathway written as a CSV or XLSX file, its rows built here (the task named "writePathway"). */
export function writePathway(task) {
  return pathwayBytes(task);
}

/** A tenant import's body, parsed and checked (the task named "tenantExport"). */
export function tenantExport(bytes) {
  return checkTenantExport(bytes);
}

/**
 * The start-up warm-up (the task named "warm"): answered once the modules above are loaded and a small table
 * has been written and read back as XLSX and CSV, so that the first real file does not also pay for the
 * XLSX writer's load and the readers' first runs.
 */
export async function warm() {
  const table = {
    columns: ["year", "gpc_ref", "activity", "amount", "unit"],
    rows: Array.from({ length: 200 }, (_, i) => [2020 + (i % 5), "I.1.1", "electricity", i * 1.5, "MWh"]),
  };
  for (const format of ["xlsx", "csv"]) {
    const bytes = await tableBytes({ table, format, lang: "en", sheetName: "warm" });
    const read = await readTableFile({ bytes, format, file: `warm.${format}` });
    if (!read.ok) throw new Error(`the file worker's warm-up read failed: ${read.problems[0]?.message}`);
  }
  return true;
}

/** A census file, streamed from disk (the task named "census"). */
export function census(task) {
  return readCensusFile(task);
}
