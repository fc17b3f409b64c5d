/**
 * The self-watch: sweep every tenant on a schedule, compare with the last sweep, and raise
 * an incident (alerting once) when a tenant-level blocker appears or the number of blocked
 * users jumps — and a "resolved" when it clears. It catches breakage before users report
 * it: a policy edit that scopes everyone out, a connector that went silent.
 */
import { newId } from "../clock";
import { atomically } from "../db/client";
import {
  lastSweep,
  openIncident,
  openIncidents,
  recordSweep,
  resolveIncident,
  tenantAlertRecipients,
  type Incident,
} from "../db/incidents";
import type { Deps } from "../deps";
import { incidentChanges, type SweepSummary } from "../domain/incidents";
import { audit } from "../db/audit";
import { allTenants, tenantSweep } from "../flows/diagnosis";
import type { AlertEvent, Alerts } from "./alerts";

export type WatchReport = { tenants: number; raised: Incident[]; resolved: Incident[] };

/**
 * One pass over every tenant. Incidents are written in one transaction per tenant, and
 * alerts go out after it commits (a slow mail server never holds the database).
 * @example const report = await watchOnce(deps, alerts); report.raised.length
 */
export async function watchOnce(
  deps: Pick<Deps, "db" | "clock" | "diagnoser" | "random" | "log" | "http">,
  alerts: Alerts,
): Promise<WatchReport> {
  const report: WatchReport = { tenants: 0, raised: [], resolved: [] };
  for (const tenant of allTenants(deps)) {
    const health = tenantSweep(deps, tenant.id);
    deps.http?.metrics?.sweepDuration.observe({ kind: "watch" }, (health.durationMs + health.loadMs) / 1000);
    const at = deps.clock.now().toISOString();
    const summary: SweepSummary = {
      at,
      users: health.users,
      blocked: health.verdicts.blocked,
      atRisk: health.verdicts.at_risk,
      counts: { ...health.counts },
    };
    const events: AlertEvent[] = [];
    const tx = deps.db;
    atomically(deps.db, () => {
      const changes = incidentChanges(lastSweep(tx, tenant.id), summary, openIncidents(tx, tenant.id));
      recordSweep(tx, tenant.id, summary);
      for (const r of changes.raise) {
        const id = newId(deps.random, "inc_");
        openIncident(tx, { id, tenantId: tenant.id, key: r.key, at, detail: r.detail });
        const incident: Incident = {
          id,
          tenantId: tenant.id,
          tenantDomain: tenant.domain,
          key: r.key,
          openedAt: at,
          resolvedAt: null,
          detail: r.detail,
        };
        audit(tx, new Date(at), {
          tenantId: tenant.id,
          actorType: "system",
          action: "watch.incident_raised",
          outcome: "success",
          code: r.key,
          detail: { incident: id, ...r.detail },
        });
        events.push({ type: "incident.raised", incident });
      }
      for (const r of changes.resolve) {
        const incident = resolveIncident(tx, tenant.id, r.key, at, r.detail);
        if (!incident) continue;
        audit(tx, new Date(at), {
          tenantId: tenant.id,
          actorType: "system",
          action: "watch.incident_resolved",
          outcome: "success",
          code: r.key,
          detail: { incident: incident.id },
        });
        events.push({ type: "incident.resolved", incident });
      }
    });
    report.tenants++;
    if (!events.length) continue;
    const recipients = tenantAlertRecipients(deps.db, tenant.id);
    for (const e of events) {
      (e.type === "incident.raised" ? report.raised : report.resolved).push(e.incident);
      await alerts.send(e, recipients);
    }
  }
  return report;
}

/**
 * Run `watchOnce` every `intervalMs`, never two at once; the timer does not keep the
 * process alive. Returns a stop function.
 */
export function startSelfWatch(deps: Parameters<typeof watchOnce>[0], alerts: Alerts, intervalMs: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await watchOnce(deps, alerts);
      if (r.raised.length || r.resolved.length)
        deps.log.info("self-watch", {
          raised: r.raised.map((i) => `${i.tenantDomain}:${i.key}`),
          resolved: r.resolved.map((i) => `${i.tenantDomain}:${i.key}`),
        });
    } catch (err) {
      deps.log.error("self-watch failed", { error: String(err) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
