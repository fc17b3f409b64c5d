/**
 * The diagnoser: snapshot in, Diagnosis out (CONTRACT §2). One json-rules-engine Engine is
 * built per ruleset and reused; each diagnosis computes its derived facts once, hands them
 * to `engine.run` as plain values, and reads findings and evidence from the run's rule
 * results. The compiled twin (`diagnoseCompiled`, `findingCodes`) answers the same from
 * the same rule files without the engine, for sweeps and what-if.
 */
import { Engine, Fact, type RuleResult } from "json-rules-engine";
import { isFindingCode, type FindingCode } from "../domain/catalogue";
import type { Snapshot } from "../domain/snapshot";
import { compileRules, firingCodes } from "./compiled";
import { evidenceOf, type ConditionResult } from "./evidence";
import { computeFacts, type FactContext, type Facts } from "./facts";
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
};

export type Diagnoser = {
  /** Through json-rules-engine, with evidence from its condition results. */
  diagnose(snapshot: Snapshot, options?: DiagnoseOptions): Promise<Diagnosis>;
  /** The same diagnosis through the compiled predicates (synchronous; same findings and evidence). */
  diagnoseCompiled(snapshot: Snapshot, options?: DiagnoseOptions): Diagnosis;
  /** Only the codes that fire, in catalogue order (compiled; what a sweep needs). */
  findingCodes(snapshot: Snapshot, options?: FactContext): FindingCode[];
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
  const byCode = new Map<FindingCode, RuleDefinition>(ruleSet.rules.map((r) => [r.code, r]));
  const compiled = compileRules(ruleSet);
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

  return {
    rulesVersion: ruleSet.version,
    ruleCount,

    async diagnose(snapshot, options) {
      const started = performance.now();
      const facts = computeFacts(snapshot, options);
      const { results, failureResults } = await run(facts);
      if (results.length + failureResults.length !== ruleCount) {
        throw new Error(`json-rules-engine evaluated ${results.length + failureResults.length} of ${ruleCount} rules`);
      }
      const findings: Finding[] = results.map((result: RuleResult) => {
        const code = result.name;
        if (!isFindingCode(code)) throw new Error(`rule result for unknown code ${code}`);
        const evidence = evidenceOf(result.conditions as unknown as ConditionResult);
        return buildFinding(byCode.get(code)!, facts, evidence, articlesFor);
      });
      return assembleDiagnosis({
        id: idFor(snapshot, facts, options),
        findings,
        evaluated: ruleCount,
        rulesVersion: ruleSet.version,
        durationMs: performance.now() - started,
      });
    },

    diagnoseCompiled(snapshot, options) {
      const started = performance.now();
      const facts = computeFacts(snapshot, options);
      const findings: Finding[] = [];
      for (const rule of compiled) {
        if (rule.test(facts)) findings.push(buildFinding(rule.rule, facts, rule.explain(facts), articlesFor));
      }
      return assembleDiagnosis({
        id: idFor(snapshot, facts, options),
        findings,
        evaluated: ruleCount,
        rulesVersion: ruleSet.version,
        durationMs: performance.now() - started,
      });
    },

    findingCodes(snapshot, options) {
      return firingCodes(compiled, computeFacts(snapshot, options));
    },
  };
}
