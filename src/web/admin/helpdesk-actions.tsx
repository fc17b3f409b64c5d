/**
 * The "Helpdesk actions" section of a user's staff page: one form per action (temporary
 * password, registration pass, a corrected phone number or email per registered contact)
 * and the way to clear a throttle. It shows only what the flow would allow this operator
 * (flows/helpdesk.ts decides), keeps what was typed into a refused form and names the
 * field at fault. The forms post to the routes in pages/admin-helpdesk.tsx.
 */
import type { Context } from "hono";
import type { Deps } from "../../deps";
import { roleAtLeast, type StaffRole } from "../../domain/staff";
import { previewFix } from "../../fixes/preview";
import { helpdeskDesk, REGISTRATION_PASS_DEFAULT_MINUTES, type ContactMethod } from "../../flows/helpdesk";
import { operatorOf, type AppEnv } from "../../http/auth";
import type { Locale } from "../../http/request-context";
import { helpdeskText, type HelpdeskText } from "../i18n/helpdesk";
import { fixPreviewHref } from "../pages/admin-fixes";

export type Action = "temporary-password" | "registration-pass" | `contact:${string}`;

/** A form sent back: which one, its errors by field, and what was typed (never a secret). */
export type Refused = { action: Action; errors: Record<string, string>; typed: Record<string, string> };

/** Everything the section shows about the user before any action. */
export type Desk = ReturnType<typeof helpdeskDesk> & { throttled: boolean; role: StaffRole };

export const userHref = (userId: string) => `/admin/users/${encodeURIComponent(userId)}`;
const actionHref = (userId: string, action: string) => `${userHref(userId)}/helpdesk/${action}`;

/**
 * What the section needs for one user and this operator: the flow's view (may act? which
 * contacts?) and whether a throttle is there to clear, as the clear_throttle fix sees it.
 */
export function helpdeskDeskFor(deps: Deps, c: Context<AppEnv>, userId: string): Desk {
  const operator = operatorOf(c);
  const desk = helpdeskDesk(deps, operator, userId);
  const throttled = previewFix(deps, operator, "clear_throttle", { user: desk.user.id }).applicable;
  return { ...desk, throttled, role: operator.role };
}

function FieldError(p: { id: string; text?: string }) {
  return p.text ? (
    <p class="field-error" id={p.id} data-testid="field-error" data-field={p.id.split("-")[0]}>
      {p.text}
    </p>
  ) : null;
}

/** The reason box every action asks for, its error beside it. */
function ReasonInput(p: { h: HelpdeskText; form: string; typed?: string; error?: string }) {
  const id = `reason-${p.form}`;
  return (
    <>
      <label for={id}>
        {p.h.reason} <small>{p.h.reasonHint}</small>
      </label>
      <FieldError id={`reason-${p.form}-error`} text={p.error} />
      <input
        id={id}
        name="reason"
        type="text"
        required
        maxlength={500}
        autocomplete="off"
        value={p.typed ?? ""}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={p.error ? `reason-${p.form}-error` : undefined}
      />
    </>
  );
}

/** The box an agent ticks only after verifying the caller: without it nothing is issued. */
function ConfirmInput(p: { h: HelpdeskText; form: string; error?: string }) {
  const id = `confirm-${p.form}`;
  return (
    <>
      <FieldError id={`confirm-${p.form}-error`} text={p.error} />
      <label class="checkbox" for={id}>
        <input
          type="checkbox"
          id={id}
          name="confirm"
          value="yes"
          required
          aria-invalid={p.error ? "true" : undefined}
          aria-describedby={p.error ? `confirm-${p.form}-error` : undefined}
        />{" "}
        {p.h.confirm}
      </label>
    </>
  );
}

/** The "Helpdesk actions" section of a user's staff page (and of the page a refused form comes back to). */
export function HelpdeskActions(p: { locale: Locale; csrf: string; desk: Desk; refused?: Refused }) {
  const h = helpdeskText(p.locale);
  const { desk, refused } = p;
  const userId = desk.user.id;
  const mine = (action: Action) => (refused?.action === action ? refused : undefined);
  const csrf = <input type="hidden" name="_csrf" value={p.csrf} />;
  const temporary = mine("temporary-password");
  const pass = mine("registration-pass");
  return (
    <section aria-labelledby="helpdesk-heading" data-testid="helpdesk-actions" class="helpdesk">
      <h2 id="helpdesk-heading">{h.title}</h2>
      {!roleAtLeast(desk.role, "helpdesk") ? (
        <p class="hint" data-testid="helpdesk-needs-role">
          {h.needsHelpdesk}
        </p>
      ) : desk.refusal ? (
        <p class="hint" data-testid="helpdesk-refusal">
          <strong>{h.refused}</strong>: {desk.refusal}
        </p>
      ) : (
        <>
          <p class="hint">{h.intro}</p>
          <form method="post" action={actionHref(userId, "temporary-password")} data-testid="temporary-password-form">
            {csrf}
            <h3>{h.temporaryTitle}</h3>
            <p class="hint">{h.temporaryHint}</p>
            <ReasonInput h={h} form="tp" typed={temporary?.typed.reason} error={temporary?.errors.reason} />
            <ConfirmInput h={h} form="tp" error={temporary?.errors.confirm} />
            <button type="submit">{h.temporaryButton}</button>
          </form>
          <form method="post" action={actionHref(userId, "registration-pass")} data-testid="registration-pass-form">
            {csrf}
            <h3>{h.passTitle}</h3>
            <p class="hint">{h.passHint}</p>
            <ReasonInput h={h} form="rp" typed={pass?.typed.reason} error={pass?.errors.reason} />
            <label for="validMinutes-rp">{h.validMinutes}</label>
            <FieldError id="validMinutes-rp-error" text={pass?.errors.validMinutes} />
            <input
              id="validMinutes-rp"
              name="validMinutes"
              type="number"
              min={5}
              max={1440}
              required
              value={pass?.typed.validMinutes ?? String(REGISTRATION_PASS_DEFAULT_MINUTES)}
              aria-invalid={pass?.errors.validMinutes ? "true" : undefined}
            />
            <ConfirmInput h={h} form="rp" error={pass?.errors.confirm} />
            <button type="submit">{h.passButton}</button>
          </form>
          <div data-testid="contact-forms">
            <h3>{h.contactTitle}</h3>
            <p class="hint">{h.contactHint}</p>
            {desk.contacts.length ? (
              desk.contacts.map((m) => (
                <ContactFormView h={h} userId={userId} method={m} csrf={p.csrf} refused={refused} />
              ))
            ) : (
              <p>{h.noContacts}</p>
            )}
          </div>
        </>
      )}
      <div data-testid="throttle">
        <h3>{h.throttleTitle}</h3>
        {desk.throttled ? (
          <p>
            {h.throttled}{" "}
            <a href={fixPreviewHref(userId, "clear_throttle")} data-testid="clear-throttle">
              {h.throttleLink}
            </a>
          </p>
        ) : (
          <p>{h.notThrottled}</p>
        )}
      </div>
    </section>
  );
}

function ContactFormView(p: {
  h: HelpdeskText;
  userId: string;
  method: ContactMethod;
  csrf: string;
  refused?: Refused;
}) {
  const { h, method: m } = p;
  const mine = p.refused?.action === `contact:${m.id}` ? p.refused : undefined;
  const key = `c-${m.id}`;
  return (
    <form
      method="post"
      action={actionHref(p.userId, `methods/${encodeURIComponent(m.id)}/value`)}
      data-testid="contact-form"
      data-method={m.id}
    >
      <input type="hidden" name="_csrf" value={p.csrf} />
      <p>
        <code>{m.type}</code> · {h.current}: <span data-testid="masked">{m.masked}</span>
      </p>
      <label for={`value-${key}`}>
        {h.newValue} <small>{h.newValueHint}</small>
      </label>
      <FieldError id={`value-${key}-error`} text={mine?.errors.value} />
      <input
        id={`value-${key}`}
        name="value"
        type={m.type === "email" ? "email" : "tel"}
        required
        maxlength={320}
        autocomplete="off"
        value={mine?.typed.value ?? ""}
        aria-invalid={mine?.errors.value ? "true" : undefined}
        aria-describedby={mine?.errors.value ? `value-${key}-error` : undefined}
      />
      <ReasonInput h={h} form={key} typed={mine?.typed.reason} error={mine?.errors.reason} />
      <button type="submit" class="secondary">
        {h.contactButton}
      </button>
    </form>
  );
}
