/**
 * The policy editor pages: the tenant's whole policy (v2 fields included) as a draft
 * form; "Preview" shows the what-if (newly blocked, newly at risk, newly able to reset,
 * grouped by finding, with the users), "Apply" saves it with a reason as a new version.
 * The history lists the versions with who/when/why and what changed, and "Revert to this
 * version" previews going back before applying it as a new version. The use cases are
 * flows/policy-editor.ts, the same the API calls.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { UserRef, WhatIfResult } from "../../diagnosis/sweep";
import type { Policy, PolicyOverride } from "../../domain/snapshot";
import { AppError } from "../../errors";
import type { AppEnv } from "../../http/auth";
import { tenantPolicy } from "../../flows/diagnosis";
import {
  applyPolicy,
  POLICY_REASON_MAX,
  policyHistory,
  previewPolicy,
  previewRevert,
  revertPolicy,
  type PolicyChange,
} from "../../flows/policy-editor";
import { adminPage, type AdminText } from "../admin/admin-chrome";
import { pagePrincipal } from "../admin/session";
import { csrfToken } from "../csrf";
import { formText, readForm } from "../form";
import { messages, pageLocale, type Locale } from "../i18n/messages";
import { policyText } from "../i18n/policy-editor";
import { fieldNameOf, PolicyForm, policyFromForm, PolicyIssues } from "../admin/policy-form";
import type { PolicyFieldIssue } from "../../flows/policy-fields";
import { adminTenant } from "./admin-tenants";

/** Users listed per finding in a preview; the counts are always whole. */
const LISTED_USERS = 50;

/** The reason an apply or a revert needs, with its refusal beside it. */
function ReasonField(p: { l: Locale; value?: string; error?: string }) {
  return (
    <>
      <label for="reason">{policyText(p.l, "reason")}</label>
      <input
        id="reason"
        name="reason"
        type="text"
        maxlength={POLICY_REASON_MAX}
        value={p.value ?? ""}
        {...(p.error ? { "aria-invalid": "true", "aria-describedby": "reason-error" } : {})}
      />
      {p.error ? (
        <p class="field-error" id="reason-error" data-field="reason">
          {p.error}
        </p>
      ) : null}
    </>
  );
}

/** The shared policy form with the editor's reason, Preview and Apply. */
function EditorForm(p: {
  t: AdminText;
  l: Locale;
  action: string;
  csrf: string;
  policy: Policy;
  groups: { id: string; name: string }[];
  issues?: PolicyFieldIssue[];
  reason?: string;
  reasonError?: string;
}) {
  const { l } = p;
  return (
    <PolicyForm
      t={p.t}
      l={l}
      action={p.action}
      csrf={p.csrf}
      testid="policy-form"
      policy={p.policy}
      groups={p.groups}
      issues={p.issues}
    >
      <ReasonField l={l} value={p.reason} error={p.reasonError} />
      <button type="submit" name="intent" value="preview">
        {policyText(l, "preview")}
      </button>
      <button type="submit" name="intent" value="apply">
        {policyText(l, "apply")}
      </button>
    </PolicyForm>
  );
}

function Changes(p: { l: Locale; changes: PolicyChange[] }) {
  if (!p.changes.length) return <p>{policyText(p.l, "nothingChanges")}</p>;
  return (
    <ul data-testid="changes">
      {p.changes.map((c) => (
        <li data-field={c.field}>
          <code>{c.field}</code>: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
        </li>
      ))}
    </ul>
  );
}

function Transition(p: {
  title: string;
  testid: string;
  users: UserRef[];
  byFinding: Partial<Record<string, UserRef[]>>;
}) {
  return (
    <section data-testid={p.testid} data-count={p.users.length}>
      <h3>{p.title}</h3>
      {Object.entries(p.byFinding).map(([code, users]) => (
        <details open data-code={code}>
          <summary>
            <code>{code}</code> ({users!.length})
          </summary>
          <ul class="results">
            {users!.slice(0, LISTED_USERS).map((u) => (
              <li>
                <a href={`/admin/users/${encodeURIComponent(u.userId)}`}>{u.upn}</a>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}

function WhatIf(p: { l: Locale; whatIf: WhatIfResult; changes: PolicyChange[] }) {
  const { l, whatIf: w } = p;
  return (
    <section class="notice" data-testid="impact">
      <h2>{policyText(l, "whatIf")}</h2>
      <h3>{policyText(l, "fieldChanges")}</h3>
      <Changes l={l} changes={p.changes} />
      <Transition
        title={policyText(l, "newlyBlocked", w.newlyBlocked.length)}
        testid="newly-blocked"
        users={w.newlyBlocked}
        byFinding={w.byFinding.newlyBlocked}
      />
      <Transition
        title={policyText(l, "newlyAtRisk", w.newlyAtRisk.length)}
        testid="newly-at-risk"
        users={w.newlyAtRisk}
        byFinding={w.byFinding.newlyAtRisk}
      />
      <Transition
        title={policyText(l, "newlyAble", w.newlyAble.length)}
        testid="newly-able"
        users={w.newlyAble}
        byFinding={w.byFinding.newlyAble}
      />
    </section>
  );
}

/** A refusal of the use case (a missing reason, a group the tenant has not) as the form's issue list. */
const issuesOf = (e: AppError): PolicyFieldIssue[] => {
  const field = e.extra?.field ?? "policy";
  return [{ name: fieldNameOf(field), path: field, message: e.detail }];
};

/** A 400 from the use case (a missing reason, an unknown group) is shown on the page; anything else is not ours. */
const badInput = (e: unknown): e is AppError => e instanceof AppError && e.status === 400;

export function adminPolicyPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  /** The locale, texts and tenant of an editor page (admins only: adminTenant checks the role). */
  const editor = (c: Context<AppEnv>) => {
    const l = pageLocale(c);
    const t = messages(l).admin;
    const tenant = adminTenant(deps, c);
    return { l, t, tenant, title: policyText(l, "editorOf", tenant.name) };
  };

  const links = (l: Locale, tenantId: string) => (
    <p>
      <a href={`/admin/tenants/${encodeURIComponent(tenantId)}/policy`}>{policyText(l, "back")}</a>
      {" · "}
      <a href={`/admin/tenants/${encodeURIComponent(tenantId)}/policy/versions`}>{policyText(l, "history")}</a>
    </p>
  );

  app.get("/admin/tenants/:id/policy", (c) => {
    const { l, t, tenant, title } = editor(c);
    const { policy, groups } = tenantPolicy(deps, tenant.id);
    return adminPage(
      deps,
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{policyText(l, "intro")}</p>
        {links(l, tenant.id)}
        <EditorForm t={t} l={l} action={c.req.path} csrf={csrfToken(c)} policy={policy} groups={groups} />
      </>,
    );
  });

  app.post("/admin/tenants/:id/policy", async (c) => {
    const { l, t, tenant, title } = editor(c);
    const { policy: current, groups } = tenantPolicy(deps, tenant.id);
    const form = await readForm(c, { all: true });
    const reason = formText(form, "reason");
    const page = (draft: Policy, extra: unknown, status = 200, issues: PolicyFieldIssue[] = []) =>
      adminPage(
        deps,
        c,
        title,
        <>
          <h1>{title}</h1>
          {links(l, tenant.id)}
          {issues.length ? <PolicyIssues title={policyText(l, "invalid")} issues={issues} /> : null}
          {extra}
          <EditorForm
            t={t}
            l={l}
            action={c.req.path}
            csrf={csrfToken(c)}
            policy={draft}
            groups={groups}
            issues={issues}
            reason={reason}
            reasonError={issues.find((i) => i.path === "reason")?.message}
          />
        </>,
        status as 200,
      );
    const parsed = policyFromForm(form);
    if (!parsed.ok) return page(current, null, 400, parsed.issues);
    const draft: PolicyOverride = parsed.value;
    try {
      if (formText(form, "intent") === "apply") {
        const applied = applyPolicy(deps, tenant.id, draft, pagePrincipal(c), reason);
        return c.redirect(
          `/admin/tenants/${encodeURIComponent(tenant.id)}/policy/versions?applied=${applied.version}`,
          303,
        );
      }
      const preview = previewPolicy(deps, tenant.id, draft);
      return page(preview.after, <WhatIf l={l} whatIf={preview.whatIf} changes={preview.changes} />);
    } catch (e) {
      if (!badInput(e)) throw e;
      const preview = (() => {
        try {
          return previewPolicy(deps, tenant.id, draft);
        } catch {
          return undefined;
        }
      })();
      return page(preview?.after ?? current, null, 400, issuesOf(e));
    }
  });

  app.get("/admin/tenants/:id/policy/versions", (c) => {
    const { l, tenant } = editor(c);
    const title = policyText(l, "historyOf", tenant.name);
    const versions = policyHistory(deps, tenant.id);
    const applied = c.req.query("applied");
    return adminPage(
      deps,
      c,
      title,
      <>
        <h1>{title}</h1>
        {applied ? (
          <p class="notice" role="status" data-testid="applied">
            {policyText(l, "applied", applied)}
          </p>
        ) : null}
        {links(l, tenant.id)}
        {versions.length ? (
          <table data-testid="versions">
            <thead>
              <tr>
                <th scope="col">{policyText(l, "version")}</th>
                <th scope="col">{policyText(l, "who")}</th>
                <th scope="col">{policyText(l, "when")}</th>
                <th scope="col">{policyText(l, "why")}</th>
                <th scope="col">{policyText(l, "changes")}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr data-version={v.version}>
                  <th scope="row">
                    {v.version}
                    {v.current ? ` (${policyText(l, "current")})` : ""}
                  </th>
                  <td>{v.actorName}</td>
                  <td>
                    <time datetime={v.at}>{v.at}</time>
                  </td>
                  <td>
                    {v.reason}
                    {v.revertOf !== null ? ` (${policyText(l, "revertsTo", v.revertOf)})` : ""}
                  </td>
                  <td>
                    {v.changes.map((ch) => (
                      <code class="change">{ch.field} </code>
                    ))}
                  </td>
                  <td>
                    {v.current ? null : (
                      <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}/policy/versions/${v.version}/revert`}>
                        {policyText(l, "revert")}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{policyText(l, "noVersions")}</p>
        )}
      </>,
    );
  });

  const revertPage = (c: Context<AppEnv>, error?: AppError) => {
    const { l, tenant } = editor(c);
    const n = Number(c.req.param("n"));
    if (!Number.isInteger(n) || n < 1) throw new AppError(404, "not_found", "No such version.");
    const preview = previewRevert(deps, tenant.id, n);
    const title = policyText(l, "revertTitle", tenant.name, n);
    const reasonError = error?.extra?.field === "reason" ? error.detail : undefined;
    return adminPage(
      deps,
      c,
      title,
      <>
        <h1>{title}</h1>
        {links(l, tenant.id)}
        {error ? <PolicyIssues title={policyText(l, "invalid")} issues={issuesOf(error)} /> : null}
        <p>{policyText(l, "revertIntro")}</p>
        <WhatIf l={l} whatIf={preview.whatIf} changes={preview.changes} />
        <form method="post" action={c.req.path} data-testid="revert-form">
          <input type="hidden" name="_csrf" value={csrfToken(c)} />
          <ReasonField l={l} error={reasonError} />
          <button type="submit">{policyText(l, "revert")}</button>
        </form>
      </>,
      error ? 400 : 200,
    );
  };

  app.get("/admin/tenants/:id/policy/versions/:n/revert", (c) => revertPage(c));

  app.post("/admin/tenants/:id/policy/versions/:n/revert", async (c) => {
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    try {
      const done = revertPolicy(deps, tenant.id, Number(c.req.param("n")), pagePrincipal(c), formText(form, "reason"));
      return c.redirect(`/admin/tenants/${encodeURIComponent(tenant.id)}/policy/versions?applied=${done.version}`, 303);
    } catch (e) {
      if (!badInput(e)) throw e;
      return revertPage(c, e);
    }
  });
  return app;
}
