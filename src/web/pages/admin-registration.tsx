/**
 * /admin/tenants/:id/registration: the registration report for admins — registered,
 * registered enough, can reset today, coverage by method, and the registration findings
 * that stand in the way (each linking to the users behind it on the tenant page). The
 * same report as GET /api/v1/tenants/:id/registration.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { registrationReport } from "../../flows/registration-report";
import type { AppEnv } from "../../http/auth";
import { humanNumber } from "../i18n/human";
import { messages, pageLocale } from "../i18n/messages";
import { registrationTexts } from "../i18n/registration-report";
import { adminPage } from "../admin/admin-chrome";
import { adminTenant } from "./admin-tenants";

export function adminRegistrationPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get("/admin/tenants/:id/registration", (c) => {
    const locale = pageLocale(c);
    const admin = messages(locale).admin;
    const t = registrationTexts(locale);
    const tenant = adminTenant(deps, c);
    const r = registrationReport(deps, tenant.id);
    const base = `/admin/tenants/${encodeURIComponent(tenant.id)}`;
    const share = (n: number) => (r.users ? `${humanNumber(locale, (100 * n) / r.users)} %` : "—");
    const Row = (p: { label: string; n: number; testid: string }) => (
      <tr data-testid={p.testid}>
        <th scope="row">{p.label}</th>
        <td>{t.users(p.n)}</td>
        <td>
          <meter min={0} max={Math.max(1, r.users)} value={p.n} aria-label={p.label}>
            {share(p.n)}
          </meter>{" "}
          {share(p.n)}
        </td>
      </tr>
    );
    return adminPage(
      deps,
      c,
      t.title(tenant.name),
      <>
        <h1>{t.title(tenant.name)}</h1>
        <p>
          {t.intro} <a href={base}>{t.backToHealth}</a>
        </p>
        <table data-testid="registration-summary">
          <tbody>
            <Row label={admin.users ?? "Users"} n={r.users} testid="users" />
            <Row label={t.registered} n={r.registered} testid="registered" />
            <Row label={t.enough} n={r.enoughMethods} testid="enough" />
            <Row label={t.canReset} n={r.canReset} testid="can-reset" />
          </tbody>
        </table>
        <h2>{t.byMethod}</h2>
        <table data-testid="by-method">
          <thead>
            <tr>
              <th scope="col">{t.method}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {r.byMethod.map((m) => (
              <tr data-method={m.method}>
                <td>{admin.methods[m.method] ?? m.method}</td>
                <td>{humanNumber(locale, m.users)}</td>
                <td>
                  <meter
                    min={0}
                    max={Math.max(1, r.users)}
                    value={m.users}
                    aria-label={admin.methods[m.method] ?? m.method}
                  >
                    {share(m.users)}
                  </meter>{" "}
                  {share(m.users)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t.gaps}</h2>
        {r.gaps.length ? (
          <table data-testid="gaps">
            <thead>
              <tr>
                <th scope="col">{t.finding}</th>
                <th scope="col">{t.count}</th>
              </tr>
            </thead>
            <tbody>
              {r.gaps.map((g) => (
                <tr data-code={g.code}>
                  <td>
                    <a href={`${base}?code=${g.code}#drill`}>
                      <code>{g.code}</code>
                    </a>
                  </td>
                  <td>{humanNumber(locale, g.users)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p data-testid="gaps">{t.noGaps}</p>
        )}
      </>,
    );
  });
  return app;
}
