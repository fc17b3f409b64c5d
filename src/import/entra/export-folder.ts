/**
 * Reading an export folder: JSON exactly as Graph returned it, saved at the request path
 * (`users.json`, `groups/{id}/transitiveMembers.json`, further pages `users.2.json`, …).
 * Each page must be whole JSON with the Graph collection envelope, its `@odata.context` must
 * name the resource its path names, and each record must match its schema; any failure is
 * an ImportError naming the file, the record and the field.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ImportError } from "./import-error";
import { contextMatchesPath } from "./odata-context";

export type Collection<T> = {
  path: string;
  readAt: string;
  items: T[];
  files: string[];
  /** Where item i came from, for errors found after parsing (a member of a group that does not exist). */
  locate(i: number): { file: string; record: string };
};

/** A collection from already-checked pages (the folder reader and the live client both build one). */
export function collectionOf<T>(path: string, pages: { file: string; readAt: string; records: T[] }[]): Collection<T> {
  const items: T[] = [];
  const starts: { file: string; start: number }[] = [];
  let readAt = "";
  for (const p of pages) {
    starts.push({ file: p.file, start: items.length });
    for (const r of p.records) items.push(r);
    if (p.readAt > readAt) readAt = p.readAt;
  }
  const locate = (i: number) => {
    let k = starts.length - 1;
    while (k > 0 && starts[k]!.start > i) k--;
    const page = starts[k] ?? { file: `${path}.json`, start: 0 };
    const item = items[i] as { id?: unknown } | undefined;
    return {
      file: page.file,
      record: `value[${i - page.start}]${typeof item?.id === "string" ? ` (id ${item.id})` : ""}`,
    };
  };
  return { path, readAt, items, files: pages.map((p) => p.file), locate };
}

const Envelope = z.strictObject({
  "@odata.context": z.string(),
  "@odata.nextLink": z.string().optional(),
  "@odata.count": z.number().optional(),
  "@odata.deltaLink": z.string().optional(),
  value: z.array(z.unknown()),
});

/** `["assignedPlans", 0, "capabilityStatus"]` → `assignedPlans[0].capabilityStatus`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out;
}

/** The first zod issue as an ImportError: unknown keys are named, not reported on their parent. */
export function zodImportError(
  file: string,
  record: string | undefined,
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): ImportError {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    return new ImportError(
      { file, record, field: fieldPath([...prefix, ...issue.path, issue.keys[0]!]) },
      `unknown field${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(", ")})` : ""}`,
    );
  }
  return new ImportError({ file, record, field: fieldPath([...prefix, ...issue.path]) || undefined }, issue.message);
}

/** Parse a file's text as JSON; a truncated or broken file names where it broke. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const truncated = /end of (JSON )?input|Unterminated/i.test(message);
    throw new ImportError({ file }, `${truncated ? "truncated or incomplete JSON" : "not valid JSON"} (${message})`);
  }
}

/** The files of a paged resource: `x.json`, then `x.2.json`, `x.3.json`… while they exist. */
export function pageFiles(folder: string, path: string): string[] {
  const files: string[] = [];
  if (!existsSync(join(folder, `${path}.json`))) return files;
  files.push(`${path}.json`);
  for (let n = 2; existsSync(join(folder, `${path}.${n}.json`)); n++) files.push(`${path}.${n}.json`);
  return files;
}

/** When a file was read from Graph: the capture time if the settings give one, else the file's mtime. */
function readAtOf(folder: string, file: string, capturedAt: string | undefined): string {
  return capturedAt ?? statSync(join(folder, file)).mtime.toISOString();
}

/**
 * Read every page of a collection and check each record.
 * @example readCollection(folder, "users", UserSchema).items.length
 */
export function readCollection<T>(
  folder: string,
  path: string,
  schema: z.ZodType<T>,
  opts: { capturedAt?: string; required?: boolean } = {},
): Collection<T> | undefined {
  const files = pageFiles(folder, path);
  if (files.length === 0) {
    if (opts.required) throw new ImportError({ file: `${path}.json` }, "missing: this file is required");
    return undefined;
  }
  const pages = files.map((file) => {
    const page = parseCollectionPage(file, readFileSync(join(folder, file), "utf8"), path, schema, {
      withNextLink: true,
    });
    return { file, readAt: readAtOf(folder, file, opts.capturedAt), records: page.records, nextLink: page.nextLink };
  });
  // Graph said there was more, and the folder has no more: an export cut short must not pass as the whole tenant.
  const last = pages[pages.length - 1]!;
  if (last.nextLink) {
    throw new ImportError(
      { file: last.file, field: "@odata.nextLink" },
      `Graph had more pages, but ${path}.${pages.length + 1}.json is missing: the export is incomplete`,
    );
  }
  return collectionOf(path, pages);
}

/** One page's text → its checked records (shared with the live client, which checks each answer the same way). */
export function parseCollectionPage<T>(file: string, text: string, path: string, schema: z.ZodType<T>): T[];
export function parseCollectionPage<T>(
  file: string,
  text: string,
  path: string,
  schema: z.ZodType<T>,
  o: { withNextLink: true },
): { records: T[]; nextLink?: string };
export function parseCollectionPage<T>(
  file: string,
  text: string,
  path: string,
  schema: z.ZodType<T>,
  o?: { withNextLink: true },
): T[] | { records: T[]; nextLink?: string } {
  const json = parseJsonFile(file, text);
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    throw zodImportError(file, undefined, envelope.error).withHint(
      'a page must be a Graph collection: { "@odata.context", "value": [ … ] }',
    );
  }
  const context = envelope.data["@odata.context"];
  if (!contextMatchesPath(context, path)) {
    throw new ImportError(
      { file, field: "@odata.context" },
      `"${context}" does not name ${path} (the file's path says what it must hold)`,
    );
  }
  const out: T[] = [];
  envelope.data.value.forEach((raw, i) => {
    const r = schema.safeParse(raw);
    if (!r.success) throw zodImportError(file, recordName(i, raw), r.error);
    out.push(r.data);
  });
  return o?.withNextLink ? { records: out, nextLink: envelope.data["@odata.nextLink"] } : out;
}

/** `value[3] (id 1f3c…)`: the index and, when the record has one, its id. */
export function recordName(index: number, raw: unknown): string {
  const id =
    typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
      ? (raw as { id: string }).id
      : undefined;
  return `value[${index}]${id ? ` (id ${id})` : ""}`;
}

/** Read a single-entity answer (a policy). */
export function readEntity<T>(
  folder: string,
  path: string,
  schema: z.ZodType<T>,
  opts: { capturedAt?: string } = {},
): { value: T; readAt: string; file: string } | undefined {
  const file = `${path}.json`;
  if (!existsSync(join(folder, file))) return undefined;
  return {
    value: parseEntity(file, readFileSync(join(folder, file), "utf8"), path, schema),
    readAt: readAtOf(folder, file, opts.capturedAt),
    file,
  };
}

export function parseEntity<T>(file: string, text: string, path: string, schema: z.ZodType<T>): T {
  const json = parseJsonFile(file, text);
  const context =
    typeof json === "object" && json !== null ? (json as Record<string, unknown>)["@odata.context"] : undefined;
  if (typeof context !== "string")
    throw new ImportError({ file, field: "@odata.context" }, "missing: every Graph answer names its resource");
  if (!contextMatchesPath(context, path))
    throw new ImportError({ file, field: "@odata.context" }, `"${context}" does not name ${path}`);
  const r = schema.safeParse(json);
  if (!r.success) throw zodImportError(file, undefined, r.error);
  return r.data;
}

/** The ids of the sub-folders of `dir` (e.g. the groups that have a transitiveMembers file). */
export function subfolders(folder: string, dir: string): string[] {
  const path = join(folder, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
