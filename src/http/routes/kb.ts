/**
 * The knowledge base over HTTP (anyone): search, type-ahead suggestions and articles.
 * A query the search refuses (control characters) is a 400 naming the parameter; an
 * empty one simply finds nothing.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { KbQueryError } from "../../knowledge/knowledge-base";
import { answers, newRouter, problem, ProblemSchema } from "../openapi";

const Locale = z.enum(["en", "lv"]);
// Queries are capped well above what search reads (200 characters) so a pasted error still finds something.
const Q = z.string().max(10_000).default("");

const Hit = z
  .object({
    slug: z.string(),
    title: z.string(),
    section: z.string(),
    anchor: z.string(),
    snippet: z.string(),
    score: z.number(),
    answers: z.array(z.string()),
    locale: Locale,
  })
  .openapi("KbHit");

const ArticleSchema = z
  .object({
    slug: z.string(),
    locale: Locale.openapi({ description: "the locale served: en when the Latvian article does not exist" }),
    title: z.string(),
    audience: z.array(z.enum(["user", "admin", "support"])),
    answers: z.array(z.string()).openapi({ description: "finding codes and faq topic keys this article answers" }),
    tags: z.array(z.string()),
    updated: z.string().nullable().openapi({ description: "YYYY-MM-DD; null for an imported page without a date" }),
    html: z.string(),
    sections: z.array(z.object({ anchor: z.string(), heading: z.string(), level: z.number().int() })),
    related: z.array(z.object({ slug: z.string(), title: z.string(), url: z.string() })),
  })
  .openapi("KbArticle");
const SearchResult = z
  .object({
    hits: z.array(Hit),
    confidence: z.enum(["good", "weak", "none"]).openapi({
      description:
        "good: the first hit answers the question; weak: hits only share some of its words (at most 3 are listed); none: nothing matched",
    }),
    language: Locale.openapi({
      description:
        "The language the query is written in; the hits are in it (a Latvian query in the English UI finds Latvian articles)",
    }),
    advice: z.string().nullable().openapi({
      description: "What to try next, in the UI's language, when the result is weak or empty; null when it is good",
    }),
  })
  .openapi("KbSearchResult");

function query<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof KbQueryError)
      throw new AppError(400, "invalid_request", `${err.field}: ${err.message}`, { field: err.field });
    throw err;
  }
}

export function kbRoutes(deps: Deps) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: "get",
      path: "/kb/search",
      tags: ["knowledge base"],
      summary: "Search the FAQ",
      request: {
        query: z.strictObject({
          q: Q,
          locale: Locale.default("en"),
          audience: z.enum(["user", "admin", "support"]).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
      },
      responses: {
        200: {
          description:
            "One hit per article, best first, weak tails cut; `confidence` says whether the first hit answers the question, `advice` what to try when it does not",
          content: { "application/json": { schema: SearchResult } },
        },
        400: problem("Invalid query: `field` names the parameter"),
      },
      ...answers("invalid_request"),
    }),
    (c) => {
      const { q, locale, audience, limit } = c.req.valid("query");
      const result = query(() => deps.kb.ask(q, { locale, limit, ...(audience && { audience }) }));
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/kb/suggest",
      tags: ["knowledge base"],
      summary: "Type-ahead suggestions",
      request: {
        query: z.strictObject({
          q: Q,
          locale: Locale.default("en"),
          limit: z.coerce.number().int().min(1).max(8).default(8),
        }),
      },
      responses: {
        200: {
          description: "Articles whose titles match what is being typed",
          content: {
            "application/json": {
              schema: z.object({
                suggestions: z.array(
                  z.object({ slug: z.string(), title: z.string(), locale: Locale, url: z.string() }),
                ),
              }),
            },
          },
        },
        400: problem("Invalid query: `field` names the parameter"),
      },
      ...answers("invalid_request"),
    }),
    (c) => {
      const { q, locale, limit } = c.req.valid("query");
      return c.json({ suggestions: query(() => deps.kb.suggest(q, { locale, limit })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/kb/articles/{slug}",
      tags: ["knowledge base"],
      summary: "One article",
      request: {
        params: z.object({
          slug: z.string().regex(/^[a-z0-9-]{1,100}$/, "a slug: lower-case letters, digits and dashes"),
        }),
        query: z.strictObject({ locale: Locale.default("en") }),
      },
      responses: {
        200: {
          description: "The article (in English when the Latvian one does not exist; `locale` says which)",
          content: { "application/json": { schema: ArticleSchema } },
        },
        400: problem("Invalid query: `field` names the parameter"),
        404: { description: "No such article", content: { "application/problem+json": { schema: ProblemSchema } } },
      },
      ...answers("invalid_request", "article_not_found"),
    }),
    (c) => {
      const { slug } = c.req.valid("param");
      const article = deps.kb.getArticle(slug, c.req.valid("query").locale);
      if (!article) throw new AppError(404, "article_not_found", `No article "${slug}".`, { field: "slug" });
      return c.json(article, 200);
    },
  );
  return app;
}
