import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase, type KnowledgeBase } from "../../../src/knowledge/knowledge-base";
import { localizedSpans } from "../../../src/knowledge/localized-spans";
import { parseArticle } from "../../../src/knowledge/parse";

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = join(HERE, "fixtures", "localized-seed", "input.md");
const seedText = readFileSync(SEED, "utf8");

function transform(markdown: string, options?: Parameters<typeof localizedSpans>[0]): Root {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).parse(markdown);
  localizedSpans(options)(tree);
  return tree;
}

function htmlValues(tree: Root): string[] {
  const out: string[] = [];
  visit(tree, "html", (node) => {
    out.push(node.value);
  });
  return out;
}

describe("localizedSpans", () => {
  it("removes every span and named anchor of the seed file, leaving no html nodes", () => {
    expect(htmlValues(transform(seedText))).toEqual([]);
  });

  it("keeps the localized text visible and moves the original to data.original", () => {
    const tree = transform(seedText);
    const heading = tree.children.find((n) => n.type === "heading")!;
    expect(toString(heading)).toBe("Pašapkalpošanās paroles atiestatīšana (SSPR)");
    expect(heading.data?.original).toEqual(["Self-service password reset (SSPR)"]);
  });

  it("keeps links of the localized half, with their localized text", () => {
    const tree = transform(seedText);
    const links: { url: string; text: string }[] = [];
    visit(tree, "link", (node) => {
      links.push({ url: node.url, text: toString(node) });
    });
    expect(links).toContainEqual({
      url: "https://go.microsoft.com/fwlink/?linkid=849451",
      text: "reģistrētu savu SSPR kontaktinformāciju",
    });
    expect(links).toContainEqual({
      url: "https://docs.microsoft.com/azure/active-directory/authentication/active-directory-passwords-faq",
      text: "BIEŽI UZDOTIE JAUTĀJUMI PAR SSPR",
    });
    // The original half's duplicate links are gone: one link per localized sentence.
    expect(links.filter((l) => l.text.startsWith("Let users"))).toEqual([]);
  });

  it("discards the original text when keepOriginal is false", () => {
    const tree = transform(seedText, { keepOriginal: false });
    let originals = 0;
    visit(tree, (node) => {
      if ((node as { data?: { original?: unknown } }).data?.original) originals++;
    });
    expect(originals).toBe(0);
  });

  it("takes apart a line that markdown parsed as a block html node", () => {
    const tree = transform(
      '<span data-ttu-id="a-1">Sveiki &amp; labdien</span><span class="sxs-lookup"><span data-stu-id="a-1">Hello</span></span>\n',
    );
    expect(tree.children.map((n) => n.type)).toEqual(["paragraph"]);
    expect(toString(tree)).toBe("Sveiki & labdien");
    expect(tree.children[0]!.data?.original).toEqual(["Hello"]);
  });

  it("drops a named anchor standing alone but keeps unrelated inline html for the renderer to drop", () => {
    const tree = transform('<a name="x"></a>\n\nPress <kbd>Enter</kbd>.\n');
    expect(htmlValues(tree)).toEqual(["<kbd>", "</kbd>"]);
  });
});

describe("parseArticle on the seed file", () => {
  it("takes the title from the frontmatter and the locale from ms.contentlocale", () => {
    const result = parseArticle(seedText, { slug: "seed", source: "seed.md" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.title).toBe("Pašapkalpošanās paroles atiestatīšana");
    expect(result.article.locale).toBe("lv");
    expect(result.article.audience).toEqual(["admin"]);
    expect(result.article.answers).toEqual([]);
    expect(result.article.foreign).toBe(true);
  });

  it("leaks no markup or ids into titles, headings, text, original or html", () => {
    const result = parseArticle(seedText, { slug: "seed", source: "seed.md" });
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const { article } = result;
    for (const value of [
      article.title,
      ...article.sections.flatMap((s) => [s.heading, ...s.path, s.text, s.original]),
    ]) {
      expect(value).not.toMatch(/<|data-ttu-id|data-stu-id|sxs-lookup|1dd59-/);
    }
    expect(article.html).not.toMatch(/data-ttu-id|sxs-lookup|1dd59-|<span|<a name/);
    expect(article.sections[0]!.original).toContain("Self-service password reset");
  });
});

describe("searching the seed as an extra document", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ contentDir: join(HERE, "fixtures", "kb"), extraFiles: [SEED] });
  });

  it.each([
    ["Pašapkalpošanās paroles atiestatīšana"],
    ["Self-service password reset"],
    ["pasapkalposanas paroles atiestatisana"],
  ])("finds it for %j in Latvian", (q) => {
    const hits = kb.search(q, { locale: "lv" });
    expect(hits[0]?.slug).toBe("input");
    expect(hits[0]?.title).toBe("Pašapkalpošanās paroles atiestatīšana");
    for (const hit of hits) expect(hit.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/<|data-ttu-id|1dd59-/);
  });

  it("quotes the original English in the snippet when only the original matched", () => {
    const hit = kb.search("troubleshooter", { locale: "lv" })[0];
    expect(hit?.slug).toBe("input");
    expect(hit?.snippet).toContain("<mark>Troubleshooter</mark>");
  });
});
