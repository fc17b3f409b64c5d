/**
 * /admin: the staff console over the same functions as the staff API. Staff sign in by
 * pasting a bearer token (the tokens the API takes; signing in with an admin account's
 * password is not offered — a token is the one staff credential this service issues);
 * every other page needs that session and shows the role it carries. Here: sign-in and
 * sign-out, the guard, and the start page (find a user, open a diagnosis by reference
 * id, the tenants). Users and fixes, tenant health, what-if and the audit log live in
 * their own admin-*.tsx modules, mounted below the guard.
 */
import { Hono } from "hono";
import { searchUsers } from "../../db/users";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { roleAtLeast } from "../../domain/staff";
import type { AppEnv } from "../../http/auth";
import { listTenants } from "../../db/tenants";
import { CSV_UPLOAD_ROUTE, refuseBodiesOver } from "../../http/body-limit";
import { MAX_UPLOAD_BYTES } from "../../import/csv/csv-import";
import { csrfToken, requireCsrf } from "../csrf";
import { formText, readForm } from "../form";
import { messages, pageLocale } from "../i18n/messages";
import { userListText } from "../i18n/user-list";
import { adminAuditPages } from "./admin-audit";
import { adminIncidentPages } from "./admin-incidents";
import { adminRegistrationPages } from "./admin-registration";
import { adminInsightsPages } from "./admin-insights";
import { adminConnectorPages } from "./admin-connectors";
import { adminPage, ErrorPanel } from "../admin/admin-chrome";
import { adminFixPages } from "./admin-fixes";
import { adminHelpdeskPages } from "./admin-helpdesk";
import { pagePrincipal, requireStaffPage, safeNext, signInStaff, signOutStaff } from "../admin/session";
import { adminTenantPages } from "./admin-tenants";
import { adminUserListPages } from "./admin-user-list";
import { adminSetupPages, NewTenantForm } from "./admin-setup";
import { adminUserPages } from "./admin-users";
import { setupTexts } from "../i18n/setup";
import { adminWhatIfPages } from "./admin-what-if";
import { adminPolicyPages } from "./admin-policy";

/** The start page lists this many matches; more means the search should be narrower. */
const SEARCH_LIMIT = 50;

export function adminPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  // Who is asking before what they sent: every page but sign-in needs a live staff session,
  // checked from the cookie alone, so an anonymous post is refused before its body is read
  // (the CSRF check below parses the whole form, an upload up to MAX_UPLOAD_BYTES).
  const staffOnly = requireStaffPage(deps);
  app.use("/admin/*", (c, next) => (c.req.path === "/admin/sign-in" ? next() : staffOnly(c, next)));
  app.use("/admin", staffOnly);
  app.use(CSV_UPLOAD_ROUTE, refuseBodiesOver(MAX_UPLOAD_BYTES));
  // Every form post under /admin carries the double-submit token, sign-in included
  // (a forged sign-in would plant the attacker's session in the victim's browser).
  app.use("/admin/*", requireCsrf);
  app.use("/admin", requireCsrf);

  // Staff pages are personal and hold tokens' fruits: never cached, never indexed.
  app.use("/admin/*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });

  // Errors of these pages are shown as pages, with their status; unknown errors still go
  // to app.onError (a generic 500 that never echoes the message).
  app.onError((err, c) => {
    if (!(err instanceof AppError)) throw err;
    for (const [k, v] of Object.entries(err.extra.headers ?? {})) c.header(k, v); // e.g. Retry-After on 429
    const t = messages(pageLocale(c)).admin;
    return adminPage(
      deps,
      c,
      t.errorTitle,
      <ErrorPanel title={t.errorTitle} detail={err.detail} status={err.status} code={err.code} level={1} />,
      err.status,
    );
  });

  const signInForm = (csrf: string, next: string, failed: boolean, locale: ReturnType<typeof pageLocale>) => {
    const t = messages(locale).admin;
    return (
      <>
        <h1>{t.signInTitle}</h1>
        <p>{t.signInIntro}</p>
        {failed ? <ErrorPanel title={t.errorTitle} detail={t.badToken} status={401} code="unauthorized" /> : null}
        <form method="post" action="/admin/sign-in" data-testid="sign-in">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="token">
            {t.tokenLabel} <small>{t.tokenHint}</small>
          </label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            maxlength={200}
          />
          <button type="submit">{t.signIn}</button>
        </form>
      </>
    );
  };

  app.get("/admin/sign-in", (c) => {
    const locale = pageLocale(c);
    return adminPage(
      deps,
      c,
      messages(locale).admin.signInTitle,
      signInForm(csrfToken(c), safeNext(c.req.query("next")), false, locale),
    );
  });

  app.post("/admin/sign-in", async (c) => {
    const locale = pageLocale(c);
    const form = await readForm(c);
    const next = safeNext(formText(form, "next"));
    if (!signInStaff(deps, c, formText(form, "token"))) {
      return adminPage(deps, c, messages(locale).admin.signInTitle, signInForm(csrfToken(c), next, true, locale), 401);
    }
    return c.redirect(next, 303);
  });

  app.post("/admin/sign-out", (c) => {
    signOutStaff(deps, c);
    return c.redirect("/admin/sign-in", 303);
  });

  app.get("/admin", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).admin;
    const principal = pagePrincipal(c);
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const found = q ? searchUsers(deps.db, { q, limit: SEARCH_LIMIT }) : undefined;
    const tenants = listTenants(deps.db);
    return adminPage(
      deps,
      c,
      t.title,
      <>
        <h1>{t.title}</h1>
        <div class="grid">
          <form method="get" action="/admin" role="search">
            <h2>{t.searchTitle}</h2>
            <label for="q">{t.searchLabel}</label>
            <input id="q" name="q" type="search" value={q} maxlength={200} />
            <button type="submit">{t.search}</button>
            <p>
              <a href="/admin/users" data-testid="all-users">
                {userListText(pageLocale(c)).allUsers}
              </a>
            </p>
          </form>
          <form method="get" action="/admin/diagnoses">
            <h2>{t.referenceTitle}</h2>
            <label for="ref">{t.referenceLabel}</label>
            <input
              id="ref"
              name="id"
              type="text"
              pattern="[Dd]-[0-9A-Za-z]{10}"
              maxlength={12}
              autocomplete="off"
              required
            />
            <button type="submit">{t.open}</button>
          </form>
        </div>
        {found ? (
          found.users.length ? (
            <>
              <ul class="results" data-testid="user-results">
                {found.users.map((u) => (
                  <li>
                    <a href={`/admin/users/${encodeURIComponent(u.id)}`}>{u.upn}</a> <small>{u.displayName}</small>
                  </li>
                ))}
              </ul>
              {found.nextCursor ? <p class="hint">{t.moreUsers}</p> : null}
            </>
          ) : (
            <p data-testid="user-results">{t.noUsers}</p>
          )
        ) : null}
        <h2>{t.tenantsTitle}</h2>
        {roleAtLeast(principal.role, "admin") && tenants.length === 0 ? (
          // First run (SSPR_DEMO=0, signed in with the bootstrap token): an empty table would
          // leave a newcomer nowhere to go; the one thing to do is make a tenant.
          <section data-testid="first-run">
            <h2>{setupTexts(locale).firstRunTitle}</h2>
            <p>{setupTexts(locale).firstRunIntro}</p>
            <NewTenantForm csrf={csrfToken(c)} locale={locale} />
          </section>
        ) : roleAtLeast(principal.role, "admin") ? (
          <>
            <table data-testid="tenants">
              <thead>
                <tr>
                  <th scope="col">{t.tenantsTitle}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t.health}</span>
                  </th>
                  <th scope="col">
                    <span class="visually-hidden">{t.whatIf}</span>
                  </th>
                  <th scope="col">
                    <span class="visually-hidden">{setupTexts(locale).setUp}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tenants.map((x) => (
                  <tr>
                    <th scope="row">
                      {x.name} <small>{x.domain}</small>
                    </th>
                    <td>
                      <a href={`/admin/tenants/${encodeURIComponent(x.id)}`}>{t.health}</a>
                    </td>
                    <td>
                      <a href={`/admin/tenants/${encodeURIComponent(x.id)}/what-if`}>{t.whatIf}</a>
                    </td>
                    <td>
                      <a href={`/admin/tenants/${encodeURIComponent(x.id)}/setup`}>{setupTexts(locale).setUp}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <details>
              <summary>{setupTexts(locale).newTenant}</summary>
              <NewTenantForm csrf={csrfToken(c)} locale={locale} />
            </details>
          </>
        ) : (
          <p class="hint">{t.tenantsNeedAdmin}</p>
        )}
      </>,
    );
  });

  // The list and bulk pages first: /admin/users/bulk is not a user id.
  app.route("/", adminUserListPages(deps));
  app.route("/", adminUserPages(deps));
  app.route("/", adminFixPages(deps));
  app.route("/", adminHelpdeskPages(deps));
  app.route("/", adminSetupPages(deps));
  app.route("/", adminTenantPages(deps));
  app.route("/", adminWhatIfPages(deps));
  app.route("/", adminPolicyPages(deps));
  app.route("/", adminAuditPages(deps));
  app.route("/", adminIncidentPages(deps));
  app.route("/", adminRegistrationPages(deps));
  app.route("/", adminInsightsPages(deps));
  app.route("/", adminConnectorPages(deps));
  return app;
}
