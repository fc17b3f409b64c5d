/**
 * The diagnoser: snapshot in, Diagnosis out (CONTRACT §2). One json-rules-engine Engine is
 * built per ruleset and reused; each diagnosis computes its derived facts once, hands them
 * to `engine.run` as plain values, and reads findings and evidence from the run's rule
 * results. The compiled twin (`diagnoseCompiled`, `findingCodes`) answers the same from
 * the same rule files without the engine, for sweeps and what-if. A snapshot with unknown
 * facts is evaluated once per world (unknowns.ts); both paths classify the worlds' outcomes
 * through the same functions below, so they differ only in how a condition is evaluated.
 */
import { Engine, Fact, type RuleResult } from "json-rules-engine";
import { isFindingCode, type FindingCode } from "../domain/catalogue";
import type { Policy, Snapshot } from "../domain/snapshot";
import { compileRules, firingCodes } from "./compiled";
import { evidenceOf, type ConditionResult, type Evidence } from "./evidence";
import type { FactContext, Facts } from "./facts";
import { withSources } from "./provenance";
import { codesBeforeAfter, type CodesBeforeAfter } from "./policy-change";
import { findingCodesOverWorlds } from "./rule-worlds";
import {
  classify,
  factWorlds,
  INSUFFICIENT_EVIDENCE,
  unknownEvidence,
  withUndecided,
  type Classification,
  type Worlds,
} from "./unknowns";
import { resolvePath } from "./paths";
import { assembleDiagnosis, buildFinding, type ArticleRef, type Diagnosis, type Finding } from "./findings";
import { registerOperators } from "./operators";
import { referenceId } from "./reference-id";
import type { RuleDefinition, RuleSet } from "./rules";

export type { ArticleRef, Diagnosis, Finding } from "./findings";

export type DiagnoseOptions = FactContext & {
  /** Reference id to use instead of the derived one (e.g. one the caller stores). */
  id?: string;
};

export type DiagnoserOptions = {
  rules: RuleSet;
  /** Articles answering a code; loadRules' `hasArticle` already guaranteed at least one. */
  articlesFor: (code: FindingCode) => readonly ArticleRef[];
  /**
   * Milliseconds for `engine.durationMs` (default `performance.now`). A test that compares
   * whole responses of the two evaluators fixes it, so the timing is the same bytes too.
   */
  now?: () => number;
};

export type Diagnoser = {
  /** Through json-rules-engine, with evidence from its condition results. */
  diagnose(snapshot: Snapshot, options?: DiagnoseOptions): Promise<Diagnosis>;
  /** The same diagnosis through the compiled predicates (synchronous; same findings and evidence). */
  diagnoseCompiled(snapshot: Snapshot, options?: DiagnoseOptions): Diagnosis;
  /**
   * The diagnosis a person is waiting for (the simulator): the compiled predicates, ~30×
   * cheaper than an engine run and held to the same bytes by the differential test and
   * test/api/simulate-evaluators.test.ts. Shaped like `diagnose` so a caller moves between
   * the two by name; metrics count its findings as they count `diagnose`'s.
   */
  diagnoseInteractive(snapshot: Snapshot, options?: DiagnoseOptions): Promise<Diagnosis>;
  /** Only the codes that fire, in catalogue order (compiled; what a sweep needs). */
  findingCodes(snapshot: Snapshot, options?: FactContext): FindingCode[];
  /**
   * `findingCodes` of the snapshot and of the snapshot with `policy` in place of its own
   * (what-if), sharing the facts and rule outcomes the policy change cannot move.
   */
  findingCodesBeforeAfter(snapshot: Snapshot, policy: Policy, options?: FactContext): CodesBeforeAfter;
  rulesVersion: string;
  /** How many rules every diagnosis evaluates. */
  ruleCount: number;
};

const UNCACHED = { cache: false };

/**
 * Derived facts as json-rules-engine `Fact`s with caching off. Passing plain values makes
 * `engine.run` wrap each in a cached Fact, hashing a cache key per fact per run (about a
 * sixth of a run); constants need no cache, so we hand them over ready-made.
 *
 * @example
 * await engine.run(toEngineFacts(computeFacts(snapshot)));
 */
export function toEngineFacts(facts: Facts): Record<string, Fact> {
  const out: Record<string, Fact> = {};
  for (const key in facts) out[key] = new Fact(key, facts[key as keyof Facts], UNCACHED);
  return out;
}

/**
 * Builds the engine once for a ruleset.
 *
 * @example
 * const diagnoser = createDiagnoser({ rules: loadRules({ hasArticle }), articlesFor: kb.articlesFor });
 * const diagnosis = await diagnoser.diagnose(snapshot);
 * diagnosis.primary; // "user_not_in_sspr_scope"
 */
export function createDiagnoser(options: DiagnoserOptions): Diagnoser {
  const { rules: ruleSet, articlesFor } = options;
  const now = options.now ?? (() => performance.now());
  const byCode = new Map<FindingCode, RuleDefinition>(ruleSet.rules.map((r) => [r.code, r]));
  const compiled = compileRules(ruleSet);
  const compiledByCode = new Map(compiled.map((r) => [r.code, r]));
  const ruleCount = ruleSet.rules.length;

  // Every fact a rule names is computed for every run, so an undefined fact can only be a
  // bug: let the engine throw rather than quietly treat it as false. Paths are plain
  // property names (not JSONPath, which is slower and reads `$.a` rather than `a`).
  // Event params are templates we render ourselves, so the engine need not resolve them.
  const engine = new Engine(
    ruleSet.rules.map((r) => r.json),
    { allowUndefinedFacts: false, pathResolver: resolvePath, replaceFactsInEventParams: false },
  );
  registerOperators(engine);

  // One Engine keeps a single `status` flag across runs: when two runs overlap, the one
  // finishing first marks the engine FINISHED and the other silently skips rules it has
  // not started (json-rules-engine issue #303). Runs are therefore queued; each is a few
  // hundred microseconds of CPU, so nothing is lost by not overlapping them.
  let queue: Promise<unknown> = Promise.resolve();
  function run(facts: Facts) {
    const next = queue.then(() => engine.run(toEngineFacts(facts)));
    queue = next.catch(() => undefined);
    return next;
  }

  function idFor(snapshot: Snapshot, facts: Facts, options: DiagnoseOptions | undefined): string {
    return options?.id ?? referenceId([snapshot, ruleSet.version, facts.maxUsersSharingMethodValue]);
  }

  const codes = ruleSet.rules.map((r) => r.code);
  const insufficient = compiled.find((r) => r.code === INSUFFICIENT_EVIDENCE);

  // Without unknown paths (nearly every diagnosis) there is one world and nothing to
  // classify: a rule fires or it does not. classify() says the same at a fifth of a compiled
  // diagnosis's cost (an outcome array per rule); findings are sorted by assembleDiagnosis.
  function oneWorld(fires: (code: FindingCode, world: number) => boolean): Classification {
    const fire: FindingCode[] = [];
    for (const code of codes) if (code !== INSUFFICIENT_EVIDENCE && fires(code, 0)) fire.push(code);
    return { fire, undecided: [], decides: new Map() };
  }

  // Findings of a diagnosis from its worlds (unknowns.ts), given each world's firing rules
  // and the evidence of a firing rule as the evaluator reports it in the shown world (0).
  // Both evaluators end here, so they differ only in how a condition is evaluated.
  function findingsOf(
    snapshot: Snapshot,
    worlds: Worlds,
    fires: (code: FindingCode, world: number) => boolean,
    evidenceIn: (code: FindingCode, facts: Facts) => Evidence[],
  ): { findings: Finding[]; classification: Classification } {
    const shown = worlds.facts[0]!;
    const classification = worlds.facts.length === 1 ? oneWorld(fires) : classify(worlds, codes, fires);
    const findings = classification.fire.map((code) =>
      buildFinding(byCode.get(code)!, shown, withSources(evidenceIn(code, shown), snapshot.provenance), articlesFor),
    );
    return { findings, classification };
  }

  // insufficient_evidence reads facts only the classification fills in (withUndecided), so
  // each evaluator checks it once more on those facts, and only when something is undecided.
  function insufficientFinding(
    snapshot: Snapshot,
    worlds: Worlds,
    classification: Classification,
    facts: Facts,
    evidence: Evidence[] | undefined,
  ): Finding[] {
    if (evidence === undefined || insufficient === undefined) return [];
    const rows = withSources([...evidence, ...unknownEvidence(worlds, classification)], snapshot.provenance);
    return [buildFinding(insufficient.rule, facts, rows, articlesFor)];
  }

  // Both evaluators end alike: the same id, counts and provenance around their findings.
  function finished(
    snapshot: Snapshot,
    worlds: ReturnType<typeof factWorlds>,
    findings: Parameters<typeof assembleDiagnosis>[0]["findings"],
    started: number,
    options: DiagnoseOptions | undefined,
  ): Diagnosis {
    return assembleDiagnosis({
      id: idFor(snapshot, worlds.facts[0]!, options),
      findings,
      evaluated: ruleCount,
      rulesVersion: ruleSet.version,
      durationMs: now() - started,
      ...(snapshot.provenance ? { provenance: snapshot.provenance } : {}),
    });
  }

  function diagnoseCompiled(snapshot: Snapshot, options?: DiagnoseOptions): Diagnosis {
    const started = now();
    const worlds = factWorlds(snapshot, options);
    const outcomes = worlds.facts.map((facts) => new Set(firingCodes(compiled, facts)));
    const { findings, classification } = findingsOf(
      snapshot,
      worlds,
      (code, w) => outcomes[w]!.has(code),
      (code, facts) => compiledByCode.get(code)!.explain(facts),
    );
    if (classification.undecided.length > 0 && insufficient !== undefined) {
      const facts = withUndecided(worlds, classification);
      findings.push(
        ...insufficientFinding(
          snapshot,
          worlds,
          classification,
          facts,
          insufficient.test(facts) ? insufficient.explain(facts) : undefined,
        ),
      );
    }
    return finished(snapshot, worlds, findings, started, options);
  }

  return {
    rulesVersion: ruleSet.version,
    ruleCount,

    async diagnose(snapshot, options) {
      const started = now();
      const worlds = factWorlds(snapshot, options);
      const runs: Map<string, RuleResult>[] = [];
      for (const facts of worlds.facts) {
        const { results, failureResults } = await run(facts);
        if (results.length + failureResults.length !== ruleCount) {
          throw new Error(
            `json-rules-engine evaluated ${results.length + failureResults.length} of ${ruleCount} rules`,
          );
        }
        for (const result of results)
          if (!isFindingCode(result.name)) throw new Error(`rule result for unknown code ${result.name}`);
        runs.push(new Map(results.map((r: RuleResult) => [r.name, r])));
      }
      const evidenceOfRun = (result: RuleResult | undefined) =>
        result === undefined ? undefined : evidenceOf(result.conditions as unknown as ConditionResult);
      const { findings, classification } = findingsOf(
        snapshot,
        worlds,
        (code, w) => runs[w]!.has(code),
        (code) => evidenceOfRun(runs[0]!.get(code))!,
      );
      if (classification.undecided.length > 0) {
        const facts = withUndecided(worlds, classification);
        const { results } = await run(facts);
        const result = results.find((r: RuleResult) => r.name === INSUFFICIENT_EVIDENCE);
        findings.push(...insufficientFinding(snapshot, worlds, classification, facts, evidenceOfRun(result)));
      }
      return finished(snapshot, worlds, findings, started, options);
    },

    diagnoseCompiled,

    async diagnoseInteractive(snapshot, options) {
      return diagnoseCompiled(snapshot, options);
    },

    findingCodes(snapshot, options) {
      // A sweep needs no evidence, so each rule is tried only in the worlds it can tell apart.
      return findingCodesOverWorlds(compiled, snapshot, options);
    },

    findingCodesBeforeAfter(snapshot, policy, options) {
      return codesBeforeAfter(compiled, snapshot, policy, options);
    },
  };
}
