/**
 * The one policy form: every CONTRACT §1 policy field (v2 included) as a control, each
 * refusal shown beside its field and listed above the form. The policy editor (draft →
 * preview → apply with a reason) and the what-if page render it with their own buttons;
 * the set-up page links to the editor, so a policy changes one way. The posted form is
 * read by `policyFromForm`, the field table's one parser (flows/policy-fields.ts).
 */
import type { Child } from "hono/jsx";
import { METHODS } from "../../domain/catalogue";
import type { Policy } from "../../domain/snapshot";
import {
  parsePolicyFields,
  POLICY_FIELD_NAMES,
  POLICY_FIELDS,
  type PolicyFieldIssue,
  type PolicyFieldName,
  type PolicyFieldsResult,
} from "../../flows/policy-fields";
import { formText, formTexts, type Form } from "../form";
import type { Locale } from "../i18n/messages";
import { policyText } from "../i18n/policy-editor";
import type { AdminText } from "./admin-chrome";

/** The posted form as a whole-policy draft (every field is on the form; a checkbox left off is absent). */
export function policyFromForm(form: Form): PolicyFieldsResult {
  const fields: Partial<Record<PolicyFieldName, string | string[]>> = {};
  for (const name of POLICY_FIELD_NAMES)
    if (POLICY_FIELDS[name].kind === "list") fields[name] = formTexts(form, name);
    else if (form[name] !== undefined) fields[name] = formText(form, name);
    // Text fields are always on the form: absent is blank, so a cleared helpdesk contact clears.
    else if (POLICY_FIELDS[name].kind !== "bool") fields[name] = "";
  return parsePolicyFields(fields, { absentBoolIsFalse: true });
}

/** Refusals of the tenant's own (not the schema's), e.g. a group the tenant does not have, by field. */
export const fieldIssue = (name: PolicyFieldName, message: string): PolicyFieldIssue => ({
  name,
  path: `policy.${POLICY_FIELDS[name].path}`,
  message,
});

/** An AppError's `field` ("policy.helpdesk.url", "reason") as the form's field name, when it is one. */
export function fieldNameOf(field: string | undefined): PolicyFieldName | "policy" {
  const path = (field ?? "").replace(/^policy\./, "");
  return POLICY_FIELD_NAMES.find((n) => POLICY_FIELDS[n].path === path) ?? "policy";
}

/** The refusals above the form: each names its field, so a screen reader hears where to go. */
export function PolicyIssues(p: { title: string; issues: { name: string; path: string; message: string }[] }) {
  return (
    <section class="problem" role="alert" data-testid="problem" data-status="400">
      <h2>{p.title}</h2>
      <ul>
        {p.issues.map((i) => (
          <li data-field={i.path}>
            {i.name in POLICY_FIELDS ? (
              <a href={`#${i.name}`}>
                <code>{i.path}</code>
              </a>
            ) : (
              <code>{i.path}</code>
            )}
            : {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PolicyForm(p: {
  t: AdminText;
  l: Locale;
  action: string;
  csrf: string;
  testid: string;
  policy: Policy;
  groups: { id: string; name: string }[];
  issues?: PolicyFieldIssue[];
  /** The caller's own fields and buttons (the editor's reason, Preview and Apply; the what-if's Simulate). */
  children?: Child;
}) {
  const { t, l, policy } = p;
  const issueOf = (name: PolicyFieldName) => p.issues?.find((i) => i.name === name);
  /** aria for a control whose field was refused, and the message beside it. */
  const invalid = (name: PolicyFieldName) =>
    issueOf(name) ? { "aria-invalid": "true", "aria-describedby": `${name}-error` } : {};
  const Err = (e: { name: PolicyFieldName }) => {
    const issue = issueOf(e.name);
    return issue ? (
      <p class="field-error" id={`${e.name}-error`} data-field={e.name}>
        {issue.message}
      </p>
    ) : null;
  };
  const Check = (c: { name: PolicyFieldName; value?: string; id?: string; checked: boolean; label: string }) => (
    <label class="checkbox" for={c.id ?? c.name}>
      <input
        type="checkbox"
        id={c.id ?? c.name}
        name={c.name}
        value={c.value ?? "on"}
        checked={c.checked}
        {...(c.value ? {} : invalid(c.name))}
      />{" "}
      {c.label}
    </label>
  );
  const Num = (n: { name: PolicyFieldName; label: string; value: number; min: number; max: number }) => (
    <>
      <label for={n.name}>{n.label}</label>
      <input
        id={n.name}
        name={n.name}
        type="number"
        min={n.min}
        max={n.max}
        value={String(n.value)}
        {...invalid(n.name)}
      />
      <Err name={n.name} />
    </>
  );
  const Text = (x: { name: PolicyFieldName; label: string; type: string; max: number; value?: string }) => (
    <>
      <label for={x.name}>{x.label}</label>
      <input id={x.name} name={x.name} type={x.type} maxlength={x.max} value={x.value ?? ""} {...invalid(x.name)} />
      <Err name={x.name} />
    </>
  );
  return (
    <form method="post" action={p.action} data-testid={p.testid}>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <label for="enablement">{t.enablement}</label>
      <select id="enablement" name="enablement" {...invalid("enablement")}>
        {POLICY_FIELDS.enablement.choices.map((v) => (
          <option value={v} selected={policy.enablement === v}>
            {t.enablements[v]}
          </option>
        ))}
      </select>
      <Err name="enablement" />
      <fieldset id="selectedGroups">
        <legend>{t.selectedGroups}</legend>
        <Err name="selectedGroups" />
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
      <fieldset id="methodsAllowed">
        <legend>{t.methodsAllowed}</legend>
        <Err name="methodsAllowed" />
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
      <select id="methodsRequired" name="methodsRequired" {...invalid("methodsRequired")}>
        {[1, 2].map((n) => (
          <option value={String(n)} selected={policy.methodsRequired === n}>
            {String(n)}
          </option>
        ))}
      </select>
      <Err name="methodsRequired" />
      <Num
        name="questionsToRegister"
        label={t.questionsToRegister}
        value={policy.securityQuestions.toRegister}
        min={3}
        max={5}
      />
      <Num
        name="questionsToReset"
        label={t.questionsToReset}
        value={policy.securityQuestions.toReset}
        min={3}
        max={5}
      />
      <fieldset>
        <legend>{t.registration}</legend>
        <Check name="requireAtSignIn" checked={policy.registration.requireAtSignIn} label={t.requireAtSignIn} />
        <Err name="requireAtSignIn" />
        <Num name="reconfirmDays" label={t.reconfirmDays} value={policy.registration.reconfirmDays} min={0} max={730} />
      </fieldset>
      <fieldset>
        <legend>{t.notifications}</legend>
        <Check name="notifyUserOnReset" checked={policy.notifications.notifyUserOnReset} label={t.notifyUser} />
        <Check
          name="notifyAdminsOnAdminReset"
          checked={policy.notifications.notifyAdminsOnAdminReset}
          label={t.notifyAdmins}
        />
        <Text name="helpdeskUrl" label={t.helpdeskUrl} type="text" max={500} value={policy.helpdesk.url} />
        <Text name="helpdeskEmail" label={t.helpdeskEmail} type="email" max={320} value={policy.helpdesk.email} />
      </fieldset>
      <fieldset>
        <legend>{t.onPremises}</legend>
        <Check name="writebackEnabled" checked={policy.onPremises.writebackEnabled} label={t.writeback} />
        <Check
          name="allowUnlockWithoutReset"
          checked={policy.onPremises.allowUnlockWithoutReset}
          label={t.allowUnlock}
        />
      </fieldset>
      <Check
        name="adminsSsprEnabled"
        checked={policy.admins?.ssprEnabled ?? true}
        label={policyText(l, "adminsSspr")}
      />
      <label for="migrationState">{policyText(l, "migrationState")}</label>
      <select id="migrationState" name="migrationState" {...invalid("migrationState")}>
        {POLICY_FIELDS.migrationState.choices.map((s) => (
          <option value={s} selected={(policy.methodsPolicy?.migrationState ?? "migrationComplete") === s}>
            {s}
          </option>
        ))}
      </select>
      <Err name="migrationState" />
      {p.children}
    </form>
  );
}
