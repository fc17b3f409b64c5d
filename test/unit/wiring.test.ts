import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FINDING_CODES } from "../../src/domain/catalogue";
import { describe, expect, it } from "vitest";
import { CONTENT_DIR, loadDoctor } from "../../src/wiring";

describe("loadDoctor (start-up)", () => {
  it("refuses to start when a catalogue code has no English article, naming the code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sspr-content-"));
    try {
      cpSync(CONTENT_DIR, dir, { recursive: true });
      rmSync(join(dir, "en", "licences.md"));
      rmSync(join(dir, "lv", "licences.md"), { force: true });
      await expect(loadDoctor({ contentDir: dir })).rejects.toThrow(
        /no article answering: .*no_license.*license_lacks_writeback/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts on the shipped content with every rule linked to an article", async () => {
    const { diagnoser, kb } = await loadDoctor();
    expect(diagnoser.ruleCount).toBe(FINDING_CODES.length); // one rule per catalogue code (64 in v2)
    expect(kb.articlesFor("no_license")[0]!.url).toBe("/kb/licences");
  });
});
