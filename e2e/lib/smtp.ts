/**
 * An SMTP sink for the browser tests: a real SMTP server (smtp-server) on 127.0.0.1 and a free port that
 * keeps every message it is given, so that a test reads the mail Citypath sent. Nothing leaves the machine.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SentMail {
  readonly to: string[];
  readonly raw: string;
  /** The text body with its transfer encoding (quoted-printable or base64) undone. */
  readonly text: string;
}

function decode(raw: string): string {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const body = rest.join("\r\n\r\n");
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, "base64").toString("utf8");
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const soft = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i] ?? "", "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

export async function startSmtpSink() {
  const received: SentMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decode(raw) });
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
    /** The first message to `to` that `test` accepts, waiting for it up to `ms`. */
    async waitFor(to: string, test: (m: SentMail) => boolean = () => true, ms = 30_000): Promise<SentMail> {
      const end = Date.now() + ms;
      for (;;) {
        const m = received.find((x) => x.to.includes(to) && test(x));
        if (m) return m;
        if (Date.now() > end)
          throw new Error(`no mail to ${to} within ${ms} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
