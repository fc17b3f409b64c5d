/**
 * The compiled predicates must answer exactly what json-rules-engine answers on the same
 * rule files: same findings (codes, texts, evidence, fixes), primary, verdict and id.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FactContext } from "../../../src/diagnosis/facts";
import { parseSnapshot, type Snapshot } from "../../../src/domain/snapshot";
import { diagnosisExamples } from "../../support/diagnosis-examples";
import { caseArb, unknownCaseArb } from "./arbitraries";
import { ROWS } from "./catalogue-cases";
import { diagnoser } from "./setup";

async function same(snapshot: Snapshot, context: FactContext = {}): Promise<void> {
  const viaEngine = await diagnoser.diagnose(snapshot, context);
  const compiled = diagnoser.diagnoseCompiled(snapshot, context);
  const codes = viaEngine.findings.map((f) => f.code);
  expect(compiled.findings.map((f) => f.code)).toEqual(codes);
  expect(diagnoser.findingCodes(snapshot, context)).toEqual(codes);
  expect(compiled.findings).toEqual(viaEngine.findings);
  expect({ ...compiled, engine: null }).toEqual({ ...viaEngine, engine: null });
}

describe("json-rules-engine and the compiled predicates", () => {
  it.each(ROWS.flatMap((row) => [...row.fires, ...row.nearMiss].map((c) => [row.code, c.name, c] as const)))(
    "agree on %s: %s",
    async (_code, _name, c) => same(c.snapshot, c.context),
  );

  it("agree on the diagnosis examples", async () => {
    for (const example of diagnosisExamples()) {
      const parsed = parseSnapshot(example.snapshot);
      if (!parsed.ok) throw new Error(`bad example: ${example.name}`);
      await same(parsed.snapshot);
    }
  });

  it("agree on 10,000 generated snapshots (every v2 field; unknown paths in about a tenth)", async () => {
    await fc.assert(fc.asyncProperty(caseArb, async ({ snapshot, context }) => same(snapshot, context)), { numRuns: 10_000 });
  }, 600_000);

  it("agree on 500 generated snapshots with unknown paths: same findings fired, left out and flagged as undecided", async () => {
    await fc.assert(fc.asyncProperty(unknownCaseArb, async ({ snapshot, context }) => same(snapshot, context)), { numRuns: 500 });
  }, 600_000);
});
