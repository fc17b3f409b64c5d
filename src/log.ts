/**
 * Structured logs, one JSON object per line on stderr. A logger is a dependency, so
 * tests can capture or silence it.
 */
export type Log = {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

export function jsonLog(write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Log {
  const at = (level: string) => (msg: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

export const silentLog: Log = { info() {}, warn() {}, error() {} };
