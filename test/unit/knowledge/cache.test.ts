import { cpSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../../src/knowledge/cache";
import { loadKnowledgeBase } from "../../../src/knowledge/knowledge-base";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "kb");
const QUERIES = ["code never arrived", "lockd out", "writeback", "administrator two methods"];

function freshCopy(): { contentDir: string; cacheDir: string } {
  const root = mkdtempSync(join(tmpdir(), "kb-cache-"));
  cpSync(FIXTURE, join(root, "content"), { recursive: true });
  return { contentDir: join(root, "content"), cacheDir: join(root, "cache") };
}

describe("loadKnowledgeBase cache", () => {
  it("builds cold, then loads warm from the cache with identical results", async () => {
    const dirs = freshCopy();
    const cold = await loadKnowledgeBase(dirs);
    expect(cold.stats.fromCache).toBe(false);
    expect(readdirSync(dirs.cacheDir)).toEqual([`kb-${cold.contentHash}.json`]);

    const warm = await loadKnowledgeBase(dirs);
    expect(warm.stats.fromCache).toBe(true);
    expect(warm.contentHash).toBe(cold.contentHash);
    expect(warm.stats.sections).toBe(cold.stats.sections);
    for (const q of QUERIES) {
      expect(warm.search(q)).toEqual(cold.search(q));
      expect(warm.search(q, { locale: "lv" })).toEqual(cold.search(q, { locale: "lv" }));
    }
    expect(warm.suggest("verif")).toEqual(cold.suggest("verif"));
    expect(warm.getArticle("reset-codes", "lv")).toEqual(cold.getArticle("reset-codes", "lv"));
  });

  it("changes the hash when a file changes, misses the cache and drops the stale file", async () => {
    const dirs = freshCopy();
    const first = await loadKnowledgeBase(dirs);
    const file = join(dirs.contentDir, "en", "reset-codes.md");
    writeFileSync(file, "\nOne more line.\n", { flag: "a" });
    const second = await loadKnowledgeBase(dirs);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(second.stats.fromCache).toBe(false);
    expect(readdirSync(dirs.cacheDir)).toEqual([`kb-${second.contentHash}.json`]);
  });

  it("treats a corrupt cache file as a miss", async () => {
    const dirs = freshCopy();
    const first = await loadKnowledgeBase(dirs);
    writeFileSync(join(dirs.cacheDir, `kb-${first.contentHash}.json`), "{ not json");
    const second = await loadKnowledgeBase(dirs);
    expect(second.stats.fromCache).toBe(false);
    expect(second.search("lockd out")).toEqual(first.search("lockd out"));
    expect(statSync(join(dirs.cacheDir, `kb-${first.contentHash}.json`)).size).toBeGreaterThan(100);
  });
});

describe("contentHash", () => {
  it("depends on names and contents, not on order", () => {
    const a = { name: "en/a.md", path: "a", text: "A" };
    const b = { name: "en/b.md", path: "b", text: "B" };
    expect(contentHash([a, b])).toBe(contentHash([b, a]));
    expect(contentHash([a, b])).not.toBe(contentHash([a, { ...b, text: "B!" }]));
    expect(contentHash([a, b])).not.toBe(contentHash([a, { ...b, name: "lv/b.md" }]));
    expect(contentHash([a])).toMatch(/^[0-9a-f]{64}$/);
  });
});
