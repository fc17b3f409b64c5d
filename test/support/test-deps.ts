/**
 * The whole app on a fresh in-memory database with a fixed clock, seeded randomness
 * and silent logs — what every API test stands on. The database is a private copy of an
 * image migrated (and, with `seed`, seeded) once per run by test/support/demo-db-image.ts.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { createApp } from "../../src/app";
import type { Mailer } from "../../src/delivery/mailer";
import { fixedClock, type Random } from "../../src/clock";
import { openDb, openDbImage } from "../../src/db/client";
import { seedDemo } from "../../src/db/seed/seed";
import type { Deps } from "../../src/deps";
import type { StaffRole } from "../../src/domain/staff";
import { jsonLog, silentLog } from "../../src/log";
import { createStaffToken } from "../../src/db/staff-tokens";
import { buildDeps } from "../../src/wiring";

import { TEST_NOW } from "./test-now";

export { TEST_NOW };

const images = new Map<string, Buffer>();
/** A fresh database: a copy of the run's image when there is one for this `now`, else migrated and seeded here. */
async function freshDb(seed: boolean, now: string) {
  const paths = inject("dbImages");
  const path = paths && now === TEST_NOW ? (seed ? paths.demo : paths.empty) : undefined;
  if (path) {
    let image = images.get(path);
    if (!image) images.set(path, (image = readFileSync(path)));
    return openDbImage(image);
  }
  const opened = openDb(":memory:");
  if (seed) await seedDemo(opened.db, fixedClock(now));
  return opened;
}

/** Deterministic "random" bytes: SHA-256 in counter mode over a seed. */
export function seededRandom(seed = "sspr-tests"): Random {
  let counter = 0;
  const bytes = (n: number) => {
    const chunks: Buffer[] = [];
    let len = 0;
    while (len < n) {
      const c = createHash("sha256").update(`${seed}:${counter++}`).digest();
      chunks.push(c);
      len += c.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  };
  return { bytes, int: (max) => bytes(4).readUInt32BE(0) % max };
}

export type TestContext = Awaited<ReturnType<typeof testApp>>;

/**
 * Build the app for a test.
 * @example const t = await testApp({ seed: true }); await t.app.request("/healthz")
 */
export async function testApp(opts: { seed?: boolean; now?: string; adminToken?: string; mailer?: Mailer } = {}) {
  const now = opts.now ?? TEST_NOW;
  const { db, close } = await freshDb(Boolean(opts.seed), now);
  const clock = fixedClock(now);
  const random = seededRandom();
  const deps: Deps = await buildDeps({
    db,
    clock,
    random,
    log: process.env.TEST_LOG ? jsonLog() : silentLog,
    demo: true,
    adminToken: opts.adminToken,
    mailer: opts.mailer,
    cacheDir: ".cache/kb",
  });
  const app = createApp(deps);
  const tokens = Object.fromEntries(
    (["support", "helpdesk", "admin"] as StaffRole[]).map((role) => [
      role,
      createStaffToken(db, random, role, `test ${role}`).token,
    ]),
  ) as Record<StaffRole, string>;
  const auth = (role: StaffRole) => ({ authorization: `Bearer ${tokens[role]}` });
  return { app, db, clock, deps, tokens, auth, close };
}

export async function problemOf(res: Response) {
  expectProblemType(res);
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    code?: string;
    field?: string;
    diagnosisId?: string;
  };
}

function expectProblemType(res: Response) {
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json"))
    throw new Error(`expected problem+json, got ${type} (${res.status})`);
}
