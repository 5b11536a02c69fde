/**
 * The census a city uploads for resident verification, stored only as keyed hashes (censusHash, HMAC with
 * the tenant's secret). As JSON entries (a few thousand, hashed here in slices that yield to the event
 * loop) or as a file streamed end to end: the request body goes to a temporary file as it arrives (bounded
 * by CENSUS_FILE_LIMITS.bytes), a worker thread reads it row by row to check it, and, with commit and no
 * problem, reads it again to hash each resident, the batches going into the census inside one transaction
 * with its audit record. Memory does not grow with the file; the temporary file is removed in every case.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { CitypathError, formatMegabytes, problem, type TenantId } from "@citypath/core";
import { CENSUS_FILE_LIMITS, type CensusEntry } from "@citypath/core/participation/index";
import type { EncodingOption } from "@citypath/data";
import { censusHash, type Store } from "@citypath/db";
import type { Caller } from "../env.ts";
import { censusHashesInWorker, checkCensusFileInWorker } from "../workers/files.ts";
import { recordChange } from "./audit.ts";

/** Replaces the census with these hashes (given at once or streamed), audited with the count only. */
function replaceCensus(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  hashes: readonly string[] | AsyncIterable<readonly string[]>,
): Promise<number> {
  return recordChange(store, caller, async (s) => {
    const count = await s.participation.replaceCensus(tenantId, hashes);
    return {
      result: count,
      audit: { tenantId, action: "replace", entity: "census", entityId: tenantId, after: { entries: count } },
    };
  });
}

/**
 * Replaces the census with these entries (the JSON route, at most 20,000): hashed here, yielding to the
 * event loop every 2,000. The number of distinct entries stored.
 */
export async function storeCensusEntries(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  entries: readonly CensusEntry[],
): Promise<number> {
  const secret = await store.participation.censusSecret(tenantId);
  const hashes: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % 2000 === 0) await new Promise((r) => setImmediate(r));
    const e = entries[i]!;
    hashes.push(censusHash(secret, [e.name, e.birth_date, e.district]));
  }
  return replaceCensus(store, caller, tenantId, hashes);
}

const tooLarge = () =>
  new CitypathError(
    problem(
      "PAYLOAD_TOO_LARGE",
      `A census file is read up to ${formatMegabytes(CENSUS_FILE_LIMITS.bytes)}; this one is larger.`,
      { path: "body" },
    ),
  );

/**
 * Writes a request body to a new temporary file as it arrives, refusing it (413) past the limit; `dispose`
 * removes the file.
 */
async function spool(
  body: ReadableStream<Uint8Array>,
  declared: number | undefined,
): Promise<{ path: string; bytes: number; dispose: () => Promise<void> }> {
  if (declared !== undefined && declared > CENSUS_FILE_LIMITS.bytes) throw tooLarge();
  const dir = await mkdtemp(join(tmpdir(), "citypath-census-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "upload");
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > CENSUS_FILE_LIMITS.bytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), count, createWriteStream(path));
  } catch (e) {
    await dispose();
    throw e;
  }
  return { path, bytes, dispose };
}

export interface CensusFileRequest {
  readonly body: ReadableStream<Uint8Array> | null;
  /** The Content-Length header, when sent. */
  readonly declaredBytes?: number | undefined;
  readonly file: string;
  readonly format: "csv" | "xlsx";
  readonly encoding?: EncodingOption | undefined;
  readonly sheet?: string | undefined;
  readonly commit: boolean;
  /** The city's date (YYYY-MM-DD). */
  readonly today: string;
}

export interface CensusFileAnswer {
  stored: boolean;
  rows: number;
  entries: number | null;
  problems: { row: number; column: string | null; code: string; reason: string; reason_ko: string }[];
  problem_count: number;
}

/** Checks a census file streamed in the request's body and, with commit and no problem, stores it. */
export async function receiveCensusFile(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  req: CensusFileRequest,
): Promise<CensusFileAnswer> {
  if (!req.body)
    throw new CitypathError(
      problem("MISSING_VALUE", "The body is empty: send the file's bytes.", { path: "body" }),
    );
  const upload = await spool(req.body, req.declaredBytes);
  try {
    if (upload.bytes === 0)
      throw new CitypathError(
        problem("MISSING_VALUE", "The body is empty: send the file's bytes.", { path: "body" }),
      );
    const task = {
      path: upload.path,
      file: req.file,
      format: req.format,
      encoding: req.encoding,
      sheet: req.sheet,
      today: req.today,
    };
    const read = await checkCensusFileInWorker(task);
    const answer: CensusFileAnswer = {
      stored: false,
      rows: read.rows,
      entries: null,
      problems: read.problems.map((p) => ({
        row: p.row,
        column: p.column,
        code: p.code,
        reason: p.reason.en,
        reason_ko: p.reason.ko,
      })),
      problem_count: read.problemCount,
    };
    if (!req.commit || read.problemCount > 0 || read.rows === 0) return answer;
    const secret = await store.participation.censusSecret(tenantId);
    const entries = await replaceCensus(
      store,
      caller,
      tenantId,
      censusHashesInWorker({ ...task, secret: new Uint8Array(secret) }),
    );
    return { ...answer, stored: true, entries };
  } finally {
    await upload.dispose();
  }
}
