/**
 * Articles as readers get them: markdown rendered to safe HTML, and the
 * lookups around an article — by slug with locale fallback, by answer key,
 * and its related articles. Rendering is remark-rehype → rehype-slug (heading
 * ids) → our link localizer → rehype-sanitize → rehype-stringify.
 *
 * Sanitizing uses GitHub's default schema with `clobberPrefix: ""`: the
 * default would rename every heading id to `user-content-…`, breaking the
 * `#anchor` of search hits and of `/kb/<slug>#anchor` links. Clobbering
 * protects pages that show third-party HTML from ids like `location`; our ids
 * come only from rehype-slug over our own headings (lowercase words and
 * dashes), and raw HTML never reaches the sanitizer (remark-rehype drops it),
 * so the prefix buys nothing here.
 */
import type { Element, Root as HastRoot } from "hast";
import type { Root } from "mdast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { articleUrl, DEFAULT_LOCALE, type Audience, type Locale, type ParsedArticle } from "./article";
import { foldTerm } from "./terms";

export type ArticleRef = { slug: string; title: string; url: string };

/** An article as `GET /kb/articles/:slug` returns it. */
export type Article = {
  slug: string;
  /** The locale actually served: "en" when a Latvian article was asked for but does not exist. */
  locale: Locale;
  title: string;
  audience: Audience[];
  answers: string[];
  tags: string[];
  /** Microsoft's portal codes, audit reasons and event ids that mean this article's findings. */
  aliases: string[];
  /** YYYY-MM-DD; null for an imported docs page without a date. */
  updated: string | null;
  html: string;
  sections: { anchor: string; heading: string; level: number }[];
  related: ArticleRef[];
};

/** How many related articles a page lists. */
export const RELATED_LIMIT = 5;

const SANITIZE_SCHEMA = { ...defaultSchema, clobberPrefix: "" };

/** Internal article links in a Latvian article keep the reader in Latvian. */
function localizeKbLinks(options: { locale: Locale }): (tree: HastRoot) => undefined {
  return (tree) => {
    if (options.locale === DEFAULT_LOCALE) return undefined;
    visit(tree, "element", (node: Element) => {
      const href = node.tagName === "a" ? node.properties.href : undefined;
      if (typeof href !== "string" || !href.startsWith("/kb/") || /[?&]locale=/.test(href)) return;
      const hash = href.indexOf("#");
      const path = hash === -1 ? href : href.slice(0, hash);
      const fragment = hash === -1 ? "" : href.slice(hash);
      node.properties.href = `${path}${path.includes("?") ? "&" : "?"}locale=${options.locale}${fragment}`;
    });
    return undefined;
  };
}

/**
 * Renders a parsed (and span-cleaned) markdown tree to sanitized HTML.
 *
 * @example
 * renderHtml(tree, "lv"); // '<h2 id="kodi">Kodi</h2>\n<p>Sk. <a href="/kb/x?locale=lv">…</a></p>'
 */
export function renderHtml(tree: Root, locale: Locale): string {
  const processor = unified()
    .use(remarkRehype)
    .use(rehypeSlug)
    .use(localizeKbLinks, { locale })
    .use(rehypeSanitize, SANITIZE_SCHEMA)
    .use(rehypeStringify);
  const hast = processor.runSync(tree);
  return processor.stringify(hast);
}

/** Articles of one locale by slug, with a fallback per slug to English. */
export class ArticleLookup {
  private readonly bySlug = new Map<Locale, Map<string, ParsedArticle>>();
  private readonly related = new Map<ParsedArticle, ArticleRef[]>();
  // Per locale, the articles answering each key, most specific first. Built on first use:
  // every finding of every diagnosis asks, and rebuilding the pool per ask was ~2 % of a
  // simulate request (ADR 015). Only keys some article answers are held.
  private readonly byAnswer = new Map<Locale, Map<string, ParsedArticle[]>>();

  constructor(readonly articles: readonly ParsedArticle[]) {
    for (const article of articles) {
      const map = this.bySlug.get(article.locale) ?? new Map<string, ParsedArticle>();
      map.set(article.slug, article);
      this.bySlug.set(article.locale, map);
    }
  }

  /** The article in `locale`, or its English version; undefined when neither exists. */
  find(slug: string, locale: Locale = DEFAULT_LOCALE): ParsedArticle | undefined {
    return this.bySlug.get(locale)?.get(slug) ?? this.bySlug.get(DEFAULT_LOCALE)?.get(slug);
  }

  /** Every slug once, in the locale asked for where it exists, otherwise English. */
  pool(locale: Locale): ParsedArticle[] {
    const out = new Map<string, ParsedArticle>();
    for (const article of this.bySlug.get(DEFAULT_LOCALE)?.values() ?? []) out.set(article.slug, article);
    if (locale !== DEFAULT_LOCALE) {
      for (const article of this.bySlug.get(locale)?.values() ?? []) out.set(article.slug, article);
    }
    return [...out.values()];
  }

  /** The rendered article with its related list. */
  view(slug: string, locale: Locale = DEFAULT_LOCALE): Article | undefined {
    const article = this.find(slug, locale);
    if (!article) return undefined;
    return {
      slug: article.slug,
      locale: article.locale,
      title: article.title,
      audience: [...article.audience],
      answers: [...article.answers],
      tags: [...article.tags],
      aliases: [...article.aliases],
      updated: article.updated ?? null,
      html: article.html,
      sections: article.sections
        .filter((s) => s.level > 0)
        .map((s) => ({ anchor: s.anchor, heading: s.heading, level: s.level })),
      related: this.relatedTo(article),
    };
  }

  /**
   * Articles whose `answers` include `key`, most specific first (fewest
   * answers), in `locale` where translated.
   */
  answering(key: string, locale: Locale = DEFAULT_LOCALE): ArticleRef[] {
    let index = this.byAnswer.get(locale);
    if (index === undefined) {
      index = new Map();
      for (const article of this.pool(locale)) {
        for (const answered of new Set(article.answers)) {
          const list = index.get(answered);
          if (list) list.push(article);
          else index.set(answered, [article]);
        }
      }
      for (const list of index.values())
        list.sort((a, b) => a.answers.length - b.answers.length || a.slug.localeCompare(b.slug));
      this.byAnswer.set(locale, index);
    }
    // Fresh refs each time: a caller may edit the ones it is handed.
    return (index.get(key) ?? []).map(refOf);
  }

  /**
   * Linked articles first (in link order), then those sharing answer keys
   * (weighted 3) or tags (weighted 1); never the article itself.
   */
  relatedTo(article: ParsedArticle): ArticleRef[] {
    const cached = this.related.get(article);
    if (cached) return cached;
    const scores = new Map<string, number>();
    article.links.forEach((link, i) => {
      if (link.slug !== article.slug && this.find(link.slug, article.locale)) {
        scores.set(link.slug, Math.max(scores.get(link.slug) ?? 0, 1000 - i));
      }
    });
    const tags = new Set(article.tags.map(foldTerm));
    for (const other of this.pool(article.locale)) {
      if (other.slug === article.slug || scores.has(other.slug)) continue;
      const score =
        3 * other.answers.filter((k) => article.answers.includes(k)).length +
        other.tags.filter((t) => tags.has(foldTerm(t))).length;
      if (score > 0) scores.set(other.slug, score);
    }
    const refs = [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, RELATED_LIMIT)
      .map(([slug]) => refOf(this.find(slug, article.locale)!));
    this.related.set(article, refs);
    return refs;
  }
}

function refOf(article: ParsedArticle): ArticleRef {
  return { slug: article.slug, title: article.title, url: articleUrl(article.slug, article.locale) };
}
