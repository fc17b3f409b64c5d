/**
 * Times, numbers and counted nouns as a reader reads them: "in about 20 hours — tomorrow
 * 08:43" in the reader's language and time zone, numbers rounded and grouped the local
 * way, and plural forms chosen by Intl.PluralRules (English has one/other, Latvian
 * zero/one/other: 0 metožu, 1 metode, 21 metode, 5 metodes). Pure: the clock and the
 * zone come in as arguments, so pages and tests agree on every word.
 */
import type { Locale } from "./messages";

const TAG: Record<Locale, string> = { en: "en-GB", lv: "lv-LV" };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The noun forms of one word; Latvian needs `zero` (0, 10–20, 30…), English falls back to `other`. */
export type PluralForms = { one: string; other: string; zero?: string };

/**
 * The form of a noun that goes with `n` in the locale.
 * @example plural("lv", 21, { zero: "metožu", one: "metode", other: "metodes" }) // "metode"
 */
export function plural(locale: Locale, n: number, forms: PluralForms): string {
  const rule = new Intl.PluralRules(TAG[locale]).select(n);
  if (rule === "one") return forms.one;
  if (rule === "zero" && forms.zero) return forms.zero;
  return forms.other;
}

/**
 * `n` and its noun: "1 method", "3 methods", "0 metožu".
 * @example counted("en", 1, { one: "method", other: "methods" }) // "1 method"
 */
export function counted(locale: Locale, n: number, forms: PluralForms): string {
  return `${humanNumber(locale, n)} ${plural(locale, n, forms)}`;
}

/**
 * A number as a person reads it: at most one decimal below 10, whole above, grouped.
 * @example humanNumber("en", 201.16166666666666) // "201"
 */
export function humanNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: Math.abs(n) < 10 ? 1 : 0 }).format(n);
}

/** Whether a string is a time zone this runtime knows (a cookie from the browser may be anything). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Calendar day number of a moment in a zone, for "today"/"tomorrow". */
function dayIn(at: Date, timeZone: string): number {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(at)
    .split("-")
    .map(Number);
  return Date.UTC(y!, m! - 1, d!) / DAY;
}

/**
 * How far away a moment is, rounded the way people say it: "in 5 minutes", "in 20
 * hours", "in 3 days" (or "5 minutes ago").
 * @example relativeTime("en", new Date("2026-12-01T08:43:00Z"), new Date("2026-11-30T12:50:00Z")) // "in 20 hours"
 */
export function relativeTime(locale: Locale, at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const rtf = new Intl.RelativeTimeFormat(TAG[locale], { numeric: "auto" });
  if (abs < 45_000) return rtf.format(0, "second");
  if (abs < 90 * MINUTE) return rtf.format(Math.round(ms / MINUTE), "minute");
  if (abs < 36 * HOUR) return rtf.format(Math.round(ms / HOUR), "hour");
  return rtf.format(Math.round(ms / DAY), "day");
}

/**
 * A moment as a clock reading in the reader's zone, with the day when it is not today:
 * "08:43", "tomorrow 08:43", "Thu 3 Dec 08:43"; a UTC reader sees "UTC" after the time.
 * @example clockTime("en", new Date("2026-12-01T08:43:00Z"), new Date("2026-11-30T12:00:00Z"), "Europe/Riga") // "tomorrow 10:43"
 */
export function clockTime(locale: Locale, at: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat(TAG[locale], {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  const zone = timeZone === "UTC" ? " UTC" : "";
  const days = dayIn(at, timeZone) - dayIn(now, timeZone);
  if (days === 0) return `${time}${zone}`;
  if (Math.abs(days) === 1)
    return `${new Intl.RelativeTimeFormat(TAG[locale], { numeric: "auto" }).format(days, "day")} ${time}${zone}`;
  const date = new Intl.DateTimeFormat(TAG[locale], {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
  }).format(at);
  return `${date} ${time}${zone}`;
}

/**
 * Both: "in about 20 hours — tomorrow 08:43".
 * @example whenText("lv", until, now, "Europe/Riga") // "aptuveni pēc 20 stundām — rīt 10:43"
 */
export function whenText(locale: Locale, at: Date, now: Date, timeZone: string): string {
  const rel = relativeTime(locale, at, now);
  const about = locale === "en" ? rel.replace(/^in (\d)/, "in about $1") : /\d/.test(rel) ? `aptuveni ${rel}` : rel;
  return `${about} — ${clockTime(locale, at, now, timeZone)}`;
}

/**
 * A full date and time for tables (audit, evidence): "30 Nov 2026, 14:02" in the zone.
 * @example dateTime("en", new Date("2026-11-30T14:02:00Z"), "UTC") // "30 Nov 2026, 14:02 UTC"
 */
export function dateTime(locale: Locale, at: Date, timeZone: string): string {
  const s = new Intl.DateTimeFormat(TAG[locale], {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return timeZone === "UTC" ? `${s} UTC` : s;
}
