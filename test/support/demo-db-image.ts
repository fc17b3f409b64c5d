/**
 * Vitest global setup: migrate and seed the demo once per run, at TEST_NOW and the test
 * hashing cost, and leave its SQLite image in a temporary file. testApp() opens a private
 * in-memory copy of it (openDbImage) instead of migrating and seeding for each of its
 * ~200 calls. The folder is removed when the run ends, however it ends.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { fixedClock } from "../../src/clock";
import { dbImage, openDb } from "../../src/db/client";
import { seedDemo } from "../../src/db/seed/seed";
import { useTestHashCost } from "../../src/secrets/password-hash";
import { TEST_NOW } from "./test-now";

declare module "vitest" {
  export interface ProvidedContext {
    /** Paths of the migrated database images: empty, and with the demo seeded at TEST_NOW. */
    dbImages: { empty: string; demo: string };
  }
}

export default async function setup(project: TestProject) {
  useTestHashCost();
  const dir = mkdtempSync(join(tmpdir(), "sspr-test-images-"));
  const write = async (name: string, seed: boolean) => {
    const { db, close } = openDb(":memory:");
    if (seed) await seedDemo(db, fixedClock(TEST_NOW));
    const path = join(dir, name);
    writeFileSync(path, dbImage(db));
    close();
    return path;
  };
  project.provide("dbImages", { empty: await write("empty.sqlite", false), demo: await write("demo.sqlite", true) });
  return () => rmSync(dir, { recursive: true, force: true });
}
