/**
 * Findings as a reader of the page's language sees them. The engine writes English
 * with the actual values (what staff need); a Latvian reader gets the Latvian title,
 * a plain explanation, Latvian fix titles and the Latvian articles.
 */
import { isFindingCode, isFixId } from "../../domain/catalogue";
import type { KnowledgeBase } from "../../knowledge/knowledge-base";
import { FINDINGS_LV, FIXES_LV } from "./findings-lv";
import type { Locale } from "./messages";

export type ShownFinding = {
  code: string;
  title: string;
  explanation: string;
  fixes: { id: string; title: string; actor: string }[];
  articles: { title: string; url: string }[];
};

/**
 * @example localizeFindings(problem.findings, "lv", deps.kb)[0].title // "Kods nav pareizs"
 */
export function localizeFindings(findings: readonly ShownFinding[], locale: Locale, kb: KnowledgeBase): ShownFinding[] {
  if (locale === "en") return [...findings];
  return findings.map((f) => {
    const lv = isFindingCode(f.code) ? FINDINGS_LV[f.code] : undefined;
    const articles = kb.articlesFor(f.code, "lv");
    return {
      code: f.code,
      title: lv?.title ?? f.title,
      explanation: lv?.explanation ?? f.explanation,
      fixes: f.fixes.map((x) => ({ ...x, title: (isFixId(x.id) ? FIXES_LV[x.id] : undefined) ?? x.title })),
      articles: articles.length ? articles : f.articles,
    };
  });
}
