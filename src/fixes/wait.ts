/**
 * The wait fix: some blocks end by themselves. wait_until_unblocked says until when,
 * computed from the stored facts — the active block's end, the moment enough counted
 * events leave their sliding window for a limit to stop applying, or the end of the
 * on-premises minimum password age — and what can be done instead of waiting.
 */
import type { FindingCode } from "../domain/catalogue";
import { eventTimes } from "../db/throttle";
import { BUDGETS, SNAPSHOT_COUNTS, type SnapshotBudget } from "../domain/throttle";
import { manualFix, type WaitGuidance } from "./definition";
import { NO_PARAMS } from "./params";
import { throttleBlockUntil, userRow, connectorRow } from "./state";
import { RESET_PAGE } from "./user-steps";

const HOUR = 3_600_000;

export type WaitFacts = {
  now: Date;
  blockedUntil?: string;
  /** Counted events per kind inside their window, oldest first. */
  events: Partial<Record<SnapshotBudget, string[]>>;
  /** For synced users with an on-premises minimum age. */
  minAge?: { passwordLastSetAt: string; minAgeHours: number };
  /** v2: the end of an active cloud smart lockout (only waiting ends it). */
  cloudLockedUntil?: string;
};

/**
 * Every standing reason to wait and when each ends; `until` is the last of them.
 * A limit of `max` events stops applying when the count in the window drops below it:
 * with n ≥ max events, when the (n − max + 1)-th oldest leaves the window.
 *
 * @example
 * waitUntil({ now, events: { code_sent: ["09:05", "09:10", "09:15", "09:20", "09:25"] } }).until;
 * // the first code's time + 1 hour: "…T10:05:00.000Z"
 */
export function waitUntil(f: WaitFacts): Pick<WaitGuidance, "until" | "minutesLeft" | "reasons"> {
  const now = f.now.getTime();
  const reasons: WaitGuidance["reasons"] = [];
  if (f.blockedUntil && Date.parse(f.blockedUntil) > now) {
    reasons.push({
      code: "reset_blocked_temporarily",
      until: new Date(Date.parse(f.blockedUntil)).toISOString(),
      why: "the block set when a limit was hit ends",
    });
  }
  // The same budgets and windows the flows refuse by (domain/throttle.ts).
  for (const { budget: kind } of SNAPSHOT_COUNTS) {
    const limit = BUDGETS[kind];
    const times = f.events[kind] ?? [];
    if (times.length < limit.max) continue;
    const leaving = times[times.length - limit.max]!;
    const until = new Date(Date.parse(leaving) + limit.windowMs);
    reasons.push({
      code: limit.code as FindingCode,
      until: until.toISOString(),
      why: `fewer than ${limit.max} counted events remain in the ${limit.windowMs / HOUR}-hour window`,
    });
  }
  if (f.minAge && f.minAge.minAgeHours > 0) {
    const until = new Date(Date.parse(f.minAge.passwordLastSetAt) + f.minAge.minAgeHours * HOUR);
    if (until.getTime() > now)
      reasons.push({
        code: "onprem_min_password_age",
        until: until.toISOString(),
        why: `the on-premises minimum password age of ${f.minAge.minAgeHours} hours has passed`,
      });
  }
  if (f.cloudLockedUntil && Date.parse(f.cloudLockedUntil) > now) {
    reasons.push({
      code: "cloud_smart_lockout",
      until: new Date(Date.parse(f.cloudLockedUntil)).toISOString(),
      why: "the cloud smart lockout ends (an on-premises unlock does not end it)",
    });
  }
  const last = reasons.reduce<string | null>((max, r) => (max === null || r.until > max ? r.until : max), null);
  return { until: last, minutesLeft: last === null ? null : Math.ceil((Date.parse(last) - now) / 60_000), reasons };
}

export const waitUntilUnblocked = manualFix({
  id: "wait_until_unblocked",
  scope: "user",
  automatic: false,
  params: NO_PARAMS,
  guidance(ctx): WaitGuidance {
    const user = ctx.user!;
    const db = ctx.deps.db;
    const events: WaitFacts["events"] = {};
    for (const { budget } of SNAPSHOT_COUNTS) events[budget] = eventTimes(db, user.id, budget, ctx.now);
    const row = userRow(db, user.id)!;
    const connector = connectorRow(db, ctx.tenant.id);
    const minAge =
      row.source === "synced" && row.passwordLastSetAt && connector
        ? { passwordLastSetAt: row.passwordLastSetAt, minAgeHours: connector.onPremMinAgeHours }
        : undefined;
    const result = waitUntil({
      now: ctx.now,
      blockedUntil: throttleBlockUntil(db, user.id),
      events,
      ...(minAge ? { minAge } : {}),
      ...(row.cloudLockedUntil ? { cloudLockedUntil: row.cloudLockedUntil } : {}),
    });
    const steps = result.until
      ? [
          `Nothing to do before ${result.until} (about ${result.minutesLeft} minutes); then start again at ${RESET_PAGE}.`,
        ]
      : ["Nothing is holding this user back any more: they can try again now."];
    // Our throttle is what clear_throttle clears; the on-premises minimum age and the cloud's smart lockout are not ours.
    if (result.reasons.some((r) => r.code !== "onprem_min_password_age" && r.code !== "cloud_smart_lockout"))
      steps.push(
        "Or ask the helpdesk to clear the throttle (clear_throttle) after checking it was really this person.",
      );
    if (result.reasons.some((r) => r.code === "onprem_min_password_age"))
      steps.push("Or an on-premises administrator can set the minimum password age to 0 (set_min_age_zero).");
    return { kind: "wait", ...result, steps };
  },
});
