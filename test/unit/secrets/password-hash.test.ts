import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  currentHashCost,
  hashSecret,
  SCRYPT_PARAMS,
  TEST_SCRYPT_COST,
  verifySecret,
} from "../../../src/secrets/password-hash";

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe("the production hashing cost", () => {
  it("is memory-hard scrypt at the OWASP floor: N = 2^15, r = 8, p = 1 (32 MiB per guess)", () => {
    expect(SCRYPT_PARAMS).toMatchObject({ N: 32768, r: 8, p: 1 });
    expect(128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r).toBe(32 * 1024 * 1024);
  });

  it("is what a fresh process hashes with: only the test setup file lowers it", async () => {
    vi.resetModules();
    const fresh = await import("../../../src/secrets/password-hash");
    expect(fresh.currentHashCost()).toEqual({ N: 32768, r: 8, p: 1, maxmem: SCRYPT_PARAMS.maxmem });
    expect(await fresh.hashSecret("correct horse")).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it("is never lowered by the service itself: no file under src/ but the hashing module names the test cost", () => {
    const offenders = sourceFiles("src").filter(
      (f) =>
        !f.endsWith(join("secrets", "password-hash.ts")) &&
        /useTestHashCost|TEST_SCRYPT_COST/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});

describe("hashSecret and verifySecret", () => {
  it("hash at the test cost inside the suite, and the hash records its own parameters", async () => {
    expect(currentHashCost()).toEqual(TEST_SCRYPT_COST);
    expect(await hashSecret("x")).toMatch(/^scrypt\$16\$1\$1\$/);
  });

  it("verify a hash made at either cost, because the parameters travel with it", async () => {
    const strong = await hashSecret("correct horse", SCRYPT_PARAMS);
    const cheap = await hashSecret("correct horse");
    expect(await verifySecret("correct horse", strong)).toBe(true);
    expect(await verifySecret("correct horse", cheap)).toBe(true);
    expect(await verifySecret("wrong horse", strong)).toBe(false);
  });

  it("never match a malformed stored hash", async () => {
    expect(await verifySecret("x", "plain text")).toBe(false);
    expect(await verifySecret("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });
});
