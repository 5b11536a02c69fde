/**
 * Builds XLSX files byte by byte for tests and benches: a minimal workbook around given sheet XML, zipped
 * with a directory that may state false sizes. Lets a test make a file whose few kilobytes of zip hold a
 * huge sheet, a range beyond the limits, or a damaged zip, without writing them to disk.
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipPart {
  readonly name: string;
  readonly data: string | Uint8Array;
  /** The uncompressed size written in the zip's directory (default: the true size). */
  readonly statedSize?: number;
  /** Store without compression (default: deflate). */
  readonly stored?: boolean;
}

export function zip(parts: readonly ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : Buffer.from(p.data);
    const body = p.stored ? raw : deflateRawSync(raw, { level: 9 });
    const name = Buffer.from(p.name, "utf8");
    const size = p.statedSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(p.stored ? 0 : 8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBuf, end]));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts of a one-sheet workbook around the given sheet XML (and shared strings, when given). */
export function workbookParts(
  sheetXml: string | Uint8Array,
  opts: { sheetName?: string; sharedStrings?: readonly string[]; statedSheetSize?: number } = {},
): ZipPart[] {
  const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
  const parts: ZipPart[] = [
    {
      name: "[Content_Types].xml",
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="${RNS}"><sheets><sheet name="${esc(opts.sheetName ?? "Sheet1")}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/worksheet" Target="worksheets/sheet1.xml"/>${opts.sharedStrings ? `<Relationship Id="rId2" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    },
    {
      name: "xl/worksheets/sheet1.xml",
      data: sheetXml,
      ...(opts.statedSheetSize !== undefined ? { statedSize: opts.statedSheetSize } : {}),
    },
  ];
  if (opts.sharedStrings)
    parts.push({
      name: "xl/sharedStrings.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${opts.sharedStrings.map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>`,
    });
  return parts;
}

/** Sheet XML around row elements (and a dimension element when given). */
export function sheetXml(rowsXml: string, dimension?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${dimension ? `<dimension ref="${dimension}"/>` : ""}<sheetData>${rowsXml}</sheetData></worksheet>`;
}

/**
 * A sheet of `rows` rows by `cols` numeric cells as one deflated zip, built chunk by chunk so that a sheet of
 * millions of cells costs little memory to make (the zip stays a few kilobytes to a few megabytes).
 */
export function bigSheetXlsx(rows: number, cols: number, opts: { dimension?: boolean } = {}): Uint8Array {
  const letters = (n: number) => {
    let s = "";
    for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    return s;
  };
  const cellsOfRow = Array.from({ length: cols }, () => "<c><v>1</v></c>").join("");
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${opts.dimension === false ? "" : `<dimension ref="A1:${letters(cols)}${rows}"/>`}<sheetData>`;
  const pieces: string[] = [head];
  for (let r = 1; r <= rows; r++) pieces.push(`<row r="${r}">${cellsOfRow}</row>`);
  pieces.push("</sheetData></worksheet>");
  return zip(workbookParts(Buffer.from(pieces.join(""), "utf8")));
}
