/**
 * POST /diagnose/simulate answers from the compiled predicates (ADR 015). What a caller
 * receives must not depend on that: for the shared examples and generated snapshots (with
 * and without unknown facts, so insufficient_evidence and its worlds are covered) the
 * whole HTTP response — status, content type and every byte of the body — is the one the
 * json-rules-engine path gives. Both apps share one database, knowledge base and rules;
 * only the evaluator behind the route differs, and `durationMs` is pinned so the timing is
 * the same bytes too.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createDiagnoser } from "../../src/diagnosis/engine";
import { loadRules } from "../../src/diagnosis/rules";
import { createMetrics, countingDiagnoser } from "../../src/http/metrics";
import { diagnosisExamples } from "../support/diagnosis-examples";
import { tenantUsers } from "../support/snapshots";
import { testApp, type TestContext } from "../support/test-deps";
import { caseArb, unknownCaseArb } from "../unit/diagnosis/arbitraries";

let t: TestContext;
let viaCompiled: ReturnType<typeof createApp>;
let viaEngine: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await testApp();
  const kb = t.deps.kb;
  const pinned = createDiagnoser({
    rules: loadRules({ hasArticle: (code) => kb.articlesFor(code).length > 0 }),
    articlesFor: (code) => kb.articlesFor(code),
    now: () => 0,
  });
  viaCompiled = createApp({ ...t.deps, diagnoser: pinned });
  // The route as it was before ADR 015: every simulate through json-rules-engine.
  viaEngine = createApp({ ...t.deps, diagnoser: { ...pinned, diagnoseInteractive: pinned.diagnose } });
});
afterAll(() => t.close());

async function simulate(app: ReturnType<typeof createApp>, body: string) {
  const res = await app.request("/api/v1/diagnose/simulate", {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth("support") },
    body,
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

/** Posts the body to both apps, expects the same response, and returns it. */
async function sameResponse(body: string) {
  const engine = await simulate(viaEngine, body);
  expect(await simulate(viaCompiled, body)).toEqual(engine);
  return engine;
}

describe("POST /api/v1/diagnose/simulate through the compiled predicates", () => {
  it("answers every diagnosis example with the engine path's bytes", async () => {
    for (const example of diagnosisExamples()) {
      const res = await sameResponse(JSON.stringify(example.snapshot));
      expect(res.status, example.name).toBe(200);
      expect((JSON.parse(res.body) as { primary: string | null }).primary, example.name).toBe(example.expect.primary);
    }
  });

  it("answers the benchmark's generated tenant with the engine path's bytes", async () => {
    for (const user of tenantUsers(150, 3))
      expect((await sameResponse(JSON.stringify(user.snapshot))).status).toBe(200);
  });

  it("answers generated snapshots of every shape with the engine path's bytes", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ snapshot }) => {
        expect((await sameResponse(JSON.stringify(snapshot))).status).toBe(200);
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it("answers snapshots with unknown facts (worlds, insufficient_evidence) with the engine path's bytes", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(unknownCaseArb, async ({ snapshot }) => {
        const res = await sameResponse(JSON.stringify(snapshot));
        expect(res.status).toBe(200);
        for (const f of (JSON.parse(res.body) as { findings: { code: string }[] }).findings) seen.add(f.code);
      }),
      { numRuns: 60, seed: 15 },
    );
    // Not vacuous: the sample reached the finding only undecided worlds raise.
    expect(seen).toContain("insufficient_evidence");
  });

  it("refuses an invalid snapshot with the same problem, naming the field", async () => {
    const valid = diagnosisExamples()[0]!.snapshot as { policy: object };
    const res = await sameResponse(JSON.stringify({ ...valid, policy: { ...valid.policy, colour: 1 } }));
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ code: "invalid_request", field: "policy.colour" });
  });

  it("counts a simulated diagnosis's findings in the metrics, as before", async () => {
    const metrics = createMetrics();
    const app = createApp({ ...t.deps, diagnoser: countingDiagnoser(t.deps.diagnoser, metrics) });
    const outside = diagnosisExamples().find((e) => e.expect.primary === "user_not_in_sspr_scope")!;
    expect((await simulate(app, JSON.stringify(outside.snapshot))).status).toBe(200);
    expect(await metrics.registry.metrics()).toContain(
      'sspr_findings_total{code="user_not_in_sspr_scope",severity="blocker"} 1',
    );
  });
});
