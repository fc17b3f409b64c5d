/**
 * Tenant health for admins: "who cannot reset today, and why" as a bar chart of users per
 * finding code, the verdict totals, the users behind a code (paged) and the whole sweep
 * as CSV. Same sweep (`tenantHealth`) and same role (admin) as GET /api/v1/tenants/:id/health.
 */
import { Hono, type Context } from "hono";
import type { Deps } from "../../deps";
import { FINDING_CODES, FINDINGS, catalogueIndex, isFindingCode, type FindingCode } from "../../domain/catalogue";
import { AppError } from "../../errors";
import type { AppEnv } from "../../http/auth";
import { openTenant, tenantHealth, tenantSweep, type TenantRef } from "../../flows/diagnosis";
import { messages, pageLocale } from "../i18n/messages";
import { registrationTexts } from "../i18n/registration-report";
import { insightsTexts } from "../i18n/insights";
import { HealthChart, type ChartBar } from "../admin/admin-chart";
import { adminPage } from "../admin/admin-chrome";
import { requirePageRole } from "../admin/session";

/** Users listed per page when drilling into a code: a screenful, still quick to scan. */
export const DRILL_PAGE_SIZE = 50;

/** The tenant of the path, for admins only; 404 (as the API) when there is none. */
export function adminTenant(deps: Deps, c: Context<AppEnv>): TenantRef {
  const t = messages(pageLocale(c)).admin;
  requirePageRole(c, "admin", t.needsRole(t.role.admin ?? "admin"));
  const id = c.req.param("id") ?? "";
  const tenant = openTenant(deps, id);
  if (!tenant) throw new AppError(404, "tenant_not_found", t.tenantNotFound(id));
  return tenant;
}

/**
 * One CSV field (RFC 4180 quoting). A field a spreadsheet would run as a formula gets a
 * leading apostrophe, so an export opened in Excel cannot execute what a user typed.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function adminTenantPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/tenants/:id", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).admin;
    const tenant = adminTenant(deps, c);
    const asked = c.req.query("code") ?? "";
    const code: FindingCode | undefined = isFindingCode(asked) ? asked : undefined;
    const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(c.req.query("offset") ?? "0", 10) || 0));
    const health = tenantHealth(deps, tenant.id, { code, offset, limit: DRILL_PAGE_SIZE });
    const base = `/admin/tenants/${encodeURIComponent(tenant.id)}`;
    const present = FINDING_CODES.filter((k) => health.counts[k] !== undefined);
    const bars: ChartBar[] = present.map((k) => {
      const severity = FINDINGS[k].severity;
      const count = health.counts[k]!;
      return {
        code: k,
        count,
        severity,
        label: t.chartBar(k, count, t.severity[severity] ?? severity),
        href: `${base}?code=${k}#drill`,
      };
    });
    const total = code ? (health.usersByCode[code]?.total ?? 0) : 0;
    const page = code ? (health.usersByCode[code]?.users ?? []) : [];
    return adminPage(
      deps,
      c,
      t.healthOf(tenant.name),
      <>
        <h1>{t.healthOf(tenant.name)}</h1>
        <p class="meta">
          {tenant.domain} · {t.usersTotal(health.users)} · {t.sweptIn(Math.round(health.durationMs + health.loadMs))}
        </p>
        <p>
          <a class="button" href={`${base}/health.csv`} download data-testid="csv">
            {t.csv}
          </a>{" "}
          <a class="button secondary" href={`${base}/what-if`}>
            {t.whatIf}
          </a>{" "}
          <a class="button secondary" href={`${base}/insights`} data-testid="insights">
            {insightsTexts(locale).link}
          </a>{" "}
          <a class="button secondary" href={`${base}/registration`} data-testid="registration-report">
            {registrationTexts(locale).title(tenant.name)}
          </a>
        </p>
        <h2>{t.verdicts}</h2>
        <ul class="totals" data-testid="verdicts">
          {(["blocked", "at_risk", "can_reset"] as const).map((v) => (
            <li data-verdict={v}>
              <span class={`verdict ${v}`}>{t.verdict[v]}</span> <strong>{health.verdicts[v]}</strong>
            </li>
          ))}
        </ul>
        <h2>{t.chartTitle}</h2>
        {bars.length ? (
          <>
            <div class="chart-wrap">
              <HealthChart title={t.chartTitle} description={t.chartDesc} bars={bars} />
            </div>
            <table data-testid="counts">
              <thead>
                <tr>
                  <th scope="col">{t.code}</th>
                  <th scope="col">{t.severityColumn}</th>
                  <th scope="col">{t.users}</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr data-code={b.code}>
                    <th scope="row">
                      <a href={b.href}>
                        <code>{b.code}</code>
                      </a>
                    </th>
                    <td class={`sev-${b.severity}`}>{t.severity[b.severity]}</td>
                    <td>{b.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p class="success">{t.noTenantFindings}</p>
        )}
        {code ? (
          <section id="drill" aria-labelledby="drill-heading" data-testid="drill">
            <h2 id="drill-heading">{t.usersWith(code)}</h2>
            {total ? (
              <p class="meta">
                {t.range(Math.min(offset + 1, total), Math.min(offset + DRILL_PAGE_SIZE, total), total)}
              </p>
            ) : (
              <p>{t.noUsers}</p>
            )}
            <ul class="results">
              {page.map((u) => (
                <li>
                  <a href={`/admin/users/${encodeURIComponent(u.userId)}`}>{u.upn}</a>
                </li>
              ))}
            </ul>
            {total > DRILL_PAGE_SIZE ? (
              <nav class="pager" aria-label={t.usersWith(code)}>
                {offset > 0 ? (
                  <a href={`${base}?code=${code}&offset=${Math.max(0, offset - DRILL_PAGE_SIZE)}#drill`} rel="prev">
                    {t.previous}
                  </a>
                ) : null}
                {offset + DRILL_PAGE_SIZE < total ? (
                  <a href={`${base}?code=${code}&offset=${offset + DRILL_PAGE_SIZE}#drill`} rel="next">
                    {t.next}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </section>
        ) : null}
      </>,
    );
  });

  // One line per user and finding, by upn then catalogue order: what a spreadsheet filters on.
  app.get("/admin/tenants/:id/health.csv", (c) => {
    const tenant = adminTenant(deps, c);
    const health = tenantSweep(deps, tenant.id);
    const rows: { upn: string; userId: string; code: FindingCode }[] = [];
    for (const code of FINDING_CODES)
      for (const u of health.usersByCode[code]) rows.push({ upn: u.upn, userId: u.userId, code });
    rows.sort((a, b) => (a.upn < b.upn ? -1 : a.upn > b.upn ? 1 : catalogueIndex(a.code) - catalogueIndex(b.code)));
    const lines = [
      "upn,user_id,code,severity",
      ...rows.map((r) => [r.upn, r.userId, r.code, FINDINGS[r.code].severity].map(csvField).join(",")),
    ];
    const file = `${tenant.domain.replace(/[^a-z0-9.-]/gi, "_")}-health.csv`;
    return c.body(lines.join("\r\n") + "\r\n", 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file}"`,
    });
  });
  return app;
}
