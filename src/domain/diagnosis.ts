/**
 * The diagnosis as the contract states it (CONTRACT §2): what the engine hands out, what
 * db/ stores under a reference id and what the API answers. A contract type, so it lives
 * in domain/ and the engine (diagnosis/findings.ts) builds it; stores and routes need not
 * import the engine to speak of one.
 */
import type { Actor, Disclosure, FindingCode, Severity } from "./catalogue";

/** A condition that decided a finding: the fact (and path into it), the operator, expected and actual. */
export type Evidence = { fact: string; path?: string; operator: string; expected: unknown; actual: unknown };
export type ArticleRef = { slug: string; title: string; url: string };
export type FixRef = { id: string; title: string; actor: Actor; automatic: boolean };
export type Finding = {
  code: FindingCode;
  severity: Severity;
  disclosure: Disclosure;
  title: string;
  explanation: string;
  evidence: Evidence[];
  fixes: FixRef[];
  articles: ArticleRef[];
};
export type Verdict = "can_reset" | "blocked" | "at_risk";
export type Diagnosis = {
  id: string;
  verdict: Verdict;
  primary: FindingCode | null;
  findings: Finding[];
  checks: { evaluated: number; passed: number };
  engine: { rulesVersion: string; durationMs: number };
};
