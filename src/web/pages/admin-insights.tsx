/**
 * /admin/tenants/:id/insights: a tenant's activity over a date range for admins — resets
 * per day as a stacked SVG column chart, failures by finding code and the step funnel as
 * bar charts (each also as a table), the groups with the most blocked users in the
 * current sweep, and the daily figures as CSV. Same figures as GET
 * /api/v1/tenants/{id}/insights; registration coverage lives on the registration report.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { insightsCsv } from "../../domain/insights";
import { insightRange, tenantInsights, topBlockedGroups } from "../../flows/insights";
import type { AppEnv } from "../../http/auth";
import { DailyChart, HealthChart } from "../admin/admin-chart";
import { adminPage } from "../admin/admin-chrome";
import { humanNumber } from "../i18n/human";
import { insightsTexts } from "../i18n/insights";
import { pageLocale } from "../i18n/messages";
import { adminTenant } from "./admin-tenants";

/** Groups listed under "most blocked": enough to act on, short enough to read. */
const TOP_GROUPS = 10;

/** The query's `from`/`to`, empty fields taken as not given (a form submitted blank). */
const param = (v: string | undefined) => (v ? v : undefined);

export function adminInsightsPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/tenants/:id/insights", (c) => {
    const locale = pageLocale(c);
    const t = insightsTexts(locale);
    const tenant = adminTenant(deps, c);
    const range = insightRange(deps.clock.now(), param(c.req.query("from")), param(c.req.query("to")));
    const i = tenantInsights(deps, tenant.id, range);
    const groups = topBlockedGroups(deps, tenant.id, TOP_GROUPS);
    const base = `/admin/tenants/${encodeURIComponent(tenant.id)}`;
    const qs = `from=${range.from}&to=${range.to}`;
    const n = (x: number) => humanNumber(locale, x);
    const maxFunnel = Math.max(0, ...i.funnel.map((f) => f.people));
    return adminPage(
      deps,
      c,
      t.title(tenant.name),
      <>
        <h1>{t.title(tenant.name)}</h1>
        <p>
          {t.intro} <a href={base}>{t.backToHealth}</a> · <a href={`${base}/registration`}>{t.coverage}</a>
        </p>
        <form method="get" action={`${base}/insights`} data-testid="range">
          <label>
            {t.from} <input type="date" name="from" value={range.from} />
          </label>{" "}
          <label>
            {t.to} <input type="date" name="to" value={range.to} />
          </label>{" "}
          <button type="submit">{t.show}</button>{" "}
          <a class="button secondary" href={`${base}/insights.csv?${qs}`} download data-testid="insights-csv">
            {t.csv}
          </a>
        </form>
        <table data-testid="insights-totals">
          <tbody>
            <tr data-testid="attempted">
              <th scope="row">{t.attempted}</th>
              <td>{n(i.totals.attempted)}</td>
            </tr>
            <tr data-testid="succeeded">
              <th scope="row">{t.succeeded}</th>
              <td>{n(i.totals.succeeded)}</td>
            </tr>
            <tr data-testid="failed">
              <th scope="row">{t.failed}</th>
              <td>{n(i.totals.failed)}</td>
            </tr>
            <tr data-testid="registered">
              <th scope="row">{t.registered}</th>
              <td>{n(i.totals.registered)}</td>
            </tr>
          </tbody>
        </table>
        <h2>{t.perDay}</h2>
        <div class="chart-wrap">
          <DailyChart
            title={t.perDay}
            description={t.perDayDesc}
            days={i.days.map((d) => ({ ...d, label: t.dayLabel(d.day, d.succeeded, d.failed) }))}
          />
        </div>
        <h2>{t.failures}</h2>
        {i.failuresByCode.length ? (
          <>
            <div class="chart-wrap">
              <HealthChart
                id="failures"
                testid="failures-chart"
                title={t.failures}
                description={t.failuresDesc}
                bars={i.failuresByCode.map((f) => ({
                  code: f.code,
                  count: f.count,
                  severity: "blocker",
                  label: `${f.code}: ${n(f.count)}`,
                  href: `/admin/audit?action=reset.*`,
                }))}
              />
            </div>
            <table data-testid="failures">
              <thead>
                <tr>
                  <th scope="col">{t.finding}</th>
                  <th scope="col">{t.count}</th>
                </tr>
              </thead>
              <tbody>
                {i.failuresByCode.map((f) => (
                  <tr data-code={f.code}>
                    <td>
                      <code>{f.code}</code>
                    </td>
                    <td>{n(f.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p data-testid="failures">{t.noFailures}</p>
        )}
        <h2>{t.funnel}</h2>
        <div class="chart-wrap">
          <HealthChart
            id="funnel"
            testid="funnel-chart"
            title={t.funnel}
            description={t.funnelDesc}
            bars={i.funnel.map((f) => ({
              code: t.steps[f.step],
              count: f.people,
              severity: f.people < maxFunnel ? "warning" : "info",
              label: `${t.steps[f.step]}: ${n(f.people)}`,
              href: "#funnel",
            }))}
          />
        </div>
        <table data-testid="funnel">
          <thead>
            <tr>
              <th scope="col">{t.step}</th>
              <th scope="col">{t.people}</th>
            </tr>
          </thead>
          <tbody>
            {i.funnel.map((f) => (
              <tr data-step={f.step}>
                <td>{t.steps[f.step]}</td>
                <td>{n(f.people)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t.groups}</h2>
        <p class="hint">{t.groupsNote}</p>
        {groups.length ? (
          <table data-testid="blocked-groups">
            <thead>
              <tr>
                <th scope="col">{t.group}</th>
                <th scope="col">{t.blocked}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr data-group={g.groupId}>
                  <td>{g.name}</td>
                  <td>{n(g.blocked)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p data-testid="blocked-groups">{t.noGroups}</p>
        )}
      </>,
    );
  });

  app.get("/admin/tenants/:id/insights.csv", (c) => {
    const tenant = adminTenant(deps, c);
    const range = insightRange(deps.clock.now(), param(c.req.query("from")), param(c.req.query("to")));
    const file = `${tenant.domain.replace(/[^a-z0-9.-]/gi, "_")}-insights-${range.from}-${range.to}.csv`;
    return c.body(insightsCsv(tenantInsights(deps, tenant.id, range)), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file}"`,
    });
  });
  return app;
}
