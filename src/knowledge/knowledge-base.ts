/**
 * The knowledge base: the one public face of `knowledge/`. It loads
 * `content/<locale>/*.md` (plus any extra files), builds or reloads the search
 * index, and answers the questions the rest of the service asks — search,
 * type-ahead, an article by slug, the articles answering a finding code or FAQ
 * key, and which keys have no article. Everything else in this folder is
 * private to it.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_LOCALE, LOCALES, type Audience, type Locale, type ParsedArticle } from "./article";
import { ArticleLookup, type Article, type ArticleRef } from "./articles";
import { contentHash, KB_CODE_VERSION, readCache, writeCache, type ContentFile } from "./cache";
import { KbContentError } from "./frontmatter";
import { buildVocabulary, type Vocabulary } from "./language";
import { parseArticle } from "./parse";
import { SectionSearch, type SearchHit, type SearchResult, type Suggestion } from "./search";
import { buildIndexes, loadIndexes, sectionRefs, serializeIndexes } from "./section-index";

export type { Audience, Locale } from "./article";
export type { Article, ArticleRef } from "./articles";
export { KbContentError } from "./frontmatter";
export { KbQueryError, type Confidence, type SearchHit, type SearchResult, type Suggestion } from "./search";

export type KnowledgeBase = {
  /** One hit per article, best first; `[]` for a blank query; throws KbQueryError for a bad one. */
  search(q: string, opts?: { locale?: Locale; audience?: Audience; limit?: number }): SearchHit[];
  /**
   * The same search with how sure it is (`good` / `weak` / `none`) and the
   * language the query is written in, so a page can say when nothing answers well.
   */
  ask(q: string, opts?: { locale?: Locale; audience?: Audience; limit?: number }): SearchResult;
  /** Up to 8 articles whose title/headings match what is being typed. */
  suggest(q: string, opts?: { locale?: Locale; limit?: number }): Suggestion[];
  /** The article in `locale`, else in English (the result's `locale` says which); undefined if unknown. */
  getArticle(slug: string, locale?: Locale): Article | undefined;
  /** Articles whose `answers` include `key`; url `/kb/<slug>` (+ `?locale=lv`). */
  articlesFor(key: string, locale?: Locale): ArticleRef[];
  /** Keys answered by English articles. */
  answeredKeys(): ReadonlySet<string>;
  contentHash: string;
  stats: { articles: number; sections: number; loadMs: number; fromCache: boolean };
};

export type LoadOptions = {
  /** Folder holding `en/` and `lv/`. */
  contentDir: string;
  /** Where to keep the built index between starts (e.g. `.cache/kb`); no caching when absent. */
  cacheDir?: string;
  /** Loose markdown files (e.g. imported docs pages); locale from their frontmatter, slug from the file name. */
  extraFiles?: readonly string[];
};

/** Shown in errors relative to the working directory, with forward slashes on every OS. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel && !rel.startsWith("..") ? rel : path).split(sep).join("/");
}

function slugOf(path: string): string {
  return basename(path).replace(/\.(md|markdown|txt)$/i, "");
}

async function readContent(options: LoadOptions): Promise<(ContentFile & { locale?: Locale; slug: string })[]> {
  const files: (ContentFile & { locale?: Locale; slug: string })[] = [];
  for (const locale of LOCALES) {
    const dir = join(options.contentDir, locale);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
    } catch (error) {
      // A missing Latvian folder is a KB with no Latvian articles, not a crash.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    for (const name of names) {
      const path = join(dir, name);
      files.push({ name: `${locale}/${name}`, path, text: await readFile(path, "utf8"), locale, slug: slugOf(name) });
    }
  }
  for (const path of options.extraFiles ?? []) {
    files.push({ name: `extra/${basename(path)}`, path, text: await readFile(path, "utf8"), slug: slugOf(path) });
  }
  return files;
}

function buildArticles(files: Awaited<ReturnType<typeof readContent>>): ParsedArticle[] {
  const problems: string[] = [];
  const articles: ParsedArticle[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const source = displayPath(file.path);
    const result = parseArticle(file.text, {
      slug: file.slug,
      source,
      ...(file.locale ? { locale: file.locale } : {}),
    });
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const key = `${result.article.locale}/${result.article.slug}`;
    const other = seen.get(key);
    if (other) {
      problems.push(
        `${source}:1 slug: "${result.article.slug}" (${result.article.locale}) already comes from ${other}`,
      );
      continue;
    }
    seen.set(key, source);
    articles.push(result.article);
  }
  if (problems.length > 0) throw new KbContentError(problems);
  // Stable order (locale, slug) so ids, ties and the cache are reproducible.
  return articles.sort((a, b) =>
    a.locale === b.locale ? a.slug.localeCompare(b.slug) : a.locale === DEFAULT_LOCALE ? -1 : 1,
  );
}

/**
 * Loads the knowledge base: from the cache when the content hash matches,
 * otherwise by parsing every file (and then writing the cache). Throws
 * KbContentError listing every invalid file, each as `file:line field: problem`.
 *
 * @example
 * const kb = await loadKnowledgeBase({ contentDir: "content", cacheDir: ".cache/kb" });
 * kb.search("sms code never arrived")[0]?.answers; // ["faq_code_lifetime", "faq_no_code_received", …]
 */
export async function loadKnowledgeBase(options: LoadOptions): Promise<KnowledgeBase> {
  const started = performance.now();
  const files = await readContent(options);
  const hash = contentHash(files);
  const cached = options.cacheDir ? await readCache(options.cacheDir, hash) : undefined;

  let articles: ParsedArticle[];
  let indexes: ReturnType<typeof loadIndexes>;
  let refs: ReturnType<typeof buildIndexes>["refs"];
  let vocabulary: Vocabulary;
  if (cached) {
    articles = cached.articles;
    indexes = loadIndexes(cached.indexes);
    vocabulary = cached.vocabulary;
    // Ids were assigned in article/section order at build time; recompute the same mapping.
    refs = sectionRefs(articles);
  } else {
    articles = buildArticles(files);
    ({ refs, indexes } = buildIndexes(articles));
    vocabulary = buildVocabulary(articles);
    if (options.cacheDir) {
      await writeCache(options.cacheDir, {
        version: KB_CODE_VERSION,
        hash,
        articles,
        indexes: serializeIndexes(indexes),
        vocabulary: { en: [...vocabulary.en], lv: [...vocabulary.lv] },
      });
    }
  }

  const engine = new SectionSearch(articles, refs, indexes, vocabulary);
  const lookup = new ArticleLookup(articles);
  const answered: ReadonlySet<string> = new Set(
    articles.filter((a) => a.locale === DEFAULT_LOCALE).flatMap((a) => a.answers),
  );
  return {
    search: (q, opts) => engine.search(q, opts),
    ask: (q, opts) => engine.ask(q, opts),
    suggest: (q, opts) => engine.suggest(q, opts),
    getArticle: (slug, locale) => lookup.view(slug, locale ?? DEFAULT_LOCALE),
    articlesFor: (key, locale) => lookup.answering(key, locale ?? DEFAULT_LOCALE),
    answeredKeys: () => answered,
    contentHash: hash,
    stats: {
      articles: articles.length,
      sections: refs.length,
      loadMs: Math.round((performance.now() - started) * 100) / 100,
      fromCache: cached !== undefined,
    },
  };
}

/**
 * The keys no English article answers — for the start-up check and the
 * content test.
 *
 * @example
 * missingAnswers(kb, ANSWER_KEYS); // [] when every finding code and FAQ key has an article
 */
export function missingAnswers(kb: KnowledgeBase, keys: readonly string[]): string[] {
  const answered = kb.answeredKeys();
  return keys.filter((key) => !answered.has(key));
}
