/**
 * One knowledge-base article as a page: its contents as a nested list of the article's
 * own headings, the sanitized body, related articles and the other language.
 */
import { raw } from "hono/html";
import type { Article } from "../../knowledge/knowledge-base";
import { messages, type Locale } from "../i18n/messages";

/** The contents as a nested list: each heading under the nearest shallower one before it. */
type TocNode = { anchor: string; heading: string; level: number; children: TocNode[] };
function tocTree(sections: Article["sections"]): TocNode[] {
  const root: TocNode = { anchor: "", heading: "", level: 0, children: [] };
  const stack: TocNode[] = [root];
  for (const s of sections) {
    const node: TocNode = { ...s, children: [] };
    while (stack.length > 1 && stack[stack.length - 1]!.level >= s.level) stack.pop();
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  }
  return root.children;
}

function Toc(p: { nodes: TocNode[] }) {
  return (
    <ol>
      {p.nodes.map((n) => (
        <li>
          <a href={`#${n.anchor}`}>{n.heading}</a>
          {n.children.length ? <Toc nodes={n.children} /> : null}
        </li>
      ))}
    </ol>
  );
}

export function ArticleView(p: { article: Article; locale: Locale; asked: Locale; other: Locale | undefined }) {
  const t = messages(p.locale).kb;
  const a = p.article;
  return (
    <article class="kb-article" lang={a.locale} data-locale={a.locale}>
      <h1>{a.title}</h1>
      {a.locale !== p.asked ? (
        <p class="notice" lang={p.locale} data-testid="kb-article-fallback">
          {t.fallbackArticle}
        </p>
      ) : null}
      <p class="kb-meta" lang={p.locale}>
        {a.updated ? (
          <>
            {t.updated}:{" "}
            <time datetime={a.updated}>
              {new Intl.DateTimeFormat(p.locale, { dateStyle: "long", timeZone: "UTC" }).format(
                new Date(`${a.updated}T00:00:00Z`),
              )}
            </time>
          </>
        ) : null}
        {p.other ? (
          <>
            {a.updated ? " · " : null}
            <a href={`/kb/${a.slug}?lang=${p.other}`} hreflang={p.other} lang={p.other} data-testid="kb-other-locale">
              {t.otherLocale}
            </a>
          </>
        ) : null}
      </p>
      {a.sections.length ? (
        <nav class="toc" aria-labelledby="kb-toc-heading" lang={p.locale}>
          <h2 id="kb-toc-heading">{t.contents}</h2>
          <Toc nodes={tocTree(a.sections)} />
        </nav>
      ) : null}
      {/* The html went through rehype-sanitize (GitHub's schema) when the knowledge base
          was built, and raw HTML in the markdown never reaches it; raw() is safe here. */}
      <div class="kb-body">{raw(a.html)}</div>
      {/* The finding codes and FAQ keys an article answers are for the machinery (links from a
          diagnosis, the API's `answers`), not for readers: they are not shown (issue 13, item 10). */}
      {a.related.length ? (
        <section aria-labelledby="kb-related-heading" lang={p.locale}>
          <h2 id="kb-related-heading">{t.related}</h2>
          <ul class="kb-related" data-testid="kb-related">
            {a.related.map((r) => (
              <li>
                <a href={r.url}>{r.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
