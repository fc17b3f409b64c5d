/**
 * The front page: three doors, one per audience.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { messages, pageLocale } from "../i18n/messages";
import { Layout } from "../layout";

export function homePages(deps: Deps) {
  const app = new Hono();
  app.get("/", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).common;
    return c.html(
      <Layout locale={locale} title={t.tagline} path="/" demo={deps.demo}>
        <h1>{t.product}</h1>
        <p>{t.tagline}</p>
        <ul class="results">
          <li>
            <a href="/reset">{t.navReset}</a>
          </li>
          <li>
            <a href="/register">{t.navRegister}</a>
          </li>
          <li>
            <a href="/kb">{t.navKb}</a>
          </li>
          <li>
            <a href="/admin">{t.navAdmin}</a>
          </li>
        </ul>
      </Layout>,
    );
  });
  return app;
}
