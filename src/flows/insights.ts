/**
 * Tenant insights (Entra's "SSPR usage and insights", with the why): the audit counts of
 * a date range folded into per-day resets, failures by code, the step funnel and new
 * registrations — plus, when asked, the groups with the most blocked users in the
 * current sweep. A range is whole UTC days, at most a year (what the index is sized for).
 */
import { insightCounts, tenantMemberships } from "../db/insights";
import type { Deps } from "../deps";
import { FINDINGS, FINDING_CODES } from "../domain/catalogue";
import { foldInsights, type Insights } from "../domain/insights";
import { AppError } from "../errors";
import { tenantSweep } from "./diagnosis";

/** The longest range asked for at once: a year (leap years included). */
export const MAX_RANGE_DAYS = 366;
/** The range shown when none is asked for: the last 30 days. */
export const DEFAULT_RANGE_DAYS = 30;

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The range asked for, checked: `from` and `to` as YYYY-MM-DD (inclusive), defaulting to
 * the last 30 days up to today. A range upside down or longer than a year is a 400.
 */
export function insightRange(now: Date, from?: string, to?: string): { from: string; to: string } {
  const valid = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
  for (const [field, v] of [
    ["from", from],
    ["to", to],
  ] as const)
    if (v !== undefined && !valid(v))
      throw new AppError(400, "invalid_request", `"${field}" must be a date as YYYY-MM-DD.`, { field });
  const end = to ?? isoDay(now.getTime());
  const start = from ?? isoDay(Date.parse(`${end}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY);
  const span = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY + 1;
  if (span < 1) throw new AppError(400, "invalid_request", `"from" must not be after "to".`, { field: "from" });
  if (span > MAX_RANGE_DAYS)
    throw new AppError(400, "invalid_request", `A range is at most ${MAX_RANGE_DAYS} days.`, { field: "from" });
  return { from: start, to: end };
}

/** @example tenantInsights(deps, "tnt-contoso", { from: "2026-11-01", to: "2026-11-30" }).totals.succeeded */
export function tenantInsights(
  deps: Pick<Deps, "db">,
  tenantId: string,
  range: { from: string; to: string },
): Insights {
  return foldInsights(range.from, range.to, insightCounts(deps.db, tenantId, range.from, range.to));
}

/** Blocking findings: a user with one of these cannot reset today. */
const BLOCKERS = FINDING_CODES.filter((c) => FINDINGS[c].severity === "blocker");

/**
 * The groups with the most users blocked in the current sweep (direct memberships).
 * @example topBlockedGroups(deps, "tnt-contoso", 5)[0] // { groupId: "grp-…", name: "Finance", blocked: 3 }
 */
export function topBlockedGroups(
  deps: Pick<Deps, "db" | "clock" | "diagnoser">,
  tenantId: string,
  limit: number,
): { groupId: string; name: string; blocked: number }[] {
  const sweep = tenantSweep(deps, tenantId);
  const blocked = new Set<string>();
  for (const code of BLOCKERS) for (const u of sweep.usersByCode[code] ?? []) blocked.add(u.userId);
  const groups = new Map<string, { groupId: string; name: string; blocked: number }>();
  for (const m of tenantMemberships(deps.db, tenantId)) {
    if (!blocked.has(m.userId)) continue;
    const g = groups.get(m.groupId) ?? { groupId: m.groupId, name: m.name, blocked: 0 };
    g.blocked++;
    groups.set(m.groupId, g);
  }
  return [...groups.values()].sort((a, b) => b.blocked - a.blocked || a.name.localeCompare(b.name)).slice(0, limit);
}
