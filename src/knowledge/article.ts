/**
 * The parsed article: what one markdown file of the knowledge base becomes
 * after the pipeline has run — its validated frontmatter, its sections (the
 * unit that search indexes and snippets quote) and its internal links. Every
 * other knowledge module reads or produces these shapes, so they live apart
 * from any one of them.
 */

export const LOCALES = ["en", "lv"] as const;
export type Locale = (typeof LOCALES)[number];

export const AUDIENCES = ["user", "admin", "support"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The locale an article falls back to when a translation is missing. */
export const DEFAULT_LOCALE: Locale = "en";

/**
 * Narrows untrusted input (a query parameter) to a locale.
 *
 * @example
 * isLocale("lv"); // true
 */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Narrows untrusted input to an audience.
 *
 * @example
 * isAudience("boss"); // false
 */
export function isAudience(value: unknown): value is Audience {
  return typeof value === "string" && (AUDIENCES as readonly string[]).includes(value);
}

/**
 * One section of an article: the text under one heading, up to the next
 * heading of any level. The intro (text before the first heading) has anchor
 * "" and level 0.
 */
export type ArticleSection = {
  /** Heading id as rehype-slug renders it ("" for the intro). */
  anchor: string;
  /** The heading's own plain text ("" for the intro). */
  heading: string;
  /** Headings from the outermost down to this one. */
  path: string[];
  /** 1..6, 0 for the intro. */
  level: number;
  /** Plain, visible text of the section body: no markup, whitespace collapsed. */
  text: string;
  /** Original-language text of a docs-localized article (searchable, never shown). */
  original: string;
};

/** A link to another article, written `/kb/<slug>` or `/kb/<slug>#<anchor>`. */
export type KbLink = { slug: string; anchor: string };

export type ArticleMeta = {
  slug: string;
  locale: Locale;
  /** Where it came from, for error messages (`content/en/x.md`). */
  source: string;
  title: string;
  audience: Audience[];
  answers: string[];
  tags: string[];
  /**
   * Microsoft's words for this article's findings: portal codes (`SSPR_0013`),
   * audit reasons and writeback event ids. Searching one puts the article first.
   */
  aliases: string[];
  /** YYYY-MM-DD; absent for a docs-localized article without a date. */
  updated?: string;
  /** True for a Microsoft-docs style file (ms.* frontmatter, no `answers`). */
  foreign: boolean;
};

export type ParsedArticle = ArticleMeta & {
  sections: ArticleSection[];
  links: KbLink[];
  /** Rendered, sanitized HTML of the body. */
  html: string;
};

/**
 * `/kb/<slug>`, with `?locale=lv` for Latvian: the one place article URLs are spelled.
 *
 * @example
 * articleUrl("unlock-account", "lv", "kāpēc"); // "/kb/unlock-account?locale=lv#kāpēc"
 */
export function articleUrl(slug: string, locale: Locale, anchor = ""): string {
  const query = locale === DEFAULT_LOCALE ? "" : `?locale=${locale}`;
  return `/kb/${slug}${query}${anchor ? `#${anchor}` : ""}`;
}
