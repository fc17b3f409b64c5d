/**
 * User steps: fixes only the person can do (register or confirm security info, ask for
 * a new code, type it again, choose another password, check the sign-in name, reset at
 * their home organization). Staff cannot apply them; the preview says exactly what the
 * person must do, with their own facts, and which page does it.
 */
import {
  CODE_TTL_MINUTES,
  MAX_FAILED_VERIFICATIONS_24H,
  MIN_PASSWORD_LENGTH,
  type FindingCode,
  type FixId,
} from "../domain/catalogue";
import { PASSWORD_HISTORY_COUNT } from "../domain/password";
import { computeFacts, type Facts } from "../diagnosis/facts";
import { manualFix, type FixContext, type UserStep } from "./definition";
import { NO_PARAMS } from "./params";
import { addressesOf } from "./addresses";
import { connectorRow } from "./state";

export const RESET_PAGE = "/reset";
export const REGISTER_PAGE = "/register";

const list = (items: readonly string[]) => items.join(", ") || "none";
const methods = (n: number) => `${n} method${n === 1 ? "" : "s"}`;

/**
 * A guest's sign-in name in their home organization, read from the guest UPN's
 * `name_home.domain#EXT#@host` form; null when it is not a guest UPN.
 *
 * @example
 * homeLoginOfGuest("gina_fabrikam.example#EXT#@contoso.example"); // "gina@fabrikam.example"
 */
export function homeLoginOfGuest(upn: string): string | null {
  const m = /^(.+)_([^_#@]+\.[^_#@]+)#EXT#@/i.exec(upn);
  return m ? `${m[1]}@${m[2]}` : null;
}

/** What to do about each finding register_methods addresses, in the person's own facts. */
const REGISTER_STEPS: Partial<Record<FindingCode, (f: Facts) => string>> = {
  not_registered: (f) =>
    `Sign in and register at least ${methods(f.requiredMethodCount)} of these: ${list(f.allowedMethods)}.`,
  admin_security_questions_only: (f) =>
    `Administrators cannot use security questions: register two of ${list(f.allowedMethods)}.`,
  registered_methods_not_allowed: (f) =>
    `Your registered ${list(f.registeredMethods)} cannot be used here: register one of ${list(f.allowedMethods)}.`,
  security_questions_incomplete: (f) =>
    `Answer all ${f.questionsToReset} security questions (you have answered ${f.questionsAnswered}).`,
  method_value_invalid: (f) =>
    `Re-enter ${list(f.invalidValueMethods)}: phone numbers in full international form (+ and country code), email as a complete address.`,
  method_unverified: (f) => `Verify ${list(f.unverifiedMethods)}: enter the code we send when you save it.`,
  admin_needs_two_methods: (f) =>
    `Administrators need two methods: you have ${f.usableMethodCount} usable (${list(f.usableMethods)}); add one of ${list(f.allowedMethods.filter((m) => !f.usableMethods.includes(m)))}.`,
  not_enough_methods: (f) =>
    `You need ${methods(f.requiredMethodCount)} and have ${f.usableMethodCount} usable (${list(f.usableMethods)}): add one of ${list(f.allowedMethods.filter((m) => !f.usableMethods.includes(m)))}.`,
  single_point_of_failure: (f) =>
    `Add another method besides ${list(f.usableMethods)}, so losing one does not lock you out.`,
  email_method_is_own_mailbox: (f) =>
    `Replace ${f.upn} as your email method with a private address you can read while locked out of ${f.upn}.`,
};

type Step = {
  page: string;
  steps: (ctx: FixContext<unknown>, facts: Facts | null, present: FindingCode[]) => string[];
};

const STEPS: Record<string, Step> = {
  register_methods: {
    page: REGISTER_PAGE,
    steps: (_ctx, f, present) => {
      const specific = f ? present.flatMap((code) => REGISTER_STEPS[code]?.(f) ?? []) : [];
      return specific.length
        ? specific
        : [`Sign in at ${REGISTER_PAGE} and make sure your security info is complete and verified.`];
    },
  },
  confirm_methods: {
    page: REGISTER_PAGE,
    steps: (_ctx, f) => [
      `Sign in at ${REGISTER_PAGE} and confirm your security info is still right` +
        (f?.daysSinceConfirmed != null
          ? ` (last confirmed ${Math.floor(f.daysSinceConfirmed)} days ago; the policy asks every ${f.reconfirmDays} days).`
          : "."),
      "Remove any phone or mailbox you no longer have.",
    ],
  },
  request_new_code: {
    page: RESET_PAGE,
    steps: () => [
      `Start again at ${RESET_PAGE} and ask for a new code.`,
      `Use it within ${CODE_TTL_MINUTES} minutes; only the newest code works.`,
    ],
  },
  retry_verification: {
    page: RESET_PAGE,
    steps: (_ctx, f) => {
      const left = f
        ? Math.max(0, MAX_FAILED_VERIFICATIONS_24H - f.throttle.failedVerificationsLast24h)
        : MAX_FAILED_VERIFICATIONS_24H;
      const what =
        f?.attemptError === "security_answers_wrong"
          ? "Type your security answers again (they are not case-sensitive; spelling counts)."
          : "Type the newest code exactly as received, without spaces.";
      return [
        `Go back to ${RESET_PAGE}.`,
        what,
        `${left} more wrong attempts are allowed in 24 hours before reset is blocked for a day.`,
      ];
    },
  },
  choose_another_password: {
    page: RESET_PAGE,
    steps: (ctx, f) => {
      const steps = [
        `Start again at ${RESET_PAGE} and choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
        "Avoid common passwords and words, your own name, sign-in name and the organization's name.",
        `Do not reuse any of your last ${PASSWORD_HISTORY_COUNT} passwords.`,
      ];
      const c = f?.userSource === "synced" ? connectorRow(ctx.deps.db, ctx.tenant.id) : undefined;
      if (c) {
        steps.push(
          `Your on-premises directory also requires at least ${c.onPremMinLength} characters${c.onPremComplexity ? " and three of: lower case, upper case, digits, symbols" : ""}, and no reuse of the last ${c.onPremHistoryCount}.`,
        );
      }
      return steps;
    },
  },
  check_login_name: {
    page: RESET_PAGE,
    steps: (ctx) => [
      `Check the sign-in name: it looks like name@${ctx.tenant.domain}, the same one you use to sign in to work.`,
      `Try again at ${RESET_PAGE}; if it still fails, ask your helpdesk for your exact sign-in name.`,
    ],
  },
  reset_in_home_organization: {
    page: RESET_PAGE,
    steps: (ctx) => {
      const home = ctx.user ? homeLoginOfGuest(ctx.user.upn) : null;
      const where = home ? `${home.split("@")[1]}, as ${home}` : "the organization your account belongs to";
      return [
        `You are a guest in ${ctx.tenant.name}: your password belongs to your home organization.`,
        `Reset it there: at ${where}.`,
      ];
    },
  },
};

/**
 * The guidance of a user step for the target (the person's facts fill in the details).
 *
 * @example
 * userStep("register_methods", ctx).steps[0]; // "Re-enter mobile_sms \"26000007\": phone numbers in full international form …"
 */
export function userStep(id: FixId, ctx: FixContext<unknown>): UserStep {
  const step = STEPS[id];
  if (!step) throw new Error(`${id} is not a user step`);
  const snapshot = ctx.user?.snapshot;
  const facts = snapshot ? computeFacts(snapshot) : null;
  const codes = snapshot ? ctx.codesOf(snapshot) : [];
  const present = addressesOf(id).filter((c) => codes.includes(c));
  const login =
    id === "reset_in_home_organization" && ctx.user ? (homeLoginOfGuest(ctx.user.upn) ?? ctx.user.upn) : ctx.user?.upn;
  const article = ctx.deps.kb.articlesFor(present[0] ?? addressesOf(id)[0]!)[0];
  return {
    kind: "user_step",
    page: step.page,
    url: login ? `${step.page}?login=${encodeURIComponent(login)}` : step.page,
    steps: step.steps(ctx, facts, present),
    ...(article ? { article } : {}),
  };
}

const userStepFix = (id: FixId) =>
  manualFix({ id, scope: "user", automatic: false, params: NO_PARAMS, guidance: (ctx) => userStep(id, ctx) });

export const registerMethods = userStepFix("register_methods");
export const confirmMethods = userStepFix("confirm_methods");
export const requestNewCode = userStepFix("request_new_code");
export const retryVerification = userStepFix("retry_verification");
export const chooseAnotherPassword = userStepFix("choose_another_password");
export const checkLoginName = userStepFix("check_login_name");
export const resetInHomeOrganization = userStepFix("reset_in_home_organization");
