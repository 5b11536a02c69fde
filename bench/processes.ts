/**
 * Two `citypath serve` processes on one PostgreSQL database (`npm run bench:processes`): how soon a write
 * through one is seen through the other. docs/operations.md promises within one second (each process hears
 * the others' writes, docs/decisions/0039; one that cannot trusts its cached reads for at most a second).
 *
 * For ROUNDS (default 30) rounds: the tenant's English name is changed through process A (an audited write),
 * then process B is asked for the tenant every 10 ms until it answers with the new name (the public read,
 * through B's cache and tenant lookup); and the administrator's session, made on A, must be accepted by B.
 * Prints the figures and ends with one JSON line. Needs BENCH_DATABASE_URL or TEST_DATABASE_URL.
 */
import { performance } from "node:perf_hooks";
import { postgresStorage, round1, signInAdmin, startServer } from "./lib/server.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const POLL_MS = 10;

const storage = await postgresStorage();
if (!storage) {
  console.error("bench:processes needs PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
  process.exit(2);
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
try {
  // one after the other: the first loads the demo, the second finds it there
  const a = await startServer(storage);
  const b = await startServer(storage);
  try {
    const session = await signInAdmin(a.base);
    const onB = await fetch(`${b.base}/api/auth/session`, { headers: { cookie: session.cookie } });
    const sessionOnB = ((await onB.json()) as { user: { email: string } | null }).user?.email ?? null;
    const seen: number[] = [];
    let version = ((await (await fetch(`${a.base}/api/tenants/jeonju`)).json()) as { version: number })
      .version;
    for (let i = 0; i < ROUNDS; i++) {
      const name = `Jeonju ${i}`;
      const w = await fetch(`${a.base}/api/tenants/jeonju`, {
        method: "PATCH",
        headers: {
          "content-type": "application/json",
          cookie: session.cookie,
          "x-citypath-csrf": session.csrf,
        },
        body: JSON.stringify({ base_version: version, name_en: name }),
      });
      if (w.status !== 200) throw new Error(`the write through A answered ${w.status}: ${await w.text()}`);
      version = ((await w.json()) as { version: number }).version;
      const t0 = performance.now();
      for (;;) {
        const r = (await (await fetch(`${b.base}/api/tenants/jeonju`)).json()) as { name_en: string };
        if (r.name_en === name) break;
        if (performance.now() - t0 > 10_000) throw new Error(`B did not see "${name}" within 10 s`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      seen.push(performance.now() - t0);
    }
    const fig = {
      bench: "processes",
      rounds: ROUNDS,
      session_on_b: sessionOnB,
      visible_p50_ms: round1(pct(seen, 50)),
      visible_p95_ms: round1(pct(seen, 95)),
      visible_max_ms: round1(Math.max(...seen)),
    };
    console.log(
      `a write through A seen through B: p50 ${fig.visible_p50_ms} ms, p95 ${fig.visible_p95_ms} ms, max ${fig.visible_max_ms} ms over ${ROUNDS} writes (promise: within 1,000 ms)`,
    );
    console.log(
      `the session made on A ${sessionOnB ? `works on B (${sessionOnB})` : "is NOT accepted by B"}`,
    );
    console.log(JSON.stringify(fig));
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
} finally {
  await storage.drop();
}
