/**
 * /kb: the knowledge base as pages — a search form with server-rendered hits (it works
 * without JavaScript; /static/kb.js swaps in instant results as you type), a list of
 * every article by audience when nothing is asked, and /kb/<slug>: one article with
 * its contents, related articles and a link to the other language. Only the page
 * shell lives here; search, fallback and rendering belong to `deps.kb`.
 */
import { Hono, type Context } from "hono";
import type { Child } from "hono/jsx";
import type { Deps } from "../../deps";
import { KbQueryError, type Audience, type SearchHit } from "../../knowledge/knowledge-base";
import { messages, pageLocale, type Locale } from "../i18n/messages";
import { Layout } from "../layout";
import { ArticleView } from "./kb-article";

const AUDIENCES: readonly Audience[] = ["user", "admin", "support"];
/** The same number the JSON API returns by default, so the page and kb.js agree. */
const HIT_LIMIT = 10;
/** What the API accepts as a slug; anything else cannot be an article. */
const SLUG = /^[a-z0-9-]{1,100}$/;

const asAudience = (v: string | undefined): Audience | undefined => AUDIENCES.find((a) => a === v);
const asLocale = (v: string | undefined): Locale | undefined => (v === "en" || v === "lv" ? v : undefined);

/** `/kb/<slug>` (+ `?locale=lv`) (+ `#anchor`): spelled as the knowledge base spells it. */
function articleHref(slug: string, locale: Locale, anchor = ""): string {
  return `/kb/${slug}${locale === "en" ? "" : `?locale=${locale}`}${anchor ? `#${anchor}` : ""}`;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/**
 * A snippet as text runs, each marked or not. The knowledge base promises escaped text
 * whose only tags are `<mark>`/`</mark>`; rather than trust that promise with `raw()`,
 * we split on exactly those two tags, un-escape the five entities its escaper writes
 * (in one pass, so `&amp;lt;` stays `&lt;`), and let JSX escape every run again. Any
 * other `<` — were the promise ever broken — is then shown as text, never parsed as
 * markup. kb.js does the same with DOM text nodes.
 *
 * @example
 * snippetRuns("a <mark>code</mark> &amp; more"); // [{ text: "a ", marked: false }, { text: "code", marked: true }, { text: " & more", marked: false }]
 */
export function snippetRuns(snippet: string): { text: string; marked: boolean }[] {
  const runs: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) runs.push({ text: part.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!), marked });
  }
  return runs;
}

export function Snippet(p: { snippet: string }) {
  return <p class="snippet">{snippetRuns(p.snippet).map((r) => (r.marked ? <mark>{r.text}</mark> : r.text))}</p>;
}

/** One hit; kb.js builds the same markup, so both renderings look and test alike. */
function Hit(p: { hit: SearchHit; locale: Locale }) {
  const t = messages(p.locale).kb;
  const h = p.hit;
  return (
    <li class="hit" data-slug={h.slug} lang={h.locale}>
      <h3>
        <a href={articleHref(h.slug, h.locale, h.anchor)}>{h.title}</a>
      </h3>
      {h.section ? (
        <p class="section">
          <span lang={p.locale}>{t.inSection}:</span> {h.section}
        </p>
      ) : null}
      <Snippet snippet={h.snippet} />
    </li>
  );
}

function SearchForm(p: { locale: Locale; q: string; audience?: Audience | undefined }) {
  const t = messages(p.locale).kb;
  return (
    <form method="get" action="/kb" role="search" id="kb-search" class="kb-search">
      <label for="kb-q">{t.searchLabel}</label>
      <input
        id="kb-q"
        name="q"
        type="search"
        value={p.q}
        maxlength={200}
        autocomplete="off"
        list="kb-suggestions"
        aria-describedby="kb-q-hint"
      />
      <small id="kb-q-hint">{t.searchHint}</small>
      <datalist id="kb-suggestions"></datalist>
      <label for="kb-audience">{t.audienceLabel}</label>
      <select id="kb-audience" name="audience">
        <option value="">{t.audienceAll}</option>
        {AUDIENCES.map((a) => (
          <option value={a} selected={p.audience === a}>
            {t.audience[a]}
          </option>
        ))}
      </select>
      <button type="submit">{t.search}</button>
    </form>
  );
}

type Listed = { slug: string; title: string; url: string; locale: Locale; audience: Audience[] };

export function kbPages(deps: Deps) {
  const app = new Hono();

  /**
   * Every article once per locale, for the page with no query. The knowledge base has no
   * "list all" on its public face, but every article answers at least one key, so the
   * articles answering any key are all of them. The KB never changes while the process
   * runs, so each locale's list is built once.
   */
  const listed = new Map<Locale, Listed[]>();
  const allArticles = (locale: Locale): Listed[] => {
    let list = listed.get(locale);
    if (!list) {
      const bySlug = new Map<string, Listed>();
      for (const key of deps.kb.answeredKeys()) {
        for (const ref of deps.kb.articlesFor(key, locale)) {
          if (bySlug.has(ref.slug)) continue;
          const article = deps.kb.getArticle(ref.slug, locale);
          if (article) bySlug.set(ref.slug, { ...ref, locale: article.locale, audience: article.audience });
        }
      }
      list = [...bySlug.values()].sort((a, b) => a.title.localeCompare(b.title, locale));
      listed.set(locale, list);
    }
    return list;
  };

  const page = (c: Context, locale: Locale, title: string, path: string, body: Child, status: 200 | 400 | 404 = 200) =>
    c.html(
      <Layout locale={locale} title={title} path={path} demo={deps.demo} scripts={["kb.js"]}>
        {body}
      </Layout>,
      status,
    );

  app.get("/kb", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).kb;
    const q = (c.req.query("q") ?? "").slice(0, 1000);
    // What the box shows again: control characters (refused below) are dropped, not echoed.
    const shown = q.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "");
    const audience = asAudience(c.req.query("audience"));
    let hits: SearchHit[] = [];
    let advice: string | null = null;
    let badQuery = false;
    try {
      ({ hits, advice } = deps.kb.ask(q, { locale, limit: HIT_LIMIT, ...(audience && { audience }) }));
    } catch (err) {
      // Control characters never come from a keyboard: say so instead of failing the page.
      if (!(err instanceof KbQueryError)) throw err;
      badQuery = true;
    }
    const asked = q.trim() !== "" && !badQuery;
    // Search falls back to English as a whole, so one English hit means they all are.
    const fallback = locale !== "en" && hits.some((h) => h.locale === "en");
    const articles = allArticles(locale);
    return page(
      c,
      locale,
      t.title,
      "/kb",
      <>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <SearchForm locale={locale} q={shown} audience={audience} />
        {/* The live region is always present and never hidden (a region that appears with
            its content is not announced); it is empty while nothing is asked. kb.js reads
            its words from the data- attributes: the CSP allows no inline script to carry them. */}
        <div
          id="kb-results"
          class="kb-results"
          aria-live="polite"
          data-locale={locale}
          data-heading={t.results}
          data-count={t.resultCount}
          data-empty={t.noResults}
          data-fallback={t.fallbackNote}
          data-bad={t.badQuery}
          data-section={t.inSection}
        >
          {asked || badQuery ? <h2>{t.results}</h2> : null}
          {badQuery ? (
            <p class="problem" data-testid="kb-bad-query">
              {t.badQuery}
            </p>
          ) : null}
          {asked ? (
            <>
              <p class="count" data-testid="kb-count">
                {hits.length ? t.resultCount.replace("{n}", String(hits.length)) : (advice ?? t.noResults)}
              </p>
              {fallback ? (
                <p class="notice" data-testid="kb-fallback">
                  {t.fallbackNote}
                </p>
              ) : null}
              {/* No good answer: say so, and what to try next, rather than leave a list of weak hits to speak for itself. */}
              {advice && hits.length ? (
                <p class="notice" data-testid="kb-advice">
                  {advice}
                </p>
              ) : null}
              <ul class="results" data-testid="kb-hits">
                {hits.map((hit) => (
                  <Hit hit={hit} locale={locale} />
                ))}
              </ul>
            </>
          ) : null}
        </div>
        {/* Always rendered, hidden while a query shows results, so kb.js can bring it back when the box is cleared. */}
        <section id="kb-browse" aria-labelledby="kb-browse-heading" hidden={asked || badQuery}>
          <h2 id="kb-browse-heading">{t.browse}</h2>
          {/* Every group is rendered and the filtered-out ones hidden, so kb.js can follow the audience select. */}
          {AUDIENCES.map((a) => (
            <div class="kb-group" data-audience={a} hidden={!!audience && a !== audience}>
              <h3>{t.audience[a]}</h3>
              <ul class="kb-list">
                {articles
                  .filter((x) => x.audience.includes(a))
                  .map((x) => (
                    <li>
                      <a href={x.url} lang={x.locale}>
                        {x.title}
                      </a>
                      {x.locale !== locale ? <small> ({t.inEnglish})</small> : null}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </section>
      </>,
      badQuery ? 400 : 200,
    );
  });

  app.get("/kb/:slug", (c) => {
    const slug = c.req.param("slug");
    const lang = c.req.query("lang");
    const wanted = asLocale(c.req.query("locale"));
    // ?lang= switches (and remembers) the page language; a bare ?locale= from an article
    // link asks for that article's language, and the page around it follows.
    const locale = lang || !wanted ? pageLocale(c) : wanted;
    const contentLocale = lang ? locale : (wanted ?? locale);
    const article = SLUG.test(slug) ? deps.kb.getArticle(slug, contentLocale) : undefined;
    if (!article) {
      const t = messages(locale).kb;
      return page(
        c,
        locale,
        t.notFoundTitle,
        "/kb",
        <>
          <h1>{t.notFoundTitle}</h1>
          <p>{t.notFoundText}</p>
          <SearchForm locale={locale} q="" />
          <p>
            <a href="/kb">{t.allArticles}</a>
          </p>
        </>,
        404,
      );
    }
    // Offer the other language only where the article exists in it (English always does).
    const other: Locale = locale === "en" ? "lv" : "en";
    const otherExists =
      article.locale !== other && (other === "en" || deps.kb.getArticle(slug, other)?.locale === other);
    return page(
      c,
      locale,
      article.title,
      `/kb/${article.slug}`,
      <ArticleView article={article} locale={locale} asked={contentLocale} other={otherExists ? other : undefined} />,
    );
  });
  return app;
}
