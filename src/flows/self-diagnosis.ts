/**
 * Self-diagnosis of a step: the snapshot a step reasons about (the user's stored state,
 * or "no such account" in a tenant, with the throttle state of the typed login either
 * way), the tenant-level findings that belong to a whole domain, and the AppError a
 * failed step answers with — its `code`, the stored diagnosis' reference id, and only
 * the findings the person's disclosure level allows. A step loads its snapshot once
 * and hands it here; nothing in this module loads it again.
 */
import { catalogueIndex, FINDINGS, type Disclosure, type FindingCode } from "../domain/catalogue";
import { parseSnapshot, type Snapshot } from "../domain/snapshot";
import { loginKey } from "../domain/throttle";
import { storeDiagnosis } from "../db/diagnoses";
import { loadPolicy, snapshotForUser } from "../db/snapshots";
import { throttleState } from "../db/throttle";
import type { Deps } from "../deps";
import { disclose } from "../diagnosis/disclosure";
import type { Diagnosis, Finding } from "../diagnosis/findings";
import { newReferenceId } from "../diagnosis/reference-id";
import { AppError, type ErrorCode } from "../errors";

export type Attempt = NonNullable<Snapshot["attempt"]>;
/** Whom a step is about: the account (null when the login matches none), its tenant (null for an unknown domain), and the login as typed. */
export type Who = { userId: string | null; tenantId: string | null; login: string };

/**
 * Findings that are facts about the tenant, not the person: every login in the domain —
 * real or not — gets them before verification (an unknown login in a tenant with SSPR off
 * must look like a real one there).
 */
export const TENANT_LEVEL_CODES: readonly FindingCode[] = ["sspr_disabled", "sspr_scope_empty"];

/**
 * The snapshot of a stored user, or of "no such account" in a tenant (or none). Its
 * throttle is the typed login's (domain/throttle.ts keys it by login for real and unknown
 * logins alike), so the findings a throttled person sees do not depend on existence.
 */
export function snapshotOf(deps: Deps, who: Who, opts: { domainOnly?: boolean } = {}): Snapshot {
  const now = deps.clock.now();
  const throttle = throttleState(deps.db, loginKey(who.login), who.userId, now);
  // Before anything is proven (start), only the domain's state is read, for real and unknown logins alike: the same work.
  if (who.userId && !opts.domainOnly) {
    const loaded = snapshotForUser(deps.db, now, who.userId);
    if (loaded) return { ...loaded.snapshot, throttle };
  }
  const policy = who.tenantId ? loadPolicy(deps.db, who.tenantId) : undefined;
  const parsed = parseSnapshot({ now: now.toISOString(), user: null, ...(policy && { policy }), throttle });
  if (!parsed.ok) throw new Error(`snapshot of an unknown user is invalid: ${parsed.issues[0]?.path}`);
  return parsed.snapshot;
}

/** The snapshot of an ordinary member of the tenant: what the domain itself answers. */
function standIn(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    user: {
      id: "stand-in",
      upn: "stand-in@domain",
      type: "member",
      source: "cloud",
      enabled: true,
      roles: [],
      license: "p1",
      groups: [],
      onPremises: {
        lockedOut: false,
        cannotChangePassword: false,
        protectedAccount: false,
        mustChangePasswordAtNextLogon: false,
      },
    },
    methods: [],
  };
}

/** The tenant-level blocker of the domain (SSPR off, empty scope), if any. Unknown domains have none. */
export function domainBlocker(deps: Deps, snapshot: Snapshot, who: Who): FindingCode | undefined {
  if (!who.tenantId) return undefined;
  const codes = deps.diagnoser.findingCodes(standIn(snapshot));
  return codes.find((c) => TENANT_LEVEL_CODES.includes(c) && FINDINGS[c].severity === "blocker");
}

/**
 * The findings the person may see. An unverified person also sees the domain's tenant-level
 * findings when their own state was not read (no such account, or a first step that reads
 * only the domain), so an unknown login reads exactly like a real one.
 */
async function visibleFindings(
  deps: Deps,
  snapshot: Snapshot,
  who: Who,
  diagnosis: Diagnosis,
  level: Disclosure,
): Promise<Finding[]> {
  const shown = disclose(diagnosis.findings, level);
  // The domain's own diagnosis runs for every login, so an unknown one costs the same work.
  const domain = who.tenantId ? await deps.diagnoser.diagnose(standIn(snapshot), { id: diagnosis.id }) : undefined;
  // Only where the person's own state was not read (an unknown login, or a first step that reads the domain alone).
  if (level !== "public" || snapshot.user !== null || !domain) return shown;
  const missing = domain.findings.filter(
    (f) => TENANT_LEVEL_CODES.includes(f.code) && !shown.some((s) => s.code === f.code),
  );
  return [...shown, ...missing].sort((a, b) => catalogueIndex(a.code) - catalogueIndex(b.code));
}

/**
 * The error a failed step answers with: a catalogue code, the stored diagnosis' id, and
 * the findings this person may see. `snapshot` is the step's own (no second load).
 */
export async function failureError(
  deps: Deps,
  snapshot: Snapshot,
  who: Who,
  failure: {
    status: number;
    code: ErrorCode;
    detail: string;
    attempt?: Attempt;
    disclosure: Disclosure;
    headers?: Record<string, string>;
  },
): Promise<AppError> {
  const diagnosis = await deps.diagnoser.diagnose(
    failure.attempt ? { ...snapshot, attempt: failure.attempt } : snapshot,
    { id: newReferenceId(deps.random) },
  );
  storeDiagnosis(deps.db, deps.clock.now(), diagnosis, { userId: who.userId, tenantId: who.tenantId });
  const findings = (await visibleFindings(deps, snapshot, who, diagnosis, failure.disclosure)).map((f) => ({
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
