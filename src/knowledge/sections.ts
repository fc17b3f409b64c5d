/**
 * Sections: the remark plugin that splits an article at its headings into the
 * units search indexes — each with the anchor rehype-slug will give its
 * heading, the path of headings above it, its plain visible text and its
 * original-language text. Anchors are computed by running rehype-slug itself
 * over the heading texts, so a search hit's `#anchor` always lands on the id
 * the rendered page carries.
 */
import type { Element, Root as HastRoot } from "hast";
import type { Heading, Nodes, Root, RootContent } from "mdast";
import rehypeSlug from "rehype-slug";
import type { ArticleSection } from "./article";

declare module "mdast" {
  interface RootData {
    /** Filled by `sectionSplit`. */
    sections?: ArticleSection[];
  }
}

export type SectionSplitOptions = {
  /** Keep a section that has a heading but no body text (default true: its heading is still searchable). */
  keepEmpty?: boolean;
};

/** Nodes whose text must not run into their neighbour's ("cell" + "cell" ≠ "cellcell"). */
const BLOCKS = new Set([
  "paragraph",
  "heading",
  "list",
  "listItem",
  "blockquote",
  "table",
  "tableRow",
  "tableCell",
  "code",
  "footnoteDefinition",
  "thematicBreak",
]);

/**
 * Plain visible text of a node: text, inline code and code values; raw HTML,
 * image alts and frontmatter skipped; blocks separated by a space so words
 * never glue together. A table row reads as one sentence: its cells joined by
 * " · " and a full stop at its end, so a snippet quoting a table shows where
 * one row stops and the next starts instead of one run of words.
 *
 * @example
 * plainText(tableNode); // "Code · Length. Email · 8 digits." rather than "Code Length Email 8 digits"
 */
export function plainText(node: Nodes): string {
  return collapse(textOf(node));
}

function textOf(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
    case "code":
      return node.value;
    case "html":
    case "yaml":
    case "image":
    case "imageReference":
    case "definition":
      return "";
    case "break":
      return " ";
    default:
      break;
  }
  if (!("children" in node)) return "";
  if (node.type === "tableRow") return tableRow(node.children as Nodes[]);
  let out = "";
  for (const child of node.children as Nodes[]) {
    const text = textOf(child);
    out += BLOCKS.has(child.type) ? ` ${text} ` : text;
  }
  return out;
}

/** Cells joined by " · " (empty ones dropped), ended with a full stop unless the last cell ends a sentence already. */
function tableRow(cells: readonly Nodes[]): string {
  const row = cells
    .map((cell) => collapse(textOf(cell)))
    .filter((text) => text.length > 0)
    .join(" · ");
  return row && !/[.!?:;…]$/.test(row) ? ` ${row}. ` : ` ${row} `;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Original-language sentences held (by the localized-spans plugin) anywhere under a node.
 *
 * @example
 * originalText(headingNode); // ["Self-service password reset (SSPR)"]
 */
export function originalText(node: Nodes): string[] {
  const out: string[] = [...(node.data?.original ?? [])];
  if ("children" in node) for (const child of node.children as Nodes[]) out.push(...originalText(child));
  return out;
}

/** Heading text for display: visible text, whitespace collapsed. */
function headingText(heading: Heading): string {
  return collapse(textOf(heading));
}

/**
 * Heading text as hast-util-to-string sees it after remark-rehype — the input
 * rehype-slug slugs. Not collapsed: github-slugger turns each space into a
 * dash, so "a  b" must stay "a  b" to give "a--b" like the page does.
 */
function slugSource(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "break":
      return "\n";
    default:
      return "children" in node ? (node.children as Nodes[]).map(slugSource).join("") : "";
  }
}

/**
 * The ids rehype-slug gives these headings, in order — computed by running
 * rehype-slug on a tree of just the headings, so duplicates get the same
 * `-1`, `-2` suffixes as on the rendered page.
 *
 * @example
 * headingAnchors([{ depth: 2, text: "Codes" }, { depth: 3, text: "Codes" }]); // ["codes", "codes-1"]
 */
export function headingAnchors(headings: readonly { depth: number; text: string }[]): string[] {
  const elements: Element[] = headings.map((h) => ({
    type: "element",
    tagName: `h${h.depth}`,
    properties: {},
    children: [{ type: "text", value: h.text }],
  }));
  const root: HastRoot = { type: "root", children: elements };
  rehypeSlug()(root);
  return elements.map((el) => String(el.properties.id ?? ""));
}

type Draft = { heading?: Heading; level: number; body: RootContent[] };

/**
 * Splits a tree (already through localized-spans) into sections.
 *
 * @example
 * const tree = unified().use(remarkParse).parse("intro\n\n## Codes\n\ntext");
 * splitSections(tree).map((s) => s.anchor); // ["", "codes"]
 */
export function splitSections(tree: Root, options: SectionSplitOptions = {}): ArticleSection[] {
  const keepEmpty = options.keepEmpty ?? true;
  const drafts: Draft[] = [{ level: 0, body: [] }];
  for (const node of tree.children) {
    if (node.type === "heading") drafts.push({ heading: node, level: node.depth, body: [] });
    else if (node.type !== "yaml") drafts.at(-1)!.body.push(node);
  }
  const headed = drafts.filter((d): d is Draft & { heading: Heading } => d.heading !== undefined);
  const anchors = headingAnchors(headed.map((d) => ({ depth: d.level, text: slugSource(d.heading) })));

  const sections: ArticleSection[] = [];
  const stack: { level: number; text: string }[] = [];
  let anchorIndex = 0;
  for (const draft of drafts) {
    const text = collapse(draft.body.map((n) => textOf(n)).join(" "));
    const original = draft.body.flatMap(originalText);
    if (!draft.heading) {
      if (text || original.length > 0) {
        sections.push({ anchor: "", heading: "", path: [], level: 0, text, original: original.join(" ") });
      }
      continue;
    }
    const heading = headingText(draft.heading);
    while (stack.length > 0 && stack.at(-1)!.level >= draft.level) stack.pop();
    stack.push({ level: draft.level, text: heading });
    const anchor = anchors[anchorIndex++] ?? "";
    if (!keepEmpty && !text) continue;
    sections.push({
      anchor,
      heading,
      path: stack.map((s) => s.text),
      level: draft.level,
      text,
      original: [...originalText(draft.heading), ...original].join(" "),
    });
  }
  return sections;
}

/**
 * Remark plugin form of {@link splitSections}: stores the sections on
 * `tree.data.sections` for the caller of `run`.
 *
 * @example
 * const tree = processor.runSync(processor.parse(md)); // processor uses sectionSplit
 * tree.data?.sections?.[0]?.anchor;
 */
export function sectionSplit(options: SectionSplitOptions = {}): (tree: Root) => undefined {
  return (tree) => {
    tree.data ??= {};
    tree.data.sections = splitSections(tree, options);
    return undefined;
  };
}
