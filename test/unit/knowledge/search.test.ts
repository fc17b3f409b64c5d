import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { KbQueryError, loadKnowledgeBase, type KnowledgeBase } from "../../../src/knowledge/knowledge-base";
import { fuzziness, normalizeQuery } from "../../../src/knowledge/query";
import { MAX_LIMIT } from "../../../src/knowledge/search";
import { buildSnippet, escapeHtml } from "../../../src/knowledge/snippet";

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "kb");
/** Everything a snippet may contain once its `<mark>` tags are removed contains no `<` at all. */
const ONLY_MARKS = (snippet: string) => !snippet.replace(/<\/?mark>/g, "").includes("<");

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase({ contentDir: CONTENT });
});

describe("search", () => {
  it("returns one hit per article, best first, with its best section", () => {
    const hits = kb.search("code never arrived");
    expect(hits[0]).toMatchObject({
      slug: "reset-codes",
      title: "Verification codes",
      section: "The code never arrived",
      anchor: "the-code-never-arrived",
      locale: "en",
      answers: ["faq_code_lifetime", "faq_no_code_received"],
    });
    expect(new Set(hits.map((h) => h.slug)).size).toBe(hits.length);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("marks matched words in an escaped snippet with no other HTML", () => {
    const [hit] = kb.search("arrive late");
    expect(hit?.snippet).toContain("<mark>arrive</mark> <mark>late</mark>");
    for (const q of ["script", "alert xss", "bad link", "img onerror", "two methods"]) {
      for (const h of kb.search(q)) expect(ONLY_MARKS(h.snippet), `${q}: ${h.snippet}`).toBe(true);
    }
  });

  it("finds a word by a typo, a prefix and a synonym", () => {
    expect(kb.search("verifcation")[0]?.slug).toBe("reset-codes");
    expect(kb.search("writeb")[0]?.slug).toBe("password-writeback");
    expect(kb.search("otp")[0]?.slug).toBe("reset-codes");
    expect(kb.search("sync")[0]?.slug).toBe("password-writeback");
  });

  it("searches Latvian articles for a Latvian query, with or without diacritics", () => {
    for (const q of ["kods nepienāca", "kods nepienaca"]) {
      const [hit] = kb.search(q, { locale: "lv" });
      expect(hit).toMatchObject({ slug: "reset-codes", locale: "lv", anchor: "kods-nepienāca" });
    }
  });

  it("falls back to English when a Latvian query finds nothing in Latvian", () => {
    const hits = kb.search("writeback connector", { locale: "lv" });
    expect(hits[0]).toMatchObject({ slug: "password-writeback", locale: "en" });
  });

  it("filters by audience", () => {
    expect(kb.search("administrator two methods").map((h) => h.slug)).toContain("admin-guide");
    expect(kb.search("administrator two methods", { audience: "user" }).map((h) => h.slug)).not.toContain(
      "admin-guide",
    );
  });

  it("honours limit, capped at 50", () => {
    expect(kb.search("code account password", { limit: 1 })).toHaveLength(1);
    expect(kb.search("code account password", { limit: 1000 }).length).toBeLessThanOrEqual(MAX_LIMIT);
  });

  it.each([[""], ["   "], ["\t\n"], ["the and of"], ["???"]])("answers %j with no hits", (q) => {
    expect(kb.search(q)).toEqual([]);
  });

  it("cuts a query longer than 200 characters instead of failing", () => {
    expect(kb.search(`${"x".repeat(199)} code never arrived`)).toEqual([]);
    expect(kb.search(`code never arrived ${"x".repeat(500)}`)[0]?.slug).toBe("reset-codes");
  });

  it.each([["a\u0000b"], ["\u001b[31m"], ["code\u007f"], ["\u0085"]])(
    "rejects control characters in %j with KbQueryError on q",
    (q) => {
      const error = (() => {
        try {
          kb.search(q);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(KbQueryError);
      expect((error as KbQueryError).field).toBe("q");
    },
  );

  it("rejects an unknown locale, audience or a non-numeric limit with the field named", () => {
    expect(() => kb.search("code", { locale: "de" as never })).toThrow(expect.objectContaining({ field: "locale" }));
    expect(() => kb.search("code", { audience: "boss" as never })).toThrow(
      expect.objectContaining({ field: "audience" }),
    );
    expect(() => kb.search("code", { limit: Number.NaN })).toThrow(expect.objectContaining({ field: "limit" }));
  });

  it("never throws anything but KbQueryError, and snippets never hold other HTML (property)", () => {
    const queries = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc
        .array(fc.constantFrom("code", "<mark>", "</script>", "&amp;", "kods", "ā", "*", "~", "lock", '"', "'", " "), {
          maxLength: 12,
        })
        .map((a) => a.join("")),
    );
    fc.assert(
      fc.property(queries, fc.constantFrom("en" as const, "lv" as const), (q, locale) => {
        try {
          for (const hit of kb.search(q, { locale })) {
            if (!ONLY_MARKS(hit.snippet)) return false;
          }
          kb.suggest(q, { locale });
          return true;
        } catch (error) {
          return error instanceof KbQueryError;
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("suggest", () => {
  it("suggests articles whose title or heading starts with what is typed", () => {
    expect(kb.suggest("verif")).toEqual([
      { slug: "reset-codes", title: "Verification codes", locale: "en", url: "/kb/reset-codes" },
    ]);
    expect(kb.suggest("connector he").map((s) => s.slug)).toEqual(["password-writeback"]);
  });

  it("suggests Latvian articles with a Latvian url, falling back to English", () => {
    expect(kb.suggest("bloķ", { locale: "lv" })[0]).toMatchObject({
      slug: "locked-accounts",
      locale: "lv",
      url: "/kb/locked-accounts?locale=lv",
    });
    expect(kb.suggest("passw", { locale: "lv" })[0]).toMatchObject({ slug: "password-writeback", locale: "en" });
  });

  it("treats the word being typed as unfinished even when it is a stop word so far", () => {
    // "ne" is a Latvian stop word, and also the start of "nepienāca".
    expect(kb.suggest("kods ne", { locale: "lv" }).map((s) => s.slug)).toEqual(["reset-codes"]);
  });

  it("returns at most 8 and nothing for a blank query", () => {
    expect(kb.suggest("")).toEqual([]);
    expect(kb.suggest("c", { limit: 100 }).length).toBeLessThanOrEqual(8);
  });
});

describe("normalizeQuery", () => {
  it("trims, and cuts by code points without splitting a surrogate pair", () => {
    expect(normalizeQuery("  lockd out ")).toBe("lockd out");
    const cut = normalizeQuery("😀".repeat(300));
    expect(Array.from(cut)).toHaveLength(200);
    // No lone surrogate left at the cut.
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe("fuzziness", () => {
  it.each([
    ["sms", 0],
    ["kods", 0],
    ["lockd", 1],
    ["unlock", 1],
    ["writback", 1],
    ["verfication", 2],
  ])("allows %j %i edits", (term, edits) => {
    expect(fuzziness(term)).toBe(edits);
  });
});

describe("buildSnippet", () => {
  it("escapes text and marks matched words", () => {
    expect(buildSnippet("Type <b>&</b> the codes", new Set(["cod"]), "en")).toEqual({
      html: "Type &lt;b&gt;&amp;&lt;/b&gt; the <mark>codes</mark>",
      marks: 1,
    });
  });

  it("cuts about 160 characters around the matches, on word boundaries", () => {
    const text = `${"lorem ipsum ".repeat(40)}the code expired ${"dolor sit ".repeat(40)}`;
    const { html } = buildSnippet(text, new Set(["cod", "expir"]), "en");
    expect(html.startsWith("…")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).toContain("<mark>code</mark> <mark>expired</mark>");
    expect(html.replace(/<\/?mark>/g, "").length).toBeLessThanOrEqual(165);
  });

  it("escapes quotes", () => {
    expect(escapeHtml(`"'`)).toBe("&quot;&#39;");
  });
});
