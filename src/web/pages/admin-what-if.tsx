/**
 * The what-if policy editor: the tenant's policy as a form; posting it runs the sweep
 * twice (`tenantWhatIf`, as POST /api/v1/tenants/:id/what-if) and shows how many users
 * the change unblocks or newly blocks, and each code's before → after. Nothing is saved:
 * the form is the whole policy, so the next try starts from what was just tried.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { FINDING_CODES } from "../../domain/catalogue";
import { applyPolicyOverride, type Policy } from "../../domain/snapshot";
import type { PolicyFieldIssue } from "../../flows/policy-fields";
import type { AppEnv } from "../../http/auth";
import { tenantPolicy, tenantWhatIf } from "../../flows/diagnosis";
import { csrfToken } from "../csrf";
import { readForm } from "../form";
import { messages, pageLocale } from "../i18n/messages";
import { policyText } from "../i18n/policy-editor";
import { adminPage } from "../admin/admin-chrome";
import { fieldIssue, PolicyForm, policyFromForm, PolicyIssues } from "../admin/policy-form";
import { adminTenant } from "./admin-tenants";

/** Users listed under "unblocked" / "newly blocked"; the counts are always whole. */
const LISTED_USERS = 100;

/** The shared policy form; this page only tries a policy, so its one button shows the impact. */
function WhatIfForm(p: Omit<Parameters<typeof PolicyForm>[0], "testid" | "children">) {
  return (
    <PolicyForm {...p} testid="what-if-form">
      <button type="submit">{p.t.simulate}</button>
    </PolicyForm>
  );
}

function UserList(p: { title: string; testid: string; users: { userId: string; upn: string }[] }) {
  if (!p.users.length) return null;
  return (
    <>
      <h3>{p.title}</h3>
      <ul class="results" data-testid={p.testid}>
        {p.users.slice(0, LISTED_USERS).map((u) => (
          <li>
            <a href={`/admin/users/${encodeURIComponent(u.userId)}`}>{u.upn}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function adminWhatIfPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/tenants/:id/what-if", (c) => {
    const t = messages(pageLocale(c)).admin;
    const tenant = adminTenant(deps, c);
    const { policy, groups } = tenantPolicy(deps, tenant.id);
    return adminPage(
      deps,
      c,
      t.whatIfOf(tenant.name),
      <>
        <h1>{t.whatIfOf(tenant.name)}</h1>
        <p>{t.whatIfIntro}</p>
        <p>
          <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}`}>{t.healthOf(tenant.name)}</a>
          {" · "}
          {/* The editor saves (with a reason and a version); this page only tries. */}
          <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}/policy`}>
            {policyText(pageLocale(c), "editorOf", tenant.name)}
          </a>
        </p>
        <WhatIfForm t={t} l={pageLocale(c)} action={c.req.path} csrf={csrfToken(c)} policy={policy} groups={groups} />
      </>,
    );
  });

  app.post("/admin/tenants/:id/what-if", async (c) => {
    const t = messages(pageLocale(c)).admin;
    const tenant = adminTenant(deps, c);
    const { policy: current, groups: tenantGroups } = tenantPolicy(deps, tenant.id);
    const form = await readForm(c, { all: true });
    const parsed = policyFromForm(form);
    const known = new Set(tenantGroups.map((g) => g.id));
    const issues: PolicyFieldIssue[] = parsed.ok
      ? (parsed.value.selectedGroups ?? [])
          .filter((g) => !known.has(g))
          .map((g) => fieldIssue("selectedGroups", `unknown group ${g}`))
      : parsed.issues;
    const form$ = (policy: Policy, issues?: PolicyFieldIssue[]) => (
      <WhatIfForm
        t={t}
        l={pageLocale(c)}
        action={c.req.path}
        csrf={csrfToken(c)}
        policy={policy}
        groups={tenantGroups}
        issues={issues}
      />
    );
    if (!parsed.ok || issues.length) {
      return adminPage(
        deps,
        c,
        t.whatIfOf(tenant.name),
        <>
          <h1>{t.whatIfOf(tenant.name)}</h1>
          <PolicyIssues title={t.invalidPolicy} issues={issues} />
          {form$(current, issues)}
        </>,
        400,
      );
    }
    const result = tenantWhatIf(deps, tenant.id, parsed.value);
    const rows = FINDING_CODES.filter((code) => result.perCode[code].before || result.perCode[code].after);
    return adminPage(
      deps,
      c,
      t.whatIfOf(tenant.name),
      <>
        <h1>{t.whatIfOf(tenant.name)}</h1>
        <section class="notice" aria-labelledby="impact-heading" data-testid="impact">
          <h2 id="impact-heading">{t.impact}</h2>
          <p class="totals">
            <strong data-testid="unblocked" data-count={result.unblocked.length}>
              {t.unblocked(result.unblocked.length)}
            </strong>
            {" · "}
            <strong data-testid="newly-blocked" data-count={result.newlyBlocked.length}>
              {t.newlyBlocked(result.newlyBlocked.length)}
            </strong>
          </p>
          <p>
            {t.verdictChanges(result.changed, result.users)} {t.notSaved}
          </p>
          <UserList title={t.unblockedUsers} testid="unblocked-users" users={result.unblocked} />
          <UserList title={t.newlyBlockedUsers} testid="newly-blocked-users" users={result.newlyBlocked} />
        </section>
        {rows.length ? (
          <table data-testid="per-code">
            <caption>{t.perCode}</caption>
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.before}</th>
                <th scope="col">{t.after}</th>
                <th scope="col">{t.delta}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((code) => {
                const r = result.perCode[code];
                return (
                  <tr data-code={code} data-delta={r.delta}>
                    <th scope="row">
                      <code>{code}</code>
                    </th>
                    <td>{r.before}</td>
                    <td>{r.after}</td>
                    <td class={r.delta < 0 ? "delta-down" : r.delta > 0 ? "delta-up" : ""}>
                      {r.delta > 0 ? `+${r.delta}` : String(r.delta)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {form$(applyPolicyOverride(current, parsed.value))}
      </>,
    );
  });
  return app;
}
