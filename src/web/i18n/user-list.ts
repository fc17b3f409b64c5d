/**
 * Staff wording of the user list, the user record and bulk fixes, English and Latvian
 * side by side, so a new label cannot get one language and not the other.
 */
import type { Locale } from "../../http/request-context";

const TEXT = {
  usersTitle: { en: "Users", lv: "Lietotāji" },
  filters: { en: "Filters", lv: "Filtri" },
  search: { en: "Search (name or sign-in name)", lv: "Meklēt (vārds vai pieteikšanās vārds)" },
  verdict: { en: "Verdict", lv: "Spriedums" },
  finding: { en: "Finding", lv: "Konstatējums" },
  group: { en: "Group", lv: "Grupa" },
  admin: { en: "Administrator", lv: "Administrators" },
  source: { en: "Source", lv: "Avots" },
  cloud: { en: "cloud", lv: "mākonis" },
  synced: { en: "synced", lv: "sinhronizēts" },
  tenant: { en: "Tenant", lv: "Nomnieks" },
  any: { en: "any", lv: "jebkurš" },
  yes: { en: "yes", lv: "jā" },
  no: { en: "no", lv: "nē" },
  apply: { en: "Apply filters", lv: "Lietot filtrus" },
  user: { en: "User", lv: "Lietotājs" },
  primary: { en: "Primary finding", lv: "Galvenais konstatējums" },
  lastAttempt: { en: "Last attempt", lv: "Pēdējais mēģinājums" },
  noAttempt: { en: "none", lv: "nav" },
  completed: { en: "completed", lv: "pabeigts" },
  noUsers: { en: "No user matches these filters.", lv: "Neviens lietotājs neatbilst šiem filtriem." },
  next: { en: "Next page", lv: "Nākamā lapa" },
  previous: { en: "Previous page", lv: "Iepriekšējā lapa" },
  bulkTitle: { en: "Fix the users of this filter", lv: "Labot šī filtra lietotājus" },
  chooseFix: { en: "Automatic fix", lv: "Automātiskais labojums" },
  preview: { en: "Preview", lv: "Priekšskatīt" },
  bulkPreviewTitle: { en: "Bulk fix preview", lv: "Masveida labojuma priekšskatījums" },
  nothingChanged: {
    en: "This is a preview: nothing has been changed.",
    lv: "Šis ir priekšskatījums: nekas nav mainīts.",
  },
  wouldClear: { en: "Would clear", lv: "Novērstu" },
  changes: { en: "Changes", lv: "Izmaiņas" },
  notApplicable: { en: "not applicable", lv: "nav piemērojams" },
  reason: { en: "Reason (recorded in the audit log)", lv: "Iemesls (ierakstīts audita žurnālā)" },
  applyAll: { en: "Apply to all selected users", lv: "Piemērot visiem atlasītajiem lietotājiem" },
  supportCannotApply: {
    en: "Your role can preview fixes; applying them needs helpdesk or admin.",
    lv: "Jūsu loma ļauj priekšskatīt labojumus; lai tos piemērotu, vajag palīdzības dienesta vai administratora lomu.",
  },
  progressTitle: { en: "Bulk fix progress", lv: "Masveida labojuma gaita" },
  running: { en: "Running — this page refreshes itself.", lv: "Notiek — šī lapa atjaunojas pati." },
  finished: { en: "Finished.", lv: "Pabeigts." },
  interrupted: {
    en: "Interrupted — the service stopped before this run reached everyone.",
    lv: "Pārtraukts — serviss apstājās, pirms šis labojums sasniedza visus.",
  },
  interruptedHint: {
    en: "The users it did not reach are unchanged. Running the same fix on the same filter again finishes them; whoever no longer needs it is counted as not applicable.",
    lv: "Lietotāji, kurus tas nesasniedza, nav mainīti. Palaižot to pašu labojumu ar to pašu filtru vēlreiz, tie tiks apstrādāti; kam labojums vairs nav vajadzīgs, tiks skaitīts kā nepiemērojams.",
  },
  runAgain: { en: "Preview the same fix again", lv: "Vēlreiz priekšskatīt to pašu labojumu" },
  finishedAt: { en: "ended", lv: "beidzās" },
  interruptedAt: { en: "found stopped", lv: "konstatēts apstājies" },
  applied: { en: "applied", lv: "piemērots" },
  failed: { en: "failed", lv: "neizdevās" },
  jobNotFound: { en: "No such bulk run.", lv: "Šāda masveida labojuma nav." },
  methods: { en: "Registered methods", lv: "Reģistrētās metodes" },
  noMethods: { en: "No method registered.", lv: "Nav reģistrētu metožu." },
  verified: { en: "verified", lv: "apstiprināta" },
  unverified: { en: "not verified", lv: "nav apstiprināta" },
  groups: { en: "Groups", lv: "Grupas" },
  noGroups: { en: "Not a member of any group.", lv: "Nav nevienas grupas dalībnieks." },
  license: { en: "Licence", lv: "Licence" },
  timeline: { en: "Recent attempts", lv: "Nesenie mēģinājumi" },
  auditRows: { en: "Audit log for this user", lv: "Šī lietotāja audita žurnāls" },
  allAudit: { en: "All audit rows for this user", lv: "Visi šī lietotāja audita ieraksti" },
  nothingYet: { en: "Nothing yet.", lv: "Vēl nekā." },
  of: { en: "of", lv: "no" },
  reasonRequired: {
    en: "reason: say why these users are being changed; it goes into each user's audit row.",
    lv: "reason: norādiet, kāpēc šie lietotāji tiek mainīti; iemesls tiek ierakstīts katra lietotāja audita ierakstā.",
  },
  allUsers: { en: "All users, with filters and bulk fixes", lv: "Visi lietotāji ar filtriem un masveida labojumiem" },
} as const satisfies Record<string, { en: string; lv: string }>;

export type UserListText = { [K in keyof typeof TEXT]: string } & {
  count: (shown: number, total: number) => string;
  progress: (done: number, total: number) => string;
  startedBy: (name: string) => string;
  previewShown: (shown: number, total: number) => string;
};

/** The user-list wording in one locale. */
export function userListText(locale: Locale): UserListText {
  const lv = locale === "lv";
  const out = Object.fromEntries(Object.entries(TEXT).map(([k, v]) => [k, lv ? v.lv : v.en])) as {
    [K in keyof typeof TEXT]: string;
  };
  return {
    ...out,
    count: (shown, total) => (lv ? `Parādīti ${shown} no ${total}` : `Showing ${shown} of ${total}`),
    progress: (done, total) => (lv ? `${done} no ${total} apstrādāti` : `${done} of ${total} done`),
    startedBy: (name) => (lv ? `sāka ${name}` : `started by ${name}`),
    previewShown: (shown, total) =>
      lv
        ? `Priekšskatīti ${shown} no ${total} lietotājiem; piemērošana aptver visus ${total}.`
        : `Previewing ${shown} of ${total} users; applying covers all ${total}.`,
  };
}
