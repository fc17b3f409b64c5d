/**
 * Masking of registered contact values for display: enough for a person to recognise
 * which address or phone they registered, too little for someone holding a stolen
 * session (or reading over a shoulder) to learn it. The mask never reveals the length
 * of what it hides — a fixed run of stars or bullets — because length narrows guesses.
 * Formats (docs/decisions/004): email `a***@home.example` (first character of the local
 * part, the domain in full); phone `+371 ••••• 012` (country calling code, five bullets,
 * last three digits).
 */
import type { Method } from "../domain/catalogue";
import { PHONE_METHODS } from "../domain/methods";

/** Always five bullets, whatever the number's length: the length is part of the secret. */
const BULLETS = "•••••";
/** Three trailing digits: what a person needs to tell their two phones apart, ~10 bits. */
const SHOWN_DIGITS = 3;

// ITU-T E.164 calling codes are prefix-free: 1 and 7 are one digit, this set is two
// digits, everything else is three. Knowing the length lets the mask show the whole
// country code and nothing of the subscriber number.
const TWO_DIGIT_CODES = new Set([
  "20",
  "27",
  "30",
  "31",
  "32",
  "33",
  "34",
  "36",
  "39",
  "40",
  "41",
  "43",
  "44",
  "45",
  "46",
  "47",
  "48",
  "49",
  "51",
  "52",
  "53",
  "54",
  "55",
  "56",
  "57",
  "58",
  "60",
  "61",
  "62",
  "63",
  "64",
  "65",
  "66",
  "81",
  "82",
  "84",
  "86",
  "90",
  "91",
  "92",
  "93",
  "94",
  "95",
  "98",
]);

/**
 * The country calling code of an E.164 number's digits (without `+`).
 * @example countryCallingCode("37126000001") // "371"
 */
export function countryCallingCode(digits: string): string {
  if (digits.startsWith("1") || digits.startsWith("7")) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/**
 * Mask an email address.
 * @example maskEmail("alex@home.example") // "a***@home.example"
 */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${value[0]}***${value.slice(at)}`;
}

/**
 * Mask a phone number. A stored value that is not E.164 (a local number missing its
 * country code) shows only its last digits.
 * @example maskPhone("+37126000012") // "+371 ••••• 012"
 * @example maskPhone("26000007") // "••••• 007"
 */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, "");
  const tail = digits.length > SHOWN_DIGITS * 2 ? ` ${digits.slice(-SHOWN_DIGITS)}` : "";
  if (value.trim().startsWith("+") && digits.length > 6) return `+${countryCallingCode(digits)} ${BULLETS}${tail}`;
  return `${BULLETS}${tail}`;
}

/**
 * Mask a method's value by its type; null for methods without a value.
 * @example maskValue("email", "alex@home.example") // "a***@home.example"
 */
export function maskValue(type: Method, value: string | null): string | null {
  if (value === null) return null;
  if (type === "email") return maskEmail(value);
  if (PHONE_METHODS.includes(type)) return maskPhone(value);
  return null;
}
