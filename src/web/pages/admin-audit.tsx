/**
 * The audit log for admins: every step of every flow and every fix, newest first, filtered
 * by user, time, action (exact or a `me.*` prefix) and outcome, paged by row id, and
 * exported as CSV with the same filters (/admin/audit.csv) — the same reading as GET /api/v1/audit (decision
 * 004): a upn or id for `user` (an unknown value is taken as a raw id, since rows outlive
 * users), an ISO date or date-time for `since`, a keyset cursor that stays stable while
 * new rows arrive. The audit module exposes that query only as its route, so the few
 * lines of it live here too, with the same rules.
 */
import { Hono, type Context } from "hono";
import { queryAudit, type AuditQuery } from "../../db/audit";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import type { AppEnv } from "../../http/auth";
import { dateTime } from "../i18n/human";
import { messages, pageLocale } from "../i18n/messages";
import { pageTimeZone } from "../time-zone";
import { adminPage, formatValue } from "../admin/admin-chrome";
import { requirePageRole } from "../admin/session";
import { csvField } from "./admin-tenants";

/** Rows per page: a screenful to scan; older ones are a click away. */
export const AUDIT_PAGE_SIZE = 50;
// As the audit API: a date (midnight UTC) or a date-time with Z or an offset.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

// As the audit API: an exact action, or a prefix ending in `*`.
const ACTION = /^[a-z_.]+\*?$/;
/** The most rows one CSV export carries: a year of a busy tenant fits; more is a job for the API's pages. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

type Messages = ReturnType<typeof messages>["admin"];

/** The page's filters from the query string, checked as the API checks them (a bad value names its field). */
function auditFilters(c: Context<AppEnv>, t: Messages) {
  const user = (c.req.query("user") ?? "").trim().slice(0, 320);
  const since = (c.req.query("since") ?? "").trim();
  const action = (c.req.query("action") ?? "").trim();
  const asked = c.req.query("outcome") ?? "";
  const outcome = asked === "success" || asked === "failure" ? asked : undefined;
  if (since && !(ISO_TIME.test(since) && !Number.isNaN(Date.parse(since))))
    throw new AppError(400, "invalid_request", t.invalidSince, { field: "since" });
  if (action && !(ACTION.test(action) && action.length <= 64))
    throw new AppError(400, "invalid_request", t.invalidAction, { field: "action" });
  const query: Omit<AuditQuery, "limit"> = {
    ...(user ? { user } : {}),
    ...(since ? { since } : {}),
    ...(action ? { action } : {}),
    ...(outcome ? { outcome } : {}),
  };
  return { user, since, action, outcome, query, params: new URLSearchParams(query as Record<string, string>) };
}

export function adminAuditPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/audit.csv", (c) => {
    const t = messages(pageLocale(c)).admin;
    requirePageRole(c, "admin", t.needsRole(t.role.admin ?? "admin"));
    const { query } = auditFilters(c, t);
    const lines = [
      [
        "at",
        "actor_type",
        "actor_id",
        "action",
        "target_user_id",
        "target_upn",
        "outcome",
        "code",
        "ip",
        "detail",
      ].join(","),
    ];
    // Keyset pages of 500 until the filter is exhausted or the cap is reached.
    let cursor: number | undefined;
    let count = 0;
    do {
      const page = queryAudit(deps.db, { ...query, ...(cursor !== undefined ? { cursor } : {}), limit: 500 });
      for (const r of page.entries) {
        if (count++ >= AUDIT_CSV_MAX_ROWS) break;
        lines.push(
          [
            r.at,
            r.actorType,
            r.actorId,
            r.action,
            r.targetUserId,
            r.targetUpn,
            r.outcome,
            r.code,
            r.ip,
            r.detail ? JSON.stringify(r.detail) : null,
          ]
            .map((v) => csvField(v ?? ""))
            .join(","),
        );
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined && count < AUDIT_CSV_MAX_ROWS);
    return c.body(lines.join("\r\n") + "\r\n", 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="audit.csv"',
    });
  });

  app.get("/admin/audit", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).admin;
    requirePageRole(c, "admin", t.needsRole(t.role.admin ?? "admin"));
    const { user, since, action, outcome, query, params: filters } = auditFilters(c, t);
    const cursor = c.req.query("cursor") ?? "";
    const { entries: page, nextCursor } = queryAudit(deps.db, {
      ...query,
      ...(/^\d{1,15}$/.test(cursor) ? { cursor: Number(cursor) } : {}),
      limit: AUDIT_PAGE_SIZE,
    });
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
          <label for="action">{t.auditAction}</label>
          <input id="action" name="action" type="text" value={action} maxlength={64} autocomplete="off" />
          <label for="outcome">{t.auditOutcome}</label>
          <select id="outcome" name="outcome">
            <option value="" selected={!outcome}>
              {t.anyOutcome}
            </option>
            {(["success", "failure"] as const).map((o) => (
              <option value={o} selected={outcome === o}>
                {t.outcomes[o] ?? o}
              </option>
            ))}
          </select>
          <button type="submit">{t.filter}</button>
        </form>
        <p>
          <a href={`/admin/audit.csv${filters.toString() ? `?${filters}` : ""}`} data-testid="audit-csv" download>
            {t.exportCsv}
          </a>
        </p>
        {page.length ? (
          <table data-testid="audit" class="audit-table">
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
                    <td class="audit-detail">
                      {r.detail ? (
                        <details>
                          <summary>{t.detail}</summary>
                          <pre class="mono wrap">{JSON.stringify(r.detail, null, 2)}</pre>
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
