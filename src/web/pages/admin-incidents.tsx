/**
 * /admin/incidents: what the self-watch raised — a tenant-level blocker or a jump in
 * blocked users — open ones first in the reader's eye (marked), newest first, each with
 * when it opened and cleared. The same reading as GET /api/v1/incidents.
 */
import { Hono } from "hono";
import { listIncidents } from "../../db/incidents";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/auth";
import { incidentTexts } from "../i18n/incidents";
import { messages, pageLocale } from "../i18n/messages";
import { adminPage } from "../admin/admin-chrome";
import { requirePageRole } from "../admin/session";

/** A screenful: incidents are rare, and the API pages further. */
const INCIDENTS_SHOWN = 200;

export function adminIncidentPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get("/admin/incidents", (c) => {
    const locale = pageLocale(c);
    const admin = messages(locale).admin;
    const t = incidentTexts(locale);
    requirePageRole(c, "admin", admin.needsRole(admin.role.admin ?? "admin"));
    const rows = listIncidents(deps.db, { limit: INCIDENTS_SHOWN });
    const open = rows.filter((r) => !r.resolvedAt).length;
    return adminPage(
      deps,
      c,
      t.title,
      <>
        <h1>{t.title}</h1>
        <p data-testid="incidents-summary">{t.summary(open)}</p>
        {rows.length ? (
          <table data-testid="incidents">
            <thead>
              <tr>
                <th scope="col">{t.tenant}</th>
                <th scope="col">{t.what}</th>
                <th scope="col">{t.opened}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.detail}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-key={r.key} data-state={r.resolvedAt ? "resolved" : "open"}>
                  <td>{r.tenantDomain}</td>
                  <td>
                    {t.describe(r.key)} <code>{r.key}</code>
                  </td>
                  <td>
                    <time datetime={r.openedAt}>{r.openedAt.replace("T", " ").replace(/\.\d+Z$/, "Z")}</time>
                  </td>
                  <td class={r.resolvedAt ? "" : "sev-blocker"}>
                    {r.resolvedAt ? (
                      <>
                        {t.resolved}{" "}
                        <time datetime={r.resolvedAt}>{r.resolvedAt.replace("T", " ").replace(/\.\d+Z$/, "Z")}</time>
                      </>
                    ) : (
                      t.open
                    )}
                  </td>
                  <td class="mono">{JSON.stringify(r.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p data-testid="incidents">{t.none}</p>
        )}
      </>,
    );
  });
  return app;
}
