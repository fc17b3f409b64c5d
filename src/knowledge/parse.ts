/**
 * The content pipeline: one markdown file in, one parsed article out —
 * remark-parse → remark-frontmatter → remark-gfm → localized spans → section
 * split, then frontmatter validation, internal-link collection and rendering
 * of the same tree, so each file goes through unified exactly once.
 */
import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import type { KbLink, Locale, ParsedArticle } from "./article";
import { renderHtml } from "./articles";
import { readFrontmatter } from "./frontmatter";
import { localizedSpans, type LocalizedSpansOptions } from "./localized-spans";
import { sectionSplit } from "./sections";

export type ParseInput = {
  /** File name without `.md`; identical across locales. */
  slug: string;
  /** From the folder (`content/<locale>/`); undefined for loose files. */
  locale?: Locale;
  /** Shown in errors, e.g. `content/en/x.md`. */
  source: string;
  spans?: LocalizedSpansOptions;
};

export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; problems: string[] };

/**
 * Parses markdown and runs our transforms; exported for tests and tools that
 * need the tree.
 *
 * @example
 * const tree = parseMarkdown("# Hi\n\ntext");
 * tree.data?.sections?.[0]?.anchor; // "hi"
 */
export function parseMarkdown(markdown: string, spans: LocalizedSpansOptions = {}): Root {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkGfm)
    .use(localizedSpans, spans)
    .use(sectionSplit);
  // Our transforms work in place and keep the mdast root, which unified's chain typing cannot see.
  return processor.runSync(processor.parse(markdown)) as Root;
}

const KB_LINK = /^\/kb\/([a-z0-9][a-z0-9-]*)\/?(?:\?[^#]*)?(?:#(.*))?$/;

/** `/kb/<slug>` and `/kb/<slug>#<anchor>` links in a tree, in document order. */
export function kbLinks(tree: Root): KbLink[] {
  const links: KbLink[] = [];
  visit(tree, "link", (node) => {
    const match = KB_LINK.exec(node.url);
    if (!match) return;
    let anchor = match[2] ?? "";
    try {
      anchor = decodeURIComponent(anchor);
    } catch {
      // A malformed escape stays as written; the content test will report it as unresolved.
    }
    links.push({ slug: match[1]!, anchor });
  });
  return links;
}

/**
 * Parses one article file. Problems name file, line and field.
 *
 * @example
 * const result = parseArticle(readFileSync("content/en/verification-codes.md", "utf8"),
 *   { slug: "verification-codes", locale: "en", source: "content/en/verification-codes.md" });
 * if (result.ok) result.article.sections.map((s) => s.anchor);
 */
export function parseArticle(markdown: string, input: ParseInput): ParseResult {
  const tree = parseMarkdown(markdown, input.spans);
  const yaml = tree.children[0]?.type === "yaml" ? tree.children[0] : undefined;
  if (!yaml) return { ok: false, problems: [`${input.source}:1 frontmatter: missing (expected a --- block first)`] };
  const header = readFrontmatter({
    yaml: yaml.value,
    startLine: yaml.position?.start.line ?? 1,
    source: input.source,
    slug: input.slug,
    ...(input.locale ? { locale: input.locale } : {}),
  });
  if (!header.ok) return header;
  return {
    ok: true,
    article: {
      ...header.meta,
      sections: tree.data?.sections ?? [],
      links: kbLinks(tree),
      html: renderHtml(tree, header.meta.locale),
    },
  };
}
