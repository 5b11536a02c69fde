/**
 * Slider moves in the scenario explorer, each followed until the pathway chart has redrawn: the site test
 * makes a few (the chart follows every move) and `npm run bench:slider` many (how long a redraw takes).
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** What happened per move: the input event's and the following redraw's `performance.now()`. */
export interface SliderMoves {
  starts: number[];
  ends: number[];
}

type Moves = { __moves: SliderMoves };

/**
 * On the explorer page (loaded, charts drawn): picks the last slider with `room` to its right (default: runs
 * of `run` steps of 0.05; the runs must never reach its ends, so that every press moves it), records every input
 * event of a slider and every redraw of the pathway's levels (the uncertainty band's renders, after the
 * slider rests, do not count), then presses `moves` arrow keys, `run` to the right, `run` to the left and so
 * on, each waiting for a redraw. Returns the recorded times.
 */
export async function moveSlider(
  page: Page,
  moves: number,
  opts: { run?: number; room?: number; afterMove?: (i: number) => Promise<void> } = {},
): Promise<SliderMoves> {
  const run = opts.run ?? 15;
  const room = opts.room ?? run * 0.05;
  const index = await page.evaluate(
    (room) =>
      [...document.querySelectorAll<HTMLInputElement>('input[type="range"]')].findLastIndex(
        (e) => Number(e.max) - Number(e.value) >= room + 1e-9,
      ),
    room,
  );
  assert.ok(index >= 0, `the explorer has a slider with room for ${room} to the right`);
  await page.evaluate(() => {
    const w = window as unknown as Moves;
    w.__moves = { starts: [], ends: [] };
    document.addEventListener(
      "input",
      (e) => {
        if ((e.target as Element).matches('input[type="range"]')) w.__moves.starts.push(performance.now());
      },
      true,
    );
    const el = document.querySelector<HTMLElement>('[data-testid="explorer-pathway"]');
    el?.addEventListener("chart-finished", () => {
      if (el.dataset.draw !== "band") w.__moves.ends.push(performance.now());
    });
  });
  await page.locator('input[type="range"]').nth(index).focus();
  for (let i = 0; i < moves; i++) {
    const key = Math.floor(i / run) % 2 === 0 ? "ArrowRight" : "ArrowLeft";
    const n = await page.evaluate(() => (window as unknown as Moves).__moves.ends.length);
    await page.keyboard.press(key);
    await page.waitForFunction((k) => (window as unknown as Moves).__moves.ends.length > k, n, {
      timeout: 10_000,
    });
    await opts.afterMove?.(i);
  }
  const recorded = await page.evaluate(() => (window as unknown as Moves).__moves);
  assert.equal(recorded.starts.length, moves, "each key press is one input event");
  return recorded;
}

/** Milliseconds from each move's input event to the first redraw after it. */
export function redrawLatencies({ starts, ends }: SliderMoves): number[] {
  return starts.map((s) => {
    const e = ends.find((x) => x >= s);
    assert.ok(e !== undefined, "every move is followed by a redraw");
    return e - s;
  });
}
