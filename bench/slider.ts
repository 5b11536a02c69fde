/**
 * How fast the scenario explorer's pathway chart follows a slider (`npm run bench:slider`; goal: p95 below
 * 50 ms). Starts the real server (`citypath serve --demo`, fresh embedded database, the web app built from the
 * sources), opens /ko/explorer in Debian's Chromium and presses MOVES arrow keys (default 60: runs of 15 steps
 * right and left on the last slider with room for them), each waiting for the chart's redraw: the
 * milliseconds from the input event to the chart's `finished` event (the uncertainty band's renders not
 * counted). The reference, measured in the same page: an animation frame (two requestAnimationFrame
 * callbacks in a row), so that a loaded machine shows as a ratio. Prints the figures and ends with one line
 * of JSON; nothing is asserted.
 */
import { loadavg } from "node:os";
import { settled } from "../e2e/lib/check.ts";
import { browserUnavailable, launch } from "../e2e/lib/chromium.ts";
import { moveSlider, redrawLatencies } from "../e2e/lib/explorer.ts";
import { startServer } from "../e2e/lib/server.ts";

const MOVES = Number(process.env.MOVES ?? 60);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const why = browserUnavailable();
  if (why) {
    console.log(`skipped: ${why}`);
    return;
  }
  const load0 = loadavg()[0] as number;
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/ko/explorer`);
    await settled(page);
    const latencies = redrawLatencies(await moveSlider(page, MOVES)).sort((a, b) => a - b);
    const frames = (
      await page.evaluate(async (n) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          out.push(performance.now() - t0);
        }
        return out;
      }, MOVES)
    ).sort((a, b) => a - b);
    const figures = {
      bench: "slider",
      moves: MOVES,
      redraw_median_ms: round(percentile(latencies, 50)),
      redraw_p95_ms: round(percentile(latencies, 95)),
      redraw_max_ms: round(latencies[latencies.length - 1] as number),
      frame_median_ms: round(percentile(frames, 50)),
      p95_to_frame_ratio: round(percentile(latencies, 95) / percentile(frames, 50)),
      load_average_before: round(load0),
      load_average_after: round(loadavg()[0] as number),
    };
    console.log(`  ${MOVES} slider moves, input event to the pathway's redraw:`);
    console.log(
      `  median ${figures.redraw_median_ms} ms, p95 ${figures.redraw_p95_ms} ms (goal < 50), max ${figures.redraw_max_ms} ms`,
    );
    console.log(
      `  reference: an animation frame, median ${figures.frame_median_ms} ms (p95 / frame ${figures.p95_to_frame_ratio})`,
    );
    console.log(`  load average ${figures.load_average_before} before, ${figures.load_average_after} after`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
