/**
 * Outgoing email: the `Mailer` port the flows send codes and notices through, and its
 * SMTP adapter on nodemailer. Delivery failures are rejected promises; whether a failed
 * send becomes a problem, a retry or a quiet log line is the caller's decision (an
 * unknown account must not fail differently from a known one).
 */
import { createTransport } from "nodemailer";

/** One message to one person. `kind` lets a mailbox or log tell codes from notices. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: "code" | "notice";
};

export type Mailer = { send(mail: OutgoingMail): Promise<void> };

export type SmtpMailerOptions = {
  /** A connection URL, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example`. */
  url: string;
  /** The From address, e.g. `"SSPR Doctor" <no-reply@sspr.example>`. */
  from: string;
  /** Connect, greeting and idle-socket limit in milliseconds (default 10 s). */
  timeoutMs?: number;
};

/**
 * A person is waiting on the reset page for the code: nodemailer's own defaults
 * (2 minutes to connect, 10 minutes of socket silence) would hang the request long past
 * the point anyone is still looking. 10 s is ample for a healthy relay.
 */
const DEFAULT_TIMEOUT_MS = 10_000;

/** Tells codes from notices in a relay's logs and lets tests and filters route them. */
const KIND_HEADER = "X-SSPR-Kind";

/**
 * Send mail through an SMTP relay, keeping a small pool of connections open so a burst
 * of codes does not pay a handshake each. Call `close()` on shutdown to end the pool.
 *
 * @example
 * const mailer = smtpMailer({ url: "smtp://127.0.0.1:2525", from: "no-reply@sspr.example" });
 * await mailer.send({ to: "alex@home.example", subject: "Your code", text: "12345678", kind: "code" });
 * mailer.close();
 */
export function smtpMailer(options: SmtpMailerOptions): Mailer & { close(): void } {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    url: options.url,
    pool: true,
    // Two connections: codes are one message per request, and a small relay quota is
    // easier to stay under than to recover from.
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        headers: { [KIND_HEADER]: mail.kind },
      });
    },
    close() {
      transport.close();
    },
  };
}
