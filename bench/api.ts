/**
 * API throughput (`npm run bench:api`): a real database-backed public read (Jeonju's latest inventory
 * summary, served by `citypath serve --demo` on the embedded database) beside a bare Hono "hello" server on
 * the same machine in the same run. Each server runs in its own process; autocannon runs in a third process
 * over loopback: 50 connections, a warm-up, then 10 seconds measured. Goals (measured, not gates): the read
 * at least half the bare server's throughput, p99 under 50 ms. Ends with one line of JSON.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.DURATION ?? 10);
const WARMUP_S = Number(process.env.WARMUP ?? 3);
const READ_PATH = "/api/tenants/jeonju/inventories/latest/summary";
const ADMIN_PASSWORD = "bench-password-0123";

const BARE_SERVER = `
import { serve } from "@hono/node-server";
import { Hono } from "hono";
const app = new Hono();
app.get("/", (c) => c.text("hello"));
const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
  process.stdout.write("PORT " + info.port + "\\n");
});
process.on("SIGTERM", () => s.close(() => process.exit(0)));
`;

/**
 * The authenticated write, in its own process: each connection keeps its own small record (an import profile)
 * and updates it on the version it last saw, so every request is a real update (transaction + audit record),
 * not a 409. Prints autocannon's result as JSON.
 */
const WRITE_CANNON = `
import autocannon from "autocannon";
const [url, cookie, csrf, connections, duration, prefix] = process.argv.slice(1);
let next = 0;
const r = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(duration),
  requests: [{
    method: "PUT",
    setupRequest(req, context) {
      if (context.n === undefined) { context.n = next++; context.v = 0; }
      return {
        ...req,
        path: "/api/tenants/jeonju/import-profiles/" + prefix + "-" + context.n,
        headers: { "content-type": "application/json", cookie, "x-citypath-csrf": csrf },
        body: JSON.stringify({ base_version: context.v, name: "bench " + context.n + " v" + (context.v + 1),
          kind: "activity", mapping: { amount: "사용량", unit: "단위" } }),
      };
    },
    onResponse(status, body, context) {
      if (status === 200) context.v = JSON.parse(body).version;
      else if (status === 409) context.v = JSON.parse(body).error.current_version;
    },
  }],
});
process.stdout.write(JSON.stringify(r));
`;

function writeCannon(
  base: string,
  cookie: string,
  csrf: string,
  seconds: number,
  prefix: string,
): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        WRITE_CANNON,
        base,
        cookie,
        csrf,
        String(CONNECTIONS),
        String(seconds),
        prefix,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the write load exited with ${code}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}

/** Signs in as the first administrator: the session cookies and the CSRF token. */
async function signInAdmin(base: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@citypath.local", password }),
  });
  if (r.status !== 200) throw new Error(`sign-in answered ${r.status}: ${await r.text()}`);
  const pairs = r.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = pairs.find((p) => p.startsWith("citypath_csrf="))!.slice("citypath_csrf=".length);
  return { cookie: pairs.join("; "), csrf };
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const onData = (b: Buffer) => {
      buf += b.toString();
      const m = buf.match(pattern);
      if (m) {
        child.stdout!.off("data", onData);
        resolve(m);
      }
      if (buf.length > 1e6) buf = buf.slice(-1e5);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code} before it was ready`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the citypath server did not become ready in 120 s");
}

interface Cannon {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function autocannon(url: string, seconds: number): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, "node_modules/autocannon/autocannon.js"),
        "-c",
        String(CONNECTIONS),
        "-d",
        String(seconds),
        "-j",
        url,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    });
  });
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "citypath-bench-api-"));
  const children: ChildProcess[] = [];
  try {
    // The citypath server: the real `serve --demo` on a fresh embedded database, logging as configured.
    const port = await freePort();
    const cp = spawn(
      process.execPath,
      [join(ROOT, "packages/cli/bin/citypath.js"), "serve", "--demo", "--port", String(port)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CITYPATH_DATA_DIR: dataDir,
          CITYPATH_ADMIN_PASSWORD: ADMIN_PASSWORD,
          // the write limit per user (120 a minute, docs/security.md) would measure the limiter, not the write
          CITYPATH_RATE_WRITES_PER_USER: "1000000000",
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    children.push(cp);
    cp.once("exit", (code) => {
      if (code !== 0 && code !== null) console.error(`citypath serve exited with ${code}`);
    });
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base);
    const bare = spawn(process.execPath, ["--input-type=module", "-e", BARE_SERVER], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(bare);
    const bm = await waitForLine(bare, /PORT (\d+)/, "bare hono");
    const bareUrl = `http://127.0.0.1:${bm[1]}/`;
    const readUrl = `${base}${READ_PATH}`;
    const check = await fetch(readUrl);
    if (check.status !== 200) throw new Error(`${READ_PATH} answered ${check.status}`);

    console.log(`citypath: ${readUrl}\nbare hono: ${bareUrl}`);
    console.log(`warm-up ${WARMUP_S} s each, then ${DURATION_S} s with ${CONNECTIONS} connections`);
    await autocannon(readUrl, WARMUP_S);
    await autocannon(bareUrl, WARMUP_S);
    const read = await autocannon(readUrl, DURATION_S);
    const hello = await autocannon(bareUrl, DURATION_S);
    const fmt = (name: string, c: Cannon) =>
      `${name.padEnd(14)} ${c.rps.toFixed(0).padStart(8)} req/s   p50 ${c.p50} ms   p99 ${c.p99} ms   ` +
      `(${c.requests} requests, ${c.non2xx} non-2xx, ${c.errors} errors)`;
    const session = await signInAdmin(base, ADMIN_PASSWORD);
    await writeCannon(base, session.cookie, session.csrf, WARMUP_S, "warm");
    const write = await writeCannon(base, session.cookie, session.csrf, DURATION_S, "bench");
    console.log(fmt("public read", read));
    console.log(fmt("bare hono", hello));
    console.log(fmt("auth. write", write));
    const ratio = read.rps / hello.rps;
    console.log(
      `read / bare = ${ratio.toFixed(2)} (goal >= 0.5); public read p99 ${read.p99} ms (goal < 50 ms)`,
    );
    console.log(
      JSON.stringify({
        public_read_rps: Math.round(read.rps),
        bare_rps: Math.round(hello.rps),
        read_ratio: Math.round(ratio * 1000) / 1000,
        public_read_p99_ms: read.p99,
        public_read_p50_ms: read.p50,
        bare_p99_ms: hello.p99,
        public_read_non2xx: read.non2xx,
        write_rps: Math.round(write.rps),
        write_p99_ms: write.p99,
        write_p50_ms: write.p50,
        write_non2xx: write.non2xx,
        connections: CONNECTIONS,
        duration_s: DURATION_S,
        path: READ_PATH,
      }),
    );
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(
      children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once("exit", r)))),
    );
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
