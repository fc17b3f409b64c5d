/**
 * Reading posted HTML forms: hono's parseBody gives strings, files or arrays of them;
 * pages want a field's text (empty when absent) or all values of a repeated field.
 * A body that cannot be read as a form (multipart without its boundary, cut off
 * mid-part) is the sender's mistake: a 400 naming the body, never a 500 (issue 11 #6).
 */
import type { Context } from "hono";
import { AppError } from "../errors";
import { pageLocale, type Locale } from "./i18n/messages";

/** What a person sees when their browser sent a form we cannot read (a broken upload, a proxy that cut it). */
const UNREADABLE: Record<Locale, string> = {
  en: "This form could not be read. Open the page again and send the form from there.",
  lv: "Šo veidlapu neizdevās nolasīt. Atveriet lapu vēlreiz un nosūtiet veidlapu no tās.",
};

export type Form = Record<string, string | File | (string | File)[]>;

/**
 * The posted form, parsed once per request (hono caches the parsed FormData, so the CSRF
 * check and the handler read the same one); `all` keeps every value of repeated fields.
 * @example const form = await readForm(c); formText(form, "login")
 */
export async function readForm(c: Context, opts: { all?: boolean } = {}): Promise<Form> {
  try {
    return (await c.req.parseBody({ all: opts.all ?? false })) as Form;
  } catch (cause) {
    throw new AppError(400, "invalid_request", UNREADABLE[pageLocale(c)], { field: "body", cause });
  }
}

/** The field's text: the first value of a repeated field, "" when absent or a file. */
export function formText(form: Form, key: string): string {
  const v = form[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

/** Every text value of a repeated field (checkboxes, multi-selects). */
export function formTexts(form: Form, key: string): string[] {
  const v = form[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
}
