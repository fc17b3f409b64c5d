/**
 * Search: running a planned query against a locale's section index, scoring,
 * grouping to one hit per article (its best section), snippets, field boosts,
 * the Latvian→English fallback and type-ahead suggestions.
 *
 * Each user term is searched as its own group (the term, plus its synonyms at
 * a lower weight); a section's score is the sum over groups times the number
 * of groups it matched. That is minisearch's own OR scoring, except that a
 * section matching three synonyms of one word is not rewarded as if it
 * matched three different words of the query.
 */
import type MiniSearch from "minisearch";
import type { Query, SearchOptions } from "minisearch";
import { articleUrl, DEFAULT_LOCALE, isAudience, type ArticleSection, type Audience, type Locale, type ParsedArticle } from "./article";
import {
  checkLimit,
  checkLocale,
  fuzziness,
  groupQuery,
  KbQueryError,
  MAX_QUERY_TERMS,
  normalizeQuery,
  planQuery,
  prefixFor,
  type Group,
} from "./query";
import type { SearchField, SectionDoc, SectionRef } from "./section-index";
import { buildSnippet, termSpans, type TermSpan } from "./snippet";
import { compileSynonyms, type SynonymTable } from "./synonyms";
import { foldTerm, processTermFor, tokenize } from "./terms";

export { KbQueryError } from "./query";

export type SearchHit = {
  slug: string;
  title: string;
  /** Heading of the best-matching section ("" for the text before the first heading). */
  section: string;
  anchor: string;
  /** Escaped plain text; only `<mark>`…`</mark>` tags. */
  snippet: string;
  score: number;
  answers: string[];
  locale: Locale;
};

/** A type-ahead suggestion: an article whose title or a heading starts with what was typed. */
export type Suggestion = { slug: string; title: string; locale: Locale; url: string };

export type SearchOptionsIn = { locale?: Locale; audience?: Audience; limit?: number };

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;
export const SUGGEST_LIMIT = 8;

/**
 * Title, answers and tags are what an article is *about*; body text only
 * mentions things. Original-language text of a docs page weighs a bit less
 * than the text readers see.
 */
export const FIELD_BOOSTS: Record<SearchField, number> = {
  title: 4,
  answers: 3,
  tags: 3,
  headings: 2,
  text: 1,
  original: 0.8,
};

const QUERY_OPTIONS: SearchOptions = {
  // Leaves are already processed terms.
  tokenize: (text) => [text],
  processTerm: (term) => term,
  prefix: prefixFor,
  fuzzy: fuzziness,
  boost: FIELD_BOOSTS,
};

/** Whether a result that matched `queryTerms` matched this group (its word, or a whole synonym phrase). */
function matchedGroup(group: Group, queryTerms: ReadonlySet<string>): boolean {
  return group.terms.some((t) => queryTerms.has(t)) || group.alternatives.some((p) => p.every((t) => queryTerms.has(t)));
}

type Scored = { id: number; score: number; terms: string[] };

/**
 * Scores sections for the planned groups in one minisearch call. minisearch
 * multiplies a result's score by the number of distinct query terms it
 * matched; synonyms would inflate that, so the factor is replaced by the
 * number of groups (typed words) matched.
 */
function scoreSections(index: MiniSearch<SectionDoc>, groups: Group[]): Scored[] {
  const query: Query = { combineWith: "OR", queries: groups.map(groupQuery) };
  return index.search(query, QUERY_OPTIONS).map((result) => {
    const queryTerms = new Set<string>(result.queryTerms);
    const raw = result.score / Math.max(1, queryTerms.size);
    const matched = groups.reduce((n, group) => n + (matchedGroup(group, queryTerms) ? 1 : 0), 0);
    return { id: result.id as number, score: raw * Math.max(1, matched), terms: result.terms };
  });
}

/** The search engine over a loaded set of articles and indexes. */
export class SectionSearch {
  private readonly tables: Record<Locale, SynonymTable>;
  /** Processed words of each section's text and original, computed on first use: snippets are most of a query's cost. */
  private readonly spans = new WeakMap<ArticleSection, { text: TermSpan[]; original?: TermSpan[] }>();

  constructor(
    private readonly articles: readonly ParsedArticle[],
    private readonly refs: readonly SectionRef[],
    private readonly indexes: Record<Locale, MiniSearch<SectionDoc>>,
  ) {
    this.tables = { en: compileSynonyms("en"), lv: compileSynonyms("lv") };
  }

  /**
   * Best section of each matching article, best first.
   *
   * @example
   * engine.search("lockd out", { locale: "en", limit: 3 })[0]?.slug; // "unlock-account"
   */
  search(rawQuery: string, options: SearchOptionsIn = {}): SearchHit[] {
    const q = normalizeQuery(rawQuery);
    const locale = checkLocale(options.locale);
    if (options.audience !== undefined && !isAudience(options.audience)) {
      throw new KbQueryError("audience", "audience must be one of user, admin, support");
    }
    const limit = checkLimit(options.limit, DEFAULT_LIMIT, MAX_LIMIT);
    if (!q) return [];
    const hits = this.searchLocale(q, locale, options.audience, limit);
    // A Latvian question with no Latvian answer may still have an English one.
    if (hits.length === 0 && locale !== DEFAULT_LOCALE) return this.searchLocale(q, DEFAULT_LOCALE, options.audience, limit);
    return hits;
  }

  private searchLocale(q: string, locale: Locale, audience: Audience | undefined, limit: number): SearchHit[] {
    const groups = planQuery(q, locale, this.tables[locale]);
    if (groups.length === 0) return [];
    const best = new Map<number, Scored>();
    for (const scored of scoreSections(this.indexes[locale], groups)) {
      const ref = this.refs[scored.id]!;
      const article = this.articles[ref.article]!;
      if (audience && !article.audience.includes(audience)) continue;
      const current = best.get(ref.article);
      if (!current || scored.score > current.score) best.set(ref.article, scored);
    }
    return [...best.entries()]
      .sort((a, b) => b[1].score - a[1].score || this.articles[a[0]]!.slug.localeCompare(this.articles[b[0]]!.slug))
      .slice(0, limit)
      .map(([articleIndex, hit]) => this.toHit(this.articles[articleIndex]!, this.refs[hit.id]!.section, hit.score, new Set(hit.terms)));
  }

  private toHit(article: ParsedArticle, sectionIndex: number, score: number, terms: Set<string>): SearchHit {
    const section = article.sections[sectionIndex]!;
    let spans = this.spans.get(section);
    if (!spans) {
      spans = { text: termSpans(section.text, article.locale) };
      this.spans.set(section, spans);
    }
    let snippet = buildSnippet(section.text, terms, article.locale, undefined, spans.text);
    if (snippet.marks === 0 && section.original) {
      // An English query that matched only the original text of a localized docs page.
      spans.original ??= termSpans(section.original, article.locale);
      const original = buildSnippet(section.original, terms, article.locale, undefined, spans.original);
      if (original.marks > 0) snippet = original;
    }
    return {
      slug: article.slug,
      title: article.title,
      section: section.heading,
      anchor: section.anchor,
      snippet: snippet.html,
      score: Math.round(score * 1000) / 1000,
      answers: [...article.answers],
      locale: article.locale,
    };
  }

  /**
   * Type-ahead: articles whose title or headings contain every typed word,
   * the last one as a prefix. Falls back to English like search.
   *
   * @example
   * engine.suggest("passw", { locale: "en" }); // [{ slug: "password-rules", title: "…", locale: "en", url: "/kb/password-rules" }, …]
   */
  suggest(rawQuery: string, options: { locale?: Locale; limit?: number } = {}): Suggestion[] {
    const q = normalizeQuery(rawQuery);
    const locale = checkLocale(options.locale);
    const limit = checkLimit(options.limit, SUGGEST_LIMIT, SUGGEST_LIMIT);
    if (!q) return [];
    const found = this.suggestLocale(q, locale, limit);
    if (found.length === 0 && locale !== DEFAULT_LOCALE) return this.suggestLocale(q, DEFAULT_LOCALE, limit);
    return found;
  }

  private suggestLocale(q: string, locale: Locale, limit: number): Suggestion[] {
    const process = processTermFor(locale);
    const tokens = tokenize(q).slice(0, MAX_QUERY_TERMS);
    const terms = tokens.map((token, i) =>
      // The word being typed is unfinished: "par" is a stop word, but also the start of "parole".
      i === tokens.length - 1 ? (process(token) ?? foldTerm(token)) : process(token),
    ).filter((t): t is string => !!t);
    if (terms.length === 0) return [];
    const last = terms.length - 1;
    const results = this.indexes[locale].search(terms.join(" "), {
      fields: ["title", "headings"],
      boost: { title: 2, headings: 1 },
      // The terms are processed already; split them back apart without processing again.
      tokenize: (text) => text.split(" "),
      processTerm: (term) => term,
      combineWith: "AND",
      // Only the word being typed is a prefix; earlier words are complete.
      prefix: (_term, i) => i === last,
      fuzzy: (term) => (term.length >= 5 ? 1 : 0),
    });
    const seen = new Set<number>();
    const out: Suggestion[] = [];
    for (const result of results) {
      const articleIndex = this.refs[result.id as number]!.article;
      if (seen.has(articleIndex)) continue;
      seen.add(articleIndex);
      const article = this.articles[articleIndex]!;
      out.push({ slug: article.slug, title: article.title, locale: article.locale, url: articleUrl(article.slug, article.locale) });
      if (out.length >= limit) break;
    }
    return out;
  }
}
