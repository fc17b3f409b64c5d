/**
 * The page shell every page shares: language, navigation, the locale switch, the dev
 * mailbox link in demo mode, and our own stylesheet and scripts (served from
 * /static, so the strict Content-Security-Policy needs no inline anything).
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { messages, type Locale } from "./i18n/messages";

export type LayoutProps = {
  locale: Locale;
  title: string;
  /** Path of the current page without query, for the locale switch link. */
  path: string;
  demo?: boolean;
  scripts?: string[];
  wide?: boolean;
  children?: Child;
};

export function Layout(p: LayoutProps) {
  const t = messages(p.locale).common;
  return (
    <>
    {raw("<!doctype html>")}
    <html lang={p.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} · ${t.product}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        {(p.scripts ?? []).map((s) => (
          <script src={`/static/${s}`} defer></script>
        ))}
      </head>
      <body>
        <a class="skip" href="#main">{t.skip}</a>
        <header class="top">
          <a class="brand" href="/">{t.product}</a>
          <nav aria-label="main">
            <a href="/reset">{t.navReset}</a>
            <a href="/register">{t.navRegister}</a>
            <a href="/kb">{t.navKb}</a>
            <a href="/admin">{t.navAdmin}</a>
            <a href={`${p.path}?lang=${t.languageHref}`} hreflang={t.languageHref} lang={t.languageHref} data-testid="locale-switch">
              {t.language}
            </a>
          </nav>
        </header>
        {p.demo ? (
          <p class="demo">
            <a href="/dev/mailbox">{t.demoMailbox}</a>
          </p>
        ) : null}
        <main id="main" class={p.wide ? "wide" : ""}>
          {p.children}
        </main>
      </body>
    </html>
    </>
  );
}

/** A failure explained: the reason, what to do, the articles, and the reference id to quote. */
export function Explanation(p: {
  locale: Locale;
  title: string;
  detail: string;
  findings?: { code: string; title: string; explanation: string; fixes: { id: string; title: string; actor: string }[]; articles: { title: string; url: string }[] }[];
  diagnosisId?: string;
}) {
  const t = messages(p.locale).common;
  const findings = p.findings ?? [];
  return (
    <section class="problem" role="alert" data-testid="problem">
      <h2>{p.title}</h2>
      <p>{p.detail}</p>
      {findings.map((f) => (
        <div class="finding" data-code={f.code}>
          <h3>{f.title}</h3>
          <p>{f.explanation}</p>
          {f.fixes.length ? (
            <>
              <h4>{t.whatNow}</h4>
              <ul>
                {f.fixes.map((x) => (
                  <li data-fix={x.id}>{x.title}</li>
                ))}
              </ul>
            </>
          ) : null}
          {f.articles.map((a) => (
            <p>
              {t.readMore}: <a href={a.url}>{a.title}</a>
            </p>
          ))}
        </div>
      ))}
      {p.diagnosisId ? (
        <p class="reference">
          {t.referenceId}: <strong data-testid="reference-id">{p.diagnosisId}</strong>
          <br />
          <small>{t.referenceHint}</small>
        </p>
      ) : null}
    </section>
  );
}
