/**
 * Self-diagnosis of a failed step: run the engine on the user's stored state plus the
 * attempt that just failed, store the diagnosis under a fresh reference id, and build
 * the AppError the person sees — its `code`, the reference id, and only the findings
 * their disclosure level allows.
 */
import { parseSnapshot, type Snapshot } from "../domain/snapshot";
import type { Disclosure, FindingCode } from "../domain/catalogue";
import { storeDiagnosis } from "../db/diagnoses";
import { loadPolicy, snapshotForUser } from "../db/snapshots";
import type { Deps } from "../deps";
import { disclose } from "../diagnosis/disclosure";
import type { Diagnosis } from "../diagnosis/findings";
import { AppError } from "../errors";
import { newReferenceId } from "../diagnosis/reference-id";

export type Attempt = NonNullable<Snapshot["attempt"]>;

/** The snapshot of a stored user, or of "no such account" in a tenant (or none). */
export function snapshotOf(deps: Deps, who: { userId: string | null; tenantId: string | null }, attempt?: Attempt): Snapshot {
  const now = deps.clock.now();
  if (who.userId) {
    const loaded = snapshotForUser(deps.db, now, who.userId);
    if (loaded) return attempt ? { ...loaded.snapshot, attempt } : loaded.snapshot;
  }
  const policy = who.tenantId ? loadPolicy(deps.db, who.tenantId) : undefined;
  const parsed = parseSnapshot({ now: now.toISOString(), user: null, ...(policy && { policy }), ...(attempt && { attempt }) });
  if (!parsed.ok) throw new Error(`snapshot of an unknown user is invalid: ${parsed.issues[0]?.path}`);
  return parsed.snapshot;
}

/** Diagnose and store; the returned diagnosis carries its new reference id. */
export async function diagnoseAndStore(deps: Deps, who: { userId: string | null; tenantId: string | null }, attempt?: Attempt): Promise<Diagnosis> {
  const diagnosis = await deps.diagnoser.diagnose(snapshotOf(deps, who, attempt), { id: newReferenceId(deps.random) });
  storeDiagnosis(deps.db, deps.clock.now(), diagnosis, who);
  return diagnosis;
}

/**
 * The error a failed step answers with: a catalogue code, the stored diagnosis' id,
 * and the findings this person may see.
 */
export async function failureError(
  deps: Deps,
  who: { userId: string | null; tenantId: string | null },
  failure: { status: number; code: FindingCode; detail: string; attempt?: Attempt; disclosure: Disclosure; headers?: Record<string, string> },
): Promise<AppError> {
  const diagnosis = await diagnoseAndStore(deps, who, failure.attempt);
  const findings = disclose(diagnosis.findings, failure.disclosure).map((f) => ({
    code: f.code,
    severity: f.severity,
    title: f.title,
    explanation: f.explanation,
    fixes: f.fixes,
    articles: f.articles,
  }));
  return new AppError(failure.status, failure.code, failure.detail, {
    diagnosisId: diagnosis.id,
    body: { findings },
    headers: failure.headers,
  });
}
