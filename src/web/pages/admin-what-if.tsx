/**
 * The what-if policy editor: the tenant's policy as a form; posting it runs the sweep
 * twice (`tenantWhatIf`, as POST /api/v1/tenants/:id/what-if) and shows how many users
 * the change unblocks or newly blocks, and each code's before → after. Nothing is saved:
 * the form is the whole policy, so the next try starts from what was just tried.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { FINDING_CODES, METHODS } from "../../domain/catalogue";
import { applyPolicyOverride, parsePolicyOverride, type Policy, type SnapshotIssue } from "../../domain/snapshot";
import type { AppEnv } from "../../http/auth";
import { tenantPolicy, tenantWhatIf } from "../../flows/diagnosis";
import { csrfToken } from "../csrf";
import { formText, formTexts, readForm, type Form } from "../form";
import { messages, pageLocale } from "../i18n/messages";
import { policyText } from "../i18n/policy-editor";
import { adminPage, type AdminText } from "../admin/admin-chrome";
import { adminTenant } from "./admin-tenants";

/** Users listed under "unblocked" / "newly blocked"; the counts are always whole. */
const LISTED_USERS = 100;

/** A number field: digits become a number; anything else goes on as text so validation names the field. */
const num = (s: string): unknown => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : s);
const on = (form: Form, key: string) => formText(form, key) === "on";

/**
 * The posted form as a whole-policy override (checkbox absent = off, as HTML sends it),
 * left to `parsePolicyOverride` to validate like the API's body.
 */
export function overrideFromForm(form: Form): Record<string, unknown> {
  return {
    enablement: formText(form, "enablement"),
    selectedGroups: formTexts(form, "selectedGroups"),
    methodsAllowed: formTexts(form, "methodsAllowed"),
    methodsRequired: num(formText(form, "methodsRequired")),
    securityQuestions: {
      toRegister: num(formText(form, "questionsToRegister")),
      toReset: num(formText(form, "questionsToReset")),
    },
    registration: { requireAtSignIn: on(form, "requireAtSignIn"), reconfirmDays: num(formText(form, "reconfirmDays")) },
    notifications: {
      notifyUserOnReset: on(form, "notifyUserOnReset"),
      notifyAdminsOnAdminReset: on(form, "notifyAdminsOnAdminReset"),
    },
    // Always sent, blank included: a cleared field must clear (override merges skip absent keys).
    helpdesk: { url: formText(form, "helpdeskUrl").trim(), email: formText(form, "helpdeskEmail").trim() },
    onPremises: {
      writebackEnabled: on(form, "writebackEnabled"),
      allowUnlockWithoutReset: on(form, "allowUnlockWithoutReset"),
    },
  };
}

function Check(p: { name: string; value?: string; checked: boolean; label: string; id: string }) {
  return (
    <label class="checkbox" for={p.id}>
      <input type="checkbox" id={p.id} name={p.name} value={p.value ?? "on"} checked={p.checked} /> {p.label}
    </label>
  );
}

function PolicyForm(p: {
  t: AdminText;
  action: string;
  csrf: string;
  policy: Policy;
  groups: { id: string; name: string }[];
}) {
  const { t, policy } = p;
  return (
    <form method="post" action={p.action} data-testid="what-if-form">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="enablement">{t.enablement}</label>
      <select id="enablement" name="enablement">
        {(["none", "selected", "all"] as const).map((v) => (
          <option value={v} selected={policy.enablement === v}>
            {t.enablements[v]}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t.selectedGroups}</legend>
        {p.groups.length ? (
          p.groups.map((g) => (
            <Check
              name="selectedGroups"
              value={g.id}
              id={`group-${g.id}`}
              checked={policy.selectedGroups.includes(g.id)}
              label={g.name}
            />
          ))
        ) : (
          <p class="hint">{t.noGroups}</p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t.methodsAllowed}</legend>
        {METHODS.map((m) => (
          <Check
            name="methodsAllowed"
            value={m}
            id={`method-${m}`}
            checked={policy.methodsAllowed.includes(m)}
            label={t.methods[m] ?? m}
          />
        ))}
      </fieldset>
      <label for="methodsRequired">{t.methodsRequired}</label>
      <select id="methodsRequired" name="methodsRequired">
        {[1, 2].map((n) => (
          <option value={String(n)} selected={policy.methodsRequired === n}>
            {String(n)}
          </option>
        ))}
      </select>
      <label for="questionsToRegister">{t.questionsToRegister}</label>
      <input
        id="questionsToRegister"
        name="questionsToRegister"
        type="number"
        min={3}
        max={5}
        value={String(policy.securityQuestions.toRegister)}
      />
      <label for="questionsToReset">{t.questionsToReset}</label>
      <input
        id="questionsToReset"
        name="questionsToReset"
        type="number"
        min={3}
        max={5}
        value={String(policy.securityQuestions.toReset)}
      />
      <fieldset>
        <legend>{t.registration}</legend>
        <Check
          name="requireAtSignIn"
          id="requireAtSignIn"
          checked={policy.registration.requireAtSignIn}
          label={t.requireAtSignIn}
        />
        <label for="reconfirmDays">{t.reconfirmDays}</label>
        <input
          id="reconfirmDays"
          name="reconfirmDays"
          type="number"
          min={0}
          max={730}
          value={String(policy.registration.reconfirmDays)}
        />
      </fieldset>
      <fieldset>
        <legend>{t.notifications}</legend>
        <Check
          name="notifyUserOnReset"
          id="notifyUserOnReset"
          checked={policy.notifications.notifyUserOnReset}
          label={t.notifyUser}
        />
        <Check
          name="notifyAdminsOnAdminReset"
          id="notifyAdminsOnAdminReset"
          checked={policy.notifications.notifyAdminsOnAdminReset}
          label={t.notifyAdmins}
        />
        <label for="helpdeskUrl">{t.helpdeskUrl}</label>
        <input id="helpdeskUrl" name="helpdeskUrl" type="text" maxlength={500} value={policy.helpdesk.url ?? ""} />
        <label for="helpdeskEmail">{t.helpdeskEmail}</label>
        <input
          id="helpdeskEmail"
          name="helpdeskEmail"
          type="email"
          maxlength={320}
          value={policy.helpdesk.email ?? ""}
        />
      </fieldset>
      <fieldset>
        <legend>{t.onPremises}</legend>
        <Check
          name="writebackEnabled"
          id="writebackEnabled"
          checked={policy.onPremises.writebackEnabled}
          label={t.writeback}
        />
        <Check
          name="allowUnlockWithoutReset"
          id="allowUnlockWithoutReset"
          checked={policy.onPremises.allowUnlockWithoutReset}
          label={t.allowUnlock}
        />
      </fieldset>
      <button type="submit">{t.simulate}</button>
    </form>
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
        <PolicyForm t={t} action={c.req.path} csrf={csrfToken(c)} policy={policy} groups={groups} />
      </>,
    );
  });

  app.post("/admin/tenants/:id/what-if", async (c) => {
    const t = messages(pageLocale(c)).admin;
    const tenant = adminTenant(deps, c);
    const { policy: current, groups: tenantGroups } = tenantPolicy(deps, tenant.id);
    const form = await readForm(c, { all: true });
    const parsed = parsePolicyOverride(overrideFromForm(form));
    const known = new Set(tenantGroups.map((g) => g.id));
    const issues: SnapshotIssue[] = parsed.ok
      ? (parsed.value.selectedGroups ?? [])
          .filter((g) => !known.has(g))
          .map((g) => ({ path: "selectedGroups", message: `unknown group ${g}` }))
      : parsed.issues;
    const form$ = (policy: Policy) => (
      <PolicyForm t={t} action={c.req.path} csrf={csrfToken(c)} policy={policy} groups={tenantGroups} />
    );
    if (!parsed.ok || issues.length) {
      return adminPage(
        deps,
        c,
        t.whatIfOf(tenant.name),
        <>
          <h1>{t.whatIfOf(tenant.name)}</h1>
          <section class="problem" role="alert" data-testid="problem" data-status="400">
            <h2>{t.invalidPolicy}</h2>
            <ul>
              {issues.map((i) => (
                <li>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          </section>
          {form$(current)}
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
