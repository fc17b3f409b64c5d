/**
 * Message fixes: the helpdesk nudges a person who has not registered any security info.
 * The reminder goes by email (deps.mailer) to the sign-in name and every verified email
 * method, links the registration page, and is recorded in the audit log — which is also
 * how a second reminder within REMINDER_INTERVAL_HOURS is refused.
 */
import type { OutgoingMail } from "../delivery/mailer";
import { automaticFix } from "./definition";
import { NO_PARAMS } from "./params";
import { lastAudit } from "./state";
import { REGISTER_PAGE } from "./user-steps";

/** One reminder a day at most: more is spam, and someone who ignored one needs a call, not more mail. */
export const REMINDER_INTERVAL_HOURS = 24;
const ACTION = "fix.send_registration_reminder";

/**
 * The reminder for one person (plain text; the link is the registration page).
 *
 * @example
 * reminderMail({ to: "nina.noreg@contoso.example", upn: "nina.noreg@contoso.example", displayName: "Nina Noreg", tenantName: "Contoso" }).subject;
 * // "Register your security info for password reset"
 */
export function reminderMail(m: { to: string; upn: string; displayName: string; tenantName: string }): OutgoingMail {
  return {
    to: m.to,
    kind: "notice",
    subject: "Register your security info for password reset",
    text: [
      `Hello ${m.displayName},`,
      ``,
      `${m.tenantName} lets you reset a forgotten password yourself, but ${m.upn} has no security info registered yet.`,
      `Sign in and register a phone number, an email address or the authenticator app at ${REGISTER_PAGE} — it takes two minutes.`,
      ``,
      `If you did not expect this message, tell your helpdesk.`,
    ].join("\n"),
  };
}

export const sendRegistrationReminder = automaticFix({
  id: "send_registration_reminder",
  scope: "user",
  automatic: true,
  // The reminder cannot register methods for the person: it is done once it is sent.
  proof: "message_sent",
  params: NO_PARAMS,
  plan(ctx) {
    const user = ctx.user!;
    const db = ctx.deps.db;
    const last = lastAudit(db, ACTION, user.id, new Date(0));
    const lastSent = last?.outcome === "success" ? last.at : null;
    const recipients = [
      user.upn,
      ...user.snapshot.methods.filter((m) => m.type === "email" && m.verified && m.value).map((m) => m.value!),
    ];
    const to = [...new Map(recipients.map((r) => [r.trim().toLowerCase(), r.trim()])).values()];
    const nextAllowed = lastSent ? new Date(Date.parse(lastSent) + REMINDER_INTERVAL_HOURS * 3_600_000) : null;
    return {
      params: { to },
      changes: [
        {
          entity: "message",
          key: user.id,
          field: "registrationReminderSentAt",
          before: lastSent,
          after: ctx.now.toISOString(),
        },
      ],
      messages: to.map((address) =>
        reminderMail({ to: address, upn: user.upn, displayName: user.displayName, tenantName: ctx.tenant.name }),
      ),
      // The audit row the runner writes is the record of the reminder; nothing else changes.
      write() {},
      ...(nextAllowed && nextAllowed > ctx.now
        ? {
            refusal: {
              reason: "reminder_recently_sent",
              detail: `A reminder went to ${user.upn} at ${lastSent}; the next one may go after ${nextAllowed.toISOString()}.`,
            },
          }
        : {}),
    };
  },
});
