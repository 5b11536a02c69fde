/**
 * The census file is read as a stream: the memory a reading takes does not grow with the file. Each size is
 * read in a process of its own (census-memory-probe.ts), so that the peak resident memory is that reading's.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);

interface Probe {
  rows: number;
  problems: number;
  bytes: number;
  ms: number;
  peak_before: number;
  peak_after: number;
}

async function probe(n: number): Promise<Probe> {
  const script = new URL("./census-memory-probe.ts", import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, String(n)], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Probe;
}

const MB = 2 ** 20;

describe("the census file read as a stream", () => {
  it("1,000,000 residents (3 times the cells a whole-file read took) take no more memory than 100,000", async () => {
    const [small, large] = await Promise.all([probe(100_000), probe(1_000_000)]);
    assert.deepEqual([small.rows, small.problems, large.rows, large.problems], [100_000, 0, 1_000_000, 0]);
    const grown = (p: Probe) => p.peak_after - p.peak_before;
    console.log(
      `census read as a stream: ${small.rows} rows (${Math.round(small.bytes / MB)} MB) peak RSS +${Math.round(grown(small) / MB)} MB in ${small.ms} ms; ${large.rows} rows (${Math.round(large.bytes / MB)} MB) +${Math.round(grown(large) / MB)} MB in ${large.ms} ms`,
    );
    // the larger file is 10 times the smaller: a reading that held it would grow by hundreds of MB more
    assert.ok(
      grown(large) < grown(small) + 48 * MB,
      `the peak grew by ${Math.round(grown(large) / MB)} MB for 1,000,000 rows, ${Math.round(grown(small) / MB)} MB for 100,000`,
    );
    assert.ok(
      grown(large) < large.bytes * 5,
      "less than 5 times the file (the worker thread's start included)",
    );
  });
});
