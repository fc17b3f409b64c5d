/**
 * The audit log for admins: every step of every flow and every fix, newest first, filtered
 * by user and time and paged by row id — the same reading as GET /api/v1/audit (decision
 * 004): a upn or id for `user` (an unknown value is taken as a raw id, since rows outlive
 * users), an ISO date or date-time for `since`, a keyset cursor that stays stable while
 * new rows arrive. The audit module exposes that query only as its route, so the few
 * lines of it live here too, with the same rules.
 */
import { Hono } from "hono";
import { queryAudit } from "../../db/audit";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import type { AppEnv } from "../../http/auth";
import { dateTime } from "../i18n/human";
import { messages, pageLocale } from "../i18n/messages";
import { pageTimeZone } from "../time-zone";
import { adminPage, formatValue } from "../admin/admin-chrome";
import { requirePageRole } from "../admin/session";

/** Rows per page: a screenful to scan; older ones are a click away. */
export const AUDIT_PAGE_SIZE = 50;
// As the audit API: a date (midnight UTC) or a date-time with Z or an offset.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function adminAuditPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/audit", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).admin;
    requirePageRole(c, "admin", t.needsRole(t.role.admin ?? "admin"));
    const user = (c.req.query("user") ?? "").trim().slice(0, 320);
    const since = (c.req.query("since") ?? "").trim();
    const cursor = c.req.query("cursor") ?? "";
    if (since && !(ISO_TIME.test(since) && !Number.isNaN(Date.parse(since))))
      throw new AppError(400, "invalid_request", t.invalidSince, { field: "since" });
    const { entries: page, nextCursor } = queryAudit(deps.db, {
      ...(user ? { user } : {}),
      ...(since ? { since } : {}),
      ...(/^\d{1,15}$/.test(cursor) ? { cursor: Number(cursor) } : {}),
      limit: AUDIT_PAGE_SIZE,
    });
    const filters = new URLSearchParams({ ...(user ? { user } : {}), ...(since ? { since } : {}) });
    const older =
      nextCursor !== undefined
        ? `/admin/audit?${new URLSearchParams([...filters, ["cursor", String(nextCursor)]])}`
        : undefined;
    return adminPage(
      deps,
      c,
      t.auditTitle,
      <>
        <h1>{t.auditTitle}</h1>
        <form method="get" action="/admin/audit" data-testid="audit-filter">
          <label for="user">{t.auditUser}</label>
          <input id="user" name="user" type="text" value={user} maxlength={320} autocomplete="off" />
          <label for="since">
            {t.auditSince} <small>{t.sinceHint}</small>
          </label>
          <input id="since" name="since" type="text" value={since} maxlength={40} autocomplete="off" />
          <button type="submit">{t.filter}</button>
        </form>
        {page.length ? (
          <table data-testid="audit">
            <thead>
              <tr>
                <th scope="col">{t.at}</th>
                <th scope="col">{t.actorColumn}</th>
                <th scope="col">{t.action}</th>
                <th scope="col">{t.target}</th>
                <th scope="col">{t.outcome}</th>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.ip}</th>
                <th scope="col">{t.detail}</th>
              </tr>
            </thead>
            <tbody>
              {page.map((r) => {
                const actorName = typeof r.detail?.actorName === "string" ? r.detail.actorName : undefined;
                return (
                  <tr data-action={r.action} data-outcome={r.outcome}>
                    <td>
                      <time datetime={r.at} title={r.at}>
                        {dateTime(locale, new Date(r.at), pageTimeZone(c))}
                      </time>
                    </td>
                    <td>
                      {r.actorType}
                      {actorName ? `: ${actorName}` : r.actorId ? `: ${r.actorId}` : ""}
                    </td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>
                      {r.targetUserId ? (
                        <a href={`/admin/users/${encodeURIComponent(r.targetUserId)}`}>
                          {r.targetUpn ?? r.targetUserId}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td class={r.outcome === "failure" ? "sev-blocker" : ""}>{t.outcomes[r.outcome] ?? r.outcome}</td>
                    <td>{r.code ? <code>{r.code}</code> : "—"}</td>
                    <td class="mono">{r.ip ?? "—"}</td>
                    <td>
                      {r.detail ? (
                        <details>
                          <summary>{t.detail}</summary>
                          <pre class="mono">{JSON.stringify(r.detail, null, 2)}</pre>
                        </details>
                      ) : (
                        formatValue(null)
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p data-testid="audit">{t.noEntries}</p>
        )}
        <nav class="pager" aria-label={t.auditTitle}>
          {cursor ? <a href={`/admin/audit${filters.toString() ? `?${filters}` : ""}`}>{t.newest}</a> : null}
          {older ? (
            <a href={older} rel="next" data-testid="older">
              {t.older}
            </a>
          ) : null}
        </nav>
      </>,
    );
  });
  return app;
}
