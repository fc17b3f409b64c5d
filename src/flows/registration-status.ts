/**
 * Registration status: whether the policy wants this signed-in user to register
 * security info or to reconfirm it now. Pure over a snapshot (the clock enters through
 * `snapshot.now`), so `GET /me`, the sign-in answer and the tests share one definition:
 * - `register` when the policy requires registration at sign-in and the user has fewer
 *   usable methods than required;
 * - `reconfirm` when `reconfirmDays` > 0 and the last confirmation is older than that,
 *   or there never was one;
 * - `none` otherwise, and always for a user self-service reset does not apply to (out
 *   of scope): asking them to register would collect data for nothing.
 * `required` says whether the sign-in should interrupt (the policy enforces it);
 * `reason` is a stable code a page can localize, `message` the sentence we suggest.
 */
import type { Method } from "../domain/catalogue";
import { usableMethods } from "../domain/methods";
import { effectivePolicy } from "../domain/policy";
import type { Snapshot } from "../domain/snapshot";

const DAY_MS = 24 * 3_600_000;

export type RegistrationDue = "none" | "register" | "reconfirm";
export type RegistrationReason =
  "up_to_date" | "not_in_scope" | "methods_missing" | "reconfirm_overdue" | "never_confirmed";

export type RegistrationStatus = {
  required: boolean;
  due: RegistrationDue;
  reason: RegistrationReason;
  /** The same reason as a sentence in the request's locale. */
  message: string;
  methodsRequired: number;
  /** The distinct method types this user can reset with today. */
  usableMethods: Method[];
  lastConfirmedAt: string | null;
  /** When reconfirmation falls due (null: never confirmed, or the policy never asks). */
  reconfirmBy: string | null;
};

const MESSAGES: Record<
  "en" | "lv",
  (s: { reason: RegistrationReason; have: number; need: number; days: number }) => string
> = {
  en: ({ reason, have, need, days }) =>
    ({
      up_to_date: "Your security info is up to date.",
      not_in_scope: "Self-service password reset is not turned on for your account, so there is nothing to register.",
      methods_missing: `You can reset your password with ${have} method${have === 1 ? "" : "s"}; your organization requires ${need}. Register ${need - have} more.`,
      reconfirm_overdue: `Your organization asks you to confirm your security info every ${days} days. Check it and confirm it is still right.`,
      never_confirmed: "Check your security info and confirm it is right.",
    })[reason],
  lv: ({ reason, have, need, days }) =>
    ({
      up_to_date: "Jūsu drošības informācija ir aktuāla.",
      not_in_scope: "Jūsu kontam paroles pašapkalpošanās atiestatīšana nav ieslēgta, tāpēc nekas nav jāreģistrē.",
      methods_missing: `Paroli varat atiestatīt ar ${have} metodi(ēm); jūsu organizācija pieprasa ${need}. Reģistrējiet vēl ${need - have}.`,
      reconfirm_overdue: `Jūsu organizācija lūdz apstiprināt drošības informāciju ik pēc ${days} dienām. Pārbaudiet un apstipriniet, ka tā joprojām ir pareiza.`,
      never_confirmed: "Pārbaudiet savu drošības informāciju un apstipriniet, ka tā ir pareiza.",
    })[reason],
};

/**
 * The registration status of the snapshot's user.
 *
 * @example
 * registrationStatus(snapshotOfNina, "en");
 * // { required: true, due: "register", reason: "methods_missing", methodsRequired: 1, usableMethods: [], … }
 */
export function registrationStatus(snapshot: Snapshot, locale: "en" | "lv" = "en"): RegistrationStatus {
  const policy = effectivePolicy(snapshot);
  const usable = usableMethods(snapshot, policy);
  const { requireAtSignIn, reconfirmDays } = snapshot.policy.registration;
  const lastConfirmedAt = snapshot.registration.lastConfirmedAt ?? null;
  const reconfirmBy =
    lastConfirmedAt && reconfirmDays > 0
      ? new Date(Date.parse(lastConfirmedAt) + reconfirmDays * DAY_MS).toISOString()
      : null;

  let due: RegistrationDue = "none";
  let reason: RegistrationReason = "up_to_date";
  if (!policy.inScope) {
    reason = "not_in_scope";
  } else if (usable.length < policy.methodsRequired) {
    // Below the requirement: say so even when the policy does not enforce it (due stays none).
    reason = "methods_missing";
    if (requireAtSignIn) due = "register";
  } else if (reconfirmDays > 0 && lastConfirmedAt === null) {
    due = "reconfirm";
    reason = "never_confirmed";
  } else if (reconfirmBy !== null && Date.parse(reconfirmBy) <= Date.parse(snapshot.now)) {
    due = "reconfirm";
    reason = "reconfirm_overdue";
  }
  return {
    required: due !== "none" && requireAtSignIn,
    due,
    reason,
    message: MESSAGES[locale]({ reason, have: usable.length, need: policy.methodsRequired, days: reconfirmDays }),
    methodsRequired: policy.methodsRequired,
    usableMethods: usable,
    lastConfirmedAt,
    reconfirmBy,
  };
}
