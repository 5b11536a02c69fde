/**
 * Reading activity and factor CSV files: bytes -> text (UTF-8 with or without BOM, or CP949/EUC-KR, which
 * Korean spreadsheets save) -> records (papaparse) -> checked rows (core). Every problem comes back at once,
 * each with the file as the user named it, the line (the header is line 1) and the column.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import {
  type ActivityRow,
  activityRecordReader,
  type CsvRecords,
  type FactorRow,
  factorRowsFromRecords,
  fail,
  ok,
  type ParsedRows,
  type Problem,
  parseFactorRecords,
  problem,
  type RecordReader,
  type Result,
  unescapeFormula,
} from "@citypath/core";
import Papa from "papaparse";

export const ENCODINGS = ["auto", "utf-8", "cp949"] as const;
export type EncodingOption = (typeof ENCODINGS)[number];

/** Names accepted for --encoding, mapped to the options above. */
export function encodingOption(name: string): EncodingOption | undefined {
  const n = name.trim().toLowerCase();
  if (n === "auto") return "auto";
  if (n === "utf-8" || n === "utf8") return "utf-8";
  if (n === "cp949" || n === "euc-kr" || n === "euckr" || n === "ms949" || n === "windows-949")
    return "cp949";
  return undefined;
}

export interface DecodedText {
  readonly text: string;
  /** The encoding used: `utf-8` or `cp949`. */
  readonly encoding: "utf-8" | "cp949";
  readonly bom: boolean;
}

/**
 * Decodes a file's bytes. `auto`: a UTF-8 BOM or valid UTF-8 means UTF-8, anything else is tried as CP949
 * (WHATWG's `euc-kr` decoder is the CP949 superset). Bytes invalid in the chosen encoding are a BAD_ENCODING
 * problem naming the line, never replacement characters in the data.
 */
export function decodeText(bytes: Uint8Array, encoding: EncodingOption, file: string): Result<DecodedText> {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const tryDecode = (label: string) => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(body);
    } catch {
      return undefined;
    }
  };
  if (encoding === "utf-8" || encoding === "auto" || bom) {
    const t = tryDecode("utf-8");
    if (t !== undefined) return ok({ text: t, encoding: "utf-8", bom });
    if (encoding === "utf-8" || bom)
      return fail([
        badEncoding(body, "utf-8", file, `${encoding === "auto" ? "the file has a UTF-8 BOM but " : ""}`),
      ]);
  }
  const t = tryDecode("euc-kr");
  if (t !== undefined) return ok({ text: t, encoding: "cp949", bom });
  return fail([
    badEncoding(body, "euc-kr", file, encoding === "auto" ? "the file is neither UTF-8 nor CP949: " : ""),
  ]);
}

function badEncoding(body: Uint8Array, label: string, file: string, prefix: string) {
  // Find the first line that does not decode, to say where.
  let start = 0;
  let line = 1;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === 0x0a) {
      try {
        new TextDecoder(label, { fatal: true }).decode(body.subarray(start, i));
      } catch {
        break;
      }
      start = i + 1;
      line++;
    }
  }
  const name = label === "euc-kr" ? "CP949/EUC-KR" : "UTF-8";
  return problem(
    "BAD_ENCODING",
    `${prefix}line ${line} is not valid ${name}; save the file as UTF-8 or CP949`,
    {
      file,
      line,
    },
  );
}

type StepResult = { data: string[]; errors: { type: string; message: string }[] };

/**
 * The record-by-record reading both streams share: line numbers (a quoted field's newlines counted when
 * `quoted`), blank lines skipped, the header first, a quote error as a problem on its line.
 */
function csvSteps(
  file: string,
  quoted: boolean,
  onHeader: (header: string[]) => void,
  onRow: (row: string[], line: number) => void | Promise<void>,
) {
  const problems: Problem[] = [];
  let header = false;
  let line = 1;
  return {
    problems,
    step(res: StepResult): void | Promise<void> {
      // a cell escaped against formula injection on export ("'=x") is read back as written ("=x")
      const rec = res.data.map(unescapeFormula);
      const here = line;
      line++;
      if (quoted)
        for (const f of rec) for (let k = f.indexOf("\n"); k >= 0; k = f.indexOf("\n", k + 1)) line++;
      for (const e of res.errors)
        if (e.type === "Quotes")
          problems.push(problem("BAD_VALUE", `CSV: ${e.message}`, { file, line: here }));
      if (rec.length === 1 && rec[0]!.trim() === "") return;
      if (!header) {
        header = true;
        if (here !== 1)
          problems.push(
            problem("MISSING_COLUMN", "the file must start with its header line", { file, line: 1 }),
          );
        onHeader(rec);
        return;
      }
      return onRow(rec, here);
    },
    finish(): Problem[] {
      if (!header)
        problems.push(
          problem("MISSING_COLUMN", "the file is empty: it has no header line", { file, line: 1 }),
        );
      return problems;
    },
  };
}

/**
 * Streams CSV text record by record (papaparse's step mode, which keeps no array of all records), with each
 * record's 1-based line number; quoted fields may hold commas and newlines. Blank lines are skipped. Returns
 * the CSV-level problems (an empty file, a header not on line 1, unbalanced quotes).
 */
export function streamCsvText(
  text: string,
  file: string,
  onHeader: (header: string[]) => void,
  onRow: (row: string[], line: number) => void,
): Problem[] {
  const steps = csvSteps(file, text.includes('"'), onHeader, onRow);
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimiter: ",",
    step: (res) => {
      steps.step(res);
    },
  });
  return steps.finish();
}

/** A problem found while streaming (a bad byte): ends the stream, becomes the file's problem. */
export class CsvStreamStop extends Error {
  constructor(readonly found: Problem) {
    super(found.message);
  }
}

/** The longest line decodeChunks takes (bytes between two line breaks). */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Decodes a file's bytes as they come (see decodeText for the encodings), whole lines at a time: the bytes
 * are cut after their last line break (0x0A, which is never part of a UTF-8 or CP949 character), the rest
 * waits for the next chunk. `auto` decides on the first 64 KB: a BOM or valid UTF-8 means UTF-8, anything
 * else CP949. A byte invalid in the chosen encoding later in the file stops the stream with a BAD_ENCODING
 * problem naming its line; a line longer than 16 MB with FILE_TOO_LARGE (CsvStreamStop).
 */
export async function* decodeChunks(
  source: AsyncIterable<Uint8Array>,
  encoding: EncodingOption,
  file: string,
): AsyncGenerator<string> {
  const SNIFF = 64 * 1024;
  let label: string | undefined =
    encoding === "cp949" ? "euc-kr" : encoding === "utf-8" ? "utf-8" : undefined;
  let start = true;
  let carry: Uint8Array = new Uint8Array(0);
  let lines = 0;
  const decode = (bytes: Uint8Array): string => {
    try {
      const text = new TextDecoder(label, { fatal: true }).decode(bytes);
      for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) lines++;
      return text;
    } catch {
      const at = badEncoding(bytes, label!, file, "");
      const line = lines + (at.line ?? 1);
      const name = label === "euc-kr" ? "CP949/EUC-KR" : "UTF-8";
      throw new CsvStreamStop(
        problem("BAD_ENCODING", `line ${line} is not valid ${name}; save the file as UTF-8 or CP949`, {
          file,
          line,
        }),
      );
    }
  };
  const take = (bytes: Uint8Array): Uint8Array => {
    if (start) {
      start = false;
      const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      if (bom) {
        if (label === undefined) label = "utf-8";
        bytes = bytes.subarray(3);
      }
      if (label === undefined) {
        const cut = bytes.lastIndexOf(0x0a);
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(cut >= 0 ? bytes.subarray(0, cut) : bytes, {
            stream: cut < 0,
          });
          label = "utf-8";
        } catch {
          label = "euc-kr";
        }
      }
    }
    return bytes;
  };
  for await (const chunk of source) {
    let bytes: Uint8Array = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (start && bytes.length < SNIFF) {
      carry = bytes;
      continue;
    }
    bytes = take(bytes);
    const cut = bytes.lastIndexOf(0x0a);
    if (cut < 0) {
      if (bytes.length > MAX_LINE_BYTES)
        throw new CsvStreamStop(
          problem("FILE_TOO_LARGE", `line ${lines + 1} is longer than 16 MB`, { file, line: lines + 1 }),
        );
      carry = bytes;
      continue;
    }
    carry = bytes.slice(cut + 1);
    yield decode(bytes.subarray(0, cut + 1));
  }
  const rest = take(carry);
  if (rest.length) yield decode(rest);
}

/**
 * Streams a CSV file record by record as its bytes come (decodeChunks, then papaparse's step mode on the
 * stream): memory holds a chunk and a record, never the file. `onRow` may return a promise: reading waits
 * for it (so a consumer slower than the parser bounds what is in flight). Returns the CSV-level problems as
 * streamCsvText does, or the encoding problem that stopped it.
 */
export async function streamCsvBytes(
  source: AsyncIterable<Uint8Array>,
  encoding: EncodingOption,
  file: string,
  onHeader: (header: string[]) => void,
  onRow: (row: string[], line: number) => void | Promise<void>,
): Promise<Problem[]> {
  const steps = csvSteps(file, true, onHeader, onRow);
  const text = Readable.from(decodeChunks(source, encoding, file), { objectMode: true });
  try {
    await new Promise<void>((resolve, reject) => {
      text.on("error", reject);
      Papa.parse<string[]>(text, {
        header: false,
        skipEmptyLines: false,
        delimiter: ",",
        step: (res, parser) => {
          let waiting: void | Promise<void>;
          try {
            waiting = steps.step(res);
          } catch (e) {
            parser.abort();
            text.destroy();
            reject(e);
            return;
          }
          if (!waiting) return;
          parser.pause();
          waiting.then(
            () => parser.resume(),
            (e) => {
              parser.abort();
              text.destroy();
              reject(e);
            },
          );
        },
        complete: () => resolve(),
        error: (e) => reject(e),
      });
    });
  } catch (e) {
    if (e instanceof CsvStreamStop) return [e.found];
    throw e;
  }
  return steps.finish();
}

/** Splits CSV text into records with each record's line number (see streamCsvText). */
export function parseCsvText(text: string, file: string): Result<CsvRecords> {
  let header: string[] = [];
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems = streamCsvText(
    text,
    file,
    (h) => {
      header = h;
    },
    (r, l) => {
      rows.push(r);
      lines.push(l);
    },
  );
  return problems.length ? fail(problems) : ok({ file, header, rows, lines });
}

export interface ReadOptions {
  readonly encoding?: EncodingOption;
  /** The name problems use for the file (default: the path as given, or "<bytes>"). */
  readonly file?: string;
  /** Directory that a relative path resolves against (default: the process's). */
  readonly cwd?: string;
}

function readText(input: string | Uint8Array, opts: ReadOptions): Result<{ text: string; file: string }> {
  const file = opts.file ?? (typeof input === "string" ? input : "<bytes>");
  let bytes: Uint8Array;
  if (typeof input === "string") {
    try {
      bytes = readFileSync(resolve(opts.cwd ?? process.cwd(), input));
    } catch (e) {
      return fail([problem("NOT_FOUND", `cannot read the file: ${(e as Error).message}`, { file })]);
    }
  } else bytes = input;
  const dec = decodeText(bytes, opts.encoding ?? "auto", file);
  return dec.ok ? ok({ text: dec.value.text, file }) : dec;
}

function readRecords(input: string | Uint8Array, opts: ReadOptions): Result<CsvRecords> {
  const t = readText(input, opts);
  return t.ok ? parseCsvText(t.value.text, t.value.file) : t;
}

/** Reads an activity CSV (a path resolved against opts.cwd, or its bytes): rows or every problem at once. */
export function readActivityCsv(input: string | Uint8Array, opts: ReadOptions = {}): Result<ActivityRow[]> {
  const r = readActivityCsvRows(input, opts);
  return r.problems.length ? fail(r.problems) : ok(r.rows);
}

/** Reads a factors CSV (origin "user"): rows or every problem at once. */
export function readFactorCsv(input: string | Uint8Array, opts: ReadOptions = {}): Result<FactorRow[]> {
  const rec = readRecords(input, opts);
  return rec.ok ? factorRowsFromRecords(rec.value) : rec;
}

/**
 * Reads an activity CSV keeping the rows that parsed next to the problems, so that a caller can check the good
 * rows further (compute the inventory) and report every problem of every stage at once. Records are checked
 * as they are parsed, so that a large file is never held twice in memory.
 */
export function readActivityCsvRows(
  input: string | Uint8Array,
  opts: ReadOptions = {},
): ParsedRows<ActivityRow> {
  const text = readText(input, opts);
  if (!text.ok) return { rows: [], problems: text.problems };
  let reader: RecordReader<ActivityRow> | undefined;
  const csvProblems = streamCsvText(
    text.value.text,
    text.value.file,
    (header) => {
      reader = activityRecordReader({ file: text.value.file, header });
    },
    (row, line) => reader!.push(row, line),
  );
  if (csvProblems.length || !reader) return { rows: [], problems: csvProblems };
  return reader.result();
}

/** Reads a factors CSV keeping the rows that parsed next to the problems. */
export function readFactorCsvRows(input: string | Uint8Array, opts: ReadOptions = {}): ParsedRows<FactorRow> {
  const rec = readRecords(input, opts);
  return rec.ok ? parseFactorRecords(rec.value) : { rows: [], problems: rec.problems };
}
