/**
 * Registered authentication methods and which of them can actually be used to reset:
 * "usable" = registered, verified, allowed for this user (admin or tenant policy) and
 * well-formed; security questions count as one method, and only once enough are
 * answered (CATALOGUE.md "Usable methods"). Methods are counted by device, not by type
 * (CATALOGUE.md v2, "one authenticator app is one method"): two emails are one method,
 * and authenticator_notification + authenticator_code come from one app on one phone, so
 * together they are one method; a notification alone cannot serve when one method is
 * required. A hardware OATH token is its own device and counts like authenticator_code.
 */
import type { Method } from "./catalogue";
import { effectivePolicy, type EffectivePolicy } from "./policy";
import type { RegisteredMethod, RegisteredMethodType, Snapshot } from "./snapshot";

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
export function hasContactValue(type: RegisteredMethodType): boolean {
  return type === "email" || (PHONE_METHODS as readonly string[]).includes(type);
}

/**
 * The policy method that governs a registered method type. Tenants allow methods by their
 * policy names; a hardware OATH token has none of its own (ENTRA-GRAPH.md §2.3: OATH
 * codes are the "authenticator code" setting), so it is allowed when authenticator_code is.
 *
 * @example
 * policyMethodOf("hardware_oath"); // "authenticator_code"
 * policyMethodOf("email"); // "email"
 */
export function policyMethodOf(type: RegisteredMethodType): Method {
  return type === "hardware_oath" ? "authenticator_code" : type;
}

/** The two faces of the one authenticator app on one phone. */
export const AUTHENTICATOR_APP_METHODS: readonly RegisteredMethodType[] = [
  "authenticator_notification",
  "authenticator_code",
];

/**
 * The device (or channel) a method type is used through: both authenticator flavours are
 * the one app, every other type is its own. Two types on one device are one method.
 *
 * @example
 * methodDevice("authenticator_notification") === methodDevice("authenticator_code"); // true
 * methodDevice("hardware_oath"); // "hardware_oath"
 */
export function methodDevice(type: RegisteredMethodType): string {
  return AUTHENTICATOR_APP_METHODS.includes(type) ? "authenticator_app" : type;
}

/**
 * How many methods count toward `required`, given the usable method types
 * (CATALOGUE.md v2 correction). Each device counts once; when one method is required, an
 * app that offers only notifications counts for nothing, since a notification alone cannot
 * reset (only a code can serve alone); when two are required, the app in either flavour
 * counts once beside the other method.
 *
 * @example
 * countedMethods(["authenticator_notification", "authenticator_code"], 2); // 1
 * countedMethods(["authenticator_notification"], 1); // 0
 * countedMethods(["authenticator_notification", "mobile_sms"], 2); // 2
 */
export function countedMethods(usable: readonly RegisteredMethodType[], required: number): number {
  const devices = new Set(usable.map(methodDevice));
  const notificationOnly = usable.includes("authenticator_notification") && !usable.includes("authenticator_code");
  return devices.size - (required === 1 && notificationOnly ? 1 : 0);
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
  if ((PHONE_METHODS as readonly string[]).includes(method.type))
    return method.value !== undefined && isE164(method.value);
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
    const allowed = policy.methodsAllowed.includes(policyMethodOf(method.type));
    const wellFormed = isWellFormed(method);
    const complete = method.type !== "security_questions" || (method.questionsAnswered ?? 0) >= toReset;
    return {
      method,
      allowed,
      verified: method.verified,
      wellFormed,
      complete,
      usable: allowed && method.verified && wellFormed && complete,
    };
  });
}

/**
 * The distinct method types this user can reset with (types, not devices: see
 * `usableMethodCount` for how many of them count).
 *
 * @example
 * usableMethodTypes(snapshot); // ["authenticator_code", "hardware_oath", "mobile_sms"]
 */
export function usableMethodTypes(
  snapshot: Pick<Snapshot, "policy" | "user" | "methods">,
  policy: EffectivePolicy = effectivePolicy(snapshot),
): RegisteredMethodType[] {
  const out = new Set<RegisteredMethodType>();
  for (const a of assessMethods(snapshot, policy)) if (a.usable) out.add(a.method.type);
  return [...out];
}

/**
 * The distinct policy methods this user can reset with: `usableMethodTypes` named as the
 * policy names them (a hardware token shows as authenticator_code). For pages that list
 * methods by their policy name; counting is `usableMethodCount`'s job.
 *
 * @example
 * usableMethods(snapshot); // ["authenticator_code", "mobile_sms"]
 */
export function usableMethods(
  snapshot: Pick<Snapshot, "policy" | "user" | "methods">,
  policy: EffectivePolicy = effectivePolicy(snapshot),
): Method[] {
  return [...new Set(usableMethodTypes(snapshot, policy).map(policyMethodOf))];
}

/**
 * How many usable methods count toward this user's requirement (`countedMethods`).
 *
 * @example
 * usableMethodCount(snapshotWithOnlyTheApp); // 1, however many flavours are registered
 */
export function usableMethodCount(
  snapshot: Pick<Snapshot, "policy" | "user" | "methods">,
  policy: EffectivePolicy = effectivePolicy(snapshot),
): number {
  return countedMethods(usableMethodTypes(snapshot, policy), policy.methodsRequired);
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

/**
 * How many users registered each contact value (key: `methodValueKey`), given each user's
 * methods: a user with one number as SMS and voice counts once. The sweep's
 * `method_in_use_by_many` reads it, whether counted from snapshots or from the loader's rows.
 *
 * @example
 * usersPerContactValue([[{ type: "mobile_sms", value: "+37126000007" }], [{ type: "mobile_voice", value: "+371 2600 0007" }]]).get("phone:+37126000007"); // 2
 */
export function usersPerContactValue(
  users: Iterable<readonly Pick<RegisteredMethod, "type" | "value">[]>,
): Map<string, number> {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const methods of users) {
    seen.clear();
    for (const method of methods) {
      const key = methodValueKey(method);
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
