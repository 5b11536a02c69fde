/**
 * Delivery of the outbox against a real SMTP server started by the test (smtp-server on 127.0.0.1, never the
 * network): sent messages, retries with their delays, permanent refusals, an unreachable server, the loop
 * started and stopped.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { createStore, mailAttempts, outbox, queueMail, type Store } from "@citypath/db";
import { migratedPglite } from "@citypath/db/testing";
import { memoryLogger } from "../log.ts";
import { createMailDelivery, type MailSettings, mailSettingsFromEnv, retryDelay } from "./delivery.ts";
import { bodyText, sinkSettings, startSink } from "./smtp-sink.ts";

describe("mail delivery over SMTP", () => {
  let store: Store;
  let close: () => Promise<void>;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let clock = Date.UTC(2026, 4, 20, 9, 0, 0);
  const refusals = new Map<string, number>();
  const settings = (over: Partial<MailSettings> = {}): MailSettings => sinkSettings(sink.url, over);
  const delivery = (over: Partial<MailSettings> = {}) =>
    createMailDelivery({ store, clock: () => clock, log: memoryLogger(), settings: settings(over) });

  before(async () => {
    const db = await migratedPglite();
    store = createStore(db);
    close = () => db.close();
    sink = await startSink((rcpt) => refusals.get(rcpt));
  });
  after(async () => {
    await sink.close();
    await close();
  });
  beforeEach(() => {
    sink.received.length = 0;
    refusals.clear();
  });

  it("sends a queued message, in Korean and English, and records the attempt", async () => {
    const id = await queueMail(store, {
      kind: "password-reset",
      email: "Park@Example.kr",
      link: "http://city.example/ko/workspace/reset-password?token=abc123",
      at: new Date(clock),
    });
    const d = delivery();
    assert.equal(await d.runOnce(), 1);
    await d.stop();
    assert.equal(sink.received.length, 1);
    assert.deepEqual(sink.received[0]!.to, ["park@example.kr"]);
    const text = bodyText(sink.received[0]!.raw);
    assert.match(text, /비밀번호를 정하세요/);
    assert.match(text, /Choose a new one/);
    assert.ok(text.includes("http://city.example/ko/workspace/reset-password?token=abc123"));
    assert.match(sink.received[0]!.raw, /^From: Citypath <citypath@city\.example>/m);
    const [m] = await outbox(store, { email: "park@example.kr" });
    assert.equal(m!.id, id);
    assert.equal(m!.sentAt?.getTime(), clock);
    assert.equal(m!.attempts, 1);
    const [a] = await mailAttempts(store, id);
    assert.equal(a!.ok, true);
    assert.match(a!.detail, /^250/);
    // sent once: another pass finds nothing
    const again = delivery();
    assert.equal(await again.runOnce(), 0);
    await again.stop();
    assert.equal(sink.received.length, 1);
  });

  it("retries a temporary refusal after 1, then 2 minutes, and gives up after the last attempt", async () => {
    refusals.set("busy@example.kr", 451);
    const id = await queueMail(store, {
      kind: "account-exists",
      email: "busy@example.kr",
      link: "http://city.example/ko/workspace/reset-password",
      at: new Date(clock),
    });
    const d = delivery();
    assert.equal(await d.runOnce(), 1);
    let [m] = await outbox(store, { email: "busy@example.kr" });
    assert.equal(m!.sentAt, null);
    assert.equal(m!.nextAttemptAt.getTime(), clock + 60_000);
    // not due yet
    assert.equal(await d.runOnce(), 0);
    clock += 60_000;
    assert.equal(await d.runOnce(), 1);
    [m] = await outbox(store, { email: "busy@example.kr" });
    assert.equal(m!.nextAttemptAt.getTime(), clock + 120_000);
    clock += 120_000;
    assert.equal(await d.runOnce(), 1);
    [m] = await outbox(store, { email: "busy@example.kr" });
    assert.equal(m!.failedAt?.getTime(), clock);
    assert.equal(m!.attempts, 3);
    clock += 3_600_000;
    assert.equal(await d.runOnce(), 0);
    await d.stop();
    const attempts = await mailAttempts(store, id);
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.ok]),
      [
        [1, false],
        [2, false],
        [3, false],
      ],
    );
    assert.match(attempts[0]!.detail, /451/);
    assert.equal(sink.received.length, 0);
  });

  it("a permanent refusal (5xx) is given up at once; a temporary one is sent when the server takes it", async () => {
    refusals.set("gone@example.kr", 550);
    refusals.set("later@example.kr", 452);
    await queueMail(store, {
      kind: "invitation",
      email: "gone@example.kr",
      link: "http://x/1",
      at: new Date(clock),
    });
    await queueMail(store, {
      kind: "invitation",
      email: "later@example.kr",
      link: "http://x/2",
      at: new Date(clock),
    });
    const d = delivery();
    assert.equal(await d.runOnce(), 2);
    const [gone] = await outbox(store, { email: "gone@example.kr" });
    assert.equal(gone!.failedAt?.getTime(), clock);
    refusals.delete("later@example.kr");
    clock += 60_000;
    assert.equal(await d.runOnce(), 1);
    await d.stop();
    const [later] = await outbox(store, { email: "later@example.kr" });
    assert.equal(later!.sentAt?.getTime(), clock);
    assert.deepEqual(
      sink.received.map((r) => r.to),
      [["later@example.kr"]],
    );
  });

  it("an unreachable server is an error recorded with the attempt, and retried", async () => {
    await queueMail(store, {
      kind: "password-reset",
      email: "far@example.kr",
      link: "http://x/3",
      at: new Date(clock),
    });
    // a port nothing listens on (the sink's, closed)
    const gone = await startSink();
    await gone.close();
    const d = delivery({ smtpUrl: gone.url });
    assert.equal(await d.runOnce(), 1);
    await d.stop();
    const [m] = await outbox(store, { email: "far@example.kr" });
    assert.equal(m!.sentAt, null);
    assert.equal(m!.failedAt, null);
    assert.equal(m!.nextAttemptAt.getTime(), clock + 60_000);
    const [a] = await mailAttempts(store, m!.id);
    assert.match(a!.detail, /ECONNREFUSED|ESOCKET|ECONNECTION/);
    // delivered once the server is back
    clock += 60_000;
    const back = delivery();
    assert.equal(await back.runOnce(), 1);
    await back.stop();
    assert.equal(sink.received.length, 1);
  });

  it("two senders at once send each message once", async () => {
    for (let i = 0; i < 6; i++)
      await queueMail(store, {
        kind: "invitation",
        email: `p${i}@example.kr`,
        link: `http://x/p${i}`,
        at: new Date(clock),
      });
    const a = delivery();
    const b = delivery();
    const [na, nb] = await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([a.stop(), b.stop()]);
    assert.equal(na + nb, 6);
    assert.equal(sink.received.length, 6);
    assert.equal(new Set(sink.received.map((r) => r.to[0])).size, 6);
  });

  it("the loop runs in the background, sends what is queued when kicked, and stops cleanly", async () => {
    const d = delivery({ intervalMs: 60_000 });
    d.start();
    await queueMail(store, {
      kind: "invitation",
      email: "kick@example.kr",
      link: "http://x/k",
      at: new Date(clock),
    });
    d.kick();
    for (let i = 0; i < 100 && sink.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(sink.received[0]?.to, ["kick@example.kr"]);
    await d.stop();
    // stopped: a message queued now stays in the outbox
    await queueMail(store, {
      kind: "invitation",
      email: "after@example.kr",
      link: "http://x/a",
      at: new Date(clock),
    });
    d.kick();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sink.received.length, 1);
    assert.equal((await outbox(store, { email: "after@example.kr" }))[0]!.sentAt, null);
  });

  it("settings come from the environment; a bad one names its variable", () => {
    assert.equal(mailSettingsFromEnv({}), undefined);
    const s = mailSettingsFromEnv({
      CITYPATH_SMTP_URL: "smtp://user:pw@mail.city.example:587",
      CITYPATH_MAIL_FROM: "Citypath <c@city.example>",
      CITYPATH_MAIL_MAX_ATTEMPTS: "5",
    })!;
    assert.equal(s.maxAttempts, 5);
    assert.equal(s.intervalMs, 15_000);
    assert.throws(() => mailSettingsFromEnv({ CITYPATH_SMTP_URL: "smtp://h:25" }), /CITYPATH_MAIL_FROM/);
    assert.throws(
      () => mailSettingsFromEnv({ CITYPATH_SMTP_URL: "http://h", CITYPATH_MAIL_FROM: "a@b" }),
      /smtp:\/\/ or smtps:\/\//,
    );
    assert.throws(
      () =>
        mailSettingsFromEnv({
          CITYPATH_SMTP_URL: "smtp://h",
          CITYPATH_MAIL_FROM: "a@b",
          CITYPATH_MAIL_MAX_ATTEMPTS: "0",
        }),
      /CITYPATH_MAIL_MAX_ATTEMPTS/,
    );
    assert.deepEqual(
      [1, 2, 3, 8].map((n) => retryDelay({ baseDelayMs: 60_000, maxDelayMs: 3_600_000 }, n)),
      [60_000, 120_000, 240_000, 3_600_000],
    );
  });
});
