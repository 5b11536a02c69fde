/**
 * Reading an uploaded table (a CSV or XLSX file sent as base64 in a JSON body): its rows as records of
 * strings keyed by the header, with each row's line in the file, so problems found later name the file's
 * own lines. A file that cannot be read is a value with every problem, not an exception.
 */
import { CitypathError, type Problem, problem, type Result } from "@citypath/core";
import type { EncodingOption } from "@citypath/data";
import { applyMapping, applyValues, formatOf, readTableRecords, type TableFormat } from "./tables.ts";

export interface Upload {
  readonly file_name: string;
  readonly content_base64: string;
  readonly format?: TableFormat | undefined;
  readonly sheet?: string | undefined;
  readonly encoding?: EncodingOption | undefined;
}

export interface UploadedTable {
  /** The file name as the user gave it. */
  readonly file: string;
  readonly records: Record<string, string>[];
  /** The line in the file of each record. */
  readonly lines: readonly number[];
}

/** An import profile's transforms (the file's layout to Citypath's): see services/tables.ts. */
export interface UploadLayout {
  readonly mapping: Readonly<Record<string, string>>;
  readonly constants: Readonly<Record<string, string>>;
  readonly valueMap: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly scale: Readonly<Record<string, number>>;
}

/**
 * Reads an upload, through an import profile's layout when one is given. A missing format (and a file name that does not say it) or empty content is bad input
 * and thrown (400, with the field); a file that does not parse is a failed Result with each problem.
 */
export async function readUpload(body: Upload, layout?: UploadLayout): Promise<Result<UploadedTable>> {
  const format = body.format ?? formatOf(body.file_name);
  const bytes = Buffer.from(body.content_base64, "base64");
  const problems: Problem[] = [];
  if (!format)
    problems.push(
      problem("BAD_VALUE", "Say the format (csv or xlsx): the file name does not end in .csv or .xlsx.", {
        path: "json.format",
      }),
    );
  if (bytes.length === 0)
    problems.push(
      problem("MISSING_VALUE", "The file is empty or not base64.", { path: "json.content_base64" }),
    );
  if (problems.length || !format) throw new CitypathError(problems);
  const u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // bounded, in a worker thread (services/tables.ts): a file over a limit is refused with 413
  const rec = await readTableRecords({
    bytes: u8,
    format,
    fileName: body.file_name,
    sheet: body.sheet,
    encoding: body.encoding,
  });
  if (!rec.ok) return rec;
  const renamed = layout ? applyMapping(rec.value, layout.mapping, layout.constants) : rec;
  if (!renamed.ok) return renamed;
  const { header, rows, lines, file } = layout
    ? applyValues(renamed.value, layout.valueMap, layout.scale)
    : renamed.value;
  return {
    ok: true,
    warnings: [],
    value: {
      file,
      lines,
      records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))),
    },
  };
}
