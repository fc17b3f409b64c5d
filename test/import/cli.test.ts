/**
 * The commands a newcomer runs, as child processes on a temp database file:
 * `import:entra <folder>` then `sweep <tenant>` on what it imported, unchanged; and a bad
 * export refused with the file and field named and exit code 1.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const SMALL = join(import.meta.dirname, "../fixtures/entra/small");
let dir: string;
const env = () => ({ ...process.env, SSPR_DB: join(dir, "sspr.db"), SSPR_CACHE_DIR: join(process.cwd(), ".cache") });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "entra-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run import:entra, then npm run sweep", () => {
  it("imports the folder and sweeps the imported tenant", async () => {
    const imported = await run(TSX, ["src/cli/import-entra.ts", SMALL], { env: env() });
    expect(imported.stdout).toContain("Imported Northwind Traders (northwind.example, id tnt-northwind.example)");
    expect(imported.stdout).toContain("20 users (4 synced, 3 with admin roles)");
    const swept = await run(TSX, ["src/cli/sweep.ts", "northwind.example"], { env: env() });
    expect(swept.stdout).toMatch(
      /Northwind Traders \(northwind\.example\): 20 users — \d+ can reset, \d+ at risk, \d+ blocked/,
    );
    expect(swept.stdout).toContain("no_license");
    const again = await run(TSX, ["src/cli/import-entra.ts", SMALL], { env: env() });
    expect(again.stdout).toContain("no changes since the last import");
  }, 120_000);

  it("refuses a bad export with the file and field named, exit code 1", async () => {
    const bad = join(dir, "bad");
    cpSync(SMALL, bad, { recursive: true });
    const settings = JSON.parse(readFileSync(join(bad, "sspr-settings.json"), "utf8"));
    settings.sspr.methodsRequired = "two";
    writeFileSync(join(bad, "sspr-settings.json"), JSON.stringify(settings));
    const err = await run(TSX, ["src/cli/import-entra.ts", bad], { env: env() }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain(
      "Import refused, nothing was written:\n  sspr-settings.json: sspr.methodsRequired: expected 1 or 2",
    );
  }, 60_000);
});
