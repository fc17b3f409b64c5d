/**
 * Errors on pages read as pages: a person who followed a stale form or a broken link
 * gets the same layout, the reason in words and a way back — not a JSON body.
 */
import type { Context } from "hono";
import type { AppError } from "../errors";
import { messages, pageLocale } from "./i18n/messages";
import { Layout } from "./layout";

/** Whether this request is a person's browser asking for a page (not the API). */
export function wantsPage(c: Context): boolean {
  return !c.req.path.startsWith("/api/") && (c.req.header("accept") ?? "").includes("text/html");
}

export function errorPage(c: Context, err: AppError, demo: boolean) {
  const locale = pageLocale(c);
  const t = messages(locale).common;
  return c.html(
    <Layout locale={locale} title={t.error} path={c.req.path} demo={demo}>
      <section class="problem" role="alert">
        <h1>{t.error}</h1>
        <p>{err.detail}</p>
        <p>
          <a href="/">{t.startOver}</a>
        </p>
      </section>
    </Layout>,
    err.status as 400,
  );
}
