/**
 * The policy editor's use cases: preview a draft policy (the what-if against what is
 * stored), apply it as one audited change with a reason (policy, version row and audit
 * row in one transaction), list the versions with a diff summary, and revert to an
 * earlier version (itself a new, audited version). The API and the admin pages both call
 * these; they translate, they do not query.
 */
import { audit } from "../db/audit";
import { atomically } from "../db/client";
import { tenantGroupsByName } from "../db/groups";
import { writePolicy } from "../db/policies";
import { addPolicyVersion, findPolicyVersion, listPolicyVersions, type PolicyVersion } from "../db/policy-versions";
import { loadPolicy } from "../db/snapshots";
import type { Deps } from "../deps";
import { applyPolicyOverride, type Policy, type PolicyOverride } from "../domain/snapshot";
import type { Principal } from "../domain/staff";
import { AppError } from "../errors";
import { tenantWhatIf } from "./diagnosis";

type EditorDeps = Pick<Deps, "db" | "clock" | "diagnoser">;

/** The longest reason kept: a sentence or a ticket reference, not an essay. */
export const POLICY_REASON_MAX = 500;

/** One changed field between two policies, by its contract path. */
export type PolicyChange = { field: string; before: unknown; after: unknown };

/** The v2 fields read with their contract defaults, so "absent" and "default" compare equal. */
const normalised = (p: Policy): Record<string, unknown> => ({
  ...p,
  selectedGroups: [...p.selectedGroups].sort(),
  helpdesk: { url: p.helpdesk.url || undefined, email: p.helpdesk.email || undefined },
  admins: { ssprEnabled: p.admins?.ssprEnabled ?? true },
  methodsPolicy: { migrationState: p.methodsPolicy?.migrationState ?? "migrationComplete" },
});

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, value);
}

/**
 * The fields that differ between two policies, in contract order.
 *
 * @example policyChanges(p, { ...p, methodsRequired: 2 }); // [{ field: "methodsRequired", before: 1, after: 2 }]
 */
export function policyChanges(before: Policy, after: Policy): PolicyChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(normalised(before), "", a);
  flatten(normalised(after), "", b);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .filter((f) => JSON.stringify(a.get(f)) !== JSON.stringify(b.get(f)))
    .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
}

/**
 * A whole policy as an override that replaces everything: absent v2 fields and helpdesk
 * contacts are spelled out, since an override leaves absent fields as they are.
 */
export function wholeOverride(p: Policy): PolicyOverride {
  return {
    ...p,
    helpdesk: { url: p.helpdesk.url ?? "", email: p.helpdesk.email ?? "" },
    admins: { ssprEnabled: p.admins?.ssprEnabled ?? true },
    methodsPolicy: { migrationState: p.methodsPolicy?.migrationState ?? "migrationComplete" },
  };
}

function currentPolicy(deps: Pick<Deps, "db">, tenantId: string): Policy {
  const policy = loadPolicy(deps.db, tenantId);
  if (!policy) throw new AppError(404, "tenant_not_found", `Tenant "${tenantId}" has no policy.`);
  return policy;
}

/**
 * The draft laid over the stored policy, with its scope groups checked against the
 * tenant's groups (400 naming `policy.selectedGroups` for one it does not have).
 */
export function draftPolicy(deps: Pick<Deps, "db">, tenantId: string, draft: PolicyOverride): Policy {
  const next = applyPolicyOverride(currentPolicy(deps, tenantId), draft);
  const known = new Set(tenantGroupsByName(deps.db, tenantId).map((g) => g.id));
  const unknown = next.selectedGroups.find((g) => !known.has(g));
  if (unknown !== undefined)
    throw new AppError(400, "invalid_request", `The tenant has no group "${unknown}".`, {
      field: "policy.selectedGroups",
    });
  return next;
}

/** What the draft would change: the what-if against the stored policy, plus the field changes. */
export function previewPolicy(deps: EditorDeps, tenantId: string, draft: PolicyOverride) {
  const before = currentPolicy(deps, tenantId);
  const after = draftPolicy(deps, tenantId, draft);
  return {
    before,
    after,
    changes: policyChanges(before, after),
    whatIf: tenantWhatIf(deps, tenantId, wholeOverride(after)),
  };
}

function requireReason(reason: string | undefined): string {
  const r = (reason ?? "").trim();
  if (!r)
    throw new AppError(400, "invalid_request", "Say why the policy changes (a reason is required).", {
      field: "reason",
    });
  if (r.length > POLICY_REASON_MAX)
    throw new AppError(400, "invalid_request", `The reason is longer than ${POLICY_REASON_MAX} characters.`, {
      field: "reason",
    });
  return r;
}

/**
 * Who applies a policy version: a staff principal (a page, the API) or the operator at
 * `npm run admin`, whose rows say "cli:admin" as the set-up CLI's other audit rows do.
 */
export type PolicyAuthor = Pick<Principal, "tokenId" | "name"> & { kind: Principal["kind"] | "cli" };

/** The operator at `npm run admin`, named by their login so the history says who. */
export const cliAuthor = (login: string): PolicyAuthor => ({
  kind: "cli",
  tokenId: "cli:admin",
  name: `${login} (cli)`,
});

export type AppliedPolicy = { version: number; policy: Policy; changes: PolicyChange[] };

/** Applying needs no diagnoser: the what-if is the preview's, which the caller shows first. */
type WriteDeps = Pick<Deps, "db" | "clock">;

function writeVersion(
  deps: WriteDeps,
  tenantId: string,
  next: Policy,
  who: PolicyAuthor,
  reason: string,
  revertOf?: number,
): AppliedPolicy {
  const now = deps.clock.now();
  return atomically(deps.db, () => {
    const before = currentPolicy(deps, tenantId);
    // The policy the tenant had before its first edit becomes version 1, so it can be gone back to.
    if (!listPolicyVersions(deps.db, tenantId).length)
      addPolicyVersion(deps.db, tenantId, {
        policy: before,
        actorId: null,
        actorName: "system",
        at: now.toISOString(),
        reason: "The policy before its first edit",
        revertOf: null,
      });
    writePolicy(deps.db, tenantId, before, next, now);
    const policy = currentPolicy(deps, tenantId);
    const changes = policyChanges(before, policy);
    const version = addPolicyVersion(deps.db, tenantId, {
      policy,
      actorId: who.tokenId,
      actorName: who.name,
      at: now.toISOString(),
      reason,
      revertOf: revertOf ?? null,
    });
    audit(deps.db, now, {
      tenantId,
      actorType: who.kind === "cli" ? "system" : "staff",
      actorId: who.tokenId,
      action: revertOf === undefined ? "policy.change" : "policy.revert",
      outcome: "success",
      detail: { version, reason, changes, ...(revertOf === undefined ? {} : { revertOf }) },
    });
    return { version, policy, changes };
  });
}

/** Applies the draft as the tenant's policy: one transaction writes policy, version and audit row. */
export function applyPolicy(
  deps: WriteDeps,
  tenantId: string,
  draft: PolicyOverride,
  who: PolicyAuthor,
  reason: string | undefined,
): AppliedPolicy {
  const why = requireReason(reason);
  return writeVersion(deps, tenantId, draftPolicy(deps, tenantId, draft), who, why);
}

export type PolicyHistoryEntry = PolicyVersion & { changes: PolicyChange[]; current: boolean };

/** The tenant's policy versions, newest first, each with what changed from the one before it. */
export function policyHistory(deps: Pick<Deps, "db">, tenantId: string): PolicyHistoryEntry[] {
  const versions = listPolicyVersions(deps.db, tenantId);
  return versions.map((v, i) => {
    const previous = versions[i + 1];
    return { ...v, changes: previous ? policyChanges(previous.policy, v.policy) : [], current: i === 0 };
  });
}

function versionOr404(deps: Pick<Deps, "db">, tenantId: string, version: number): PolicyVersion {
  const found = findPolicyVersion(deps.db, tenantId, version);
  if (!found) throw new AppError(404, "not_found", `The policy has no version ${version}.`, { field: "n" });
  return found;
}

/** What going back to `version` would change: the preview of that version's whole policy. */
export function previewRevert(deps: EditorDeps, tenantId: string, version: number) {
  const target = versionOr404(deps, tenantId, version);
  return { target, ...previewPolicy(deps, tenantId, wholeOverride(target.policy)) };
}

/** Goes back to `version`: written as a new version that says which one it restores, audited `policy.revert`. */
export function revertPolicy(
  deps: WriteDeps,
  tenantId: string,
  version: number,
  who: PolicyAuthor,
  reason: string | undefined,
): AppliedPolicy {
  const why = requireReason(reason);
  const target = versionOr404(deps, tenantId, version);
  return writeVersion(deps, tenantId, draftPolicy(deps, tenantId, wholeOverride(target.policy)), who, why, version);
}
