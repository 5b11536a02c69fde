/**
 * The text of a PDF printed by Chromium, for tests: page by page, the content streams are inflated, the
 * current font followed (`/F4 24 Tf`), and every shown string (`<hex> Tj`, `[...] TJ`) mapped back to
 * Unicode through that font's ToUnicode map. It reads what Chromium (Skia) writes, not PDF in general.
 */
import { inflateSync } from "node:zlib";

interface Obj {
  readonly dict: string;
  readonly stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, Obj> {
  const s = pdf.toString("latin1");
  const out = new Map<number, Obj>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf("endobj", start);
    const body = s.slice(start, end);
    const st = body.indexOf("stream");
    if (st < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, st);
    const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    const nl = body[st + 6] === "\r" ? st + 8 : st + 7;
    const raw = pdf.subarray(start + nl, start + nl + len);
    let data: Buffer = raw;
    try {
      if (/FlateDecode/.test(dict)) data = inflateSync(raw);
    } catch {
      // leave it raw
    }
    out.set(Number(m[1]), { dict, stream: data });
  }
  return out;
}

interface CMap {
  readonly bytes: number;
  readonly map: Map<number, string>;
}

function readCMap(text: string): CMap {
  const map = new Map<number, string>();
  const hex = (h: string) => Number.parseInt(h, 16);
  const uni = (h: string) => {
    let r = "";
    for (let i = 0; i + 4 <= h.length; i += 4) r += String.fromCharCode(hex(h.slice(i, i + 4)));
    return r;
  };
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(text);
  const bytes = space ? space[1]!.length / 2 : 2;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(hex(m[1]!), uni(m[2]!));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [a, b, u] = [hex(m[1]!), hex(m[2]!), hex(m[3]!)];
      for (let g = a; g <= b; g++) map.set(g, String.fromCharCode(u + g - a));
    }
  return { bytes, map };
}

const ref = (s: string | undefined) => (s ? Number(s) : undefined);

/** The text of each page, in content order. */
export function pdfText(bytes: Uint8Array): { pages: number; text: string; pageTexts: string[] } {
  const objs = objects(Buffer.from(bytes));
  const cmapOfFont = new Map<number, CMap>();
  for (const [n, o] of objs) {
    const tu = ref(/\/ToUnicode (\d+) 0 R/.exec(o.dict)?.[1]);
    const st = tu !== undefined ? objs.get(tu)?.stream : undefined;
    if (st) cmapOfFont.set(n, readCMap(st.toString("latin1")));
  }
  const pageTexts: string[] = [];
  for (const o of objs.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(o.dict)) continue;
    let res = /\/Resources\s*(\d+) 0 R/.exec(o.dict)?.[1]
      ? (objs.get(Number(/\/Resources\s*(\d+) 0 R/.exec(o.dict)![1]))?.dict ?? "")
      : o.dict;
    const fontDictRef = /\/Font\s*(\d+) 0 R/.exec(res)?.[1];
    if (fontDictRef) res = objs.get(Number(fontDictRef))?.dict ?? res;
    const fonts = new Map<string, CMap>();
    const fontBlock = /\/Font\s*<<([\s\S]*?)>>/.exec(res)?.[1] ?? res;
    for (const m of fontBlock.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const c = cmapOfFont.get(Number(m[2]));
      if (c) fonts.set(m[1]!, c);
    }
    const contents = /\/Contents\s*(?:\[([^\]]*)\]|(\d+) 0 R)/.exec(o.dict);
    const refs = contents?.[1]
      ? [...contents[1].matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))
      : [Number(contents?.[2])];
    let text = "";
    for (const r of refs) {
      const st = objs.get(r)?.stream?.toString("latin1") ?? "";
      let font: CMap | undefined;
      for (const m of st.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\bET\b/g)) {
        if (m[1]) {
          font = fonts.get(m[1]);
          continue;
        }
        if (m[0] === "ET") {
          text += "\n";
          continue;
        }
        const parts =
          m[2] !== undefined ? [m[2]] : [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]!);
        const w = (font?.bytes ?? 2) * 2;
        for (const h of parts)
          for (let i = 0; i + w <= h.length; i += w)
            text += font?.map.get(Number.parseInt(h.slice(i, i + w), 16)) ?? "";
      }
    }
    pageTexts.push(text);
  }
  return { pages: pageTexts.length, text: pageTexts.join("\n\f\n"), pageTexts };
}
