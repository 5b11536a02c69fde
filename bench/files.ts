/**
 * File import (`npm run bench:files`): the preview of a 10,000-row activity file, XLSX and CSV, through the
 * real app (PGlite, Jeonju demo, a signed-in editor), and the health check's answer time while a preview runs.
 * The reference, in the same run: ExcelJS loading the same workbook in memory (the reader used before the
 * bounded one). The first preview after a start is measured three ways: with no worker started (the file
 * worker starts for it: "cold"), sent at once while the server's start-up warm-up is starting the worker
 * ("during warm-up"), and sent once the warm-up is over ("after warm-up", what `citypath serve` gives a
 * city's first import). Goal (measured, not a gate): the XLSX preview within 3 s, the first one included.
 * Ends with one line of JSON, with the load average.
 */

import { loadavg } from "node:os";
import ExcelJS from "exceljs";
import { createTestApp, signIn } from "../packages/server/src/testing.ts";
import { closeFilePool, warmFilePool } from "../packages/server/src/workers/files.ts";
import { ACTIVITY_HEADER, activityCsv, activityRows, activityXlsx } from "./lib/activity-file.ts";

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = 3;

const rows = activityRows(ROWS);
const header = ACTIVITY_HEADER;

async function main() {
  const xlsx = await activityXlsx(rows);
  const csv = activityCsv(rows);

  const t = await createTestApp();
  const editor = await signIn(t, "bench-editor@jeonju.example");
  const j = (await t.store.tenants.bySlug("jeonju"))!;
  await t.store.memberships.put(j.id, editor.userId, "editor", ["기후변화대응과"]);
  const preview = async (file_name: string, bytes: Uint8Array) => {
    const start = performance.now();
    const r = await t.app.request("/api/tenants/jeonju/imports/preview", {
      method: "POST",
      headers: editor.headers(true),
      body: JSON.stringify({
        kind: "activity",
        file_name,
        content_base64: Buffer.from(bytes).toString("base64"),
      }),
    });
    const body = (await r.json()) as { rows?: number; ok?: boolean };
    if (r.status !== 200 || body.rows !== ROWS)
      throw new Error(`preview answered ${r.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return performance.now() - start;
  };
  const best = async (f: () => Promise<number>) => {
    let b = Number.POSITIVE_INFINITY;
    for (let i = 0; i < RUNS; i++) b = Math.min(b, await f());
    return b;
  };

  const load0 = loadavg().map((x) => Math.round(x * 10) / 10);
  // the first preview with no worker started: it starts the worker thread (measured apart)
  const cold = await preview("activity.xlsx", xlsx);
  // as `citypath serve` does at its start: the warm-up starts the worker; a preview sent at once waits for it
  await closeFilePool();
  const warming = warmFilePool();
  const duringWarmup = await preview("activity.xlsx", xlsx);
  await warming;
  await closeFilePool();
  const warmupMs = await warmFilePool();
  const afterWarmup = await preview("activity.xlsx", xlsx);
  const xlsxMs = await best(() => preview("activity.xlsx", xlsx));
  const csvMs = await best(() => preview("activity.csv", csv));
  const excelMs = await best(async () => {
    const s = performance.now();
    const w = new ExcelJS.Workbook();
    await w.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    let n = 0;
    w.worksheets[0]!.eachRow(() => {
      n++;
    });
    if (n !== ROWS + 1) throw new Error(`ExcelJS read ${n} rows`);
    return performance.now() - s;
  });

  // the health check while previews run
  const healthMs: number[] = [];
  const running = Promise.all([preview("a.xlsx", xlsx), preview("b.xlsx", xlsx)]);
  let done = false;
  void running.then(() => {
    done = true;
  });
  while (!done) {
    const s = performance.now();
    await t.app.request("/api/health");
    healthMs.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 20));
  }
  await running;
  await closeFilePool();
  await t.close();

  const r1 = (n: number) => Math.round(n * 10) / 10;
  const maxHealth = Math.max(...healthMs);
  console.log(
    `file: ${ROWS.toLocaleString("en-US")} rows x ${header.length} columns; XLSX ${xlsx.length} bytes, CSV ${csv.length} bytes`,
  );
  console.log(
    `preview XLSX (worker, bounded reader): ${r1(xlsxMs)} ms (first, with the worker's start: ${r1(cold)} ms)`,
  );
  console.log(
    `first preview after a start: ${r1(afterWarmup)} ms once the start-up warm-up is over (the warm-up took ${r1(warmupMs)} ms), ${r1(duringWarmup)} ms when sent during it`,
  );
  console.log(`preview CSV: ${r1(csvMs)} ms`);
  console.log(`reference, ExcelJS load of the same workbook (no checks): ${r1(excelMs)} ms`);
  console.log(`health during two parallel previews: ${healthMs.length} answers, slowest ${r1(maxHealth)} ms`);
  const load1 = loadavg().map((x) => Math.round(x * 10) / 10);
  console.log(`goal: XLSX preview within 3,000 ms: ${xlsxMs <= 3000 ? "met" : "not met"}`);
  console.log(`load average ${load0.join(" ")} before, ${load1.join(" ")} after (2 cores)`);
  console.log(
    JSON.stringify({
      rows: ROWS,
      xlsx_bytes: xlsx.length,
      preview_xlsx_ms: r1(xlsxMs),
      preview_xlsx_cold_ms: r1(cold),
      preview_xlsx_first_after_warmup_ms: r1(afterWarmup),
      preview_xlsx_first_during_warmup_ms: r1(duringWarmup),
      file_worker_warmup_ms: r1(warmupMs),
      preview_csv_ms: r1(csvMs),
      exceljs_load_ms: r1(excelMs),
      xlsx_vs_exceljs_ratio: Math.round((xlsxMs / excelMs) * 100) / 100,
      health_answers_during_previews: healthMs.length,
      health_max_ms: r1(maxHealth),
      goal_preview_3s_met: xlsxMs <= 3000,
      goal_first_preview_3s_met: afterWarmup <= 3000,
      load_average_before: load0,
      load_average_after: load1,
    }),
  );
}

await main();
