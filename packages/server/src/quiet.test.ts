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
  it("comes only once no request is in flight, the quiet time after the last one ended", async () => {
    const server = new EventEmitter();
    const q = quietWatch(server);
    const res = new EventEmitter();
    server.emit("request", {}, res);
    let quiet = false;
    const waited = q.after(50, 60_000).then(() => {
      quiet = true;
    });
    await pause(400);
    assert.equal(quiet, false, "a request still in flight: not quiet");
    res.emit("close");
    await holdingOpen(() => waited);
    assert.equal(quiet, true);
  });

  it("waits no longer than its limit while requests keep coming", async () => {
    const server = new EventEmitter();
    const q = quietWatch(server);
    server.emit("request", {}, new EventEmitter()); // never ends
    await holdingOpen(() => q.after(50, 300));
  });
});
