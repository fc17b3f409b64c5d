/**
 * Running a CLI (src/cli/<name>.ts) inside the test process instead of spawning tsx:
 * argv and environment are set, the module is imported fresh (its top-level
 * `parseAsync()` runs the command), and what it prints and its exit code are collected.
 * A spawned tsx costs seconds of a busy core per call; this costs an import. The CLIs
 * stay untouched: they still read process.argv and process.env as `npm run` gives them.
 */
import { vi } from "vitest";

export type CliResult = { stdout: string; stderr: string; code: number };

class Exit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

/**
 * @example const { stdout, code } = await runCli("diagnose", ["carl.codes@contoso.example"], { SSPR_DB: path })
 */
export async function runCli(name: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const saved = { argv: process.argv, exitCode: process.exitCode, env: { ...process.env } };
  const out: string[] = [];
  const err: string[] = [];
  const text = (xs: unknown[]) => xs.map((x) => (typeof x === "string" ? x : String(x))).join(" ") + "\n";
  const spies = [
    vi.spyOn(console, "log").mockImplementation((...xs: unknown[]) => void out.push(text(xs))),
    vi.spyOn(console, "error").mockImplementation((...xs: unknown[]) => void err.push(text(xs))),
    vi
      .spyOn(process.stderr, "write")
      .mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true)),
    vi.spyOn(process, "exit").mockImplementation((code?: string | number | null) => {
      throw new Exit(Number(code ?? 0));
    }),
  ];
  let code = 0;
  try {
    process.argv = [process.execPath, `src/cli/${name}.ts`, ...args];
    Object.assign(process.env, env);
    process.exitCode = undefined;
    vi.resetModules();
    await import(`../../src/cli/${name}.ts`);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    code = e.code;
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
    for (const key of Object.keys(env)) {
      if (key in saved.env) process.env[key] = saved.env[key];
      else delete process.env[key];
    }
  }
  return { stdout: out.join(""), stderr: err.join(""), code };
}
