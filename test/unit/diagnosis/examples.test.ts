/**
 * The shared diagnosis examples (../shared/fixtures/diagnosis/examples.json): primary,
 * verdict, includes and excludes, through both evaluation paths.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSnapshot } from "../../../src/domain/snapshot";
import { diagnoser } from "./setup";

// The shared fixtures live beside the repository (../shared from the project root).
const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../shared/fixtures/diagnosis/examples.json", `file://${PROJECT_ROOT}`));

type Example = {
  name: string;
  snapshot: unknown;
  expect: { primary: string | null; verdict?: string; includes?: string[]; excludes?: string[] };
};
const examples = JSON.parse(readFileSync(EXAMPLES, "utf8")) as Example[];

describe("the shared diagnosis examples", () => {
  it("are there to test", () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples.map((e) => [e.name, e] as const))("%s", async (_name, example) => {
    const parsed = parseSnapshot(example.snapshot);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    for (const d of [await diagnoser.diagnose(parsed.snapshot), diagnoser.diagnoseCompiled(parsed.snapshot)]) {
      const codes = d.findings.map((f) => f.code);
      expect(d.primary).toBe(example.expect.primary);
      if (example.expect.verdict) expect(d.verdict).toBe(example.expect.verdict);
      for (const code of example.expect.includes ?? []) expect(codes).toContain(code);
      for (const code of example.expect.excludes ?? []) expect(codes).not.toContain(code);
    }
  });
});
