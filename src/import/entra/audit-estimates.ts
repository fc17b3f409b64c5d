/**
 * SSPR audit events → what the snapshot calls `attempt` and `throttle` (ENTRA-GRAPH.md §4).
 * These are estimates: Microsoft documents no enum of reason strings, so reasons are matched
 * on their documented prefixes, case-insensitively, and only a reason that means exactly
 * one finding code sets `attempt.error`. The provenance of these facts says "estimate".
 */
import type { Method } from "../../domain/catalogue";
import type { GraphDirectoryAudit } from "./graph-payloads";

export type Stage = "identify" | "verify" | "set_password" | "writeback" | "unlock" | "register";
export type AttemptEstimate = {
  userId: string;
  at: string;
  stage: Stage;
  method?: Method;
  error?: string;
  activity: string;
  reason?: string;
};
export type ThrottleEvent = {
  userId: string;
  kind: "code_sent" | "verification_failed" | "reset_completed";
  at: string;
};
export type BlockEstimate = { userId: string; blockedUntil: string; reason: string };

export const SSPR_SERVICE = "Self-service Password Management";
export const METHODS_SERVICE = "Authentication Methods";
/** "Blocked from self-service password reset" with result success = throttled for the next 24 h [D REP]. */
const BLOCK_HOURS = 24;

type ReasonRule = { prefix: string; stage: Stage; method?: Method; error?: string; verificationFailure?: boolean };

/** §4.2: reason prefix → stage, method and (when it is the only one) finding code. */
const REASONS: readonly ReasonRule[] = [
  { prefix: "password reset has been disabled entirely", stage: "identify", error: "sspr_disabled" },
  { prefix: "password reset is not enabled for this user", stage: "identify" },
  {
    prefix: "this user is not a member of the password reset users group",
    stage: "identify",
    error: "user_not_in_sspr_scope",
  },
  { prefix: "user does not have a license", stage: "identify" },
  { prefix: "user's account has insufficient authentication methods", stage: "verify" },
  { prefix: "user's password is managed on-premises", stage: "writeback", error: "writeback_disabled" },
  {
    prefix: "we could not reach your on-premises password reset service",
    stage: "writeback",
    error: "writeback_connector_unreachable",
  },
  { prefix: "we encountered a problem while resetting the user's on-premises password", stage: "writeback" },
  {
    prefix: "password reset was successful on-premises, but there was an error while writing to the cloud",
    stage: "writeback",
    error: "onprem_success_cloud_failure",
  },
  { prefix: "onpremisessuccesscloudfailure", stage: "writeback", error: "onprem_success_cloud_failure" },
  {
    prefix: "user entered too many invalid sms verification codes",
    stage: "verify",
    method: "mobile_sms",
    error: "too_many_failed_verifications",
    verificationFailure: true,
  },
  {
    prefix: "user tried to answer security questions too many times",
    stage: "verify",
    method: "security_questions",
    error: "too_many_failed_verifications",
    verificationFailure: true,
  },
  {
    prefix: "user tried mobile phone voice verification too many times",
    stage: "verify",
    method: "mobile_voice",
    error: "too_many_codes_sent",
  },
  {
    prefix: "user tried office phone voice verification too many times",
    stage: "verify",
    method: "office_phone",
    error: "too_many_codes_sent",
  },
  { prefix: "user tried to verify a phone number too many times", stage: "verify" },
  { prefix: "fuzzypolicyviolationinvalidpassword", stage: "set_password", error: "password_banned" },
  { prefix: "passworddoesnotcomplyfuzzypolicy", stage: "set_password", error: "password_banned" },
];

/** "User started the mobile SMS verification option" etc.: a code was sent (feeds codesSentLastHour). */
const CODE_SENT = /^user started the (mobile sms|mobile voice call|office voice call|email) verification option/i;

export function matchReason(reason: string | null | undefined): ReasonRule | undefined {
  if (!reason) return undefined;
  const r = reason.trim().toLowerCase();
  return REASONS.find((rule) => r.startsWith(rule.prefix));
}

/** The user an SSPR event is about: the target user, else the initiating user. */
export function auditUserId(e: GraphDirectoryAudit): string | undefined {
  const target = e.targetResources?.find((t) => (t.type ?? "").toLowerCase() === "user" && t.id);
  return target?.id ?? e.initiatedBy?.user?.id ?? undefined;
}

export type AuditEstimates = {
  attempts: Map<string, AttemptEstimate>;
  events: ThrottleEvent[];
  blocks: Map<string, BlockEstimate>;
  /** userId → newest successful "reviewed"/"registered all required" security-info confirmation. */
  confirmations: Map<string, string>;
  /** SSPR or Authentication Methods events about users the export does not hold. */
  skipped: number;
};

/**
 * @example auditEstimates(events, new Set(["u1"])).attempts.get("u1")?.stage // "verify"
 */
export function auditEstimates(
  events: readonly GraphDirectoryAudit[],
  knownUsers: ReadonlySet<string>,
): AuditEstimates {
  const out: AuditEstimates = {
    attempts: new Map(),
    events: [],
    blocks: new Map(),
    confirmations: new Map(),
    skipped: 0,
  };
  // Oldest first, so "newest wins" is a plain overwrite and a later success clears an attempt.
  const sorted = [...events].sort((a, b) =>
    a.activityDateTime < b.activityDateTime ? -1 : a.activityDateTime > b.activityDateTime ? 1 : 0,
  );
  for (const e of sorted) {
    const service = e.loggedByService ?? "";
    if (service !== SSPR_SERVICE && service !== METHODS_SERVICE) continue;
    const userId = auditUserId(e);
    if (!userId || !knownUsers.has(userId)) {
      out.skipped++;
      continue;
    }
    const at = new Date(e.activityDateTime).toISOString();
    const activity = e.activityDisplayName;
    const failed = e.result === "failure";
    if (service === METHODS_SERVICE) {
      if (
        !failed &&
        (activity === "User reviewed security info" || activity === "User registered all required security info")
      ) {
        out.confirmations.set(userId, at);
      } else if (failed && /security info/i.test(activity)) {
        out.attempts.set(userId, {
          userId,
          at,
          stage: "register",
          activity,
          ...(e.resultReason ? { reason: e.resultReason } : {}),
        });
      }
      continue;
    }
    if (activity === "Blocked from self-service password reset") {
      if (!failed) {
        out.blocks.set(userId, {
          userId,
          blockedUntil: new Date(Date.parse(at) + BLOCK_HOURS * 3_600_000).toISOString(),
          reason: e.resultReason ?? activity,
        });
        const rule = matchReason(e.resultReason);
        out.attempts.set(userId, attemptOf(userId, at, activity, e.resultReason, rule, "verify"));
      }
      continue;
    }
    if (activity === "Reset password (self-service)") {
      if (!failed) {
        out.events.push({ userId, kind: "reset_completed", at });
        out.attempts.delete(userId);
      } else {
        out.attempts.set(
          userId,
          attemptOf(userId, at, activity, e.resultReason, matchReason(e.resultReason), "set_password"),
        );
      }
      continue;
    }
    if (activity === "Unlock user account (self-service)") {
      if (failed) out.attempts.set(userId, attemptOf(userId, at, activity, e.resultReason, undefined, "unlock"));
      else out.attempts.delete(userId);
      continue;
    }
    if (activity === "Self-service password reset flow activity progress") {
      if (!failed) {
        if (e.resultReason && CODE_SENT.test(e.resultReason)) out.events.push({ userId, kind: "code_sent", at });
        continue;
      }
      const rule = matchReason(e.resultReason);
      if (rule?.verificationFailure) out.events.push({ userId, kind: "verification_failed", at });
      // Abandoned, cancelled, "contacted an admin": no failure to explain, only progress.
      if (rule) out.attempts.set(userId, attemptOf(userId, at, activity, e.resultReason, rule, rule.stage));
    }
  }
  return out;
}

function attemptOf(
  userId: string,
  at: string,
  activity: string,
  reason: string | null | undefined,
  rule: ReasonRule | undefined,
  fallback: Stage,
): AttemptEstimate {
  const a: AttemptEstimate = { userId, at, stage: rule?.stage ?? fallback, activity };
  if (rule?.method) a.method = rule.method;
  // Stored even when this build's catalogue lacks the code (v2 codes arrive with the
  // catalogue's v2); the loader hands the engine only codes it knows.
  if (rule?.error) a.error = rule.error;
  if (reason) a.reason = reason;
  return a;
}
