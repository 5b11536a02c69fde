/**
 * The census file a city uploads for resident verification, read in the browser before it is sent: CSV in
 * UTF-8 (a byte-order mark is dropped) with the header `name,birth_date,district`, fields optionally in
 * double quotes ("" inside quotes is a quote). Every problem is listed with its line; nothing is sent while
 * any remains. The server stores each entry only as a keyed hash.
 */

export interface CensusEntry {
  name: string;
  birth_date: string;
  district: string;
}

export interface CensusProblem {
  /** 1-based line of the file. */
  line: number;
  reason: "header" | "missing" | "badDate";
}

/** The fields of one CSV line (quotes handled; a line break inside quotes is not supported). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === "") quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function realDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseCensus(text: string): { entries: CensusEntry[]; problems: CensusProblem[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = csvFields(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  if (header.join(",") !== "name,birth_date,district")
    return { entries: [], problems: [{ line: 1, reason: "header" }] };
  const entries: CensusEntry[] = [];
  const problems: CensusProblem[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const line = i + 2;
    const [name = "", birth = "", district = ""] = csvFields(raw).map((f) => f.trim());
    if (!name || !birth || !district) problems.push({ line, reason: "missing" });
    else if (!realDate(birth)) problems.push({ line, reason: "badDate" });
    else entries.push({ name, birth_date: birth, district });
  });
  return { entries, problems };
}
