/**
 * The directory servers the tests start, tracked by PID so every one of them is stopped:
 * by the test file's afterAll, and — when a test times out or the worker dies — by the
 * process exit hooks registered here. Nothing is ever stopped by name.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";

const running = new Map<number, ChildProcess>();
const tempDirs = new Set<string>();

function stopAllNow() {
  for (const [pid] of running) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  running.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.once("exit", stopAllNow);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopAllNow();
    process.exit(130);
  });
}

/** Remember a temp folder so it is removed even when the test never reaches its afterAll. */
export function trackTempDir(dir: string): void {
  tempDirs.add(dir);
}
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Start a server in the foreground (no shell, so the PID is the server's own). */
export function startProcess(
  cmd: string,
  args: string[],
  opts: { logTo: (chunk: string) => void; env?: NodeJS.ProcessEnv },
): ChildProcess {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: opts.env ?? process.env });
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  running.set(child.pid, child);
  child.stdout!.on("data", (b: Buffer) => opts.logTo(b.toString()));
  child.stderr!.on("data", (b: Buffer) => opts.logTo(b.toString()));
  child.once("exit", () => running.delete(child.pid!));
  return child;
}

/** SIGTERM by PID, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolve once host:port accepts a connection; throw (with the server's log) after `timeoutMs`. */
export async function waitForPort(
  host: string,
  port: number,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before listening on ${host}:${port}:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port });
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether a server binary exists; in CI a missing one is a failure, never a skip. */
export function requireBinary(path: string, pkg: string): void {
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: install the Debian package '${pkg}' (.ci/run does: apt-get install -y ${pkg}).`,
    );
}
