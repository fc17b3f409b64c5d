/**
 * Explanation templates: a rule's `title` and `explanation` are text with `{fact}` or
 * `{fact.path}` placeholders naming derived facts, rendered with the diagnosis's actual
 * values. Deliberately tiny — no logic, no escaping beyond the braces — so a rule file
 * stays readable and rules.ts can check every placeholder names a real fact.
 */
import type { Facts } from "./facts";
import { resolvePath } from "./paths";

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)(?:\.([A-Za-z0-9_.]+))?\}/g;

/**
 * The placeholders of a template, as `{ fact, path? }`.
 *
 * @example
 * placeholders("{upn} sent {throttle.codesSentLastHour}");
 * // [{ fact: "upn" }, { fact: "throttle", path: "codesSentLastHour" }]
 */
export function placeholders(template: string): { fact: string; path?: string }[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) =>
    m[2] === undefined ? { fact: m[1]! } : { fact: m[1]!, path: m[2] },
  );
}

/**
 * How a fact value reads in a sentence: lists joined with commas ("none" when empty),
 * numbers rounded to at most two decimals, null as "unknown".
 *
 * @example
 * formatValue(["grp-a", "grp-b"]); // "grp-a, grp-b"
 * formatValue(10.8166); // "10.82"
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "unknown";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(formatValue).join(", ");
  if (typeof value === "number") return String(Math.round(value * 100) / 100);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/**
 * Renders a template against the facts of one diagnosis.
 *
 * @example
 * renderTemplate("{throttle.codesSentLastHour} codes in the last hour", facts); // "5 codes in the last hour"
 */
export function renderTemplate(template: string, facts: Facts): string {
  return template.replace(PLACEHOLDER, (_, fact: string, path: string | undefined) => {
    const value = (facts as Record<string, unknown>)[fact];
    return formatValue(path === undefined ? value : resolvePath(value, path));
  });
}
