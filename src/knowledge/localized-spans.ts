/**
 * Docs-localized markup: the remark plugin that turns Microsoft-docs machine
 * translations — `<span data-ttu-id="…">localized</span><span
 * class="sxs-lookup"><span data-stu-id="…">original</span></span>` pairs, and
 * `<a name="…"></a>` heading anchors — into plain markdown. The localized text
 * stays in the tree as what readers see; the original-language text moves to
 * `node.data.original` of the node that held it, so the section splitter can
 * make it searchable without it ever being rendered; every span and anchor tag
 * is dropped; links inside either half survive as links.
 *
 * Inline, the pairs arrive as separate `html` nodes interleaved with text and
 * link nodes (each tag is its own node); a line that starts with a bare tag can
 * also arrive as one block `html` node, so both shapes are handled.
 */
import type { Html, Nodes, Paragraph, Parents, Root, RootContent, Text } from "mdast";
import { toString } from "mdast-util-to-string";

declare module "mdast" {
  interface Data {
    /** Original-language sentences of docs-localized spans held by this node. */
    original?: string[];
  }
}

export type LocalizedSpansOptions = {
  /** Drop `<a name="…"></a>` anchors (default true): our anchors come from heading text. */
  dropNamedAnchors?: boolean;
  /** Keep the original-language text in `data.original` (default true); false discards it. */
  keepOriginal?: boolean;
};

type Tag = "localized-open" | "original-open" | "span-open" | "span-close" | "anchor-open" | "anchor-close" | "other";

const LOCALIZED_OPEN = /^<span\s[^>]*\bdata-ttu-id\s*=/i;
const ORIGINAL_OPEN = /^<span\s[^>]*\bclass\s*=\s*["']?[^"'>]*\bsxs-lookup\b/i;
const SPAN_OPEN = /^<span(\s[^>]*)?>$/i;
const SPAN_CLOSE = /^<\/span\s*>$/i;
const NAMED_ANCHOR_OPEN = /^<a\s+name\s*=\s*["'][^"']*["']\s*\/?>$/i;
const ANCHOR_CLOSE = /^<\/a\s*>$/i;
/** Marks a block `html` node worth taking apart (others are left to the renderer, which drops raw HTML). */
const DOCS_MARKUP = /data-ttu-id|data-stu-id|sxs-lookup|<a\s+name\s*=/i;

function classify(tag: string): Tag {
  const value = tag.trim();
  if (LOCALIZED_OPEN.test(value)) return "localized-open";
  if (ORIGINAL_OPEN.test(value)) return "original-open";
  if (SPAN_OPEN.test(value)) return "span-open";
  if (SPAN_CLOSE.test(value)) return "span-close";
  if (NAMED_ANCHOR_OPEN.test(value)) return "anchor-open";
  if (ANCHOR_CLOSE.test(value)) return "anchor-close";
  return "other";
}

/**
 * Tracks where we are in a run of tags: outside any docs span, inside the
 * localized half, or inside the original half (whose content is collected,
 * not kept). `depth` counts nested spans so `</span></span>` closes the right one.
 */
class SpanState {
  mode: "none" | "localized" | "original" = "none";
  depth = 0;
  openAnchors = 0;
  buffer: string[] = [];
  readonly originals: string[] = [];

  constructor(private readonly dropAnchors: boolean) {}

  /** Feeds one tag; returns true when the tag is consumed (dropped from the output). */
  tag(kind: Tag): boolean {
    switch (kind) {
      case "localized-open":
      case "original-open":
        if (this.mode === "none") {
          this.mode = kind === "localized-open" ? "localized" : "original";
          this.depth = 1;
        } else {
          this.depth += 1;
        }
        return true;
      case "span-open":
        if (this.mode !== "none") this.depth += 1;
        return true;
      case "span-close":
        if (this.mode !== "none") {
          this.depth -= 1;
          if (this.depth <= 0) this.close();
        }
        return true;
      case "anchor-open":
        if (!this.dropAnchors) return false;
        this.openAnchors += 1;
        return true;
      case "anchor-close":
        // Only the closer of an anchor we dropped: a `</a>` of a real inline link stays.
        if (this.openAnchors === 0) return false;
        this.openAnchors -= 1;
        return true;
      case "other":
        return this.mode === "original";
    }
  }

  collect(text: string): void {
    this.buffer.push(text);
  }

  private close(): void {
    if (this.mode === "original") {
      const sentence = this.buffer.join("").replace(/\s+/g, " ").trim();
      if (sentence) this.originals.push(sentence);
      this.buffer = [];
    }
    this.mode = "none";
    this.depth = 0;
  }

  /** Flushes an original half left open at the end of its parent (malformed input). */
  finish(): string[] {
    if (this.mode === "original") this.close();
    return this.originals;
  }
}

function addOriginal(node: Nodes, sentences: string[], keep: boolean): void {
  if (!keep || sentences.length === 0) return;
  node.data ??= {};
  node.data.original = [...(node.data.original ?? []), ...sentences];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A block `html` node made of docs spans becomes a paragraph of its localized text. */
function blockHtmlToParagraph(node: Html, options: Required<LocalizedSpansOptions>): Paragraph | undefined {
  const state = new SpanState(options.dropNamedAnchors);
  let visible = "";
  for (const piece of node.value.split(/(<[^>]*>)/)) {
    if (piece.startsWith("<") && piece.endsWith(">")) {
      // Unknown tags inside a docs block are markup too: never let them through as text.
      state.tag(classify(piece));
      continue;
    }
    const text = decodeEntities(piece);
    if (state.mode === "original") state.collect(text);
    else visible += text;
  }
  const paragraph: Paragraph = { type: "paragraph", children: [] };
  const value = visible.replace(/\s+/g, " ").trim();
  if (value) paragraph.children.push({ type: "text", value } satisfies Text);
  addOriginal(paragraph, state.finish(), options.keepOriginal);
  if (node.position) paragraph.position = node.position;
  return paragraph.children.length > 0 || paragraph.data?.original ? paragraph : undefined;
}

function rewriteChildren(parent: Parents, options: Required<LocalizedSpansOptions>): void {
  const state = new SpanState(options.dropNamedAnchors);
  const kept: Nodes[] = [];
  for (const child of parent.children as Nodes[]) {
    if (child.type === "html") {
      const kind = classify(child.value);
      if (kind !== "other" || state.mode === "original") {
        if (state.tag(kind)) continue;
      }
      if (kind === "other" && DOCS_MARKUP.test(child.value)) {
        const paragraph = blockHtmlToParagraph(child, options);
        if (paragraph) kept.push(paragraph);
        continue;
      }
      kept.push(child);
      continue;
    }
    if (state.mode === "original") {
      state.collect(toString(child, { includeHtml: false, includeImageAlt: false }));
      continue;
    }
    kept.push(child);
  }
  (parent as { children: Nodes[] }).children = kept;
  addOriginal(parent, state.finish(), options.keepOriginal);
  for (const child of kept) {
    if ("children" in child) rewriteChildren(child, options);
  }
}

/**
 * Remark plugin: strips docs-localized span pairs and named anchors, keeping
 * the localized text visible and the original text in `data.original`.
 *
 * @example
 * const tree = unified().use(remarkParse).parse(markdown);
 * localizedSpans()(tree);
 * // `<span data-ttu-id="x">Sveiki</span><span class="sxs-lookup"><span data-stu-id="x">Hello</span></span>`
 * // → paragraph [text "Sveiki"] with data.original ["Hello"]
 */
export function localizedSpans(options: LocalizedSpansOptions = {}): (tree: Root) => undefined {
  const settings: Required<LocalizedSpansOptions> = {
    dropNamedAnchors: options.dropNamedAnchors ?? true,
    keepOriginal: options.keepOriginal ?? true,
  };
  return (tree) => {
    rewriteChildren(tree, settings);
    // A heading may now start or end with the spaces that separated the tags.
    trimHeadings(tree);
    return undefined;
  };
}

function trimHeadings(node: Nodes): void {
  if (node.type === "heading") {
    const first = node.children[0];
    const last = node.children.at(-1);
    if (first?.type === "text") first.value = first.value.replace(/^\s+/, "");
    if (last?.type === "text") last.value = last.value.replace(/\s+$/, "");
    return;
  }
  if ("children" in node) for (const child of node.children as RootContent[]) trimHeadings(child);
}
