/**
 * Query language: which of our languages a query is written in, whatever the
 * UI it was typed into. A Latvian reader may paste an English error message
 * into the Latvian page, and a Latvian colleague may type Latvian into the
 * English one; searching the UI's index alone finds nothing useful for either.
 *
 * The guess uses the articles themselves: each locale's vocabulary is every
 * term its articles contain (processed like the index), and a query belongs to
 * the language in which more of its words are known *only* to that language.
 * Letters with Latvian diacritics settle it outright. Words both languages
 * know (`sspr`, `sms`, codes, numbers) decide nothing, and a tie keeps the
 * UI's language.
 */
import { LOCALES, type Locale, type ParsedArticle } from "./article";
import { foldTerm, processTermFor, processText, STOP_WORDS, tokenize } from "./terms";

/** Letters only Latvian uses among our languages (lower case; the query is lower-cased first). */
const LATVIAN_LETTERS = /[āčēģīķļņšūž]/;

/** Each locale's known terms: every term of its articles' titles, tags, headings, text and original text. */
export type Vocabulary = Record<Locale, readonly string[]>;

/**
 * Builds the vocabularies (at build time; the cache keeps them).
 *
 * @example
 * buildVocabulary(articles).lv.includes("parol"); // true
 */
export function buildVocabulary(articles: readonly ParsedArticle[]): Vocabulary {
  const known: Record<Locale, Set<string>> = { en: new Set(), lv: new Set() };
  for (const article of articles) {
    const add = (text: string) => {
      for (const term of processText(text, article.locale)) known[article.locale].add(term);
    };
    add(article.title);
    article.tags.forEach(add);
    for (const section of article.sections) {
      add(section.heading);
      add(section.text);
      // A docs page's original English is searchable in its locale's index, so its words count there too.
      add(section.original);
    }
  }
  return { en: [...known.en].sort(), lv: [...known.lv].sort() };
}

/** Guesses a query's language from the vocabularies. */
export class LanguageGuesser {
  private readonly vocabulary: Record<Locale, ReadonlySet<string>>;

  constructor(vocabulary: Vocabulary) {
    this.vocabulary = { en: new Set(vocabulary.en), lv: new Set(vocabulary.lv) };
  }

  /**
   * The language of `q`; `ui` when the words do not tell. `known` counts, per
   * locale, the query's words that locale's articles contain at all: a
   * language that knows none of them is not worth a second search.
   *
   * @example
   * guesser.guess("kods nepienāca", "en"); // { language: "lv", known: { en: 0, lv: 2 } }
   * guesser.guess("SSPR_0029", "lv").language; // "lv" (a code is no language)
   */
  guess(q: string, ui: Locale): { language: Locale; known: Record<Locale, number> } {
    const only: Record<Locale, number> = { en: 0, lv: 0 };
    const known: Record<Locale, number> = { en: 0, lv: 0 };
    for (const token of tokenize(q)) {
      const folded = foldTerm(token);
      // A stop word is evidence too: "kā", "nav" and "my", "the" say which language this is.
      const knowing = LOCALES.filter((locale) => {
        if (STOP_WORDS[locale].has(folded)) return true;
        const term = processTermFor(locale)(token);
        return term !== null && this.vocabulary[locale].has(term);
      });
      for (const locale of knowing) known[locale]++;
      if (knowing.length === 1) only[knowing[0]!]++;
    }
    if (LATVIAN_LETTERS.test(q.toLowerCase())) return { language: "lv", known };
    const other: Locale = ui === "en" ? "lv" : "en";
    return { language: only[other] > only[ui] ? other : ui, known };
  }

  /** Just the language (see {@link guess}). */
  languageOf(q: string, ui: Locale): Locale {
    return this.guess(q, ui).language;
  }
}
