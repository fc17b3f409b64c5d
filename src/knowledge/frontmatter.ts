/**
 * Frontmatter: the YAML header of an article, validated with zod against
 * CONTRACT §4 (title, audience, answers, tags, updated, and the v2 `aliases`:
 * Microsoft's portal codes, audit reasons and event ids that mean the
 * article's findings), with errors that name
 * file, line and field (`content/lv/x.md:2 answers: expected array`) so a
 * writer can fix them without reading a stack trace. It also recognises a
 * Microsoft-docs file (ms.* keys, no `answers`) and maps its header onto ours
 * instead of rejecting it: such files answer nothing but are still searchable.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { AUDIENCES, isAudience, isLocale, type ArticleMeta, type Locale } from "./article";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists, written YYYY-MM-DD: 2026-02-30 matches the pattern but is rejected. */
function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const isoDate = z.string().refine(isRealDate, "expected a date YYYY-MM-DD");

/**
 * One alias: a code (`SSPR_0029`), a pasted message, or an event id. Writers
 * type event ids bare (`- 33004`), which YAML reads as a number, so whole
 * numbers are accepted and kept as the digits written.
 */
const alias = z.union([z.string().trim().min(1), z.number().int().nonnegative().transform(String)]);

/** CONTRACT §4 plus `aliases` (CATALOGUE.md v2). Unknown keys are allowed so writers may add notes. */
export const frontmatterSchema = z.object({
  title: z.string().trim().min(1),
  audience: z.array(z.enum(AUDIENCES)).min(1),
  answers: z.array(z.string().min(1)),
  tags: z.array(z.string()).default([]),
  aliases: z.array(alias).default([]),
  updated: isoDate,
});
export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** Microsoft-docs header: only the title is required. */
const foreignSchema = z.object({ title: z.string().trim().min(1) });

/** Raised when one or more content files are invalid; `problems` holds one line per problem. */
export class KbContentError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid knowledge base content:\n${problems.join("\n")}`);
    this.name = "KbContentError";
    this.problems = problems;
  }
}

export type FrontmatterInput = {
  /** The YAML text between the `---` fences. */
  yaml: string;
  /** 1-based line of the opening `---` in the file (normally 1). */
  startLine: number;
  /** Shown in errors, e.g. `content/en/x.md`. */
  source: string;
  slug: string;
  /** The locale the file's folder says; undefined for loose files (then ms.contentlocale or en). */
  locale?: Locale;
};

export type FrontmatterResult = { ok: true; meta: ArticleMeta } | { ok: false; problems: string[] };

/**
 * Validates one article header.
 *
 * @example
 * readFrontmatter({ yaml: "title: X\naudience: [user]\nanswers: x\nupdated: 2026-11-24", startLine: 1,
 *   source: "content/lv/x.md", slug: "x", locale: "lv" });
 * // → { ok: false, problems: ["content/lv/x.md:4 answers: expected array"] }
 */
export function readFrontmatter(input: FrontmatterInput): FrontmatterResult {
  const lines = new LineCounter();
  const doc = parseDocument(input.yaml, { lineCounter: lines, prettyErrors: false });
  // Line 1 of the YAML text is the line after the opening fence.
  const fileLine = (offset: number) => lines.linePos(offset).line + input.startLine;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => `${input.source}:${fileLine(e.pos[0])} yaml: ${e.message.split("\n")[0]}`),
    };
  }
  const data: unknown = doc.toJS();
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, problems: [`${input.source}:${input.startLine} frontmatter: expected a mapping of keys`] };
  }
  const record = data as Record<string, unknown>;
  if (isForeign(record)) return foreignMeta(record, input, doc, fileLine);

  const parsed = frontmatterSchema.safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const line = lineOf(doc, issue.path, fileLine) ?? input.startLine;
        return `${input.source}:${line} ${fieldName(issue.path)}: ${describe(issue, record)}`;
      }),
    };
  }
  const fm = parsed.data;
  return {
    ok: true,
    meta: {
      slug: input.slug,
      locale: input.locale ?? "en",
      source: input.source,
      title: fm.title,
      audience: unique(fm.audience),
      answers: unique(fm.answers),
      tags: fm.tags,
      aliases: unique(fm.aliases),
      updated: fm.updated,
      foreign: false,
    },
  };
}

function isForeign(record: Record<string, unknown>): boolean {
  return !("answers" in record) && Object.keys(record).some((key) => key.startsWith("ms."));
}

function foreignMeta(
  record: Record<string, unknown>,
  input: FrontmatterInput,
  doc: Document,
  fileLine: (offset: number) => number,
): FrontmatterResult {
  const parsed = foreignSchema.safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) =>
          `${input.source}:${lineOf(doc, issue.path, fileLine) ?? input.startLine} ${fieldName(issue.path)}: ${describe(issue, record)}`,
      ),
    };
  }
  // "lv-LV" → "lv"; a folder's locale wins over what the file claims.
  const claimed = String(record["ms.contentlocale"] ?? "")
    .slice(0, 2)
    .toLowerCase();
  const audience = String(record["ms.audience"] ?? "").toLowerCase();
  return {
    ok: true,
    meta: {
      slug: input.slug,
      locale: input.locale ?? (isLocale(claimed) ? claimed : "en"),
      source: input.source,
      title: parsed.data.title,
      // Docs pages name one audience ("Admin", "ITPro", "End User"); anything we do not know is for everyone.
      audience: isAudience(audience) ? [audience] : [...AUDIENCES],
      answers: [],
      tags: [],
      aliases: [],
      ...dateOf(record),
      foreign: true,
    },
  };
}

/** ms.date or ms.lasthandoff, written MM/DD/YYYY by the docs build. */
function dateOf(record: Record<string, unknown>): { updated?: string } {
  for (const key of ["ms.date", "ms.lasthandoff"]) {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(record[key] ?? "").trim());
    if (match) return { updated: `${match[3]}-${match[1]!.padStart(2, "0")}-${match[2]!.padStart(2, "0")}` };
  }
  return {};
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map(String).join(".") || "frontmatter";
}

type Issue = z.core.$ZodIssue;

function describe(issue: Issue, record: Record<string, unknown>): string {
  if (issue.code === "invalid_type") {
    const present = issue.path.length > 0 && valueAt(record, issue.path) !== undefined;
    return present ? `expected ${issue.expected}` : `required (expected ${issue.expected})`;
  }
  if (issue.code === "invalid_union") return "expected text or a whole number";
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "too_small" && issue.origin === "array") return `expected at least ${issue.minimum} item(s)`;
  if (issue.code === "too_small" && issue.origin === "string") return "must not be empty";
  return issue.message;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let value = record;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}

/** Line of the deepest node on `path` that exists: the key's line for a top-level field. */
function lineOf(doc: Document, path: readonly PropertyKey[], fileLine: (offset: number) => number): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (keyRange) line = fileLine(keyRange[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) line = fileLine(range[0]);
    } else {
      break;
    }
  }
  return line;
}
