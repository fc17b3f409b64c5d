/**
 * One evidence value as staff read it: times in the reader's zone and language, numbers
 * rounded ("201", not 201.16166666666666), lists comma-separated — with the exact value
 * kept in the title attribute (hover, or a screen reader's description) for those who
 * need the decimals or the ISO instant.
 */
import { dateTime, humanNumber } from "./i18n/human";
import type { Locale } from "./i18n/messages";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Exact text of a value (what the title keeps). */
export function exactValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * @example humanValue(201.16166666666666, "en", "UTC") // "201"
 */
export function humanValue(value: unknown, locale: Locale, timeZone: string): string {
  if (typeof value === "number") return humanNumber(locale, value);
  if (typeof value === "string" && ISO_INSTANT.test(value)) return dateTime(locale, new Date(value), timeZone);
  if (Array.isArray(value)) return value.length ? value.map((v) => humanValue(v, locale, timeZone)).join(", ") : "—";
  return exactValue(value);
}

/**
 * The engine's English templates put a count before a plural noun ("requires {n}
 * methods"); when the count is 1 the noun must be singular. The rule files cannot say it
 * (templates have no plural syntax), so the page corrects the nouns the catalogue counts.
 * @example singularOne("exactly the 1 usable methods required") // "exactly the 1 usable method required"
 */
export function singularOne(text: string): string {
  return text.replace(
    /(?<![\d.,])\b1 ((?:usable |registered |verified |allowed )?)(method|user|minute|hour|day|code|question|answer|group|role|licence|license)s\b/g,
    "1 $1$2",
  );
}

/**
 * An engine sentence with its instants and decimals made readable: "until
 * 2026-12-01T08:43:39.311Z (about 1191.27 minutes from now)" → "until 1 Dec 2026, 08:43
 * UTC (about 1,191 minutes from now)". The exact values stay in the evidence table.
 * @example humanSentence("blocked until 2026-11-25T05:30:00.000Z", "en", "UTC") // "blocked until 25 Nov 2026, 05:30 UTC"
 */
export function humanSentence(text: string, locale: Locale, timeZone: string): string {
  return singularOne(text)
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) =>
      dateTime(locale, new Date(iso), timeZone),
    )
    .replace(/(?<![\w.])\d+\.\d+(?![\w.])/g, (n) => humanNumber(locale, Number(n)));
}

export function EvidenceValue(p: { value: unknown; locale: Locale; timeZone: string }) {
  const shown = humanValue(p.value, p.locale, p.timeZone);
  const exact = exactValue(p.value);
  return shown === exact ? (
    <>{shown}</>
  ) : (
    <span title={exact} data-exact={exact}>
      {shown}
    </span>
  );
}
