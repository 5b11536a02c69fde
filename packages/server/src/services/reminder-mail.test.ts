/**
 * Reminders by mail on the demo city, delivered over SMTP to a sink the test starts (never the network): each
 * department's editors get its reminders once a period; a pass repeated within the period sends nothing; the
 * next period sends again; admins and other departments' editors get none of it; each pass is audited.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TenantId } from "@citypath/core";
import { listAudit, outbox } from "@citypath/db";
import { memoryLogger } from "../log.ts";
import { createMailDelivery } from "../mail/delivery.ts";
import { bodyText, sinkSettings, startSink } from "../mail/smtp-sink.ts";
import { createTestApp, signIn, type TestApp } from "../testing.ts";
import { periodStart, reminderPeriodFromEnv, runReminderMailPass } from "./reminder-mail.ts";

describe("reminders by mail", () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let tenantId: TenantId;
  // Wednesday 2026-12-09, 10:00 in Jeonju
  const wednesday = Date.UTC(2026, 11, 9, 1, 0, 0);
  const DAY = 86_400_000;

  before(async () => {
    t = await createTestApp();
    sink = await startSink();
    tenantId = (await t.store.tenants.bySlug("jeonju"))!.id;
    const editor = await signIn(t, "bus.officer@example.kr");
    const builder = await signIn(t, "building.officer@example.kr");
    await t.store.memberships.put(tenantId, editor.userId, "editor", ["transport-policy"]);
    await t.store.memberships.put(tenantId, builder.userId, "editor", ["architecture"]);
  });
  after(async () => {
    await sink.close();
    await t.close();
  });

  const deliver = async (now: number) => {
    const d = createMailDelivery({
      store: t.store,
      clock: () => now,
      log: memoryLogger(),
      settings: sinkSettings(sink.url, { batch: 50 }),
    });
    const n = await d.runOnce();
    await d.stop();
    return n;
  };
  const reminderMails = async () =>
    (await outbox(t.store, { forTenant: tenantId })).filter((m) => m.kind === "agenda-reminder");

  it("periods: weekly ones start on a Monday; other lengths count from the same Monday", () => {
    assert.equal(periodStart("2026-12-09", 7), "2026-12-07");
    assert.equal(periodStart("2026-12-07", 7), "2026-12-07");
    assert.equal(periodStart("2026-12-06", 7), "2026-11-30");
    assert.equal(periodStart("2026-12-09", 1), "2026-12-09");
    assert.equal(reminderPeriodFromEnv({}), 7);
    assert.equal(reminderPeriodFromEnv({ CITYPATH_REMINDER_MAIL_DAYS: "14" }), 14);
    assert.equal(reminderPeriodFromEnv({ CITYPATH_REMINDER_MAIL_DAYS: "0" }), 0);
    assert.throws(() => reminderPeriodFromEnv({ CITYPATH_REMINDER_MAIL_DAYS: "weekly" }), /whole number/);
  });

  it("mails each department's reminders to its editors once a period, over SMTP", async () => {
    const first = await runReminderMailPass(t.store, wednesday, { publicUrl: "https://city.example" });
    assert.ok(first.messages >= 1, JSON.stringify(first));
    const mails = await reminderMails();
    assert.equal(mails.length, first.mails);
    const to = mails.map((m) => m.email).sort();
    // the transport editor gets the 교통정책과 message, once; no admin is mailed
    assert.equal(to.filter((e) => e === "bus.officer@example.kr").length, 1);
    assert.ok(to.every((e) => e === "bus.officer@example.kr" || e === "building.officer@example.kr"));
    const bus = mails.find((m) => m.email === "bus.officer@example.kr")!;
    assert.equal(bus.link, "https://city.example/ko/workspace/work?city=jeonju");

    // the sink also gets the sign-up mails of the test's accounts
    assert.ok((await deliver(wednesday)) >= mails.length);
    const text = sink.received
      .filter((r) => r.to.includes("bus.officer@example.kr"))
      .map((r) => bodyText(r.raw))
      .find((x) => x.includes("My work links each"));
    assert.ok(text, "the transport editor's reminder reached the sink");
    assert.match(text, /교통정책과|BRT/);
    assert.match(text, /BRT 이용객 수 \(운행일 평균\)/, "the missing 2026 riders are reminded");
    assert.match(text, /My work links each to the form/);
    assert.ok(text.includes("https://city.example/en/workspace/work?city=jeonju"));

    // again the same day and two days later: the same period, nothing queued twice
    assert.deepEqual(await runReminderMailPass(t.store, wednesday), { messages: 0, mails: 0 });
    assert.deepEqual(await runReminderMailPass(t.store, wednesday + 2 * DAY), { messages: 0, mails: 0 });
    assert.equal((await reminderMails()).length, mails.length);
    const sent = (await t.store.agenda.outbox(tenantId)).filter((o) =>
      o.message.dedupe_key.endsWith(":2026-12-07"),
    );
    assert.ok(sent.some((o) => o.message.department === "transport-policy" && o.sentAt !== null));

    // the next Monday opens a new period: the open reminders are mailed again
    const next = await runReminderMailPass(t.store, wednesday + 5 * DAY);
    assert.ok(next.mails >= 1);
    assert.equal((await reminderMails()).filter((m) => m.email === "bus.officer@example.kr").length, 2);
    const audit = (await listAudit(t.store.db, tenantId)).filter((a) => a.entity === "agenda_outbox");
    assert.deepEqual(
      audit.map((a) => a.entityId),
      ["2026-12-07", "2026-12-14"],
    );
  });
});
