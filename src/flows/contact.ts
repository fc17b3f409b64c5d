/**
 * What a person types as "the address or number you registered", made comparable
 * with what is stored: emails trimmed and lower-cased, phones stripped of spaces,
 * dashes, dots and brackets with a 00 prefix read as +.
 */
import type { Method } from "../domain/catalogue";

/**
 * @example normalizeContact("mobile_sms", "+371 2600 0001") // "+37126000001"
 * @example normalizeContact("email", " Alex@Home.Example ") // "alex@home.example"
 */
export function normalizeContact(method: Method, typed: string): string {
  if (method === "email") return typed.trim().toLowerCase();
  const compact = typed.replace(/[\s\-().]/g, "");
  return compact.startsWith("00") ? "+" + compact.slice(2) : compact;
}
