/**
 * Staff wording of the policy editor and its history, English and Latvian side by side,
 * so a new text cannot get one language and not the other. Field labels come from the
 * admin messages the what-if form already uses.
 */
import type { Locale } from "../../http/request-context";

const TEXT = {
  editorOf: { en: "Policy of {0}", lv: "{0} politika" },
  intro: {
    en: "Edit the policy as a draft. Preview shows who it would block, put at risk or let reset; Apply saves it as a new version with your reason.",
    lv: "Rediģējiet politiku kā melnrakstu. Priekšskatījums rāda, kurus tā bloķētu, pakļautu riskam vai ļautu atiestatīt; Lietot to saglabā kā jaunu versiju ar jūsu iemeslu.",
  },
  adminsSspr: {
    en: "Administrators may use self-service reset",
    lv: "Administratori drīkst izmantot pašapkalpošanās atiestatīšanu",
  },
  migrationState: { en: "Authentication methods policy migration", lv: "Autentifikācijas metožu politikas migrācija" },
  reason: { en: "Reason (required to apply)", lv: "Iemesls (obligāts, lai lietotu)" },
  preview: { en: "Preview", lv: "Priekšskatīt" },
  apply: { en: "Apply", lv: "Lietot" },
  history: { en: "Version history", lv: "Versiju vēsture" },
  historyOf: { en: "Policy versions of {0}", lv: "{0} politikas versijas" },
  noVersions: {
    en: "No version yet: the first change records one.",
    lv: "Vēl nav versiju: pirmās izmaiņas to ierakstīs.",
  },
  version: { en: "Version", lv: "Versija" },
  who: { en: "Who", lv: "Kas" },
  when: { en: "When", lv: "Kad" },
  why: { en: "Why", lv: "Kāpēc" },
  changes: { en: "Changes", lv: "Izmaiņas" },
  current: { en: "current", lv: "pašreizējā" },
  revertsTo: { en: "reverts to version {0}", lv: "atgriež versiju {0}" },
  revert: { en: "Revert to this version", lv: "Atgriezt šo versiju" },
  revertTitle: { en: "Revert {0} to version {1}", lv: "Atgriezt {0} politiku uz versiju {1}" },
  revertIntro: {
    en: "Going back would change the following. It is applied as a new version.",
    lv: "Atgriešanās mainītu tālāk redzamo. Tā tiek lietota kā jauna versija.",
  },
  nothingChanges: { en: "No field changes.", lv: "Neviens lauks nemainās." },
  whatIf: { en: "What would change", lv: "Kas mainītos" },
  newlyBlocked: { en: "Newly blocked: {0}", lv: "Jauni bloķētie: {0}" },
  newlyAtRisk: { en: "Newly at risk: {0}", lv: "Jauni riska lietotāji: {0}" },
  newlyAble: { en: "Newly able to reset: {0}", lv: "Tagad var atiestatīt: {0}" },
  fieldChanges: { en: "Field changes", lv: "Lauku izmaiņas" },
  applied: { en: "Applied as version {0}.", lv: "Lietots kā versija {0}." },
  invalid: { en: "The policy was not applied", lv: "Politika netika lietota" },
  back: { en: "Back to the editor", lv: "Atpakaļ uz redaktoru" },
} as const satisfies Record<string, { en: string; lv: string }>;

export type PolicyEditorKey = keyof typeof TEXT;

/**
 * The text for `key` in `locale`, with `{0}`, `{1}` … filled from `args`.
 *
 * @example policyText("lv", "newlyBlocked", 3); // "Jauni bloķētie: 3"
 */
export function policyText(locale: Locale, key: PolicyEditorKey, ...args: (string | number)[]): string {
  return TEXT[key][locale].replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}
