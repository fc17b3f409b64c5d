/**
 * The diagnosis as the contract states it (CONTRACT §2): what the engine hands out, what
 * db/ stores under a reference id and what the API answers. A contract type, so it lives
 * in domain/ and the engine (diagnosis/findings.ts) builds it; stores and routes need not
 * import the engine to speak of one. The zod schemas say the same for the edge (the
 * OpenAPI document and typed clients); a type test holds them equal to the types.
 */
import { z } from "zod";
import { FINDING_CODES, type Actor, type Disclosure, type FindingCode, type Severity } from "./catalogue";

/** A condition that decided a finding: the fact (and path into it), the operator, expected and actual. */
export type Evidence = {
  fact: string;
  path?: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  /** v2: where the snapshot's fact behind this row came from and when it was read. */
  source?: { source: string; readAt?: string };
  /** v2, insufficient_evidence rows: how to obtain the unknown fact. */
  obtain?: string;
};
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
  /** v2: the snapshot's source (an import, a directory) and when it was read, when known. */
  source?: string;
  readAt?: string;
  /** v2: per snapshot path prefix, its own source and read time. */
  facts?: Record<string, { source: string; readAt: string }>;
};

/** A value the contract leaves open (a fact's expected or actual value): any JSON. */
const AnyJson = z.unknown().meta({ description: "any JSON value" });
const FindingCodeSchema = z
  .enum(FINDING_CODES as [FindingCode, ...FindingCode[]])
  .meta({ description: "a finding code from the catalogue" });

export const EvidenceSchema = z.object({
  fact: z.string(),
  path: z.string().optional(),
  operator: z.string(),
  expected: AnyJson,
  actual: AnyJson,
  source: z
    .object({ source: z.string(), readAt: z.string().optional() })
    .optional()
    .meta({ description: "where the fact came from and when it was read" }),
  obtain: z.string().optional().meta({ description: "insufficient_evidence rows: how to obtain the unknown fact" }),
});

export const FindingSchema = z.object({
  code: FindingCodeSchema,
  severity: z.enum(["blocker", "warning", "info"]),
  disclosure: z.enum(["public", "verified", "staff"]),
  title: z.string().meta({ description: "one line, for the person it is shown to" }),
  explanation: z.string().meta({ description: "why, with the actual values" }),
  evidence: z.array(EvidenceSchema),
  fixes: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      actor: z.enum(["user", "helpdesk", "admin", "onprem_admin", "wait"]),
      automatic: z.boolean(),
    }),
  ),
  articles: z
    .array(z.object({ slug: z.string(), title: z.string(), url: z.string() }))
    .meta({ description: "at least one" }),
});

export const DiagnosisSchema = z.object({
  id: z.string().meta({ description: "reference id, quotable to support" }),
  verdict: z
    .enum(["can_reset", "blocked", "at_risk"])
    .meta({ description: "blocked: at least one blocker; at_risk: warnings only" }),
  primary: FindingCodeSchema.nullable().meta({ description: "code of the first blocker in catalogue order" }),
  findings: z
    .array(FindingSchema)
    .meta({ description: "blockers first, in catalogue order, then warnings, then info" }),
  checks: z.object({ evaluated: z.number().int(), passed: z.number().int() }),
  engine: z.object({ rulesVersion: z.string(), durationMs: z.number() }),
  source: z.string().optional().meta({ description: "where the snapshot came from (graph-export, ldap, …)" }),
  readAt: z.string().optional(),
  facts: z
    .record(z.string(), z.object({ source: z.string(), readAt: z.string() }))
    .optional()
    .meta({ description: "per snapshot path prefix, its source and read time" }),
});

// The schemas and the types above describe one thing: each must accept the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameDiagnosis: Same<z.output<typeof DiagnosisSchema>, Diagnosis> = true;
const sameFinding: Same<z.output<typeof FindingSchema>, Finding> = true;
void sameDiagnosis;
void sameFinding;
