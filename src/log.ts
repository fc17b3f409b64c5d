/**
 * Structured logs: one JSON object per line (pino), on stderr by default. A logger is a
 * dependency, so tests can capture or silence it. Secrets and people's contact values
 * are redacted at the logger, so no call site can leak them by passing a whole object:
 * passwords (temporary ones too), codes, answers, tokens, registration passes, cookies,
 * and email addresses or phone numbers.
 */
import pino from "pino";

export type Log = {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

/** Field names that never reach a log line, at the top level or one object down. */
export const REDACTED_FIELDS = [
  "password",
  "newPassword",
  "oldPassword",
  // A helpdesk's secrets by the names its answers and the pass sign-in give them.
  "temporaryPassword",
  "pass",
  "code",
  "codes",
  "answer",
  "answers",
  "token",
  "secret",
  "authorization",
  "cookie",
  "contact",
  "email",
  "phone",
  "value",
  "to",
  "totpSecret",
  "bindSecret",
] as const;
const REDACT_PATHS = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `req.headers.${f}`]);

/**
 * @example jsonLog().info("stopping", { signal: "SIGTERM" })
 * @example jsonLog((line) => lines.push(line)) // capture in a test
 */
export function jsonLog(write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Log {
  const logger = pino(
    {
      base: undefined,
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) },
  );
  return {
    info: (msg, fields = {}) => logger.info(fields, msg),
    warn: (msg, fields = {}) => logger.warn(fields, msg),
    error: (msg, fields = {}) => logger.error(fields, msg),
  };
}

export const silentLog: Log = { info() {}, warn() {}, error() {} };
