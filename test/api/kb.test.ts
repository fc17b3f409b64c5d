import { describe, expect, it } from "vitest";
import { problemOf, testApp } from "../support/test-deps";

type Hits = {
  hits: { slug: string; title: string; snippet: string; answers: string[]; locale: string; anchor: string }[];
};

describe("GET /api/v1/kb/search", () => {
  it("finds the article answering a typo-ridden question, with answers, locale and a marked snippet", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/kb/search?q=lockd%20out%20of%20my%20acount");
    expect(res.status).toBe(200);
    const { hits } = (await res.json()) as Hits;
    expect(
      hits
        .slice(0, 3)
        .some((h) => h.answers.includes("onprem_account_locked") || h.answers.includes("faq_unlock_without_reset")),
    ).toBe(true);
    expect(hits[0]!.locale).toBe("en");
    expect(hits[0]!.snippet.replace(/<\/?mark>/g, "")).not.toContain("<");
  });

  it("searches Latvian with folded diacritics", async () => {
    const t = await testApp();
    const { hits } = (await (await t.app.request("/api/v1/kb/search?q=parole%20par%20isu&locale=lv")).json()) as Hits;
    expect(hits[0]).toMatchObject({ slug: "password-rules", locale: "lv" });
  });

  it("answers an empty query with no hits", async () => {
    const t = await testApp();
    expect(await (await t.app.request("/api/v1/kb/search?q=")).json()).toEqual({
      hits: [],
      confidence: "none",
      language: "en",
      advice: null,
    });
  });

  it("puts the article a pasted portal error means first, and calls the result good", async () => {
    const t = await testApp();
    const q = encodeURIComponent("SSPR_0013: You aren't a member of a group enabled for password reset.");
    const body = (await (await t.app.request(`/api/v1/kb/search?q=${q}`)).json()) as Hits & {
      confidence: string;
      advice: string | null;
    };
    expect(body.hits[0]!.slug).toBe("sspr-scope");
    expect(body).toMatchObject({ confidence: "good", advice: null });
  });

  it("says when nothing answers well and suggests what to try, in the UI's language, with at most three hits", async () => {
    const t = await testApp();
    for (const [locale, words] of [
      ["en", "error code"],
      ["lv", "kļūdas kodu"],
    ] as const) {
      const res = await t.app.request(
        `/api/v1/kb/search?q=password%20quantum%20blockchain%20synergy%20turnip&locale=${locale}`,
      );
      const body = (await res.json()) as Hits & { confidence: string; advice: string };
      expect(body.confidence).toBe("weak");
      expect(body.hits.length).toBeLessThanOrEqual(3);
      expect(body.advice).toContain(words);
    }
  });

  it("finds Latvian articles for a Latvian query in the English UI, and says which language it read", async () => {
    const t = await testApp();
    const body = (await (await t.app.request("/api/v1/kb/search?q=kods%20nepien%C4%81ca&locale=en")).json()) as Hits & {
      language: string;
    };
    expect(body.language).toBe("lv");
    expect(body.hits[0]).toMatchObject({ slug: "verification-codes", locale: "lv" });
  });

  it("refuses a 10 KB query and control characters with a 400 naming q", async () => {
    const t = await testApp();
    const long = await t.app.request(`/api/v1/kb/search?q=${"a".repeat(10_241)}`);
    expect(long.status).toBe(400);
    expect((await problemOf(long)).field).toBe("q");
    const control = await t.app.request("/api/v1/kb/search?q=code%00x");
    expect(control.status).toBe(400);
    expect((await problemOf(control)).field).toBe("q");
  });

  it("refuses an unknown locale naming the field", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/kb/search?q=code&locale=de");
    expect((await problemOf(res)).field).toBe("locale");
  });
});

describe("GET /api/v1/kb/articles/:slug and /kb/suggest", () => {
  it("serves an article with sanitized html, sections and related articles, in Latvian when asked", async () => {
    const t = await testApp();
    const a = (await (await t.app.request("/api/v1/kb/articles/throttling-and-blocks?locale=lv")).json()) as {
      locale: string;
      html: string;
      sections: unknown[];
      related: unknown[];
      answers: string[];
    };
    expect(a.locale).toBe("lv");
    expect(a.answers).toContain("too_many_codes_sent");
    expect(a.sections.length).toBeGreaterThan(1);
    expect(a.related.length).toBeGreaterThan(0);
    expect(a.html).not.toMatch(/<script/i);
  });

  it("404s an unknown article", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/kb/articles/no-such-article");
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe("article_not_found");
  });

  it("suggests articles for what is being typed", async () => {
    const t = await testApp();
    const { suggestions } = (await (await t.app.request("/api/v1/kb/suggest?q=writeb")).json()) as {
      suggestions: { slug: string }[];
    };
    expect(suggestions.map((s) => s.slug)).toContain("password-writeback");
  });
});
