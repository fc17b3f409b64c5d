/**
 * Aliases: Microsoft's words for our findings — the portal codes users see
 * (`SSPR_0029`), the audit-log reasons admins paste whole ("User's account has
 * insufficient authentication methods defined…") and the writeback event ids
 * of the Connect server (`33004`). People search with exactly these strings,
 * and word-by-word scoring handles them badly: a code is one rare token that
 * BM25 weighs like any other word, and a pasted sentence is mostly words every
 * article uses. So aliases are matched as wholes, before scoring, and a match
 * puts its article first.
 *
 * Two kinds, told apart by whether the alias has a space:
 * - a **code** matches a query word (or two adjacent words) with the same
 *   letters and digits, ignoring case and punctuation: `SSPR_0013`,
 *   `sspr0013`, `sspr 0013` and `SSPR_0013:` are one code;
 * - a **message** matches when the query contains it, or when a query of at
 *   least MIN_MESSAGE_WORDS words is part of it (a paste cut short, or the
 *   tail of a message copied without its first words). Words are compared
 *   folded, so "isn't" and "isnt", "We’re" and "We're" meet.
 *
 * Aliases belong to a slug, not to one translation: codes and audit texts are
 * the same whatever language the reader uses, so writers list them once, in
 * the English article, and the Latvian one inherits them.
 */
import type { ParsedArticle } from "./article";
import { foldTerm, tokenize } from "./terms";

/** A shorter query is an ordinary search; from this many words it may be a paste of part of a message. */
export const MIN_MESSAGE_WORDS = 5;

/** How strongly a query matched an article's aliases: a message beats a code, more matches beat fewer. */
export type AliasMatch = { strength: number; aliases: string[] };

/** Strength of one message match and one code match; a message is the more specific evidence. */
const MESSAGE = 10;
const CODE = 1;

/** `SSPR_0013:` → `sspr0013`. */
const compact = foldTerm;

/**
 * Whether some words of `text` are the words of `alias` (a message alias, or
 * the words of a code such as `MMS(3040)`), for picking the section to quote.
 *
 * @example
 * mentions("Event 33004 means…", "33004"); // true
 */
export function mentions(text: string, alias: string): boolean {
  return wordsOf(text).includes(wordsOf(alias));
}

/** Folded words joined by single spaces, with a space at each end so `includes` matches whole words. */
function wordsOf(text: string): string {
  // Apostrophes are dropped, not split on: "isn't" → "isnt", as people type it.
  const words = tokenize(text.replace(/['’ʼ]/g, ""))
    .map(foldTerm)
    .filter((w) => w.length > 0);
  return ` ${words.join(" ")} `;
}

type Message = { words: string; alias: string };

/** The aliases of every slug, ready to match. */
export class AliasIndex {
  private readonly codes = new Map<string, { slug: string; alias: string }[]>();
  private readonly messages = new Map<string, Message[]>();

  constructor(articles: readonly ParsedArticle[]) {
    const seen = new Set<string>();
    for (const article of articles) {
      for (const alias of article.aliases) {
        const key = `${article.slug}\u0000${alias}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (/\s/.test(alias.trim())) {
          const words = wordsOf(alias);
          const list = this.messages.get(article.slug) ?? [];
          list.push({ words, alias });
          this.messages.set(article.slug, list);
        } else {
          const code = compact(alias);
          if (!code) continue;
          const list = this.codes.get(code) ?? [];
          list.push({ slug: article.slug, alias });
          this.codes.set(code, list);
        }
      }
    }
  }

  /**
   * The slugs whose aliases the query matches, with how strongly.
   *
   * @example
   * aliases.match("Error SSPR_0013: You aren't a member…"); // Map { "sspr-scope" => { strength: 1, aliases: ["SSPR_0013"] } }
   */
  match(q: string): Map<string, AliasMatch> {
    const out = new Map<string, AliasMatch>();
    const add = (slug: string, strength: number, alias: string) => {
      const current = out.get(slug) ?? { strength: 0, aliases: [] };
      if (current.aliases.includes(alias)) return;
      current.strength += strength;
      current.aliases.push(alias);
      out.set(slug, current);
    };

    const parts = q
      .split(/\s+/)
      .map(compact)
      .filter((p) => p.length > 0);
    for (let i = 0; i < parts.length; i++) {
      const candidates = [parts[i]!, ...(i + 1 < parts.length ? [parts[i]! + parts[i + 1]!] : [])];
      for (const candidate of candidates) {
        for (const { slug, alias } of this.codes.get(candidate) ?? []) add(slug, CODE, alias);
      }
    }

    if (this.messages.size > 0) {
      const query = wordsOf(q);
      const queryWords = query.trim() ? query.trim().split(" ").length : 0;
      for (const [slug, messages] of this.messages) {
        for (const m of messages) {
          if (query.includes(m.words) || (queryWords >= MIN_MESSAGE_WORDS && m.words.includes(query)))
            add(slug, MESSAGE, m.alias);
        }
      }
    }
    return out;
  }
}
