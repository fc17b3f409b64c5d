/**
 * The on-disk cache of a built knowledge base: parsed articles (with their
 * rendered HTML) and the serialized minisearch indexes, in one JSON file named
 * by the content hash. A warm start reads it back instead of running unified
 * and re-indexing. The hash covers every file name and byte plus
 * {@link KB_CODE_VERSION}, so editing an article, adding one, or changing how
 * the pipeline builds its output all miss the cache.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locale, ParsedArticle } from "./article";

/**
 * Bump when parsing, term processing, rendering or the index layout change
 * output for the same files — otherwise a warm start would serve stale output.
 */
export const KB_CODE_VERSION = "kb-2026-11-30.3";

export type ContentFile = {
  /** Stable name used in the hash: `en/x.md` for content, `extra/<name>` for extra files. */
  name: string;
  /** Path for reading and for error messages. */
  path: string;
  text: string;
};

export type CachedKb = {
  version: string;
  hash: string;
  articles: ParsedArticle[];
  /** minisearch `toJSON` output per locale, as JSON text for `MiniSearch.loadJSON`. */
  indexes: Record<Locale, string>;
  /** Each locale's known terms (language.ts): processing every word again would double a warm start. */
  vocabulary: Record<Locale, string[]>;
};

/**
 * sha256 over the code version and every file's name and content, in name order.
 *
 * @example
 * contentHash([{ name: "en/a.md", path: "content/en/a.md", text: "…" }]); // "3f2a…" (64 hex)
 */
export function contentHash(files: readonly ContentFile[]): string {
  const hash = createHash("sha256");
  hash.update(`${KB_CODE_VERSION}\0`);
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    hash.update(`${file.name}\0${file.text.length}\0`);
    hash.update(file.text);
    hash.update("\0");
  }
  return hash.digest("hex");
}

function cacheFile(cacheDir: string, hash: string): string {
  return join(cacheDir, `kb-${hash}.json`);
}

/**
 * The cached build for `hash`, or undefined when absent, unreadable or from
 * another code version (a broken cache is a miss, never an error).
 *
 * @example
 * const cached = await readCache(".cache/kb", hash);
 */
export async function readCache(cacheDir: string, hash: string): Promise<CachedKb | undefined> {
  try {
    const data = JSON.parse(await readFile(cacheFile(cacheDir, hash), "utf8")) as Partial<CachedKb>;
    if (data.version !== KB_CODE_VERSION || data.hash !== hash) return undefined;
    if (
      !Array.isArray(data.articles) ||
      typeof data.indexes?.en !== "string" ||
      typeof data.indexes.lv !== "string" ||
      !Array.isArray(data.vocabulary?.en) ||
      !Array.isArray(data.vocabulary.lv)
    ) {
      return undefined;
    }
    return data as CachedKb;
  } catch {
    return undefined;
  }
}

/**
 * Writes the build atomically (temp file + rename, so a concurrent reader
 * never sees half a file) and removes caches of other hashes. Failures are
 * swallowed: the cache is an optimisation, and a read-only disk must not stop
 * the service from starting. Returns whether it was written.
 *
 * @example
 * await writeCache(".cache/kb", { version: KB_CODE_VERSION, hash, articles, indexes, vocabulary });
 */
export async function writeCache(cacheDir: string, data: CachedKb): Promise<boolean> {
  try {
    await mkdir(cacheDir, { recursive: true });
    const target = cacheFile(cacheDir, data.hash);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, JSON.stringify(data));
    await rename(temp, target);
    for (const name of await readdir(cacheDir)) {
      if (/^kb-[0-9a-f]{64}\.json$/.test(name) && name !== `kb-${data.hash}.json`) {
        await rm(join(cacheDir, name), { force: true });
      }
    }
    return true;
  } catch {
    return false;
  }
}
