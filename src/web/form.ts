/**
 * Reading posted HTML forms: hono's parseBody gives strings, files or arrays of them;
 * pages want a field's text (empty when absent) or all values of a repeated field.
 */
export type Form = Record<string, string | File | (string | File)[]>;

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
