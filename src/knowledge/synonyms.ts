/**
 * Synonyms: the words support staff and users type for one idea, in both
 * languages, and how a query is expanded with them. The table is data — one
 * group per idea, phrases written naturally — and is applied at query time
 * only: the index stays the writers' words, and a query term also matches the
 * other phrases of its group (scored lower than the word itself). Phrases are
 * compared after term processing, so "Locked", "locked" and "lock" meet, and a
 * multi-word phrase ("write back") matches consecutive query terms.
 */
import type { Locale } from "./article";
import { processTermFor, tokenize } from "./terms";

/** One idea per row. Cross-language rows let a Latvian query fall back to English articles. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["sspr", "self-service password reset", "pašapkalpošanās paroles atiestatīšana"],
  ["locked", "lockout", "locked out", "unlock", "bloķēts", "atbloķēt", "bloķēšana"],
  ["code", "otp", "one-time code", "passcode", "verification code", "kods", "verifikācijas kods"],
  [
    "writeback",
    "write-back",
    "write back",
    "sync",
    "synced",
    "synchronised",
    "synchronized",
    "atpakaļrakstīšana",
    "sinhronizēts",
  ],
  ["mfa", "2fa", "two-factor", "multi-factor", "authenticator", "autentifikators", "autentifikācijas lietotne"],
  ["licence", "license", "licensing", "licencēšana"],
  ["sms", "text", "text message", "txt", "īsziņa"],
  ["email", "e-mail", "mail", "e-pasts", "epasts"],
  ["phone", "mobile", "cell", "cellphone", "telefons", "tālrunis", "mobilais"],
  ["password", "passwd", "pwd", "parole"],
  ["reset", "forgot", "forgotten", "atiestatīt", "atiestatīšana", "aizmirsu"],
  ["admin", "administrator", "global admin", "administrators"],
  ["guest", "external user", "b2b", "viesis", "viesa konts", "ārējais lietotājs"],
  ["security questions", "secret questions", "security question", "drošības jautājumi"],
  ["helpdesk", "help desk", "service desk", "support desk", "palīdzības dienests", "atbalsts"],
  ["connector", "agent", "savienotājs"],
  [
    "never arrived",
    "not received",
    "not arriving",
    "never came",
    "did not get",
    "nepienāca",
    "nesaņēmu",
    "nav saņemts",
  ],
  ["expired", "timed out", "too old", "beidzies", "novecojis"],
  ["register", "registration", "enrol", "enroll", "sign up", "reģistrēt", "reģistrācija"],
  ["disabled", "deactivated", "atspējots", "deaktivizēts"],
  ["banned", "forbidden", "blacklisted", "aizliegta"],
  ["too short", "not long enough", "pārāk īsa", "par īsu"],
  ["notification", "notify", "alert", "paziņojums"],
  ["audit", "audit log", "report", "žurnāls", "pārskats"],
  ["sign-in screen", "login screen", "lock screen", "pierakstīšanās ekrāns"],
  ["scope", "enabled for", "in scope", "darbības joma"],
  ["wrong", "incorrect", "invalid", "rejected", "nepareizs"],
  ["blocked", "throttled", "rate limited", "too many attempts", "bloķēta"],
  [
    "federated",
    "federation",
    "adfs",
    "ad fs",
    "identity provider",
    "idp",
    "federēts",
    "federācija",
    "identitātes nodrošinātājs",
  ],
  ["permission", "permissions", "rights", "access rights", "tiesības", "atļaujas"],
  ["leaver", "left the company", "former employee", "offboarding", "aizgājējs", "bijušais darbinieks"],
  ["error code", "portal code", "kļūdas kods"],
];

/** A processed phrase: the terms it becomes in one locale. */
export type Phrase = readonly string[];

/** The query terms a phrase matched, and the other phrases of its group. */
export type Expansion = { start: number; length: number; alternatives: Phrase[] };

/** A synonym table compiled for one locale's term processor. */
export type SynonymTable = {
  locale: Locale;
  /** Longest phrase, in terms, to bound the matching loop. */
  maxLength: number;
  /** Processed phrase (terms joined by a space) → the groups it belongs to. */
  byPhrase: ReadonlyMap<string, readonly Phrase[][]>;
};

/**
 * Compiles the groups for a locale: each phrase is processed exactly as a
 * query would be, so matching is a map lookup.
 *
 * @example
 * const table = compileSynonyms("en");
 * expandTerms(["lock"], table)[0]?.alternatives; // [["lockout"], ["unlock"], …]
 */
export function compileSynonyms(locale: Locale, groups: readonly (readonly string[])[] = SYNONYM_GROUPS): SynonymTable {
  const process = processTermFor(locale);
  const byPhrase = new Map<string, Phrase[][]>();
  let maxLength = 1;
  for (const group of groups) {
    const phrases = uniquePhrases(
      group
        .map((text) =>
          tokenize(text)
            .map(process)
            .filter((t): t is string => !!t),
        )
        .filter((p) => p.length > 0),
    );
    for (const phrase of phrases) {
      maxLength = Math.max(maxLength, phrase.length);
      const key = phrase.join(" ");
      const list = byPhrase.get(key) ?? [];
      list.push(phrases);
      byPhrase.set(key, list);
    }
  }
  return { locale, maxLength, byPhrase };
}

function uniquePhrases(phrases: Phrase[]): Phrase[] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Finds synonym phrases in processed query terms and lists, for each match,
 * the other phrases of its groups (never the matched phrase itself).
 *
 * @example
 * expandTerms(["writ", "back", "fail"], compileSynonyms("en"));
 * // [{ start: 0, length: 2, alternatives: [["writeback"], ["sync"], …] }]
 */
export function expandTerms(terms: readonly string[], table: SynonymTable): Expansion[] {
  const out: Expansion[] = [];
  for (let start = 0; start < terms.length; start++) {
    for (let length = Math.min(table.maxLength, terms.length - start); length >= 1; length--) {
      const key = terms.slice(start, start + length).join(" ");
      const groups = table.byPhrase.get(key);
      if (!groups) continue;
      const seen = new Set<string>([key]);
      const alternatives: Phrase[] = [];
      for (const group of groups) {
        for (const phrase of group) {
          const k = phrase.join(" ");
          if (seen.has(k)) continue;
          seen.add(k);
          alternatives.push(phrase);
        }
      }
      if (alternatives.length > 0) out.push({ start, length, alternatives });
    }
  }
  return out;
}
