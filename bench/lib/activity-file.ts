/** A deterministic activity-data table for the file benches: `rows` lines over five activities and two districts. */
import ExcelJS from "exceljs";

export const ACTIVITY_HEADER = ["year", "gpc_ref", "activity", "amount", "unit", "district", "source"];
const ACTIVITIES: [string, string, string][] = [
  ["I.1.2", "도시가스", "천m3"],
  ["I.1.2", "전력", "MWh"],
  ["II.1.1", "경유", "kL"],
  ["II.1.1", "휘발유", "kL"],
  ["I.2.2", "전력", "MWh"],
];
const DISTRICTS = ["완산구", "덕진구"];

export function activityRows(rows: number): (string | number)[][] {
  return Array.from({ length: rows }, (_, i) => {
    const [ref, act, unit] = ACTIVITIES[i % ACTIVITIES.length]!;
    return [
      2018 + (i % 6),
      ref,
      act,
      Math.round(((i * 7919) % 100_000) + 1) / 10,
      unit,
      DISTRICTS[i % 2]!,
      "bench",
    ];
  });
}

export async function activityXlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("활동");
  ws.addRow(ACTIVITY_HEADER);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function activityCsv(rows: (string | number)[][]): Uint8Array {
  return new TextEncoder().encode(`${[ACTIVITY_HEADER, ...rows].map((r) => r.join(",")).join("\n")}\n`);
}
