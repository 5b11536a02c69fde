/**
 * Two server processes on one PostgreSQL database: they share the sign-in limits (counted in the database),
 * a session ended on one is refused by the other at once, and a write through one ends the other's cached
 * read of what it changed within the second docs/scaling.md promises (decision 0039).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { postgresSkipReason } from "@citypath/db/testing";
import pg from "pg";
import { DEFAULT_RATE_LIMITS } from "./security/rate-limit.ts";
import { TEST_CONSENT } from "./testing.ts";

const SERVER = fileURLToPath(new URL("./index.ts", import.meta.url));
const CHILD = `
const { startServer, createLogger } = await import(${JSON.stringify(SERVER)});
const s = await startServer({
  databaseUrl: process.env.TEST_DB, dataDir: process.env.TEST_DIR, host: "127.0.0.1", port: 0,
  demo: false, devWrites: false, web: false, adminEmail: "first@example.org",
  adminPassword: process.env.TEST_ADMIN_PASSWORD,
  log: createLogger({ level: "error", write: (l) => process.stderr.write(l) }), out: { write() {} },
});
await s.ready;
process.stdout.write(JSON.stringify({ url: s.url }) + "\\n");
process.once("SIGTERM", () => s.close("SIGTERM").then(() => process.exit(0)));
`;

function startProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.once("exit", (code) => reject(new Error(`server process exited with ${code}: ${err}`)));
  });
}

const skip = postgresSkipReason();

describe("two server processes on one PostgreSQL", { skip }, () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `citypath_t_${randomBytes(6).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "citypath-two-"));
  const procs: { url: string; child: ChildProcess }[] = [];
  let url = "";
  const ADMIN_PASSWORD = "the first administrator's passphrase";
  before(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    const env = {
      TEST_DB: u.toString(),
      TEST_DIR: dir,
      CITYPATH_AUTH_SECRET: randomBytes(32).toString("base64url"),
      CITYPATH_TRUST_PROXY: "1",
      TEST_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    // one after the other: two first starts at once race to create the first administrator
    procs.push(await startProcess(env));
    procs.push(await startProcess(env));
  });
  after(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise((r) => {
            p.child.once("exit", r);
            p.child.kill("SIGTERM");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
  });

  const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("twoProcessesShareSignInLimits: 20 parallel guesses from one address, split over both, at most the limit reach the hash", async () => {
    const L = DEFAULT_RATE_LIMITS;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          procs[i % 2]!.url,
          "/api/auth/sign-in/email",
          { email: `guess${i}@example.kr`, password: "not the password" },
          { "x-forwarded-for": "198.51.100.9" },
        ),
      ),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 401).length, L.signInPerAddress, statuses.join());
    assert.equal(statuses.filter((s) => s === 429).length, 20 - L.signInPerAddress);
    for (const p of procs) {
      const r = await post(
        p.url,
        "/api/auth/sign-in/email",
        { email: "late@example.kr", password: "not the password" },
        { "x-forwarded-for": "198.51.100.9" },
      );
      assert.equal(r.status, 429);
    }
  });

  it("a session signed out on one process is refused by the other at once", async () => {
    const [a, b] = procs;
    const from = { "x-forwarded-for": "203.0.113.40" };
    const password = "a walk along the jeonju stream";
    const up = await post(
      a!.url,
      "/api/auth/sign-up/email",
      { email: "two@example.kr", password, name: "two", consent: TEST_CONSENT },
      from,
    );
    assert.equal(up.status, 202);
    // the confirmation link, as the mailbox would get it, opened on the other process
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ link: string }>(
      "SELECT link FROM mail_outbox WHERE email = $1 AND kind = 'account-confirm'",
      ["two@example.kr"],
    );
    await db.end();
    const token = new URL(rows[0]!.link).searchParams.get("token");
    assert.equal((await post(b!.url, "/api/auth/confirm-account", { token }, from)).status, 200);
    const signedIn = await post(
      a!.url,
      "/api/auth/sign-in/email",
      { email: "two@example.kr", password },
      from,
    );
    assert.equal(signedIn.status, 200);
    const jar = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const cookie = jar.join("; ");
    const csrf = jar.find((c) => c.startsWith("citypath_csrf="))!.split("=")[1]!;
    const who = async (base: string) =>
      (
        (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as {
          user: { email: string } | null;
        }
      ).user?.email ?? null;
    assert.equal(await who(b!.url), "two@example.kr");
    const out = await post(a!.url, "/api/auth/sign-out", undefined, { cookie, "x-citypath-csrf": csrf });
    assert.equal(out.status, 200);
    assert.equal(await who(b!.url), null);
  });

  it("a write through one process ends the other's cached read of it within a second", async () => {
    const [a, b] = procs;
    const from = { "x-forwarded-for": "203.0.113.41" };
    const signedIn = await post(
      a!.url,
      "/api/auth/sign-in/email",
      { email: "first@example.org", password: ADMIN_PASSWORD },
      from,
    );
    assert.equal(signedIn.status, 200, await signedIn.clone().text());
    const jar = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const csrf = jar.find((c) => c.startsWith("citypath_csrf="))!.split("=")[1]!;
    const admin = { ...from, cookie: jar.join("; "), "x-citypath-csrf": csrf };
    const made = await post(
      a!.url,
      "/api/tenants",
      { slug: "twin", name: "쌍둥이시", name_en: "Twin" },
      admin,
    );
    assert.equal(made.status, 201, await made.clone().text());
    const nameOn = async (base: string) =>
      ((await (await fetch(`${base}/api/tenants/twin`)).json()) as { name_en: string }).name_en;
    assert.equal(await nameOn(b!.url), "Twin");
    // the creation's own notice may still be on its way to the other process and would end the read cached
    // below: let the promised second pass, then read once more so the cached value is one made after it
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(await nameOn(b!.url), "Twin");
    // a change behind the servers' back (no notification): the other process answers from its cache
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query("UPDATE tenant SET name_en = 'Changed by hand' WHERE slug = 'twin'");
    await db.end();
    assert.equal(await nameOn(b!.url), "Twin", "the read is cached on the other process");
    // a write through one process: the other hears it and reads again
    const version = ((await (await fetch(`${a!.url}/api/tenants/twin`)).json()) as { version: number })
      .version;
    const changed = await fetch(`${a!.url}/api/tenants/twin`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...admin },
      body: JSON.stringify({ base_version: version, name_en: "Twin City" }),
    });
    assert.equal(changed.status, 200, await changed.clone().text());
    const written = Date.now();
    let seen = await nameOn(b!.url);
    while (seen !== "Twin City" && Date.now() - written < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await nameOn(b!.url);
    }
    assert.equal(seen, "Twin City", "seen through the other process within the promised second");
  });
});
