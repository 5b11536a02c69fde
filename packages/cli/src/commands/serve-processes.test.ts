/**
 * Two `citypath serve` processes on one PostgreSQL database behave as one system: both start at once on an
 * empty database (the migrations and the demo load are applied once), a session made through one is accepted
 * by the other, and a write through one is seen through the other no later than the one second the docs
 * promise (docs/operations.md, "Several processes").
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { postgresSkipReason } from "@citypath/db/testing";
import pg from "pg";

const BIN = fileURLToPath(new URL("../../bin/citypath.js", import.meta.url));
const PASSWORD = "two-processes-password-0123";

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => res(typeof a === "object" && a ? a.port : 0));
    });
  });
}

interface Proc {
  readonly url: string;
  readonly child: ChildProcess;
  log(): string;
}

function serve(databaseUrl: string, port: number, secret: string): Proc {
  let out = "";
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--demo", "--database-url", databaseUrl, "--port", String(port)],
    {
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        CITYPATH_AUTH_SECRET: secret,
        CITYPATH_ADMIN_EMAIL: "admin@citypath.local",
        CITYPATH_ADMIN_PASSWORD: PASSWORD,
        CITYPATH_COMPUTE_THREADS: "1",
        CITYPATH_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  return { url: `http://127.0.0.1:${port}`, child, log: () => out };
}

async function ready(p: Proc, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null)
      throw new Error(`citypath serve exited with ${p.child.exitCode}:\n${p.log()}`);
    try {
      if ((await fetch(`${p.url}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`citypath serve was not ready within ${timeoutMs} ms:\n${p.log()}`);
}

async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGTERM");
  const t = setTimeout(() => p.child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(t);
}

const skip = postgresSkipReason();

describe("two serve processes on one PostgreSQL", { skip }, () => {
  const admin = process.env.TEST_DATABASE_URL ?? "";
  const name = `citypath_two_${randomBytes(5).toString("hex")}`;
  let a: Proc;
  let b: Proc;
  before(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const secret = randomBytes(32).toString("hex");
    // both start together on the empty database: migrations, reference data and the demo race
    a = serve(u.toString(), await freePort(), secret);
    b = serve(u.toString(), await freePort(), secret);
    await Promise.all([ready(a), ready(b)]);
  });
  after(async () => {
    await Promise.all([a && stop(a), b && stop(b)]);
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it("started together, they applied each migration and loaded the demo once", async () => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    try {
      const m = await c.query("SELECT idx, count(*)::int AS n FROM citypath_migration GROUP BY idx");
      assert.ok(m.rows.length > 0);
      for (const r of m.rows) assert.equal(r.n, 1);
      const t = await c.query("SELECT count(*)::int AS n FROM tenant WHERE slug = 'jeonju'");
      assert.equal(t.rows[0].n, 1);
      const inv = await c.query("SELECT count(*)::int AS n FROM inventory");
      assert.equal(inv.rows[0].n, 1, "one demo inventory, not one per process");
    } finally {
      await c.end();
    }
    for (const p of [a, b]) assert.doesNotMatch(p.log(), /startup failed/);
  });

  it("a session made through one is accepted by the other; a write through one is read through the other", async () => {
    const r = await fetch(`${a.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@citypath.local", password: PASSWORD }),
    });
    assert.equal(r.status, 200, await r.clone().text());
    const pairs = r.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const cookie = pairs.join("; ");
    const csrf = pairs.find((p) => p.startsWith("citypath_csrf="))!.slice("citypath_csrf=".length);
    const me = await fetch(`${b.url}/api/auth/session`, { headers: { cookie } });
    assert.equal(me.status, 200);
    const body = (await me.json()) as { user?: { email?: string } | null };
    assert.equal(body.user?.email, "admin@citypath.local");

    // read through b first, so that b has the tenant in its caches
    const before = (await (await fetch(`${b.url}/api/tenants/jeonju`)).json()) as {
      version: number;
      name_en: string;
    };
    const newName = `Jeonju ${randomBytes(3).toString("hex")}`;
    const w = await fetch(`${a.url}/api/tenants/jeonju`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie, "x-citypath-csrf": csrf },
      body: JSON.stringify({ base_version: before.version, name_en: newName }),
    });
    assert.equal(w.status, 200, await w.clone().text());
    const acknowledged = Date.now();
    // the promise: a read that starts one second after the write was acknowledged sees it
    await new Promise((res) => setTimeout(res, Math.max(0, acknowledged + 1000 - Date.now())));
    const seen = (await (await fetch(`${b.url}/api/tenants/jeonju`)).json()) as { name_en: string };
    assert.equal(seen.name_en, newName);
    // and the session works for writes through b too (its CSRF token and cookie are the same)
    const again = (await (await fetch(`${b.url}/api/tenants/jeonju`)).json()) as { version: number };
    const w2 = await fetch(`${b.url}/api/tenants/jeonju`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie, "x-citypath-csrf": csrf },
      body: JSON.stringify({ base_version: again.version, name_en: `${newName} b` }),
    });
    assert.equal(w2.status, 200, await w2.clone().text());
  });
});
