/**
 * The compiled predicates must answer exactly what json-rules-engine answers on the same
 * rule files: same findings (codes, texts, evidence, fixes), primary, verdict and id.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FactContext } from "../../../src/diagnosis/facts";
import { parseSnapshot, type Snapshot } from "../../../src/domain/snapshot";
import { diagnosisExamples } from "../../support/diagnosis-examples";
import { assertWithinAsync } from "../../support/property-budget";
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

  // Up to 10,000 snapshots; on a loaded machine as many as 40 s allow, but never fewer than 1,000.
  it("agree on up to 10,000 generated snapshots", async () => {
    await assertWithinAsync(
      fc.asyncProperty(caseArb, async ({ snapshot, context }) => same(snapshot, context)),
      { max: 10_000, min: 1_000, timeLimitMs: 40_000 },
    );
  }, 60_000);

  // Up to 500 snapshots that all list unknown paths (each is several worlds per evaluator), never fewer than 100.
  it("agree on snapshots with unknown paths: the same findings fired, left out and flagged as undecided", async () => {
    await assertWithinAsync(
      fc.asyncProperty(unknownCaseArb, async ({ snapshot, context }) => same(snapshot, context)),
      { max: 500, min: 100, timeLimitMs: 40_000 },
    );
  }, 60_000);
});
