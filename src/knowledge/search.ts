/**
 * Search: running a planned query against a locale's section index, scoring,
 * grouping to one hit per article (its best section), snippets, field boosts,
 * alias matches first, the relevance cut-off and confidence, searching in the
 * query's own language with the other as fallback, and type-ahead suggestions.
 *
 * Each user term is searched as its own group (the term, plus its synonyms at
 * a lower weight); a section's score is the sum over groups times the number
 * of groups it matched. That is minisearch's own OR scoring, except that a
 * section matching three synonyms of one word is not rewarded as if it
 * matched three different words of the query.
 */
import type MiniSearch from "minisearch";
import type { Query, SearchOptions } from "minisearch";
import {
  articleUrl,
  DEFAULT_LOCALE,
  isAudience,
  type ArticleSection,
  type Audience,
  type Locale,
  type ParsedArticle,
} from "./article";
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
import { AliasIndex, mentions, type AliasMatch } from "./aliases";
import { LanguageGuesser, type Vocabulary } from "./language";
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
  aliases: 3,
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
  return (
    group.terms.some((t) => queryTerms.has(t)) || group.alternatives.some((p) => p.every((t) => queryTerms.has(t)))
  );
}

type Scored = { id: number; score: number; terms: string[]; matched: number };

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
    return { id: result.id as number, score: raw * Math.max(1, matched), terms: result.terms, matched };
  });
}

/**
 * How sure a search is that its first hit answers the question: `good` when an
 * alias matched or the first hit covers at least half of the words typed,
 * `weak` when the hits only touch the question (shown, but the reader is told
 * so and offered a next step), `none` when nothing matched.
 */
export type Confidence = "good" | "weak" | "none";

/** Hits plus what a page needs to be honest about them. */
export type SearchResult = {
  hits: SearchHit[];
  confidence: Confidence;
  /** The language the query was written in, which the hits are in (may differ from the UI's). */
  language: Locale;
  /** When nothing answers well: what to say and try next, in the UI's language; null for a good result. */
  advice: string | null;
};

/**
 * What a reader is told when no article answers well. The most useful next
 * step is usually the exact code or message they saw (aliases find those), or
 * the helpdesk with the reference id the error page gave them.
 */
const ADVICE: Record<Locale, Record<Exclude<Confidence, "good">, string>> = {
  en: {
    weak: "None of these articles answers your question well: they share only some of its words. Try the exact error code or message you saw (for example SSPR_0029, or an event id such as 33004), fewer words, or ask your helpdesk and give them the reference ID from the error page.",
    none: "No article matches this search. Try the exact error code or message you saw, other words, or browse all articles; if you are stuck, ask your helpdesk and give them the reference ID from the error page.",
  },
  lv: {
    weak: "Neviens no šiem rakstiem labi neatbild uz jūsu jautājumu: tiem ir kopīgi tikai daži tā vārdi. Ievadiet precīzu kļūdas kodu vai ziņojumu, ko redzējāt (piemēram, SSPR_0029 vai notikuma ID, piemēram, 33004), mazāk vārdu vai vērsieties pie IT atbalsta un nosauciet atsauces ID no kļūdas lapas.",
    none: "Neviens raksts neatbilst šim meklējumam. Ievadiet precīzu kļūdas kodu vai ziņojumu, ko redzējāt, citus vārdus vai pārlūkojiet visus rakstus; ja tas nepalīdz, vērsieties pie IT atbalsta un nosauciet atsauces ID no kļūdas lapas.",
  },
};

/** A hit scoring below this share of the best one is noise next to it, not a second answer. */
export const RELATIVE_CUTOFF = 0.25;
/** Below this share of the typed words matched, the best hit is only a guess. */
export const GOOD_COVERAGE = 0.5;
/** A weak result lists at most this many hits: three guesses help, ten bury the advice. */
export const WEAK_LIMIT = 3;

const CONFIDENCE_ORDER: Record<Confidence, number> = { none: 0, weak: 1, good: 2 };

/** One article's best section for a query, before it becomes a hit. */
type Ranked = { article: number; section: number; score: number; terms: Set<string>; coverage: number; alias: number };

/** The search engine over a loaded set of articles and indexes. */
export class SectionSearch {
  private readonly tables: Record<Locale, SynonymTable>;
  /** Processed words of each section's text and original, computed on first use: snippets are most of a query's cost. */
  private readonly spans = new WeakMap<ArticleSection, { text: TermSpan[]; original?: TermSpan[] }>();
  private readonly aliases: AliasIndex;
  private readonly languages: LanguageGuesser;
  /** Article position by locale and slug, for alias matches (which name slugs). */
  private readonly positions: Record<Locale, Map<string, number>> = { en: new Map(), lv: new Map() };

  constructor(
    private readonly articles: readonly ParsedArticle[],
    private readonly refs: readonly SectionRef[],
    private readonly indexes: Record<Locale, MiniSearch<SectionDoc>>,
    vocabulary: Vocabulary,
  ) {
    this.tables = { en: compileSynonyms("en"), lv: compileSynonyms("lv") };
    this.aliases = new AliasIndex(articles);
    this.languages = new LanguageGuesser(vocabulary);
    articles.forEach((article, i) => this.positions[article.locale].set(article.slug, i));
  }

  /**
   * Best section of each matching article, best first.
   *
   * @example
   * engine.search("lockd out", { locale: "en", limit: 3 })[0]?.slug; // "unlock-account"
   */
  search(rawQuery: string, options: SearchOptionsIn = {}): SearchHit[] {
    return this.ask(rawQuery, options).hits;
  }

  /**
   * Search with its confidence and the query's language. The query is
   * searched in the language it is written in (a Latvian query in the English
   * UI finds Latvian articles, and the other way round); when that finds
   * nothing good, the other language is tried and the better result kept.
   * Articles whose aliases the query matches come first; hits far below the
   * best are cut, and a weak result lists at most WEAK_LIMIT.
   *
   * @example
   * engine.ask("SSPR_0013", { locale: "en" }); // { hits: [{ slug: "sspr-scope", … }, …], confidence: "good", language: "en" }
   */
  ask(rawQuery: string, options: SearchOptionsIn = {}): SearchResult {
    const q = normalizeQuery(rawQuery);
    const ui = checkLocale(options.locale);
    if (options.audience !== undefined && !isAudience(options.audience)) {
      throw new KbQueryError("audience", "audience must be one of user, admin, support");
    }
    const limit = checkLimit(options.limit, DEFAULT_LIMIT, MAX_LIMIT);
    // A blank query asked nothing, so there is nothing to advise about.
    if (!q) return { hits: [], confidence: "none", language: ui, advice: null };
    const aliasMatches = this.aliases.match(q);
    const { language, known } = this.languages.guess(q, ui);
    const otherLocale: Locale = language === "en" ? "lv" : "en";
    let best = this.searchLocale(q, language, options.audience, aliasMatches);
    // The other language is worth a second search when nothing was found, or when the result
    // is weak and the other language's articles know some of the words (a typo they do not know
    // would only be fuzzy-matched there too, at the price of a second query).
    if (best.confidence === "none" || (best.confidence === "weak" && known[otherLocale] > 0)) {
      const other = this.searchLocale(q, otherLocale, options.audience, aliasMatches);
      if (CONFIDENCE_ORDER[other.confidence] > CONFIDENCE_ORDER[best.confidence]) best = other;
    }
    const shown = best.ranked.slice(0, best.confidence === "weak" ? Math.min(limit, WEAK_LIMIT) : limit);
    return {
      hits: shown.map((r) => this.toHit(this.articles[r.article]!, r.section, r.score, r.terms)),
      confidence: best.confidence,
      language: best.language,
      advice: best.confidence === "good" ? null : ADVICE[ui][best.confidence],
    };
  }

  private searchLocale(
    q: string,
    locale: Locale,
    audience: Audience | undefined,
    aliasMatches: ReadonlyMap<string, AliasMatch>,
  ): { ranked: Ranked[]; confidence: Confidence; language: Locale } {
    const groups = planQuery(q, locale, this.tables[locale]);
    const typed = Math.max(1, groups.filter((g) => g.terms.length > 0).length);
    const best = new Map<number, Ranked>();
    if (groups.length > 0) {
      for (const scored of scoreSections(this.indexes[locale], groups)) {
        const ref = this.refs[scored.id]!;
        const current = best.get(ref.article);
        if (!current || scored.score > current.score) {
          best.set(ref.article, {
            article: ref.article,
            section: ref.section,
            score: scored.score,
            terms: new Set(scored.terms),
            coverage: Math.min(1, scored.matched / typed),
            alias: 0,
          });
        }
      }
    }
    for (const [slug, match] of aliasMatches) {
      const position = this.positions[locale].get(slug);
      if (position === undefined) continue;
      const current = best.get(position);
      if (current) current.alias = match.strength;
      else best.set(position, this.aliasOnly(position, match));
    }
    const ranked = [...best.values()]
      .filter((r) => !audience || this.articles[r.article]!.audience.includes(audience))
      .sort(
        (a, b) =>
          b.alias - a.alias ||
          b.score - a.score ||
          this.articles[a.article]!.slug.localeCompare(this.articles[b.article]!.slug),
      );
    const top = ranked[0];
    if (!top) return { ranked, confidence: "none", language: locale };
    const topScore = Math.max(...ranked.filter((r) => r.alias === 0).map((r) => r.score), 0);
    const kept = ranked.filter((r) => r.alias > 0 || r.score >= RELATIVE_CUTOFF * topScore);
    const confidence: Confidence = top.alias > 0 || top.coverage >= GOOD_COVERAGE ? "good" : "weak";
    return { ranked: kept, confidence, language: locale };
  }

  /** An article found only through an alias: quote the section naming it, else the intro. */
  private aliasOnly(position: number, match: AliasMatch): Ranked {
    const article = this.articles[position]!;
    const section = Math.max(
      0,
      article.sections.findIndex((s) => match.aliases.some((alias) => mentions(s.text, alias))),
    );
    const process = processTermFor(article.locale);
    const terms = new Set(
      match.aliases.flatMap((alias) =>
        tokenize(alias)
          .map(process)
          .filter((t): t is string => !!t),
      ),
    );
    return { article: position, section, score: 0, terms, coverage: 1, alias: match.strength };
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
    const terms = tokens
      .map((token, i) =>
        // The word being typed is unfinished: "par" is a stop word, but also the start of "parole".
        i === tokens.length - 1 ? (process(token) ?? foldTerm(token)) : process(token),
      )
      .filter((t): t is string => !!t);
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
      out.push({
        slug: article.slug,
        title: article.title,
        locale: article.locale,
        url: articleUrl(article.slug, article.locale),
      });
      if (out.length >= limit) break;
    }
    return out;
  }
}
