/**
 * The SMTP sink for the browser tests and benches: the server's test sink (a real smtp-server on 127.0.0.1
 * that keeps what it is given; nothing leaves the machine), with each message's text decoded and a wait for
 * the message a test expects.
 */
import { bodyText, startSink } from "@citypath/server/mail/smtp-sink";
import { timed } from "./profile.ts";

export interface SentMail {
  readonly to: string[];
  readonly raw: string;
  /** The text body with its transfer encoding (quoted-printable or base64) undone. */
  readonly text: string;
}

export async function startSmtpSink() {
  const sink = await startSink();
  const received: SentMail[] = [];
  const read = () => {
    for (const m of sink.received.slice(received.length)) received.push({ ...m, text: bodyText(m.raw) });
    return received;
  };
  return {
    url: sink.url,
    get received() {
      return read();
    },
    /** The first message to `to` that `test` accepts, waiting for it up to `ms`. */
    waitFor(to: string, test: (m: SentMail) => boolean = () => true, ms = 30_000): Promise<SentMail> {
      return timed("mail wait", async () => {
        const end = Date.now() + ms;
        for (;;) {
          const m = read().find((x) => x.to.includes(to) && test(x));
          if (m) return m;
          if (Date.now() > end)
            throw new Error(`no mail to ${to} within ${ms} ms (${received.length} received)`);
          await new Promise((r) => setTimeout(r, 100));
        }
      });
    },
    close: sink.close,
  };
}
