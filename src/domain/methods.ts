/**
 * Registered authentication methods and which of them can actually be used to reset:
 * "usable" = registered, verified, allowed for this user (admin or tenant policy) and
 * well-formed; security questions count as one method, and only once enough are
 * answered (CATALOGUE.md "Usable methods"). Methods are counted by type: two emails are
 * still one method, and each authenticator flavour is a method of its own.
 */
import type { Method } from "./catalogue";
import { effectivePolicy, type EffectivePolicy } from "./policy";
import type { RegisteredMethod, Snapshot } from "./snapshot";

export const PHONE_METHODS: readonly Method[] = ["mobile_sms", "mobile_voice", "office_phone"];
/** Methods reached through a value the person types: an address or a number. */
export const CONTACT_METHODS: readonly Method[] = ["email", ...PHONE_METHODS];

// Pragmatic, not RFC 5322: one @, no spaces, a dotted domain of non-empty labels. What a
// code can be delivered to, not everything a mail server might accept.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// E.164: "+", a country code not starting with 0, at most 15 digits in all. Seven digits is
// the shortest real international number; anything shorter is a local number missing its
// country code (the usual registration mistake).
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Whether `value` is an address an email code can be sent to.
 *
 * @example
 * isValidEmail("janis@fabrikam.example"); // true
 * isValidEmail("janis@localhost"); // false
 */
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/**
 * Whether `value` is an E.164 phone number (`+` and 7–15 digits, no spaces).
 *
 * @example
 * isE164("+37126000007"); // true
 * isE164("26000007"); // false: no country code
 */
export function isE164(value: string): boolean {
  return E164.test(value);
}

/** Whether a method of this type is reached through a value (an address or a number). */
export function hasContactValue(type: Method): boolean {
  return type === "email" || PHONE_METHODS.includes(type);
}

/**
 * Whether a registered method's value is usable for its type; methods without a value
 * (authenticator, questions) are always well-formed, contact methods need a valid value.
 *
 * @example
 * isWellFormed({ type: "mobile_sms", value: "26000007", verified: true }); // false
 */
export function isWellFormed(method: Pick<RegisteredMethod, "type" | "value">): boolean {
  if (method.type === "email") return method.value !== undefined && isValidEmail(method.value);
  if (PHONE_METHODS.includes(method.type)) return method.value !== undefined && isE164(method.value);
  return true;
}

export type MethodAssessment = {
  method: RegisteredMethod;
  allowed: boolean;
  verified: boolean;
  wellFormed: boolean;
  /** Security questions: enough answered to reset with; every other type: true. */
  complete: boolean;
  usable: boolean;
};

/**
 * Each registered method with the reasons it is or is not usable.
 *
 * @example
 * assessMethods(snapshot).filter((a) => !a.verified).map((a) => a.method.type); // ["email"]
 */
export function assessMethods(
  snapshot: Pick<Snapshot, "policy" | "user" | "methods">,
  policy: EffectivePolicy = effectivePolicy(snapshot),
): MethodAssessment[] {
  const toReset = snapshot.policy.securityQuestions.toReset;
  return snapshot.methods.map((method) => {
    const allowed = policy.methodsAllowed.includes(method.type);
    const wellFormed = isWellFormed(method);
    const complete = method.type !== "security_questions" || (method.questionsAnswered ?? 0) >= toReset;
    return { method, allowed, verified: method.verified, wellFormed, complete, usable: allowed && method.verified && wellFormed && complete };
  });
}

/**
 * The distinct method types this user can reset with.
 *
 * @example
 * usableMethods(snapshot); // ["authenticator_code", "mobile_sms"]
 */
export function usableMethods(
  snapshot: Pick<Snapshot, "policy" | "user" | "methods">,
  policy: EffectivePolicy = effectivePolicy(snapshot),
): Method[] {
  const out = new Set<Method>();
  for (const a of assessMethods(snapshot, policy)) if (a.usable) out.add(a.method.type);
  return [...out];
}

/**
 * The key under which a contact value is compared across users: emails case-folded,
 * phones stripped of spacing, so SMS and voice on one number are one phone. Null for
 * methods without a value.
 *
 * @example
 * methodValueKey({ type: "email", value: " IT@Fabrikam.example" }); // "email:it@fabrikam.example"
 * methodValueKey({ type: "mobile_voice", value: "+371 2600 0007" }); // "phone:+37126000007"
 */
export function methodValueKey(method: Pick<RegisteredMethod, "type" | "value">): string | null {
  if (method.value === undefined || !hasContactValue(method.type)) return null;
  if (method.type === "email") {
    const email = method.value.trim().toLowerCase();
    return email === "" ? null : `email:${email}`;
  }
  const phone = method.value.replace(/[\s().-]/g, "");
  return phone === "" ? null : `phone:${phone}`;
}
