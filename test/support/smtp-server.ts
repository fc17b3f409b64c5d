/**
 * A real SMTP server in the test process (the `smtp-server` package) on 127.0.0.1 and a
 * free port, collecting every message it accepts with its envelope, raw source, and the
 * decoded subject and text body. Tests point `smtpMailer` (or the whole app, through
 * SMTP_URL) at its `url` and read what a person would have received.
 *
 * The MIME reading is deliberately small — enough for what nodemailer writes: folded
 * headers, RFC 2047 encoded words, multipart/alternative, quoted-printable and base64,
 * UTF-8. It is not a general mail parser.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  /** Envelope recipients (RCPT TO), as the client sent them. */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** The message source as received, CRLF line ends. */
  raw: string;
  /** The decoded Subject header. */
  subject: string;
  /** The decoded text/plain body (the first one, for multipart mail). */
  text: string;
  /** The decoded text/html body, when the mail has one. */
  html?: string;
  /** Every top-level header, lower-cased names, decoded values (first of repeats). */
  headers: Record<string, string>;
};

export type TestSmtpServer = {
  /** `smtp://127.0.0.1:<port>`, ready for `smtpMailer({ url })` or SMTP_URL. */
  url: string;
  /** Accepted messages, oldest first. */
  messages: ReceivedMail[];
  close(): Promise<void>;
};

export type TestSmtpOptions = {
  /** Answer RCPT TO with 550 for these recipients (a relay that knows no such mailbox). */
  rejectRecipient?: (address: string) => boolean;
};

/**
 * Start a server; remember to `close()` it (and your mailer first, so no pooled
 * connection keeps it waiting).
 *
 * @example
 * const smtp = await startSmtpServer();
 * const mailer = smtpMailer({ url: smtp.url, from: "no-reply@sspr.example" });
 * await mailer.send({ to: "alex@home.example", subject: "Your code", text: "12345678", kind: "code" });
 * smtp.messages[0]?.text // "12345678"
 */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // Don't wait 30 s for a pooled client that is still connected when a test ends.
    closeTimeout: 100,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const err = Object.assign(new Error("No such mailbox here"), { responseCode: 550 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = parseMessage(raw);
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw,
          subject: parsed.headers["subject"] ?? "",
          text: parsed.text ?? "",
          ...(parsed.html === undefined ? {} : { html: parsed.html }),
          headers: parsed.headers,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- Minimal MIME reading

type Part = { headers: Record<string, string>; body: string };

function splitPart(source: string): Part {
  const normalized = source.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? "" : normalized.slice(end + 2);
  const headers: Record<string, string> = {};
  // Unfold: a line starting with white space continues the previous header.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** RFC 2047: `=?UTF-8?Q?J=C5=ABsu_kods?=` and `=?UTF-8?B?…?=`; space between two encoded words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(part: Part): string {
  const encoding = (part.headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body);
  return part.body;
}

/** Text and html of a message or part, walking into multipart bodies. */
function bodies(part: Part): { text?: string; html?: string } {
  const type = (part.headers["content-type"] ?? "text/plain").toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(part.headers["content-type"] ?? "")?.[1];
    if (!boundary) return {};
    const found: { text?: string; html?: string } = {};
    const sections = part.body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith("--")) break;
      const inner = bodies(splitPart(section.replace(/^\n/, "")));
      found.text ??= inner.text;
      found.html ??= inner.html;
    }
    return found;
  }
  // A body ends with the line break before the next boundary, not part of the content.
  const content = decodeBody(part).replace(/\n$/, "");
  if (type.startsWith("text/html")) return { html: content };
  if (type.startsWith("text/plain")) return { text: content };
  return {};
}

function parseMessage(raw: string): { headers: Record<string, string>; text?: string; html?: string } {
  const top = splitPart(raw);
  return { headers: top.headers, ...bodies(top) };
}
