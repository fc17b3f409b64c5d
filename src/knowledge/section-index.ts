/**
 * The section index: one minisearch index per locale whose documents are
 * article sections, the fields each carries, and its serialized form for the
 * cache. Every locale's index uses that locale's term processor, at index
 * time here and at query time through the query plan.
 */
import MiniSearch from "minisearch";
import { LOCALES, type Locale, type ParsedArticle } from "./article";
import { processTermFor, tokenize } from "./terms";

/**
 * Every section carries its article's title, tags, answer keys and aliases, so
 * those can match on any section. Aliases are the slug's, from every
 * translation: a Latvian article answers to the same Microsoft codes.
 */
export const SEARCH_FIELDS = ["title", "headings", "text", "original", "tags", "answers", "aliases"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type SectionDoc = {
  id: number;
  title: string;
  headings: string;
  text: string;
  original: string;
  tags: string;
  answers: string;
  aliases: string;
};

/** Where an index id points: article and section positions in the article list. */
export type SectionRef = { article: number; section: number };

/** Constructor options; `loadJSON` must get the same ones the index was built with. */
function indexOptions(locale: Locale) {
  const process = processTermFor(locale);
  return {
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    tokenize,
    processTerm: (term: string) => process(term),
  };
}

/**
 * Builds the section list and one index per locale; index ids are positions
 * in `refs`, assigned in article order, then section order.
 *
 * @example
 * const { refs, indexes } = buildIndexes(articles);
 * indexes.lv.search("parole"); // [{ id: 12, … }] → refs[12] = { article: 3, section: 1 }
 */
export function buildIndexes(articles: readonly ParsedArticle[]): {
  refs: SectionRef[];
  indexes: Record<Locale, MiniSearch<SectionDoc>>;
} {
  const refs: SectionRef[] = [];
  const docs: Record<Locale, SectionDoc[]> = { en: [], lv: [] };
  const aliases = new Map<string, Set<string>>();
  for (const article of articles) {
    const set = aliases.get(article.slug) ?? new Set<string>();
    for (const alias of article.aliases) set.add(alias);
    aliases.set(article.slug, set);
  }
  articles.forEach((article, a) => {
    article.sections.forEach((section, s) => {
      const id = refs.length;
      refs.push({ article: a, section: s });
      docs[article.locale].push({
        id,
        title: article.title,
        headings: section.path.join(" "),
        text: section.text,
        original: section.original,
        tags: article.tags.join(" "),
        answers: article.answers.join(" "),
        aliases: [...aliases.get(article.slug)!].join(" "),
      });
    });
  });
  const indexes = {} as Record<Locale, MiniSearch<SectionDoc>>;
  for (const locale of LOCALES) {
    const index = new MiniSearch<SectionDoc>(indexOptions(locale));
    index.addAll(docs[locale]);
    indexes[locale] = index;
  }
  return { refs, indexes };
}

/**
 * Serializes the indexes (minisearch `toJSON`), one JSON string per locale.
 *
 * @example
 * const json = serializeIndexes(indexes); // { en: "{\"documentCount\":…", lv: "…" }
 */
export function serializeIndexes(indexes: Record<Locale, MiniSearch<SectionDoc>>): Record<Locale, string> {
  return { en: JSON.stringify(indexes.en), lv: JSON.stringify(indexes.lv) };
}

/**
 * Reloads indexes written by {@link serializeIndexes} (minisearch `loadJSON`, same options).
 *
 * @example
 * const indexes = loadIndexes(cached.indexes);
 */
export function loadIndexes(json: Record<Locale, string>): Record<Locale, MiniSearch<SectionDoc>> {
  return {
    en: MiniSearch.loadJSON<SectionDoc>(json.en, indexOptions("en")),
    lv: MiniSearch.loadJSON<SectionDoc>(json.lv, indexOptions("lv")),
  };
}

/** The refs of a built article list, as {@link buildIndexes} assigned them (for a cache load). */
export function sectionRefs(articles: readonly ParsedArticle[]): SectionRef[] {
  return articles.flatMap((article, a) => article.sections.map((_, s) => ({ article: a, section: s })));
}
