/**
 * A bounded XLSX reader: one sheet of a workbook as a header and rows of text, each row with its line in the
 * sheet. Memory and time are bounded by FILE_LIMITS whatever the file says: the zip's directory is checked
 * before anything is inflated, the sheet's declared range before its cells are read, and while streaming the
 * uncompressed XML is counted byte by byte and the cells one by one (a few kilobytes of zip can hold
 * gigabytes of XML). Over a limit is a FILE_TOO_LARGE problem naming the limit and the file's figure; a file
 * that is not a workbook is a BAD_VALUE problem. No formula is evaluated: a formula cell gives its cached value.
 *
 * Cell text follows what a spreadsheet shows: numbers in full (String of the stored number), booleans as
 * true/false, dates (a number in a date format) as YYYY-MM-DD, errors as their code (#DIV/0!).
 */
import { createInflateRaw } from "node:zlib";
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
import { SaxesParser, type SaxesTagPlain } from "saxes";

export interface XlsxLimits {
  readonly sheetXmlBytes: number;
  readonly columns: number;
  readonly cells: number;
}

export interface XlsxReadOptions {
  /** The file name problems carry. */
  readonly file: string;
  /** The sheet to read (default: the first). */
  readonly sheet?: string | null | undefined;
  readonly limits?: Partial<XlsxLimits>;
}

/** A limit crossed while streaming: unwinds the parser, becomes a FILE_TOO_LARGE problem. */
class Stop extends Error {
  constructor(readonly found: Problem) {
    super(found.message);
  }
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** The zip's central directory (no ZIP64: an upload is at most 20 MB). Throws Stop on a broken directory. */
function zipEntries(buf: Buffer, file: string): Map<string, ZipEntry> {
  const bad = (why: string) =>
    new Stop(problem("BAD_VALUE", `not a readable XLSX workbook: ${why}`, { file }));
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 0xffff; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw bad("it is not a zip file (an XLSX file is one)");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let k = 0; k < count; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50)
      throw bad("its zip directory is damaged");
    const nameLen = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (next > buf.length) throw bad("its zip directory is damaged");
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen).replace(/^\/+/, "");
    entries.set(name.toLowerCase(), {
      name,
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

/** The compressed bytes of an entry. */
function entryData(buf: Buffer, e: ZipEntry, file: string): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50)
    throw new Stop(
      problem("BAD_VALUE", `not a readable XLSX workbook: the part ${e.name} is damaged`, { file }),
    );
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + e.compressedSize;
  if (end > buf.length)
    throw new Stop(
      problem("BAD_VALUE", `not a readable XLSX workbook: the part ${e.name} is cut short`, { file }),
    );
  return buf.subarray(start, end);
}

/** Bytes read so far across the parts of one sheet, against the limit. */
interface Budget {
  used: number;
  readonly max: number;
}

/**
 * Streams one zip entry through an XML parser: inflated in chunks, each chunk counted against the budget
 * before it is parsed. Handlers may throw Stop to end early.
 */
async function streamXml(
  buf: Buffer,
  e: ZipEntry,
  file: string,
  budget: Budget,
  what: string,
  on: (p: SaxesParser) => void,
): Promise<void> {
  const over = (n: number) =>
    new Stop(
      problem(
        "FILE_TOO_LARGE",
        `${what} holds over ${formatMegabytes(n)} of XML uncompressed; at most ${formatMegabytes(budget.max)} is read (the sheet and its shared strings together)`,
        { file },
      ),
    );
  if (e.method !== 0 && e.method !== 8)
    throw new Stop(
      problem("BAD_VALUE", `not a readable XLSX workbook: ${e.name} uses zip method ${e.method}`, { file }),
    );
  // The directory's figure, checked before inflating (the stream is counted as well: the figure may lie).
  if (budget.used + e.size > budget.max) throw over(budget.used + e.size);
  const parser = new SaxesParser({ xmlns: false, position: false });
  let xmlError: Error | undefined;
  parser.on("error", (err) => {
    xmlError = err;
  });
  on(parser);
  const decoder = new TextDecoder("utf-8");
  const feed = (chunk: Uint8Array) => {
    budget.used += chunk.length;
    if (budget.used > budget.max) throw over(budget.used);
    parser.write(decoder.decode(chunk, { stream: true }));
    if (xmlError) throw xmlError;
  };
  const data = entryData(buf, e, file);
  try {
    if (e.method === 0) {
      for (let i = 0; i < data.length; i += 65536) feed(data.subarray(i, i + 65536));
    } else {
      const z = createInflateRaw({ chunkSize: 65536 });
      z.end(data);
      try {
        for await (const chunk of z) feed(chunk as Buffer);
      } finally {
        z.destroy();
      }
    }
    parser.write(decoder.decode());
    parser.close();
    if (xmlError) throw xmlError;
  } catch (err) {
    if (err instanceof Stop) throw err;
    throw new Stop(
      problem("BAD_VALUE", `not a readable XLSX workbook: ${e.name}: ${firstLine((err as Error).message)}`, {
        file,
      }),
    );
  }
}

const firstLine = (s: string) => s.split("\n")[0]!.slice(0, 200);
const local = (name: string) => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};
const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  for (const [k, v] of Object.entries(tag.attributes)) if (local(k) === name) return v as string;
  return undefined;
};

/** Reads a small part (workbook, relationships, styles) into the tags it holds, within its own budget. */
async function tagsOf(
  buf: Buffer,
  entries: Map<string, ZipEntry>,
  path: string,
  file: string,
  wanted: ReadonlySet<string>,
): Promise<SaxesTagPlain[] | undefined> {
  const e = entries.get(path.toLowerCase());
  if (!e) return undefined;
  const out: SaxesTagPlain[] = [];
  await streamXml(buf, e, file, { used: 0, max: 10 * 1024 * 1024 }, path, (p) => {
    p.on("opentag", (t) => {
      if (wanted.has(local(t.name))) out.push(t as SaxesTagPlain);
    });
  });
  return out;
}

/** A relationship target resolved against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom number format that shows a date or time: d, m, y, h or s outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** "B12" -> column 2 (1-based); undefined when the reference has no column letters. */
function columnOf(ref: string): number | undefined {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > 16384) return col;
  }
  return i === 0 ? undefined : col;
}

function rowOf(ref: string): number | undefined {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : undefined;
}

/** An Excel date serial as YYYY-MM-DD (1900 system with its phantom 29 February 1900, or 1904). */
function serialDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return undefined;
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Date.UTC(1899, 11, 30) + Math.round(days * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

function numberText(v: string): string {
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? String(n) : v;
}

/** Reads one sheet of an XLSX workbook as records, bounded by the limits (see the module comment). */
export async function readXlsxSheet(bytes: Uint8Array, opts: XlsxReadOptions): Promise<Result<CsvRecords>> {
  const limits: XlsxLimits = {
    sheetXmlBytes: opts.limits?.sheetXmlBytes ?? FILE_LIMITS.sheetXmlBytes,
    columns: opts.limits?.columns ?? FILE_LIMITS.columns,
    cells: opts.limits?.cells ?? FILE_LIMITS.cells,
  };
  try {
    return await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), opts, limits);
  } catch (err) {
    if (err instanceof Stop) return fail([err.found]);
    throw err;
  }
}

async function readSheet(
  buf: Buffer,
  opts: XlsxReadOptions,
  limits: XlsxLimits,
): Promise<Result<CsvRecords>> {
  const file = opts.file;
  const entries = zipEntries(buf, file);

  // the workbook part, its sheets in order, and the parts they point to
  const rootRels = (await tagsOf(buf, entries, "_rels/.rels", file, new Set(["Relationship"]))) ?? [];
  const officeDoc = rootRels.find((r) => (attr(r, "Type") ?? "").endsWith("/officeDocument"));
  const workbookPath = officeDoc ? resolveTarget("", attr(officeDoc, "Target") ?? "") : "xl/workbook.xml";
  const wbTags = await tagsOf(buf, entries, workbookPath, file, new Set(["sheet", "workbookPr"]));
  if (!wbTags)
    throw new Stop(problem("BAD_VALUE", "not a readable XLSX workbook: it has no workbook part", { file }));
  const date1904 = wbTags.some(
    (t) => local(t.name) === "workbookPr" && ["1", "true"].includes(attr(t, "date1904") ?? ""),
  );
  const rels = (await tagsOf(buf, entries, relsPathOf(workbookPath), file, new Set(["Relationship"]))) ?? [];
  const relTarget = new Map(rels.map((r) => [attr(r, "Id") ?? "", attr(r, "Target") ?? ""]));
  const partOfType = (suffix: string) => {
    const r = rels.find((x) => (attr(x, "Type") ?? "").endsWith(suffix));
    return r ? resolveTarget(workbookPath, attr(r, "Target") ?? "") : undefined;
  };
  const sheets = wbTags
    .filter((t) => local(t.name) === "sheet")
    .map((t) => ({ name: attr(t, "name") ?? "", target: relTarget.get(attr(t, "id") ?? "") }));
  const chosen = opts.sheet ? sheets.find((s) => s.name === opts.sheet) : sheets[0];
  if (!chosen)
    return fail([
      problem(
        "NOT_FOUND",
        opts.sheet
          ? `the workbook has no sheet "${opts.sheet}" (it has ${sheets.map((s) => s.name).join(", ")})`
          : "the workbook has no sheet",
        { file },
      ),
    ]);
  const where = `${file}#${chosen.name}`;
  const sheetEntry = chosen.target
    ? entries.get(resolveTarget(workbookPath, chosen.target).toLowerCase())
    : undefined;
  if (!sheetEntry)
    throw new Stop(
      problem("BAD_VALUE", `not a readable XLSX workbook: the sheet "${chosen.name}" has no part`, { file }),
    );

  // date formats (a date is a number shown in a date format)
  const dateStyles: boolean[] = [];
  const stylesPath = partOfType("/styles");
  if (stylesPath) {
    const custom = new Map<number, string>();
    let inCellXfs = false;
    const e = entries.get(stylesPath.toLowerCase());
    if (e)
      await streamXml(buf, e, file, { used: 0, max: 10 * 1024 * 1024 }, "the styles", (p) => {
        p.on("opentag", (t) => {
          const n = local(t.name);
          if (n === "numFmt")
            custom.set(
              Number(attr(t as SaxesTagPlain, "numFmtId")),
              attr(t as SaxesTagPlain, "formatCode") ?? "",
            );
          else if (n === "cellXfs") inCellXfs = true;
          else if (n === "xf" && inCellXfs) {
            const id = Number(attr(t as SaxesTagPlain, "numFmtId") ?? 0);
            const code = custom.get(id);
            dateStyles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
          }
        });
        p.on("closetag", (t) => {
          if (local(t.name) === "cellXfs") inCellXfs = false;
        });
      });
  }

  // shared strings and the sheet share one budget of uncompressed XML
  const budget: Budget = { used: 0, max: limits.sheetXmlBytes };
  const shared: string[] = [];
  const sstPath = partOfType("/sharedStrings");
  const sst = sstPath ? entries.get(sstPath.toLowerCase()) : undefined;
  if (sst)
    await streamXml(buf, sst, file, budget, `The sheet "${chosen.name}"`, (p) => {
      let text: string[] | undefined;
      let inT = false;
      let phonetic = 0;
      p.on("opentag", (t) => {
        const n = local(t.name);
        if (n === "si") text = [];
        else if (n === "rPh") phonetic++;
        else if (n === "t" && phonetic === 0) inT = true;
      });
      p.on("text", (s) => {
        if (inT && text) text.push(s);
      });
      p.on("cdata", (s) => {
        if (inT && text) text.push(s);
      });
      p.on("closetag", (t) => {
        const n = local(t.name);
        if (n === "t") inT = false;
        else if (n === "rPh") phonetic--;
        else if (n === "si") {
          shared.push((text ?? []).join(""));
          text = undefined;
        }
      });
    });

  let header: string[] | undefined;
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  let cellCount = 0;
  let rowNumber = 0;
  let row: string[] = [];
  let nextCol = 1;
  let cell: { col: number; type: string; style: number } | undefined;
  let value: string[] = [];
  let collect = false;
  let inIs = 0;
  let phonetic = 0;
  const tooLarge = (message: string) => new Stop(problem("FILE_TOO_LARGE", message, { file: where }));
  const endRow = () => {
    if (row.every((c) => c.trim() === "")) return;
    if (!header) {
      if (rowNumber !== 1)
        problems.push(
          problem("MISSING_COLUMN", "the sheet must start with its header row", { file: where, line: 1 }),
        );
      header = row;
      return;
    }
    rows.push(row);
    lines.push(rowNumber);
  };
  const cellText = (raw: string, c: { type: string; style: number }): string => {
    switch (c.type) {
      case "s": {
        const i = Number(raw);
        return Number.isInteger(i) && i >= 0 && i < shared.length ? shared[i]! : "";
      }
      case "b":
        return raw === "1" || raw.toLowerCase() === "true" ? "true" : "false";
      case "str":
      case "inlineStr":
      case "e":
        return raw;
      case "d":
        return raw.slice(0, 10);
      default: {
        if (dateStyles[c.style]) {
          const d = serialDate(Number(raw), date1904);
          if (d) return d;
        }
        return numberText(raw);
      }
    }
  };

  await streamXml(buf, sheetEntry, file, budget, `The sheet "${chosen.name}"`, (p) => {
    p.on("opentag", (t) => {
      const tag = t as SaxesTagPlain;
      switch (local(tag.name)) {
        case "dimension": {
          // the sheet's own statement of its range, checked before any cell is read
          const [from, to] = (attr(tag, "ref") ?? "").split(":");
          if (!from || !to) return;
          const c0 = columnOf(from);
          const c1 = columnOf(to);
          const r0 = rowOf(from);
          const r1 = rowOf(to);
          if (c0 === undefined || c1 === undefined || r0 === undefined || r1 === undefined) return;
          const cols = Math.abs(c1 - c0) + 1;
          const cells = cols * (Math.abs(r1 - r0) + 1);
          if (cols > limits.columns)
            throw tooLarge(
              `the sheet's range ${attr(tag, "ref")} spans ${fmt(cols)} columns; at most ${fmt(limits.columns)} columns are read`,
            );
          if (cells > limits.cells)
            throw tooLarge(
              `the sheet's range ${attr(tag, "ref")} spans ${fmt(cells)} cells; at most ${fmt(limits.cells)} cells per sheet are read`,
            );
          return;
        }
        case "row": {
          const r = Number(attr(tag, "r"));
          rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
          row = [];
          nextCol = 1;
          return;
        }
        case "c": {
          cellCount++;
          if (cellCount > limits.cells)
            throw tooLarge(
              `the sheet has more than ${fmt(limits.cells)} cells; at most ${fmt(limits.cells)} cells per sheet are read`,
            );
          const ref = attr(tag, "r");
          const col = (ref ? columnOf(ref) : undefined) ?? nextCol;
          if (col > limits.columns)
            throw tooLarge(
              `the sheet has a cell in column ${fmt(col)} (${ref ?? `row ${rowNumber}`}); at most ${fmt(limits.columns)} columns are read`,
            );
          nextCol = col + 1;
          cell = { col, type: attr(tag, "t") ?? "n", style: Number(attr(tag, "s") ?? 0) };
          value = [];
          return;
        }
        case "v":
          collect = cell !== undefined && inIs === 0;
          return;
        case "is":
          inIs++;
          return;
        case "rPh":
          phonetic++;
          return;
        case "t":
          collect = cell !== undefined && inIs > 0 && phonetic === 0;
          return;
      }
    });
    const onText = (s: string) => {
      if (collect) value.push(s);
    };
    p.on("text", onText);
    p.on("cdata", onText);
    p.on("closetag", (t) => {
      switch (local(t.name)) {
        case "v":
        case "t":
          collect = false;
          return;
        case "is":
          inIs--;
          return;
        case "rPh":
          phonetic--;
          return;
        case "c": {
          if (cell) {
            const text = value.length ? cellText(value.join(""), cell) : "";
            while (row.length < cell.col - 1) row.push("");
            row[cell.col - 1] = text;
          }
          cell = undefined;
          return;
        }
        case "row":
          endRow();
          row = [];
          return;
      }
    });
  });

  if (!header)
    problems.push(
      problem("MISSING_COLUMN", "the sheet is empty: it has no header row", { file: where, line: 1 }),
    );
  return problems.length ? fail(problems) : ok({ file: where, header: header!, rows, lines });
}
