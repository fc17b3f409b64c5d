/**
 * Findings and the diagnosis (CONTRACT §2): turning the rules that fired into findings
 * with their catalogue severity, disclosure and fixes, rendered title and explanation,
 * evidence and articles; then ordering them (catalogue order: blockers, warnings, info),
 * picking `primary` and the verdict. Shared by the engine path and the compiled path so
 * the two cannot drift in anything but how conditions are evaluated.
 */
import { FINDINGS, FIXES, catalogueIndex, type Actor, type FindingCode } from "../domain/catalogue";
import type { ArticleRef, Diagnosis, Finding, FixRef, Verdict } from "../domain/diagnosis";
import type { Evidence } from "./evidence";
import type { Facts } from "./facts";
import type { RuleDefinition } from "./rules";
import { renderTemplate } from "./templates";

export type { ArticleRef, Diagnosis, Finding, FixRef, Verdict } from "../domain/diagnosis";

const ACTORS: ReadonlySet<string> = new Set(["user", "helpdesk", "admin", "onprem_admin", "wait"]);

/**
 * One finding, its texts rendered from the facts and its fixes from the catalogue (an
 * actor read from a fact where the rule says so, e.g. unlock_account → unlockActor).
 *
 * @example
 * buildFinding(rule, facts, evidence, articlesFor).fixes[0]; // { id: "unlock_account", actor: "user", … }
 */
export function buildFinding(
  rule: RuleDefinition,
  facts: Facts,
  evidence: Evidence[],
  articlesFor: (code: FindingCode) => readonly ArticleRef[],
): Finding {
  const definition = FINDINGS[rule.code];
  const fixes = definition.fixes.map((id): FixRef => {
    const fix = FIXES[id];
    const actorFact = rule.fixActors[id];
    let actor: Actor = fix.actor;
    if (actorFact !== undefined) {
      const value = facts[actorFact];
      if (typeof value !== "string" || !ACTORS.has(value))
        throw new Error(`${rule.file}: fact ${actorFact} is not an actor`);
      actor = value as Actor;
    }
    return { id, title: fix.title, actor, automatic: fix.automatic };
  });
  return {
    code: rule.code,
    severity: definition.severity,
    disclosure: definition.disclosure,
    title: renderTemplate(rule.title, facts),
    explanation: renderTemplate(rule.explanation, facts),
    evidence,
    fixes,
    articles: [...articlesFor(rule.code)],
  };
}

/**
 * blocked: at least one blocker; at_risk: warnings but no blocker; otherwise can_reset
 * (info findings are tenant hygiene and never change the verdict).
 *
 * @example
 * verdictOf(["onprem_account_locked", "notifications_off"]); // "at_risk"
 */
export function verdictOf(codes: readonly FindingCode[]): Verdict {
  let warning = false;
  for (const code of codes) {
    const severity = FINDINGS[code].severity;
    if (severity === "blocker") return "blocked";
    if (severity === "warning") warning = true;
  }
  return warning ? "at_risk" : "can_reset";
}

/**
 * The diagnosis around a set of findings: sorted, primary, verdict, checks.
 *
 * @example
 * assembleDiagnosis({ id: "D-7K3F9Q2M", findings, evaluated: 49, rulesVersion: "3f9a0c1d2b7e", durationMs: 0.4 });
 */
export function assembleDiagnosis(input: {
  id: string;
  findings: Finding[];
  evaluated: number;
  rulesVersion: string;
  durationMs: number;
  provenance?: { source?: string; readAt?: string; facts?: Record<string, { source: string; readAt: string }> };
}): Diagnosis {
  const findings = [...input.findings].sort((a, b) => catalogueIndex(a.code) - catalogueIndex(b.code));
  const codes = findings.map((f) => f.code);
  const primary = findings.find((f) => f.severity === "blocker")?.code ?? null;
  return {
    id: input.id,
    verdict: verdictOf(codes),
    primary,
    findings,
    checks: { evaluated: input.evaluated, passed: input.evaluated - findings.length },
    engine: { rulesVersion: input.rulesVersion, durationMs: Math.round(input.durationMs * 1000) / 1000 },
    ...(input.provenance?.source !== undefined ? { source: input.provenance.source } : {}),
    ...(input.provenance?.readAt !== undefined ? { readAt: input.provenance.readAt } : {}),
    ...(input.provenance?.facts !== undefined ? { facts: structuredClone(input.provenance.facts) } : {}),
  };
}
