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

/** The page of a failure; a 404 is titled as one, so a tab or a screen reader says which. */
export function errorPage(c: Context, err: AppError, demo: boolean) {
  const locale = pageLocale(c);
  const t = messages(locale).common;
  const notFound = err.status === 404;
  const title = notFound ? t.notFound : t.error;
  return c.html(
    <Layout locale={locale} title={title} path={c.req.path} demo={demo}>
      <section class="problem" role="alert" data-status={err.status}>
        <h1>{title}</h1>
        <p>{notFound && err.code === "not_found" ? t.notFoundText : err.detail}</p>
        <p>
          <a href="/">{t.startOver}</a>
        </p>
      </section>
    </Layout>,
    err.status as 400,
  );
}
