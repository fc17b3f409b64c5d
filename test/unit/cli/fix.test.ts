/**
 * `npm run fix` in-process on a copy of the seeded demo: `--dry-run` promises that
 * nothing changes, so with `--bulk` (which has no preview of its own) it must refuse
 * rather than quietly apply the fix to every user of the bucket.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { queryAudit } from "../../../src/db/audit";
import { openDb } from "../../../src/db/client";
import { runCli } from "../../support/cli";

describe("npm run fix (in-process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sspr-fix-cli-"));
  const env = { SSPR_DB: join(dir, "sspr.db") };
  copyFileSync(inject("dbImages").demo, env.SSPR_DB);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fixRows = () => {
    const { db, close } = openDb(env.SSPR_DB);
    try {
      return queryAudit(db, { action: "fix.*", limit: 100 }).entries;
    } finally {
      close();
    }
  };

  it("refuses --bulk with --dry-run, naming both, and applies nothing", async () => {
    const args = ["send_registration_reminder", "--bulk", "--tenant", "contoso.example", "--code", "not_registered"];
    const dry = await runCli("fix", [...args, "--dry-run"], env);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain("--dry-run");
    expect(dry.stderr).toContain("--bulk");
    expect(dry.stdout).not.toContain("applied");
    expect(fixRows()).toEqual([]);

    // Without --dry-run the same command does run, so the refusal above is the flag's doing.
    const real = await runCli("fix", args, env);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/[1-9]\d* applied/);
    expect(fixRows().length).toBeGreaterThan(0);
  });
});
