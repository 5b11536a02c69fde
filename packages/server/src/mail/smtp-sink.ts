/**
 * An SMTP sink for tests: a real SMTP server (smtp-server) on 127.0.0.1 that accepts every message (or refuses
 * the recipients the test names) and keeps what it received; mail never goes to the network.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { MailSettings } from "./delivery.ts";

export interface Received {
  to: string[];
  raw: string;
}

/** The body of a received message, its transfer encoding undone. */
export function bodyText(raw: string): string {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const body = rest.join("\r\n\r\n");
  if (/content-transfer-encoding:\s*base64/i.test(head!)) return Buffer.from(body, "base64").toString("utf8");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head!)) {
    const soft = body.replace(/=\r?\n/g, "");
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

/** An SMTP sink: accepts every message, except for recipients `refuse` answers with an SMTP code. */
export async function startSink(refuse: (rcpt: string) => number | undefined = () => undefined) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      const code = refuse(address.address);
      if (code) {
        const err = Object.assign(new Error(`refused by the test (${code})`), { responseCode: code });
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  // a client that drops its connection (a sender stopping) is no failure of the sink
  server.on("error", () => {});
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Delivery settings for a sink: short intervals and delays, few attempts (`over` replaces any). */
export function sinkSettings(url: string, over: Partial<MailSettings> = {}): MailSettings {
  return {
    smtpUrl: url,
    from: "Citypath <citypath@city.example>",
    intervalMs: 50,
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 3_600_000,
    leaseMs: 120_000,
    batch: 20,
    // generous: a busy test machine may greet slowly (the unreachable server is refused at once anyway)
    timeoutMs: 60_000,
    ...over,
  };
}
