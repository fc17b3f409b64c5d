/**
 * Insights over time, folded from the audit counts (db/insights.ts): resets per day
 * (attempted, succeeded, failed), failures by finding code, the funnel by step and new
 * registrations per day. Pure: counts in, figures out, so the page, the API and the CSV
 * cannot disagree about what a number means.
 */

export type InsightCountRow = {
  day: string;
  action: string;
  outcome: "success" | "failure";
  code: string | null;
  rows: number;
};

export type InsightDay = {
  day: string;
  /** Resets started (every `reset.start`, refused ones too: each is someone trying). */
  attempted: number;
  /** Resets that ended with the password set or the account unlocked. */
  succeeded: number;
  /** Failed steps: every failure a person was shown that day. */
  failed: number;
  /** Security info registered (methods verified, security questions set). */
  registered: number;
};

export const FUNNEL_STEPS = ["start", "challenge", "verify", "set", "writeback"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export type Insights = {
  from: string;
  to: string;
  days: InsightDay[];
  totals: Omit<InsightDay, "day">;
  failuresByCode: { code: string; count: number }[];
  /**
   * Steps passed, counted from the audit rows (the daily rollup keeps no people): a policy
   * asking for two methods passes "verify" twice per reset, so that step can exceed "challenge".
   */
  funnel: { step: FunnelStep; people: number }[];
};

/** Every UTC day from `from` to `to` inclusive (YYYY-MM-DD), so a quiet day shows as 0, not as a gap. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * @example foldInsights("2026-11-01", "2026-11-01", [{ day: "2026-11-01", action: "reset.start", outcome: "success", code: null, rows: 2 }]).totals.attempted // 2
 */
export function foldInsights(from: string, to: string, counts: readonly InsightCountRow[]): Insights {
  const byDay = new Map(
    daysBetween(from, to).map((day) => [day, { day, attempted: 0, succeeded: 0, failed: 0, registered: 0 }]),
  );
  const failures = new Map<string, number>();
  const funnel: Record<FunnelStep, number> = { start: 0, challenge: 0, verify: 0, set: 0, writeback: 0 };
  for (const c of counts) {
    const d = byDay.get(c.day);
    if (!d) continue;
    const ok = c.outcome === "success";
    if (c.action === "reset.start") d.attempted += c.rows;
    if (ok && (c.action === "reset.complete" || c.action === "reset.unlock")) d.succeeded += c.rows;
    if (!ok && c.action.startsWith("reset.")) {
      d.failed += c.rows;
      const code = c.code ?? "unknown";
      failures.set(code, (failures.get(code) ?? 0) + c.rows);
    }
    if (ok && (c.action === "me.method_verify" || c.action === "me.security_questions_set")) d.registered += c.rows;
    // The funnel: a password that reached writeback passed the "set" checks, whether or not the write then failed.
    if (ok && c.action === "reset.start") funnel.start += c.rows;
    if (ok && c.action === "reset.challenge") funnel.challenge += c.rows;
    if (ok && c.action === "reset.verify") funnel.verify += c.rows;
    if (ok && c.action === "reset.complete") {
      funnel.set += c.rows;
      funnel.writeback += c.rows;
    }
    if (!ok && c.action === "reset.writeback") funnel.set += c.rows;
  }
  const days = [...byDay.values()];
  const totals = days.reduce(
    (t, d) => ({
      attempted: t.attempted + d.attempted,
      succeeded: t.succeeded + d.succeeded,
      failed: t.failed + d.failed,
      registered: t.registered + d.registered,
    }),
    { attempted: 0, succeeded: 0, failed: 0, registered: 0 },
  );
  return {
    from,
    to,
    days,
    totals,
    failuresByCode: [...failures]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    funnel: FUNNEL_STEPS.map((step) => ({ step, people: funnel[step] })),
  };
}

/** Insights as CSV lines (header first): one line per day. Fields are dates and numbers, so nothing needs quoting. */
export function insightsCsv(i: Insights): string {
  const lines = ["day,attempted,succeeded,failed,registered"];
  for (const d of i.days) lines.push(`${d.day},${d.attempted},${d.succeeded},${d.failed},${d.registered}`);
  return lines.join("\r\n") + "\r\n";
}
