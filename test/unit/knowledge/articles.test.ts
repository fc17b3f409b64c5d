import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase, missingAnswers, type KnowledgeBase } from "../../../src/knowledge/knowledge-base";
import { parseMarkdown } from "../../../src/knowledge/parse";
import { renderHtml } from "../../../src/knowledge/articles";

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "kb");

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase({ contentDir: CONTENT });
});

describe("renderHtml", () => {
  it("drops a <script>, event handlers and javascript: links", () => {
    const html = kb.getArticle("admin-guide")!.html;
    expect(html).not.toMatch(/<script|alert\("xss"\)|onerror|javascript:/i);
    expect(html).toContain("Administrators always need two methods");
  });

  it("gives headings ids without the user-content- prefix", () => {
    const html = renderHtml(parseMarkdown("## Why two methods\n\n### Why two methods\n"), "en");
    expect(html).toBe('<h2 id="why-two-methods">Why two methods</h2>\n<h3 id="why-two-methods-1">Why two methods</h3>');
  });

  it("keeps /kb/ links as they are in English and adds ?locale=lv in Latvian", () => {
    const md = "[a](/kb/x) [b](/kb/y#part) [c](https://example.com/kb/z)";
    expect(renderHtml(parseMarkdown(md), "en")).toBe(
      '<p><a href="/kb/x">a</a> <a href="/kb/y#part">b</a> <a href="https://example.com/kb/z">c</a></p>',
    );
    expect(renderHtml(parseMarkdown(md), "lv")).toBe(
      '<p><a href="/kb/x?locale=lv">a</a> <a href="/kb/y?locale=lv#part">b</a> <a href="https://example.com/kb/z">c</a></p>',
    );
  });
});

describe("getArticle", () => {
  it("returns the article with sections and related articles", () => {
    const article = kb.getArticle("reset-codes")!;
    expect(article).toMatchObject({
      slug: "reset-codes",
      locale: "en",
      title: "Verification codes",
      audience: ["user", "support"],
      answers: ["faq_code_lifetime", "faq_no_code_received"],
      tags: ["code", "otp", "sms code"],
      updated: "2026-11-24",
    });
    expect(article.sections).toEqual([
      { anchor: "the-code-never-arrived", heading: "The code never arrived", level: 2 },
      { anchor: "the-code-expired", heading: "The code expired", level: 2 },
    ]);
    expect(article.html).toContain('<a href="/kb/locked-accounts#unlock-it-yourself">');
    // Linked from it first.
    expect(article.related[0]).toEqual({
      slug: "locked-accounts",
      title: "Locked accounts",
      url: "/kb/locked-accounts",
    });
    expect(article.related.map((r) => r.slug)).not.toContain("reset-codes");
  });

  it("serves the Latvian article with Latvian related links", () => {
    const article = kb.getArticle("reset-codes", "lv")!;
    expect(article.locale).toBe("lv");
    expect(article.title).toBe("Verifikācijas kodi");
    expect(article.html).toContain('href="/kb/locked-accounts?locale=lv"');
    expect(article.related[0]).toEqual({
      slug: "locked-accounts",
      title: "Bloķēti konti",
      url: "/kb/locked-accounts?locale=lv",
    });
  });

  it("falls back to English when there is no Latvian article, and says so in locale", () => {
    expect(kb.getArticle("password-writeback", "lv")).toMatchObject({ slug: "password-writeback", locale: "en" });
  });

  it("returns undefined for an unknown slug", () => {
    expect(kb.getArticle("no-such-article")).toBeUndefined();
  });
});

describe("articlesFor", () => {
  it("lists the articles answering a key, with Latvian urls when asked", () => {
    expect(kb.articlesFor("onprem_account_locked")).toEqual([
      { slug: "locked-accounts", title: "Locked accounts", url: "/kb/locked-accounts" },
    ]);
    expect(kb.articlesFor("onprem_account_locked", "lv")).toEqual([
      { slug: "locked-accounts", title: "Bloķēti konti", url: "/kb/locked-accounts?locale=lv" },
    ]);
    expect(kb.articlesFor("faq_writeback_how", "lv")).toEqual([
      { slug: "password-writeback", title: "Password writeback", url: "/kb/password-writeback" },
    ]);
    expect(kb.articlesFor("no_such_key")).toEqual([]);
  });
});

describe("answeredKeys and missingAnswers", () => {
  it("report the keys no English article answers", () => {
    expect(kb.answeredKeys().has("faq_admin_policy")).toBe(true);
    expect(missingAnswers(kb, ["faq_admin_policy", "account_disabled"])).toEqual(["account_disabled"]);
  });
});
