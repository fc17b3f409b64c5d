/**
 * Vitest setup file: every test process hashes new secrets at the test cost. scrypt at
 * the production N = 2^15 costs ~100 ms of a busy core per hash, and the suite hashes
 * hundreds of codes, answers and passwords; the security property under test is the
 * flow around the hash, not its cost. test/unit/secrets/password-hash.test.ts keeps the
 * production parameters honest.
 */
import { useTestHashCost } from "../../src/secrets/password-hash";

useTestHashCost();
