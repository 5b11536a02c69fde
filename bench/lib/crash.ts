/**
 * Crash cycles: a real `citypath serve` takes concurrent authenticated writes (each a transaction with its
 * audit record) and is killed with SIGKILL at a random moment; it is started again on the same storage, and
 * every write it had acknowledged (answered 200) must be there, and the audit chain must verify. Used by
 * `npm run bench:crash` (many cycles) and by a test (two cycles).
 */
import { type Server, type Storage, signInAdmin, startServer } from "./server.ts";

export interface CrashFigures {
  readonly cycles: number;
  /** Writes answered 200 before the kill (all cycles). */
  readonly acknowledged: number;
  /** Acknowledged writes missing or older after the restart. */
  readonly lost: number;
  /** Writes that got no answer (cut by the kill) or an error answer. */
  readonly failed: number;
  /** Starts after a kill that did not become ready (each retried once). */
  readonly failedRestarts: number;
  /** Audit chains verified intact after each restart. */
  readonly auditIntact: number;
  readonly auditRecords: number;
  /** Time from the restart's spawn to /api/ready, ms (each cycle). */
  readonly restartMs: number[];
}

type Session = { cookie: string; csrf: string };

const headers = (s: Session) => ({
  "content-type": "application/json",
  cookie: s.cookie,
  "x-citypath-csrf": s.csrf,
});

/** One writer: updates its own profile again and again; records the last version the server acknowledged. */
async function writer(
  base: string,
  session: Session,
  id: string,
  start: number,
  acked: Map<string, number>,
  counts: { acknowledged: number; failed: number },
  stop: () => boolean,
) {
  let v = start;
  while (!stop()) {
    try {
      const r = await fetch(`${base}/api/tenants/jeonju/import-profiles/${id}`, {
        method: "PUT",
        headers: headers(session),
        body: JSON.stringify({
          base_version: v,
          name: `crash ${id} v${v + 1}`,
          kind: "activity",
          mapping: { amount: "사용량", unit: "단위" },
        }),
      });
      const body = (await r.json()) as { version?: number; error?: { current_version?: number } };
      if (r.status === 200 && body.version) {
        v = body.version;
        acked.set(id, v);
        counts.acknowledged++;
      } else {
        counts.failed++;
        if (r.status === 409 && body.error?.current_version) v = body.error.current_version;
      }
    } catch {
      // the kill cut the connection: the write got no answer
      counts.failed++;
      return;
    }
  }
}

async function verify(server: Server, session: Session, acked: Map<string, number>) {
  let lost = 0;
  for (const [id, v] of acked) {
    const r = await fetch(`${server.base}/api/tenants/jeonju/import-profiles/${id}`, {
      headers: headers(session),
    });
    const version = r.status === 200 ? ((await r.json()) as { version: number }).version : 0;
    if (version < v) lost++;
  }
  const a = await fetch(`${server.base}/api/tenants/jeonju/audit/verify`, { headers: headers(session) });
  const audit = (await a.json()) as { intact: boolean; records: number };
  return { lost, intact: a.status === 200 && audit.intact, records: audit.records ?? 0 };
}

export async function crashCycles(
  storage: Storage,
  opts: { cycles: number; writers: number; killAfterMs: [number, number]; seed?: number },
): Promise<CrashFigures> {
  let seed = opts.seed ?? 1;
  const random = () => {
    // a small deterministic generator, so that a run can be repeated
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const acked = new Map<string, number>();
  const counts = { acknowledged: 0, failed: 0 };
  let failedRestarts = 0;
  let auditIntact = 0;
  let auditRecords = 0;
  let lost = 0;
  const restartMs: number[] = [];
  let server = await startServer(storage);
  try {
    for (let c = 0; c < opts.cycles; c++) {
      const session = await signInAdmin(server.base);
      let stopped = false;
      const writers = Array.from({ length: opts.writers }, (_, i) =>
        writer(
          server.base,
          session,
          `crash-${i}`,
          acked.get(`crash-${i}`) ?? 0,
          acked,
          counts,
          () => stopped,
        ),
      );
      const [lo, hi] = opts.killAfterMs;
      await new Promise((r) => setTimeout(r, lo + random() * (hi - lo)));
      await server.kill();
      stopped = true;
      await Promise.all(writers);
      const t0 = performance.now();
      try {
        server = await startServer(storage, { readyTimeoutMs: 120_000 });
      } catch {
        failedRestarts++;
        server = await startServer(storage, { readyTimeoutMs: 240_000 });
      }
      restartMs.push(Math.round(performance.now() - t0));
      const v = await verify(server, await signInAdmin(server.base), acked);
      lost += v.lost;
      if (v.intact) auditIntact++;
      auditRecords = v.records;
    }
  } finally {
    await server.stop();
  }
  return {
    cycles: opts.cycles,
    acknowledged: counts.acknowledged,
    lost,
    failed: counts.failed,
    failedRestarts,
    auditIntact,
    auditRecords,
    restartMs,
  };
}
