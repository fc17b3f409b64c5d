/**
 * The page shell every page shares: language, navigation, the locale switch, the dev
 * mailbox link in demo mode, and our own stylesheet and scripts (served from
 * /static, so the strict Content-Security-Policy needs no inline anything).
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { HelpdeskContact } from "../db/helpdesk-contact";
import type { ShownFinding } from "./i18n/findings";
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
          {["time-zone.js", ...(p.scripts ?? [])].map((s) => (
            <script src={`/static/${s}`} defer></script>
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            {t.skip}
          </a>
          <header class="top">
            <a class="brand" href="/">
              {t.product}
            </a>
            <nav aria-label="main">
              <a href="/reset">{t.navReset}</a>
              <a href="/register">{t.navRegister}</a>
              <a href="/kb">{t.navKb}</a>
              <a href="/admin">{t.navAdmin}</a>
              <a
                href={`${p.path}?lang=${t.languageHref}`}
                hreflang={t.languageHref}
                lang={t.languageHref}
                data-testid="locale-switch"
              >
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

/**
 * A failure explained to the person: the reason in their words, when they can try again,
 * the steps that are theirs to take, the articles, and — always last — their helpdesk's
 * link or address with the reference id to quote.
 */
export function Explanation(p: {
  locale: Locale;
  title: string;
  /** The page's own heading (a failed wizard step) or a panel inside a page. */
  level?: 1 | 2;
  detail?: string;
  /** "in about 20 hours — tomorrow 08:43": when a pause ends. */
  when?: string;
  findings?: ShownFinding[];
  diagnosisId?: string;
  helpdesk?: HelpdeskContact;
}) {
  const t = messages(p.locale).common;
  const findings = p.findings ?? [];
  const steps = [...new Map(findings.flatMap((f) => f.fixes).map((x) => [x.id, x])).values()];
  const Heading = p.level === 1 ? "h1" : "h2";
  const Sub = p.level === 1 ? "h2" : "h3";
  return (
    <section class="problem" role="alert" data-testid="problem">
      <Heading>{p.title}</Heading>
      {p.detail ? <p>{p.detail}</p> : null}
      {p.when ? (
        <p data-testid="try-again">
          <strong>{t.tryAgainWhen(p.when)}</strong>
        </p>
      ) : null}
      {findings.map((f) => (
        <div class="finding" data-code={f.code}>
          {f.title !== p.title ? <Sub>{f.title}</Sub> : null}
          <p>{f.explanation}</p>
          {f.articles.map((a) => (
            <p>
              {t.readMore}: <a href={a.url}>{a.title}</a>
            </p>
          ))}
        </div>
      ))}
      {steps.length || p.diagnosisId || p.helpdesk?.url || p.helpdesk?.email ? (
        <>
          <Sub>{t.whatNow}</Sub>
          <ul class="steps" data-testid="what-now">
            {steps.map((x) => (
              <li data-fix={x.id}>{x.title}</li>
            ))}
            <li data-testid="helpdesk">
              {t.contactHelpdesk}
              {p.helpdesk?.url || p.helpdesk?.email ? ": " : ""}
              {p.helpdesk?.url ? <a href={p.helpdesk.url}>{p.helpdesk.url.replace(/^https?:\/\//, "")}</a> : null}
              {p.helpdesk?.url && p.helpdesk?.email ? ` ${t.contactOr} ` : ""}
              {p.helpdesk?.email ? <a href={`mailto:${p.helpdesk.email}`}>{p.helpdesk.email}</a> : null}
              {p.diagnosisId ? (
                <>
                  {", "}
                  {t.quoteReference}{" "}
                  <strong class="reference" data-testid="reference-id">
                    {p.diagnosisId}
                  </strong>
                </>
              ) : null}
              .
            </li>
          </ul>
          {p.diagnosisId ? <p class="hint">{t.referenceHint}</p> : null}
        </>
      ) : null}
    </section>
  );
}
