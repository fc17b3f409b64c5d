/**
 * Telling people about incidents: an email to the tenant's administrators and a signed
 * webhook (SSPR_ALERT_WEBHOOK_URL). The webhook body is JSON; `X-SSPR-Signature` is
 * `sha256=` + HMAC-SHA256 over `<timestamp>.<body>` with SSPR_ALERT_WEBHOOK_SECRET, and
 * `X-SSPR-Timestamp` carries the timestamp, so a receiver can refuse forgeries and replays.
 * A failed delivery is logged, never thrown: the watch must go on watching.
 */
import { createHmac } from "node:crypto";
import type { Incident } from "../db/incidents";
import type { Mailer } from "../delivery/mailer";
import type { Log } from "../log";

export type AlertEvent = { type: "incident.raised" | "incident.resolved"; incident: Incident };
export type Alerts = { send(event: AlertEvent, recipients: string[]): Promise<void> };
export type AlertOptions = { mailer: Mailer; log: Log; webhookUrl?: string; webhookSecret?: string; baseUrl?: string };

/** A receiver's check, exported so tests and integrators verify exactly what we sign. */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

const WEBHOOK_TIMEOUT_MS = 5_000;

const WHAT: Record<string, string> = {
  sspr_disabled: "self-service password reset is turned off for everyone",
  sspr_scope_empty: "self-service password reset is scoped to selected groups, but none is selected",
  admin_sspr_off: "administrators may not use self-service password reset",
  policy_requires_more_methods_than_allowed: "the policy requires more methods than it allows: nobody can reset",
  writeback_connector_unreachable: "the writeback connector is unreachable: synced users cannot reset",
  writeback_heartbeat_late: "the writeback connector's heartbeat is late",
  writeback_degraded: "the writeback connector reports itself degraded",
  writeback_missing_reset_permission: "the writeback connector may not reset passwords",
  blocked_jump: "the number of users who cannot reset jumped",
};

function mailText(e: AlertEvent, baseUrl: string | undefined): { subject: string; text: string } {
  const i = e.incident;
  const what = WHAT[i.key] ?? i.key;
  const raised = e.type === "incident.raised";
  const subject = `${raised ? "Incident" : "Resolved"} in ${i.tenantDomain}: ${what}`;
  const lines = [
    raised
      ? `SSPR Doctor noticed a problem in ${i.tenantDomain}: ${what}.`
      : `The problem in ${i.tenantDomain} has cleared: ${what}.`,
    "",
    `Opened: ${i.openedAt}${i.resolvedAt ? `\nResolved: ${i.resolvedAt}` : ""}`,
    `Details: ${JSON.stringify(i.detail)}`,
    baseUrl ? `\nSee ${baseUrl}/admin/incidents` : "",
    "",
    "You receive this because you administer this tenant.",
  ];
  return { subject, text: lines.join("\n") };
}

/** @example const alerts = alertSender({ mailer, log, webhookUrl, webhookSecret }) */
export function alertSender(o: AlertOptions): Alerts {
  return {
    async send(event, recipients) {
      const { subject, text } = mailText(event, o.baseUrl);
      const jobs: Promise<unknown>[] = recipients.map((to) =>
        o.mailer
          .send({ to, subject, text, kind: "notice" })
          .catch((err: unknown) =>
            o.log.warn("incident mail not delivered", { incident: event.incident.id, error: String(err) }),
          ),
      );
      if (o.webhookUrl) {
        const body = JSON.stringify(event);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const headers: Record<string, string> = {
          "content-type": "application/json",
          "x-sspr-timestamp": timestamp,
          "x-sspr-event": event.type,
        };
        if (o.webhookSecret) headers["x-sspr-signature"] = signatureOf(o.webhookSecret, timestamp, body);
        jobs.push(
          fetch(o.webhookUrl, { method: "POST", headers, body, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) })
            .then((res) => {
              if (!res.ok) o.log.warn("incident webhook refused", { incident: event.incident.id, status: res.status });
            })
            .catch((err: unknown) =>
              o.log.warn("incident webhook not delivered", { incident: event.incident.id, error: String(err) }),
            ),
        );
      }
      await Promise.all(jobs);
    },
  };
}
