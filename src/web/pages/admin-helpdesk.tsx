/**
 * The helpdesk actions in the staff console, for an agent with a caller on the line: reset
 * the password with a one-time temporary one, issue a registration pass, correct a
 * registered phone number or email, and (a fix, on its own page) clear a throttle. Each
 * form asks for the reason that goes into the audit row; the two that hand out a
 * credential also ask the agent to confirm they verified the caller. The pages only
 * translate forms: the actions and who may do them are flows/helpdesk.ts, the same calls
 * the staff API makes. A refused form is shown again with the error at its field and
 * nothing written; a secret is shown on the answer to the POST that made it and nowhere
 * else (only its hash is stored, and /admin pages are never cached).
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { correctContact, issueRegistrationPass, issueTemporaryPassword } from "../../flows/helpdesk";
import { roleAtLeast } from "../../domain/staff";
import { operatorOf, type AppEnv } from "../../http/auth";
import { ipOf } from "../../http/request-context";
import { Reason } from "../../http/routes/fixes";
import { adminPage, ErrorPanel } from "../admin/admin-chrome";
import { HelpdeskActions, helpdeskDeskFor, userHref, type Desk, type Refused } from "../admin/helpdesk-actions";
import { csrfToken } from "../csrf";
import { formText, readForm, type Form } from "../form";
import { helpdeskText, type HelpdeskText } from "../i18n/helpdesk";
import { dateTime, whenText } from "../i18n/human";
import { pageLocale, type Locale } from "../i18n/messages";
import { pageTimeZone } from "../time-zone";

// The form fields as zod reads them; a checkbox that is not ticked is simply absent.
const Confirmed = z.object({ reason: Reason, confirm: z.literal("yes") });
const PassForm = Confirmed.extend({
  validMinutes: z.coerce.number().int().min(5).max(1440),
});
const ContactForm = z.object({ value: z.string().trim().min(1).max(320), reason: Reason });

/** Zod's failing fields in the staff's words, one message per field. */
function fieldErrors(h: HelpdeskText, error: z.ZodError): Record<string, string> {
  const words: Record<string, string> = {
    reason: h.reasonMissing,
    confirm: h.confirmMissing,
    validMinutes: h.validMinutesInvalid,
    value: h.phoneInvalid,
  };
  return Object.fromEntries(
    error.issues.map((i) => {
      const field = String(i.path[0]);
      return [field, words[field] ?? `${field}: ${i.message}`];
    }),
  );
}

const fields = (form: Form, names: string[]) => Object.fromEntries(names.map((n) => [n, formText(form, n)]));

/** The audit row the action wrote, in words, with the way to the user's audit rows for those who may read them. */
function Audited(p: {
  h: HelpdeskText;
  action: string;
  reason: string;
  at: Date;
  atText: string;
  userId: string;
  admin: boolean;
}) {
  return (
    <p data-testid="audited">
      {p.h.audited}: <code>{p.action}</code> · {p.reason} · <time datetime={p.at.toISOString()}>{p.atText}</time>
      {p.admin ? (
        <>
          {" · "}
          <a href={`/admin/audit?user=${encodeURIComponent(p.userId)}`} data-testid="audit-link">
            {p.h.auditLink}
          </a>
        </>
      ) : null}
    </p>
  );
}

export function adminHelpdeskPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  /** The user's helpdesk page: the section alone, or a refused form shown again with its errors. */
  const deskPage = (c: Context<AppEnv>, desk: Desk, refused?: Refused) => {
    const h = helpdeskText(pageLocale(c));
    return adminPage(
      deps,
      c,
      `${h.title}: ${desk.user.upn}`,
      <>
        <h1>
          {h.title}: {desk.user.upn}
        </h1>
        {refused ? <ErrorPanel title={h.failed} detail={Object.values(refused.errors).join(" ")} status={400} /> : null}
        <HelpdeskActions locale={pageLocale(c)} csrf={csrfToken(c)} desk={desk} refused={refused} />
        <p>
          <a href={userHref(desk.user.id)}>{h.backToUser}</a>
        </p>
      </>,
      refused ? 400 : 200,
    );
  };

  /** The desk of a user this operator may act on; a refusal is the flow's own 403, before any field is read. */
  const actionableDesk = (c: Context<AppEnv>) => {
    const desk = helpdeskDeskFor(deps, c, c.req.param("id")!);
    if (desk.refusal) throw new AppError(403, "forbidden", desk.refusal);
    return desk;
  };

  /** The answer to an action that worked: what happened, the secret if any (this once), what comes next. */
  const donePage = (
    c: Context<AppEnv>,
    desk: Desk,
    title: string,
    body: unknown,
    audit: { action: string; reason: string },
  ) => {
    const h = helpdeskText(pageLocale(c));
    const at = deps.clock.now();
    return adminPage(
      deps,
      c,
      title,
      <>
        <section class="success" data-testid="helpdesk-done" aria-labelledby="done-heading">
          <h1 id="done-heading">
            {title}: {desk.user.upn}
          </h1>
          {body as never}
        </section>
        <Audited
          h={h}
          {...audit}
          at={at}
          atText={dateTime(pageLocale(c), at, pageTimeZone(c))}
          userId={desk.user.id}
          admin={roleAtLeast(desk.role, "admin")}
        />
        <p>
          <a href={userHref(desk.user.id)}>{h.backToUser}</a>
        </p>
      </>,
    );
  };

  const Secret = (p: { h: HelpdeskText; label: string; value: string }) => (
    <>
      <p>
        {p.label}:{" "}
        <output class="mono" data-testid="secret">
          {p.value}
        </output>
      </p>
      <p class="notice">
        <strong>{p.h.secretOnce}</strong>
      </p>
    </>
  );

  /** Until when a handed-out credential signs in, in the reader's words and time zone. */
  const Expires = (p: { locale: Locale; h: HelpdeskText; at: string; zone: ReturnType<typeof pageTimeZone> }) => (
    <p data-testid="expires">
      {p.h.expires}: <time datetime={p.at}>{whenText(p.locale, new Date(p.at), deps.clock.now(), p.zone)}</time>
    </p>
  );

  app.get("/admin/users/:id/helpdesk", (c) => deskPage(c, helpdeskDeskFor(deps, c, c.req.param("id"))));

  app.post("/admin/users/:id/helpdesk/temporary-password", async (c) => {
    const locale = pageLocale(c);
    const h = helpdeskText(locale);
    const desk = actionableDesk(c);
    const typed = fields(await readForm(c), ["reason", "confirm"]);
    const parsed = Confirmed.safeParse(typed);
    if (!parsed.success)
      return deskPage(c, desk, {
        action: "temporary-password",
        errors: fieldErrors(h, parsed.error),
        typed: { reason: typed.reason! },
      });
    const { reason } = parsed.data;
    const r = await issueTemporaryPassword(deps, operatorOf(c), desk.user.id, { reason, ip: ipOf(c) });
    return donePage(
      c,
      desk,
      h.temporaryDone,
      <>
        <Secret h={h} label={h.temporaryPassword} value={r.temporaryPassword} />
        <p data-testid="next-step">
          {h.temporaryNext} <a href="/register">{h.registerPage}</a>
        </p>
        <Expires locale={locale} h={h} at={r.expiresAt} zone={pageTimeZone(c)} />
      </>,
      { action: "helpdesk.temporary_password", reason },
    );
  });

  app.post("/admin/users/:id/helpdesk/registration-pass", async (c) => {
    const locale = pageLocale(c);
    const h = helpdeskText(locale);
    const desk = actionableDesk(c);
    const typed = fields(await readForm(c), ["reason", "confirm", "validMinutes"]);
    const parsed = PassForm.safeParse(typed);
    if (!parsed.success)
      return deskPage(c, desk, {
        action: "registration-pass",
        errors: fieldErrors(h, parsed.error),
        typed: { reason: typed.reason!, validMinutes: typed.validMinutes! },
      });
    const { reason, validMinutes } = parsed.data;
    const r = issueRegistrationPass(deps, operatorOf(c), desk.user.id, { reason, validMinutes, ip: ipOf(c) });
    return donePage(
      c,
      desk,
      h.passDone,
      <>
        <Secret h={h} label={h.pass} value={r.pass} />
        <Expires locale={locale} h={h} at={r.expiresAt} zone={pageTimeZone(c)} />
        <p data-testid="next-step">
          {h.passNext} <a href="/register/pass">{h.passPage}</a>
        </p>
      </>,
      { action: "helpdesk.registration_pass", reason },
    );
  });

  app.post("/admin/users/:id/helpdesk/methods/:methodId/value", async (c) => {
    const h = helpdeskText(pageLocale(c));
    const desk = actionableDesk(c);
    const methodId = c.req.param("methodId");
    const method = desk.contacts.find((m) => m.id === methodId);
    if (!method)
      throw new AppError(404, "method_not_found", `${desk.user.upn} has no method ${methodId}.`, { field: "methodId" });
    const typed = fields(await readForm(c), ["value", "reason"]);
    const refused = (errors: Record<string, string>) =>
      deskPage(c, desk, { action: `contact:${method.id}`, errors, typed });
    const badValue = method.type === "email" ? h.emailInvalid : h.phoneInvalid;
    const parsed = ContactForm.safeParse(typed);
    if (!parsed.success) {
      const errors = fieldErrors(h, parsed.error);
      return refused(errors.value ? { ...errors, value: badValue } : errors);
    }
    const { value, reason } = parsed.data;
    try {
      correctContact(deps, operatorOf(c), desk.user.id, method.id, {
        value,
        reason,
        ip: ipOf(c),
      });
    } catch (err) {
      // The flow checks the value as registration does; its refusal is this form's field error.
      if (err instanceof AppError && err.extra.field === "value") return refused({ value: badValue });
      throw err;
    }
    return donePage(
      c,
      desk,
      h.contactDone,
      <>
        <p>
          <code>{method.type}</code>: {method.masked} → <span data-testid="corrected">{value}</span>
        </p>
        <p data-testid="next-step">{h.contactNext}</p>
      </>,
      { action: "helpdesk.correct_contact", reason },
    );
  });
  return app;
}
