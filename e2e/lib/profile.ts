/**
 * Where a browser test file's wall time goes, when E2E_PROFILE=1: the server's start, Chromium's launch and
 * every call a test makes on a page or a locator (page loads, waits, clicks, evaluations, screenshots, PDF
 * printing), the axe checks and the test's own requests to the server, each timed from its call to its end and
 * summed by kind and by the line of the test file that made it. Printed when the file's process ends (`#
 * profile ...` lines). Off by default: nothing is wrapped and nothing is printed. Calls made inside another
 * timed call (a locator's click inside an axe check, say) count for the outer one only.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Page } from "playwright-core";

const ON = process.env.E2E_PROFILE === "1";
const inside = new AsyncLocalStorage<true>();
const byKind = new Map<string, { n: number; ms: number }>();
const byLine = new Map<string, { n: number; ms: number }>();
const started = performance.now();

/** The test file's line that made the call (`participation.test.ts:123`), or "lib" when none is on the stack. */
function caller(): string {
  const stack = new Error().stack ?? "";
  const m = /([\w-]+\.test\.ts):(\d+)/.exec(stack);
  return m ? `${m[1]}:${m[2]}` : "lib";
}

function add(map: Map<string, { n: number; ms: number }>, key: string, ms: number): void {
  const e = map.get(key) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += ms;
  map.set(key, e);
}

/** Runs `f`, timing it as `kind` (when profiling and not inside another timed call). */
export async function timed<T>(kind: string, f: () => Promise<T>): Promise<T> {
  if (!ON || inside.getStore()) return f();
  const where = caller();
  const t = performance.now();
  try {
    return await inside.run(true, f);
  } finally {
    const ms = performance.now() - t;
    add(byKind, kind, ms);
    add(byLine, `${kind} ${where}`, ms);
  }
}

const SKIP = new Set(["constructor", "on", "once", "off", "addListener", "removeListener", "locator"]);
const wrapped = new WeakSet<object>();

function wrapPrototype(proto: object, prefix: string): void {
  if (wrapped.has(proto)) return;
  wrapped.add(proto);
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (SKIP.has(name) || name.startsWith("_")) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d || typeof d.value !== "function") continue;
    const original = d.value as (...a: unknown[]) => unknown;
    Object.defineProperty(proto, name, {
      ...d,
      value(this: unknown, ...args: unknown[]) {
        if (inside.getStore()) return original.apply(this, args);
        let result: unknown;
        const p = timed(`${prefix}.${name}`, async () => {
          result = original.apply(this, args);
          return result;
        });
        // synchronous methods (page.url(), locator.first()) keep their value; their time is nil
        return result instanceof Promise ? p : result;
      },
    });
  }
}

/** Times every call on this page's and its locators' methods (once per class, when profiling). */
export function profilePage(page: Page): void {
  if (!ON) return;
  wrapPrototype(Object.getPrototypeOf(page), "page");
  wrapPrototype(Object.getPrototypeOf(page.locator("html")), "locator");
  wrapPrototype(Object.getPrototypeOf(page.keyboard), "keyboard");
}

if (ON) {
  const fetch0 = globalThis.fetch;
  globalThis.fetch = (input, init) => timed("fetch", () => fetch0(input, init));
  process.on("exit", () => {
    const wall = performance.now() - started;
    const cpu = process.cpuUsage();
    const s = (ms: number) => (ms / 1000).toFixed(1);
    console.log(
      `# profile: ${s(wall)} s wall, test process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
    );
    for (const [k, v] of [...byKind].sort((a, b) => b[1].ms - a[1].ms))
      console.log(`# profile kind ${s(v.ms).padStart(7)} s ${String(v.n).padStart(5)}x  ${k}`);
    for (const [k, v] of [...byLine].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
      console.log(`# profile line ${s(v.ms).padStart(7)} s ${String(v.n).padStart(5)}x  ${k}`);
  });
}
