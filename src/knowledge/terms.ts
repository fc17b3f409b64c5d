/**
 * Terms: how a word becomes an index term, per locale. The same function runs
 * over article text at index time and over the query at search time, so
 * "Pārāk īsa", "parak isa" and "PĀRĀK ĪSU" meet on one term. Steps: lowercase,
 * fold diacritics (NFD, strip combining marks — Latvian users often type
 * without them), keep letters and digits, drop stop words, then strip common
 * endings (a deliberately light stemmer: plurals and tenses in English, case
 * endings in Latvian) so "codes"/"code" and "paroles"/"paroli" match exactly
 * instead of relying on fuzzy matching.
 */
import type { Locale } from "./article";

/** The tokenizer minisearch uses by default: split on spaces and punctuation. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/**
 * Splits text into raw words (before processing).
 *
 * @example
 * tokenize("write-back isn't on"); // ["write", "back", "isn", "t", "on"]
 */
export function tokenize(text: string): string[] {
  return text.split(SPACE_OR_PUNCTUATION).filter((t) => t.length > 0);
}

/**
 * Lowercases and removes diacritics; anything but letters and digits goes.
 *
 * @example
 * foldTerm("Pārāk"); // "parak"
 */
export function foldTerm(term: string): string {
  // Most words are plain ASCII lowercase already; skip the Unicode work for them.
  if (/^[a-z0-9]+$/.test(term)) return term;
  return term
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

// Small on purpose: only words that carry no topic in a support question.
// Negations ("not", "no", "nav") are here too: "code not received" and "no code"
// are about codes, and the synonym table maps the phrase, not the negation.
const STOP_WORDS_EN = new Set(
  `a an the and or but of to in on at for from by with as into about is are was were be been being am
   it its i im me my mine we our you your yours he she they them their this that these those there here
   do does did doing done have has had can could should would will shall may might must
   how what why when where which who whom whose not no nor so than too very just also only
   if then else any some all each please hi hello thanks s t d ll ve re m
   didn doesn don isn wasn aren cant cannot won wont shouldn couldn`.split(/\s+/),
);

// Written folded (no diacritics), because terms are folded before this check.
const STOP_WORDS_LV = new Set(
  `un vai bet ir nav bija ar uz no par pie pec pirms lidz gan ari jau vel tikai ka kas ko kam kad kur kurs kura
   kuru kapec kadel ja jo lai ne ja es man mani mans mana manu musu mes jus jums jusu tu tev tavs tava
   tas ta tie tas tam to sis si so saja sie tad te tur ari gan ka sev savs sava savu`.split(/\s+/),
);

/** Stop words per locale, folded. Exported for tests and the snippet highlighter. */
export const STOP_WORDS: Record<Locale, ReadonlySet<string>> = { en: STOP_WORDS_EN, lv: STOP_WORDS_LV };

/** Abbreviations the stemmers must leave alone ("sms" is not the plural of "sm"). */
const PROTECTED = new Set(["sspr", "sms", "otp", "mfa", "upn", "vpn", "pin", "kb", "faq", "ad", "api", "pwdlastset"]);

/** Terms no stemmer touches: short ones (shorter for Latvian, where "īsa"/"īsu" must meet), abbreviations, codes. */
function keep(term: string, shortest: number): boolean {
  return term.length < shortest || PROTECTED.has(term) || /\d/.test(term);
}

const DOUBLE_CONSONANT = /([bdfgmnprt])\1$/;

function undouble(term: string): string {
  return DOUBLE_CONSONANT.test(term) ? term.slice(0, -1) : term;
}

/**
 * Light English stemmer: plural -s/-es/-ies, past -ed, -ing, final -e.
 *
 * @example
 * stemEn("locked"); // "lock"
 * stemEn("codes");  // "cod" (like "code")
 */
export function stemEn(term: string): string {
  if (keep(term, 4)) return term;
  let t = term;
  if (t.endsWith("ies") && t.length > 4) return `${t.slice(0, -3)}y`;
  if (t.endsWith("sses")) t = t.slice(0, -2);
  else if (t.endsWith("ing") && t.length >= 6) t = undouble(t.slice(0, -3));
  else if (t.endsWith("ed") && t.length >= 5) t = undouble(t.slice(0, -2));
  else if (t.endsWith("s") && !/(ss|us|is)$/.test(t)) t = t.slice(0, -1);
  if (t.endsWith("e") && t.length > 3) t = t.slice(0, -1);
  return t;
}

// Folded Latvian case and verb endings, longest first. One is stripped.
const LV_ENDINGS = [
  "ajiem",
  "ajam",
  "ajos",
  "ajai",
  "ajas",
  "iem",
  "ies",
  "am",
  "em",
  "im",
  "um",
  "as",
  "es",
  "is",
  "us",
  "os",
  "ai",
  "ei",
  "ts",
  "ta",
  "ti",
  "tu",
  "at",
  "et",
  "it",
  "ot",
  "a",
  "e",
  "i",
  "u",
  "s",
  "o",
];

/**
 * Light Latvian stemmer over a folded term: strips one case/verb ending,
 * keeping at least three letters (two for one-letter endings, so "īsa" and
 * "īsu" both become "is").
 *
 * @example
 * stemLv("paroles"); // "parol"
 * stemLv("kods");    // "kod"
 */
export function stemLv(term: string): string {
  if (keep(term, 3)) return term;
  for (const ending of LV_ENDINGS) {
    if (!term.endsWith(ending)) continue;
    const stem = term.slice(0, -ending.length);
    if (stem.length >= (ending.length === 1 ? 2 : 3)) return stem;
  }
  return term;
}

/**
 * English term processor (index and query): fold, drop stop words and lone
 * letters, stem. Returns null for a word that is not a term.
 *
 * @example
 * processTermEn("Codes"); // "cod"
 * processTermEn("the");   // null
 */
export function processTermEn(term: string): string | null {
  const folded = foldTerm(term);
  if (!folded || STOP_WORDS_EN.has(folded) || (folded.length === 1 && !/\d/.test(folded))) return null;
  return stemEn(folded);
}

/**
 * Latvian term processor (index and query): fold, drop stop words and lone
 * letters, stem.
 *
 * @example
 * processTermLv("Pārāk"); // "parak"
 * processTermLv("īsu");   // "is"
 * processTermLv("un");    // null
 */
export function processTermLv(term: string): string | null {
  const folded = foldTerm(term);
  if (!folded || STOP_WORDS_LV.has(folded) || (folded.length === 1 && !/\d/.test(folded))) return null;
  return stemLv(folded);
}

/**
 * The processor of a locale's index.
 *
 * @example
 * processTermFor("lv")("paroli"); // "parol"
 */
export function processTermFor(locale: Locale): (term: string) => string | null {
  return locale === "lv" ? processTermLv : processTermEn;
}

/**
 * Tokenizes and processes a whole text, dropping non-terms.
 *
 * @example
 * processText("The codes expired", "en"); // ["cod", "expir"]
 */
export function processText(text: string, locale: Locale): string[] {
  const process = processTermFor(locale);
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = process(token);
    if (term) out.push(term);
  }
  return out;
}
