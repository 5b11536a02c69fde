import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { quietWatch } from "./quiet.ts";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The watch's timer does not hold a process open (a closing server exits), so a test holds it open itself. */
async function holdingOpen<T>(run: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => undefined, 50);
  try {
    return await run();
  } finally {
    clearInterval(keepAlive);
  }
}

describe("the server's quiet moment", () => {
  it("comes once a visitor's requests have come and ended, not on health and readiness checks", async () => {
    const server = new EventEmitter();
    const q = quietWatch(server);
    let quiet = false;
    const waited = q.after(50, 60_000).then(() => {
      quiet = true;
    });
    // a start script's and a load balancer's checks are not a visitor
    server.emit("request", { url: "/api/ready" }, new EventEmitter());
    server.emit("request", { url: "/api/health?x=1" }, new EventEmitter());
    await pause(300);
    assert.equal(quiet, false, "no visitor yet: not quiet");
    const res = new EventEmitter();
    server.emit("request", { url: "/ko/" }, res);
    await pause(300);
    assert.equal(quiet, false, "a visitor's request still in flight: not quiet");
    res.emit("close");
    await holdingOpen(() => waited);
    assert.equal(quiet, true);
  });

  it("waits no longer than its limit while requests keep coming", async () => {
    const server = new EventEmitter();
    const q = quietWatch(server);
    server.emit("request", { url: "/api/tenants" }, new EventEmitter()); // never ends
    await holdingOpen(() => q.after(50, 300));
  });
});
