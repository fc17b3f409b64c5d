/**
 * Findings as staff read them in the page's language. English staff pages show the
 * engine's own texts, which carry the user's actual values. A Latvian reader gets the
 * Latvian title and explanation of the code about the user (findings-lv-staff.ts; for
 * staff-only codes findings-lv.ts, which already speaks to staff), Latvian fix titles and the
 * Latvian articles; the engine's English sentence with the values stays one click away,
 * because values (group names, counts, times) are what a diagnosis is for.
 */
import type { KnowledgeBase } from "../../knowledge/knowledge-base";
import { FINDINGS_LV } from "./findings-lv";
import { STAFF_FINDINGS_LV } from "./findings-lv-staff";
import { fixTitle } from "./findings";
import type { Locale } from "./messages";

export type StaffText = {
  title: string;
  explanation: string;
  /** The engine's English explanation, when the page shows a translation instead. */
  engineExplanation?: string;
  articles: { title: string; url: string }[];
};

/**
 * @example staffText({ code: "sspr_disabled", title, explanation, articles }, "lv", kb).title // "Pašapkalpošanās paroles atiestatīšana ir izslēgta"
 */
export function staffText(
  f: { code: string; title: string; explanation: string; articles: { title: string; url: string }[] },
  locale: Locale,
  kb?: KnowledgeBase,
): StaffText {
  // Staff wording where the person's words speak to the person ("jūsu konts"), else the one text there is.
  const lv = locale === "lv" ? (STAFF_FINDINGS_LV[f.code] ?? FINDINGS_LV[f.code]) : undefined;
  if (!lv) return { title: f.title, explanation: f.explanation, articles: f.articles };
  const articles = kb?.articlesFor(f.code, "lv") ?? [];
  return {
    title: lv.title,
    explanation: lv.explanation,
    engineExplanation: f.explanation,
    articles: articles.length ? articles : f.articles,
  };
}

/** A fix's title for staff in the page's language (the catalogue's English otherwise). */
export function staffFixTitle(id: string, locale: Locale, fallback: string): string {
  return locale === "en" ? fallback : fixTitle(id, locale, fallback);
}
