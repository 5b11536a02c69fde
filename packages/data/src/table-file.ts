/**
 * One table file (CSV or XLSX) as records, within FILE_LIMITS: the file's size is checked first, then CSV
 * is decoded and streamed with its columns and cells counted, XLSX read by the bounded sheet reader. Over a
 * limit is a FILE_TOO_LARGE problem naming the limit and the file's figure; everything else wrong with the
 * file is a problem with its line. The server runs this in a worker thread (it is CPU-bound).
 */
import {
  type CsvRecords,
  FILE_LIMITS,
  fail,
  formatMegabytes,
  ok,
  type Problem,
  problem,
  type Result,
} from "@citypath/core";
import { decodeText, type EncodingOption, streamCsvText } from "./csv.ts";
import { readXlsxSheet, type XlsxLimits } from "./xlsx.ts";

export interface TableFileRequest {
  readonly bytes: Uint8Array;
  readonly format: "csv" | "xlsx";
  /** The file name problems carry. */
  readonly file: string;
  readonly encoding?: EncodingOption | undefined;
  /** XLSX: the sheet to read (default: the first). */
  readonly sheet?: string | null | undefined;
  /** Lower limits (tests); never higher than FILE_LIMITS by default. */
  readonly limits?: Partial<XlsxLimits & { uploadBytes: number }>;
}

const fmt = (n: number) => n.toLocaleString("en-US");

class Stop extends Error {
  constructor(readonly found: Problem) {
    super(found.message);
  }
}

export async function readTableFile(req: TableFileRequest): Promise<Result<CsvRecords>> {
  const maxBytes = req.limits?.uploadBytes ?? FILE_LIMITS.uploadBytes;
  if (req.bytes.length > maxBytes)
    return fail([
      problem(
        "FILE_TOO_LARGE",
        `the file is ${formatMegabytes(req.bytes.length)} (${fmt(req.bytes.length)} bytes); at most ${formatMegabytes(maxBytes)} is read`,
        { file: req.file },
      ),
    ]);
  if (req.format === "xlsx")
    return readXlsxSheet(req.bytes, { file: req.file, sheet: req.sheet, limits: req.limits ?? {} });
  return readCsvBounded(req);
}

function readCsvBounded(req: TableFileRequest): Result<CsvRecords> {
  const maxColumns = req.limits?.columns ?? FILE_LIMITS.columns;
  const maxCells = req.limits?.cells ?? FILE_LIMITS.cells;
  const text = decodeText(req.bytes, req.encoding ?? "auto", req.file);
  if (!text.ok) return text;
  let header: string[] = [];
  const rows: string[][] = [];
  const lines: number[] = [];
  let cells = 0;
  const count = (r: readonly string[], line: number) => {
    if (r.length > maxColumns)
      throw new Stop(
        problem(
          "FILE_TOO_LARGE",
          `line ${line} has ${fmt(r.length)} columns; at most ${fmt(maxColumns)} are read`,
          {
            file: req.file,
            line,
          },
        ),
      );
    cells += r.length;
    if (cells > maxCells)
      throw new Stop(
        problem(
          "FILE_TOO_LARGE",
          `the file has more than ${fmt(maxCells)} cells; at most ${fmt(maxCells)} are read`,
          {
            file: req.file,
            line,
          },
        ),
      );
  };
  try {
    const problems = streamCsvText(
      text.value.text,
      req.file,
      (h) => {
        count(h, 1);
        header = h;
      },
      (r, l) => {
        count(r, l);
        rows.push(r);
        lines.push(l);
      },
    );
    return problems.length ? fail(problems) : ok({ file: req.file, header, rows, lines });
  } catch (e) {
    if (e instanceof Stop) return fail([e.found]);
    throw e;
  }
}
