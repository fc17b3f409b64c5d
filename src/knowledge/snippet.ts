/**
 * Snippets: the ~160 characters of a section shown under a search hit, cut
 * around the words that matched and safe to drop into a page as HTML. The
 * text is plain (the pipeline already removed markup) and is HTML-escaped
 * here; the only tags a snippet ever contains are the `<mark>`…`</mark>` we
 * wrap around matched words. A word is "matched" when it processes to one of
 * the index terms minisearch reported, so highlighting agrees with scoring
 * (stemmed, folded and fuzzy matches included).
 */
import type { Locale } from "./article";
import { processTermFor } from "./terms";

/** Characters of text around the matches; long enough for a sentence, short enough for a list. */
export const SNIPPET_WIDTH = 160;
/** Context kept before the first match so the snippet does not open mid-thought. */
const LEAD = 40;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeHtml('<b>"x"</b>'); // "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A word of a text and the index term it processes to (null for a stop word). */
export type TermSpan = { start: number; end: number; term: string | null };
type Word = { start: number; end: number; marked: boolean };

/**
 * The words of a text with their processed terms. Costly (every word goes
 * through processTerm), so search keeps the result per section.
 *
 * @example
 * termSpans("Codes expire", "en"); // [{ start: 0, end: 5, term: "cod" }, { start: 6, end: 12, term: "expir" }]
 */
export function termSpans(text: string, locale: Locale): TermSpan[] {
  const process = processTermFor(locale);
  const out: TermSpan[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length, term: process(m[0]) });
  return out;
}

function words(spans: readonly TermSpan[], matched: ReadonlySet<string>): Word[] {
  return spans.map((s) => ({ start: s.start, end: s.end, marked: s.term !== null && matched.has(s.term) }));
}

/** Start of the window holding the most marked words (ties: the earliest). */
function bestStart(marks: Word[], width: number): number {
  let best = 0;
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < marks.length; i++) {
    if (j < i) j = i;
    while (j + 1 < marks.length && marks[j + 1]!.end - marks[i]!.start <= width - LEAD) j++;
    const count = j - i + 1;
    if (count > bestCount) {
      bestCount = count;
      best = marks[i]!.start;
    }
  }
  return best;
}

/**
 * Builds an escaped snippet of `text` with matched words in `<mark>`.
 * Returns the number of marked words too, so a caller can try another text
 * when this one holds no match. Pass `spans` (from {@link termSpans} of the
 * same text and locale) to skip re-processing the text.
 *
 * @example
 * buildSnippet("Codes expire after 10 minutes.", new Set(["expir"]), "en");
 * // { html: "Codes <mark>expire</mark> after 10 minutes.", marks: 1 }
 */
export function buildSnippet(
  text: string,
  matched: ReadonlySet<string>,
  locale: Locale,
  width: number = SNIPPET_WIDTH,
  spans: readonly TermSpan[] = termSpans(text, locale),
): { html: string; marks: number } {
  const all = words(spans, matched);
  const marks = all.filter((w) => w.marked);
  let start = 0;
  if (marks.length > 0 && text.length > width) {
    const anchor = bestStart(marks, width);
    // Back up about LEAD characters, but not so far that the window runs past the end with room to spare.
    const wanted = Math.max(0, Math.min(anchor - LEAD, text.length - width));
    start = wanted === 0 ? 0 : (all.find((w) => w.start >= wanted)?.start ?? anchor);
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    // End on a word boundary: the last word that fits entirely.
    const last = [...all].reverse().find((w) => w.end <= end && w.start >= start);
    if (last) end = last.end;
  }
  let html = start > 0 ? "…" : "";
  let cursor = start;
  let count = 0;
  for (const word of all) {
    if (word.start < start || word.end > end) continue;
    if (!word.marked) continue;
    html += escapeHtml(text.slice(cursor, word.start));
    html += `<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    cursor = word.end;
    count++;
  }
  html += escapeHtml(text.slice(cursor, end));
  if (end < text.length) html += "…";
  return { html: html.trim(), marks: count };
}
