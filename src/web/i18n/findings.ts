/**
 * Findings as the person on /reset or /register reads them: the person-facing title and
 * explanation of the code in the page's language (findings-en.ts, findings-lv.ts — never
 * the engine's staff wording with its ids, switches and decimals), only the steps the
 * person can take themselves (actor `user`, or `wait`), and the articles in their
 * language. Helpdesk and admin fixes are not the person's to do; the page points them to
 * the helpdesk instead.
 */
import { FIXES, isFixId } from "../../domain/catalogue";
import type { KnowledgeBase } from "../../knowledge/knowledge-base";
import { FINDINGS_EN, PERSON_FIXES_EN, type PersonText } from "./findings-en";
import { FINDINGS_LV, FIXES_LV } from "./findings-lv";
import type { Locale } from "./messages";

/** A finding as a flow's problem body carries it (engine texts, disclosed findings only). */
export type ShownFinding = {
  code: string;
  title: string;
  explanation: string;
  fixes: { id: string; title: string; actor: string }[];
  articles: { title: string; url: string }[];
};

const PERSON_TEXTS: Record<Locale, Readonly<Record<string, PersonText>>> = { en: FINDINGS_EN, lv: FINDINGS_LV };
/** Actors whose steps a person can take on their own. */
const PERSON_ACTORS: ReadonlySet<string> = new Set(["user", "wait"]);

/** Said when a code has no person text yet: better vague than staff wording. */
const UNKNOWN: Record<Locale, PersonText> = {
  en: {
    title: "Your password cannot be reset here right now",
    explanation:
      "Something in your account or your organization's settings stops the reset. Your helpdesk can see the details under the reference below.",
  },
  lv: {
    title: "Jūsu paroli šeit pašlaik nevar atiestatīt",
    explanation:
      "Kaut kas jūsu kontā vai organizācijas iestatījumos aptur atiestatīšanu. IT atbalsts var redzēt sīkāku informāciju pēc zemāk norādītā atsauces ID.",
  },
};

/**
 * The person-facing title and explanation of a finding code.
 * @example personText("sspr_disabled", "en").title // "Self-service password reset is turned off"
 */
export function personText(code: string, locale: Locale): PersonText {
  return PERSON_TEXTS[locale][code] ?? UNKNOWN[locale];
}

/** Whether a code has person-facing words of its own (flow codes such as flow_expired do not). */
export function hasPersonText(code: string): boolean {
  return Object.hasOwn(FINDINGS_EN, code);
}

/**
 * A fix's title in the page's language.
 * @example fixTitle("wait_until_unblocked", "lv") // "Nogaidiet, līdz bloķēšana beidzas"
 */
export function fixTitle(id: string, locale: Locale, fallback: string): string {
  if (locale === "lv") return (isFixId(id) ? FIXES_LV[id] : undefined) ?? fallback;
  // A person's own wording first; the catalogue's title is written for staff.
  return PERSON_FIXES_EN[id] ?? (isFixId(id) ? FIXES[id].title : undefined) ?? fallback;
}

/**
 * @example forPerson(problem.findings, "lv", deps.kb)[0].title // "Kods nav pareizs"
 */
export function forPerson(findings: readonly ShownFinding[], locale: Locale, kb: KnowledgeBase): ShownFinding[] {
  return findings.map((f) => {
    const text = personText(f.code, locale);
    const articles = locale === "en" ? f.articles : kb.articlesFor(f.code, locale);
    return {
      code: f.code,
      title: text.title,
      explanation: text.explanation,
      fixes: f.fixes
        .filter((x) => PERSON_ACTORS.has(x.actor))
        .map((x) => ({ ...x, title: fixTitle(x.id, locale, x.title) })),
      articles: articles.length ? articles : f.articles,
    };
  });
}
