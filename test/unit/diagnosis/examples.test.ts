/**
 * The diagnosis examples (test/fixtures/diagnosis/examples.json): primary, verdict,
 * includes and excludes, through both evaluation paths.
 */
import { describe, expect, it } from "vitest";
import { parseSnapshot } from "../../../src/domain/snapshot";
import { diagnosisExamples, type DiagnosisExample } from "../../support/diagnosis-examples";
import { diagnoser } from "./setup";

const examples = diagnosisExamples();

async function bothPaths(example: DiagnosisExample) {
  const parsed = parseSnapshot(example.snapshot);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return [await diagnoser.diagnose(parsed.snapshot), diagnoser.diagnoseCompiled(parsed.snapshot)];
}

describe("the shared diagnosis examples", () => {
  it("are there to test", () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples.map((e) => [e.name, e] as const))("%s", async (_name, example) => {
    for (const d of await bothPaths(example)) {
      const codes = d.findings.map((f) => f.code);
      expect(d.primary).toBe(example.expect.primary);
      expect(codes).toEqual(expect.arrayContaining(example.expect.includes ?? []));
      for (const code of example.expect.excludes ?? []) expect(codes).not.toContain(code);
    }
  });

  // Only some rows state a verdict; the rows that do are their own cases, so no assertion is skipped silently.
  const withVerdict = examples.flatMap((e) => (e.expect.verdict ? [[e.name, e.expect.verdict, e] as const] : []));
  it("state a verdict on some rows", () => expect(withVerdict.length).toBeGreaterThan(0));
  it.each(withVerdict)("gives %s the verdict %s", async (_name, verdict, example) => {
    for (const d of await bothPaths(example)) expect(d.verdict).toBe(verdict);
  });
});
