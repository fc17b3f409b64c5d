/**
 * Messages a flow sends: codes (by email, SMS or voice) and notices after a reset.
 * Sending happens after the HTTP answer and failures are logged, not thrown: a slow
 * or broken mail server must neither delay nor reveal anything to the person waiting.
 */
import type { Deps } from "../deps";
import { CODE_TTL_MINUTES, type Method } from "../domain/catalogue";
import { isAdmin } from "../domain/directory";
import { otherUsersOfTenant } from "../db/methods";
import { userById, verifiedContacts } from "../db/reset-flows";

const TEXT = {
  en: {
    codeSubject: { reset: "Your password reset code", register: "Confirm your new security info" },
    code: (code: string) =>
      `Your SSPR Doctor verification code is ${code}. It works once and expires in ${CODE_TTL_MINUTES} minutes. If you did not ask for it, ignore this message.`,
    resetSubject: "Your password was reset",
    reset: (upn: string) =>
      `The password of ${upn} was just reset through self-service password reset. If this was not you, contact your helpdesk now.`,
    adminSubject: (upn: string) => `An administrator reset their password: ${upn}`,
    admin: (upn: string) => `Administrator account ${upn} just reset its password through self-service password reset.`,
    changedSubject: "Your security info was changed",
    changed: (upn: string, what: string) =>
      `The security info of ${upn} was just changed: ${what}. If this was not you, contact your helpdesk now and change your password.`,
    methods: {
      email: "email",
      mobile_sms: "mobile phone (SMS)",
      mobile_voice: "mobile phone (call)",
      office_phone: "office phone",
      authenticator_code: "authenticator app",
      authenticator_notification: "authenticator app",
      security_questions: "security questions",
    } as Record<Method, string>,
    change: {
      added: (m: string) => `a method was added (${m})`,
      removed: (m: string) => `a method was removed (${m})`,
      questions: () => "the security answers were replaced",
    },
  },
  lv: {
    codeSubject: {
      reset: "Jūsu paroles atiestatīšanas kods",
      register: "Apstipriniet savu jauno drošības informāciju",
    },
    code: (code: string) =>
      `Jūsu SSPR Doctor verifikācijas kods ir ${code}. Tas derīgs vienu reizi un ${CODE_TTL_MINUTES} minūtes. Ja to nepieprasījāt, neņemiet vērā šo ziņu.`,
    resetSubject: "Jūsu parole tika atiestatīta",
    reset: (upn: string) =>
      `Konta ${upn} parole tikko tika atiestatīta pašapkalpošanās ceļā. Ja tas nebijāt jūs, nekavējoties sazinieties ar IT atbalstu.`,
    adminSubject: (upn: string) => `Administrators atiestatīja savu paroli: ${upn}`,
    admin: (upn: string) => `Administratora konts ${upn} tikko atiestatīja savu paroli pašapkalpošanās ceļā.`,
    changedSubject: "Jūsu drošības informācija tika mainīta",
    changed: (upn: string, what: string) =>
      `Konta ${upn} drošības informācija tikko tika mainīta: ${what}. Ja tas nebijāt jūs, nekavējoties sazinieties ar IT atbalstu un nomainiet paroli.`,
    methods: {
      email: "e-pasts",
      mobile_sms: "mobilais tālrunis (SMS)",
      mobile_voice: "mobilais tālrunis (zvans)",
      office_phone: "darba tālrunis",
      authenticator_code: "autentifikatora lietotne",
      authenticator_notification: "autentifikatora lietotne",
      security_questions: "drošības jautājumi",
    } as Record<Method, string>,
    change: {
      added: (m: string) => `pievienota metode (${m})`,
      removed: (m: string) => `noņemta metode (${m})`,
      questions: () => "drošības atbildes aizstātas",
    },
  },
} as const;

function fireAndLog(deps: Deps, what: string, p: Promise<void>) {
  p.catch((err: unknown) => deps.log.warn("delivery failed", { what, error: String(err) }));
}

/** Send a verification code through the method's channel; `purpose` picks the subject line. */
export function deliverCode(
  deps: Deps,
  m: { method: Method; to: string; code: string; locale: "en" | "lv"; purpose?: "reset" | "register" },
): void {
  const t = TEXT[m.locale];
  if (m.method === "email") {
    fireAndLog(
      deps,
      "code email",
      deps.mailer.send({ to: m.to, subject: t.codeSubject[m.purpose ?? "reset"], text: t.code(m.code), kind: "code" }),
    );
  } else {
    const channel = m.method === "mobile_sms" ? "sms" : "voice";
    fireAndLog(deps, `code ${channel}`, deps.sms.send({ to: m.to, text: t.code(m.code), channel }));
  }
}

/** After a reset: tell the user (their verified email methods), and other admins when an admin reset. */
export function notifyReset(
  deps: Deps,
  userId: string,
  policy: { notifyUserOnReset: boolean; notifyAdminsOnAdminReset: boolean },
  locale: "en" | "lv",
): void {
  const t = TEXT[locale];
  const user = userById(deps.db, userId);
  if (!user) return;
  if (policy.notifyUserOnReset) {
    const emails = verifiedContacts(deps.db, userId, "email");
    for (const to of new Set([user.upn, ...emails])) {
      fireAndLog(
        deps,
        "reset notice",
        deps.mailer.send({ to, subject: t.resetSubject, text: t.reset(user.upn), kind: "notice" }),
      );
    }
  }
  if (policy.notifyAdminsOnAdminReset && isAdmin(user.roles)) {
    const admins = otherUsersOfTenant(deps.db, user.tenantId, userId).filter((u) => isAdmin(u.roles));
    for (const a of admins) {
      fireAndLog(
        deps,
        "admin reset notice",
        deps.mailer.send({ to: a.upn, subject: t.adminSubject(user.upn), text: t.admin(user.upn), kind: "notice" }),
      );
    }
  }
}

export type SecurityInfoChange = { kind: "added" | "removed"; method: Method } | { kind: "questions" };

/**
 * After a change to security info: tell the user at their work address and every
 * verified email they had (not a newly added one — the point is to reach the owner
 * when someone else made the change), in the language of the request.
 */
export function notifySecurityInfoChanged(
  deps: Deps,
  who: { userId: string; upn: string },
  change: SecurityInfoChange,
  locale: "en" | "lv",
  except?: string,
): void {
  const t = TEXT[locale];
  const what = change.kind === "questions" ? t.change.questions() : t.change[change.kind](t.methods[change.method]);
  const skip = except?.trim().toLowerCase();
  const to = new Set(
    [who.upn, ...verifiedContacts(deps.db, who.userId, "email")].map((a) => a.toLowerCase()).filter((a) => a !== skip),
  );
  for (const address of to) {
    fireAndLog(
      deps,
      "security info notice",
      deps.mailer.send({ to: address, subject: t.changedSubject, text: t.changed(who.upn, what), kind: "notice" }),
    );
  }
}
