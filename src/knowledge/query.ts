/**
 * The query: what a person typed, checked and turned into a minisearch query
 * tree. Control characters are rejected (KbQueryError, which the HTTP layer
 * answers with 400), long text is cut, words become processed terms, each
 * term becomes a group with its synonyms, and fuzziness and prefix matching
 * depend on term length so short words do not match half the index.
 */
import type { Query } from "minisearch";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./article";
import { expandTerms, type Phrase, type SynonymTable } from "./synonyms";
import { processTermFor, tokenize } from "./terms";

/** Thrown for a query the API must answer with 400; `field` names the parameter. */
export class KbQueryError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "KbQueryError";
    this.field = field;
  }
}

/** Longer queries are cut, not rejected: a pasted error message should still find something. */
export const MAX_QUERY_LENGTH = 200;
/** Terms beyond this are ignored: each costs a fuzzy lookup, and 12 words already say enough. */
export const MAX_QUERY_TERMS = 12;

/** C0 and C1 controls other than tab, newline and carriage return (which are just whitespace). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Synonyms count, but less than the word typed. */
const SYNONYM_WEIGHT = 0.5;

/**
 * Edits allowed by (processed) term length: none up to 4 letters — one edit
 * there turns "user" into "use" and "kods" into "kod…" of anything — then 1 up
 * to 8 letters ("lockd" → "lock", "writback" → "writeback"), then 2
 * ("verfication" → "verification"). Two edits on an 8-letter word were the
 * costliest lookups of a query (minisearch walks far more of the term tree),
 * and no query of the relevance suites needs them.
 *
 * @example
 * fuzziness("writback"); // 1
 */
export function fuzziness(term: string): number {
  if (term.length <= 4) return 0;
  return term.length <= 8 ? 1 : 2;
}

/**
 * Prefix matching from 3 letters: "pas" → "password", but "sm" does not fan out.
 *
 * @example
 * prefixFor("pas"); // true
 */
export function prefixFor(term: string): boolean {
  return term.length >= 3;
}

/**
 * Checks and trims a raw query: control characters are an error (they never
 * come from a keyboard), over-long text is cut.
 *
 * @example
 * normalizeQuery("  lockd out "); // "lockd out"
 * normalizeQuery("a\u0000b");     // throws KbQueryError (field "q")
 */
export function normalizeQuery(q: unknown): string {
  if (typeof q !== "string") throw new KbQueryError("q", "q must be a string");
  if (CONTROL.test(q)) throw new KbQueryError("q", "q must not contain control characters");
  // Cut by code points so a surrogate pair is never split in half.
  const cut =
    q.length > MAX_QUERY_LENGTH
      ? Array.from(q.slice(0, MAX_QUERY_LENGTH * 2))
          .slice(0, MAX_QUERY_LENGTH)
          .join("")
      : q;
  return cut.trim();
}

/**
 * A limit within 1..max (fractions floored); absent → fallback; not a number → KbQueryError.
 *
 * @example
 * checkLimit(1000, 10, 50); // 50
 */
export function checkLimit(limit: unknown, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (typeof limit !== "number" || !Number.isFinite(limit)) throw new KbQueryError("limit", "limit must be a number");
  return Math.min(max, Math.max(1, Math.floor(limit)));
}

/**
 * The locale asked for (default en); anything else → KbQueryError.
 *
 * @example
 * checkLocale(undefined); // "en"
 */
export function checkLocale(locale: unknown): Locale {
  if (locale === undefined) return DEFAULT_LOCALE;
  if (!isLocale(locale)) throw new KbQueryError("locale", `locale must be one of ${LOCALES.join(", ")}`);
  return locale;
}

/** One typed word (or a multi-word synonym phrase found in the query) and its synonyms. */
export type Group = { terms: string[]; alternatives: Phrase[] };

/**
 * Plans a query: processed terms, one group each, plus one group per
 * multi-word synonym phrase found.
 *
 * @example
 * planQuery("lockd out", "en", compileSynonyms("en"));
 * // [{ terms: ["lockd"], alternatives: [] }, { terms: ["out"], alternatives: [] }]
 */
export function planQuery(q: string, locale: Locale, table: SynonymTable): Group[] {
  const process = processTermFor(locale);
  const terms: string[] = [];
  for (const token of tokenize(q)) {
    const term = process(token);
    if (term && !terms.includes(term)) terms.push(term);
    if (terms.length >= MAX_QUERY_TERMS) break;
  }
  const groups: Group[] = terms.map((term) => ({ terms: [term], alternatives: [] }));
  for (const expansion of expandTerms(terms, table)) {
    if (expansion.length === 1) groups[expansion.start]!.alternatives.push(...expansion.alternatives);
    else groups.push({ terms: [], alternatives: expansion.alternatives });
  }
  return groups;
}

/**
 * The minisearch query of a group: the typed word (fuzzy and prefix by
 * length, from the search options) OR each synonym phrase (exact, all words,
 * weighted down).
 *
 * @example
 * groupQuery({ terms: ["otp"], alternatives: [["cod"]] });
 * // { combineWith: "OR", queries: ["otp", { combineWith: "AND", queries: ["cod"], … }] }
 */
export function groupQuery(group: Group): Query {
  const queries: Query[] = [...group.terms];
  for (const phrase of group.alternatives) {
    queries.push({
      combineWith: "AND",
      queries: [...phrase],
      // Synonyms are exact words from a table (variants are listed there): fuzzy or
      // prefix matching them only adds noise and lookups.
      fuzzy: false,
      prefix: false,
      boostTerm: () => SYNONYM_WEIGHT / phrase.length,
    });
  }
  return { combineWith: "OR", queries };
}
