/**
 * Incidents: what the self-watch raises when a tenant breaks. Pure: given the last sweep
 * summary, the new one and the incidents still open, it says which to raise and which
 * to resolve. One incident per key (a finding code, or "blocked_jump") stays open until
 * the condition clears, so a broken tenant alerts once, not at every sweep.
 */

/**
 * Tenant-level findings: when any user of a tenant has one, everyone in its reach does —
 * the tenant is broken, not a person. (An allowed method nobody can use shows up as
 * policy_requires_more_methods_than_allowed.)
 */
export const TENANT_BLOCKERS = [
  "sspr_disabled",
  "sspr_scope_empty",
  "admin_sspr_off",
  "policy_requires_more_methods_than_allowed",
  "writeback_connector_unreachable",
  "writeback_heartbeat_late",
  "writeback_degraded",
  "writeback_missing_reset_permission",
] as const;

/**
 * A jump in blocked users is an incident when it is at least this many users AND this
 * share of the previous count: ten people failing at once is a pattern in any tenant, and
 * the share keeps a 100,000-user tenant's daily churn from paging anyone.
 */
export const BLOCKED_JUMP_MIN_USERS = 10;
export const BLOCKED_JUMP_MIN_SHARE = 0.25;

export type SweepSummary = {
  at: string;
  users: number;
  blocked: number;
  atRisk: number;
  counts: Record<string, number>;
};
export type IncidentKey = (typeof TENANT_BLOCKERS)[number] | "blocked_jump";
export type OpenIncident = { key: string; detail: Record<string, unknown> };
export type IncidentChanges = {
  raise: { key: IncidentKey; detail: Record<string, unknown> }[];
  resolve: { key: string; detail: Record<string, unknown> }[];
};

/** How many more blocked users than `before` make a jump. */
export function jumpThreshold(before: number): number {
  return Math.max(BLOCKED_JUMP_MIN_USERS, Math.ceil(before * BLOCKED_JUMP_MIN_SHARE));
}

/**
 * @example
 * incidentChanges(undefined, { at, users: 3, blocked: 3, atRisk: 0, counts: { sspr_disabled: 3 } }, [])
 * // → { raise: [{ key: "sspr_disabled", detail: { users: 3 } }], resolve: [] }
 */
export function incidentChanges(
  previous: SweepSummary | undefined,
  current: SweepSummary,
  open: OpenIncident[],
): IncidentChanges {
  const isOpen = new Map(open.map((o) => [o.key, o]));
  const raise: IncidentChanges["raise"] = [];
  const resolve: IncidentChanges["resolve"] = [];
  for (const code of TENANT_BLOCKERS) {
    const users = current.counts[code] ?? 0;
    if (users > 0 && !isOpen.has(code)) raise.push({ key: code, detail: { users } });
    if (users === 0 && isOpen.has(code)) resolve.push({ key: code, detail: { users: 0 } });
  }
  const jump = isOpen.get("blocked_jump");
  if (jump) {
    const before = Number(jump.detail.before ?? 0);
    if (current.blocked - before < jumpThreshold(before))
      resolve.push({ key: "blocked_jump", detail: { before, now: current.blocked } });
  } else if (previous && current.blocked - previous.blocked >= jumpThreshold(previous.blocked)) {
    raise.push({ key: "blocked_jump", detail: { before: previous.blocked, now: current.blocked } });
  }
  return { raise, resolve };
}
