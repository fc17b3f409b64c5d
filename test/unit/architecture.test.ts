/**
 * The one hard rule of the style guide, held by a test: only src/db/ knows SQL. A file
 * anywhere else that imports drizzle-orm, prepares a statement or reaches for the raw
 * better-sqlite3 handle (`$client`) fails here, unless it is on the allowlist below of
 * files still being moved. The allowlist only shrinks: an entry that no longer breaks the
 * rule fails too, so whoever cleans a file also takes it off.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SRC = join(ROOT, "src");

/**
 * Files outside src/db/ allowed to run SQL while being moved. Empty since issue 10 landed:
 * a new entry needs a reason beside it and a plan to take it off again.
 */
const PENDING: ReadonlySet<string> = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What makes a file a SQL file: a drizzle import (or re-export), a prepared statement, the raw handle. */
const SQL_MARKS: readonly { name: string; pattern: RegExp }[] = [
  { name: "imports drizzle-orm", pattern: /\bfrom\s+["']drizzle-orm(\/[^"']*)?["']|import\(\s*["']drizzle-orm/ },
  { name: "calls .prepare(", pattern: /\.prepare\(/ },
  { name: "uses $client", pattern: /\$client\b/ },
];

function sqlMarks(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return SQL_MARKS.filter((m) => m.pattern.test(text)).map((m) => m.name);
}

const outsideDb = sourceFiles(SRC)
  .map((file) => ({ file, path: relative(ROOT, file).split("\\").join("/") }))
  .filter(({ path }) => !path.startsWith("src/db/"));

describe("only db/ knows SQL", () => {
  it("finds no drizzle import, prepared statement or raw handle outside src/db/ but on the allowlist", () => {
    const offenders = outsideDb
      .filter(({ path }) => !PENDING.has(path))
      .map(({ file, path }) => ({ path, marks: sqlMarks(file) }))
      .filter((o) => o.marks.length > 0)
      .map((o) => `${o.path}: ${o.marks.join(", ")}`);
    expect(offenders).toEqual([]);
  });

  it("keeps no allowlist entry for a file that is clean (or gone)", () => {
    const present = new Map(outsideDb.map(({ file, path }) => [path, file]));
    const stale = [...PENDING].filter((path) => {
      const file = present.get(path);
      return file === undefined || sqlMarks(file).length === 0;
    });
    expect(stale).toEqual([]);
  });

  it("would catch each kind of SQL mark", () => {
    expect(SQL_MARKS[0]!.pattern.test(`import { eq } from "drizzle-orm";`)).toBe(true);
    expect(SQL_MARKS[0]!.pattern.test(`import { drizzle } from "drizzle-orm/better-sqlite3";`)).toBe(true);
    expect(SQL_MARKS[1]!.pattern.test(`db.$client.prepare("SELECT 1")`)).toBe(true);
    expect(SQL_MARKS[2]!.pattern.test(`db.$client.pragma("x")`)).toBe(true);
    expect(SQL_MARKS.some((m) => m.pattern.test(`import { findTenant } from "../db/tenants";`))).toBe(false);
  });
});
