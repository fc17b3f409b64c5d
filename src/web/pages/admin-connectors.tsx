/**
 * /admin/connectors: the connector status page the articles promise (admins) — each
 * tenant's writeback connector (configured, status, last heartbeat and how late it is in
 * words), its service account's permissions, the on-premises password policy, the
 * directory configuration when there is one (kind and URLs, never the bind secret), and
 * the last status changes the heartbeats recorded.
 */
import { Hono } from "hono";
import { connectorOverview, statusHistory } from "../../db/connector-status";
import type { Deps } from "../../deps";
import { WRITEBACK_STALE_MINUTES } from "../../domain/catalogue";
import type { AppEnv } from "../../http/auth";
import { adminPage } from "../admin/admin-chrome";
import { requirePageRole } from "../admin/session";
import { dateTime, relativeTime } from "../i18n/human";
import { connectorTexts } from "../i18n/insights";
import { messages, pageLocale } from "../i18n/messages";
import { pageTimeZone } from "../time-zone";

/** Status changes shown: the recent story, not the whole table. */
const HISTORY_ROWS = 50;

export function adminConnectorPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get("/admin/connectors", (c) => {
    const locale = pageLocale(c);
    const admin = messages(locale).admin;
    requirePageRole(c, "admin", admin.needsRole(admin.role.admin ?? "admin"));
    const t = connectorTexts(locale);
    const now = deps.clock.now();
    const zone = pageTimeZone(c);
    const rows = connectorOverview(deps.db);
    const history = statusHistory(deps.db, HISTORY_ROWS);
    const yes = (b: boolean) => (b ? t.granted : t.missing);
    return adminPage(
      deps,
      c,
      t.title,
      <>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        {rows.map((r) => {
          const k = r.connector;
          const beat = k?.lastHeartbeatAt ? new Date(k.lastHeartbeatAt) : undefined;
          // Late as the diagnosis counts it: no beat for WRITEBACK_STALE_MINUTES.
          const late = !beat || now.getTime() - beat.getTime() > WRITEBACK_STALE_MINUTES * 60_000;
          return (
            <section data-testid="connector" data-tenant={r.tenantId} data-status={k?.configured ? k.status : "none"}>
              <h2>
                {r.tenantName} <span class="meta">{r.domain}</span>
              </h2>
              {k?.configured ? (
                <table>
                  <tbody>
                    <tr>
                      <th scope="row">{t.statusLabel}</th>
                      <td data-testid="status">{t.status[k.status] ?? k.status}</td>
                    </tr>
                    <tr>
                      <th scope="row">{t.lastHeartbeat}</th>
                      <td data-testid="heartbeat" data-late={String(late)}>
                        {beat
                          ? `${dateTime(locale, beat, zone)} (${(late ? t.late : t.onTime)(relativeTime(locale, beat, now))})`
                          : t.never}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row">{t.permissions}</th>
                      <td>
                        {t.perm.resetPassword}: {yes(k.permResetPassword)} · {t.perm.changePassword}:{" "}
                        {yes(k.permChangePassword)} · {t.perm.lockoutTime}: {yes(k.permWriteLockoutTime)} ·{" "}
                        {t.perm.pwdLastSet}: {yes(k.permWritePwdLastSet)}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row">{t.policy}</th>
                      <td>
                        {t.policyText(k.onPremMinLength, k.onPremComplexity, k.onPremHistoryCount, k.onPremMinAgeHours)}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row">{t.directory}</th>
                      <td data-testid="directory">
                        {r.directory
                          ? `${r.directory.kind} · ${r.directory.urls.join(", ")}${r.directory.startTls ? " (StartTLS)" : ""} · ${r.directory.baseDn}`
                          : t.noDirectory}
                      </td>
                    </tr>
                  </tbody>
                </table>
              ) : (
                <p data-testid="status">{t.notConfigured}</p>
              )}
            </section>
          );
        })}
        <h2>{t.history}</h2>
        {history.length ? (
          <table data-testid="status-history">
            <thead>
              <tr>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.tenant}</th>
                <th scope="col">{t.statusLabel}</th>
                <th scope="col">{t.source}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr data-tenant={h.tenantId} data-status={h.status}>
                  <td>{dateTime(locale, new Date(h.at), zone)}</td>
                  <td>{h.tenantName}</td>
                  <td>{t.status[h.status] ?? h.status}</td>
                  <td>{t.sources[h.source] ?? h.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p data-testid="status-history">{t.noHistory}</p>
        )}
      </>,
    );
  });
  return app;
}
