/**
 * The budget and settlement statements of the Jeonju demo: time to gather the input from the database and to
 * render HTML, XLSX and PDF (Chromium), each the median of 3 runs in this process. Ends with one JSON line.
 * Goals (reported, not gated): HTML within 1 s, XLSX within 2 s, PDF within 10 s.
 */
import { statementInput } from "@citypath/server/services/budget";
import { renderStatement } from "@citypath/server/statements/render";
import { demoStore } from "./lib/demo.ts";
import { median } from "./lib/timing.ts";

const { database, store, tenant: t } = await demoStore();
const out: Record<string, number> = {};
for (const [kind, year] of [
  ["budget", 2024],
  ["settlement", 2024],
] as const) {
  const gather: number[] = [];
  let input = await statementInput(store, t, year, kind, new Date());
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    input = await statementInput(store, t, year, kind, new Date());
    gather.push(performance.now() - t0);
  }
  out[`${kind}_input_ms`] = Math.round(median(gather));
  for (const format of ["html", "xlsx", "pdf"] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      bytes = (await renderStatement({ input, format, lang: "ko" })).byteLength;
      times.push(performance.now() - t0);
    }
    out[`${kind}_${format}_ms`] = Math.round(median(times));
    out[`${kind}_${format}_bytes`] = bytes;
    console.log(`${kind} ${format}: ${Math.round(median(times))} ms (median of 3), ${bytes} bytes`);
  }
}
await database.close();
console.log(JSON.stringify({ bench: "statements", ...out }));
