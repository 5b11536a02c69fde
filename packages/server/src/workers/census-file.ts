/**
 * The census file read as a stream in a worker thread (memory does not grow with the file): CSV through the
 * streaming decoder and papaparse's step mode (@citypath/data streamCsvBytes), XLSX through exceljs's
 * streaming workbook reader, one row at a time. Each row is checked by the core (censusColumns, censusRow);
 * the problems are listed up to CENSUS_FILE_LIMITS.problemsListed and counted beyond. With a secret and a
 * port, each resident's keyed hash is sent through the port in batches, and the reading waits for the
 * receiver's answer to each batch before going on, so a slow database never piles hashes up in memory.
 */
import { createReadStream } from "node:fs";
import type { MessagePort } from "node:worker_threads";
import type { Problem } from "@citypath/core";
import {
  CENSUS_FILE_LIMITS,
  type CensusFileProblem,
  censusColumns,
  censusRow,
  EMPTY_CENSUS,
} from "@citypath/core/participation/index";
import { type EncodingOption, streamCsvBytes } from "@citypath/data/csv";
import { censusHash } from "@citypath/db/participation";
import ExcelJS from "exceljs";

export interface CensusFileTask {
  /** The file on disk (the upload, streamed there). */
  readonly path: string;
  /** The file's name, for problems. */
  readonly file: string;
  readonly format: "csv" | "xlsx";
  readonly encoding?: EncodingOption | undefined;
  /** XLSX: the sheet (default: the first). */
  readonly sheet?: string | null | undefined;
  /** The city's date (YYYY-MM-DD): a birth date after it is a problem. */
  readonly today: string;
  /** With `port`: hash each resident with this key and send the hashes through the port. */
  readonly secret?: Uint8Array | undefined;
  readonly port?: MessagePort | undefined;
  /** Lower limits (tests). */
  readonly limits?: { readonly rows?: number } | undefined;
}

export interface CensusFileRead {
  /** Residents read (rows without a problem). */
  readonly rows: number;
  /** The first problems, in the file's order. */
  readonly problems: CensusFileProblem[];
  /** Every problem, listed or not. */
  readonly problemCount: number;
}

/** Hashes sent at once through the port. */
export const CENSUS_BATCH = 5_000;

/** A limit crossed or a file problem while reading: ends the reading. */
class Stop extends Error {}

const fmt = (n: number) => n.toLocaleString("en-US");

/** A problem of the table readers (English only) as a census file problem. */
const fromReader = (p: Problem): CensusFileProblem => ({
  row: p.line ?? 1,
  column: p.column ?? null,
  code:
    p.code === "BAD_ENCODING" || p.code === "FILE_TOO_LARGE" || p.code === "MISSING_COLUMN"
      ? p.code
      : "BAD_VALUE",
  reason: { ko: p.message, en: p.message },
});

/** What a spreadsheet shows in a cell, as text (a date cell as YYYY-MM-DD). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
    return "";
  }
  return String(v);
}

/**
 * The name of a sheet the streaming reader yields: exceljs's declared type of its worksheet reader omits the
 * name, which the reader sets once the workbook's sheet list is read (undefined before that).
 */
function sheetName(sheet: object): string | undefined {
  return "name" in sheet && typeof sheet.name === "string" ? sheet.name : undefined;
}

export async function readCensusFile(task: CensusFileTask): Promise<CensusFileRead> {
  const maxRows = task.limits?.rows ?? CENSUS_FILE_LIMITS.rows;
  const problems: CensusFileProblem[] = [];
  let problemCount = 0;
  const add = (p: CensusFileProblem) => {
    problemCount++;
    if (problems.length < CENSUS_FILE_LIMITS.problemsListed) problems.push(p);
  };
  let at: Parameters<typeof censusRow>[2] | undefined;
  let rows = 0;
  let seen = 0;
  let batch: string[] = [];
  const secret = task.secret ? Buffer.from(task.secret) : undefined;
  // the receiver asks for the next batch, or closes the port when it stopped reading
  let answer: ((go: boolean) => void) | undefined;
  let closed = false;
  task.port?.on("message", () => answer?.(true));
  task.port?.on("close", () => {
    closed = true;
    answer?.(false);
  });
  const send = async (last: boolean) => {
    if (!task.port || batch.length === 0 || (!last && batch.length < CENSUS_BATCH)) return;
    const answered = new Promise<boolean>((resolve) => {
      answer = resolve;
    });
    if (!closed) task.port.postMessage(batch);
    batch = [];
    if (closed || !(await answered)) throw new Stop();
  };
  const onHeader = (header: readonly string[]) => {
    const cols = censusColumns(header);
    if (!cols.ok) {
      for (const p of cols.problems) add(p);
      throw new Stop();
    }
    at = cols.at;
  };
  const onRow = (cells: readonly string[], row: number): Promise<void> | undefined => {
    if (!at) return undefined;
    if (++seen > maxRows) {
      add({
        row,
        column: null,
        code: "FILE_TOO_LARGE",
        reason: {
          ko: `명부 파일은 ${fmt(maxRows)}행까지 읽습니다.`,
          en: `A census file is read up to ${fmt(maxRows)} rows.`,
        },
      });
      throw new Stop();
    }
    const r = censusRow(cells, row, at, task.today);
    for (const p of r.problems) add(p);
    if (!r.entry) return undefined;
    rows++;
    if (!secret || problemCount > 0) return undefined;
    batch.push(censusHash(secret, [r.entry.name, r.entry.birth_date, r.entry.district]));
    return batch.length >= CENSUS_BATCH ? send(false) : undefined;
  };
  try {
    if (task.format === "csv") {
      const found = await streamCsvBytes(
        createReadStream(task.path, { highWaterMark: 64 * 1024 }),
        task.encoding ?? "auto",
        task.file,
        onHeader,
        onRow,
      );
      for (const p of found) add(fromReader(p));
    } else await readXlsx(task, onHeader, onRow, add);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  try {
    if (at && rows === 0 && problemCount === 0) add(EMPTY_CENSUS);
    if (problemCount === 0) await send(true);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  } finally {
    task.port?.close();
  }
  return { rows, problems, problemCount };
}

async function readXlsx(
  task: CensusFileTask,
  onHeader: (header: readonly string[]) => void,
  onRow: (cells: readonly string[], row: number) => Promise<void> | undefined,
  add: (p: CensusFileProblem) => void,
): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(task.path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let found = false;
  try {
    for await (const sheet of reader) {
      const name = sheetName(sheet);
      if (task.sheet && name !== task.sheet) {
        for await (const _ of sheet); // the rows of a sheet not read are passed over
        continue;
      }
      found = true;
      let header = false;
      for await (const row of sheet) {
        const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
        if (cells.every((c) => c === "")) continue;
        const number = (row as ExcelJS.Row).number;
        if (!header) {
          header = true;
          onHeader(cells);
        } else {
          const waiting = onRow(cells, number);
          if (waiting) await waiting;
        }
      }
      if (!header)
        add({
          row: 1,
          column: null,
          code: "EMPTY_FILE",
          reason: {
            ko: "시트가 비어 있습니다. 머리글이 없습니다.",
            en: "The sheet is empty: it has no header.",
          },
        });
      break;
    }
  } catch (e) {
    if (e instanceof Stop) throw e;
    add({
      row: 1,
      column: null,
      code: "BAD_VALUE",
      reason: {
        ko: `XLSX 통합 문서로 읽을 수 없습니다: ${(e as Error).message}`,
        en: `Not a readable XLSX workbook: ${(e as Error).message}`,
      },
    });
    return;
  }
  if (!found)
    add({
      row: 1,
      column: null,
      code: "MISSING_VALUE",
      reason: task.sheet
        ? { ko: `"${task.sheet}" 시트가 없습니다.`, en: `The workbook has no sheet "${task.sheet}".` }
        : { ko: "통합 문서에 시트가 없습니다.", en: "The workbook has no sheet." },
    });
}
