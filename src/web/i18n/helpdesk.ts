/**
 * Staff wording of the helpdesk actions (temporary password, registration pass, a
 * corrected phone number or email, clearing a throttle), English and Latvian side by
 * side, so a new label cannot get one language and not the other.
 */
import type { Locale } from "../../http/request-context";

const TEXT = {
  title: { en: "Helpdesk actions", lv: "Palīdzības dienesta darbības" },
  intro: {
    en: "For a caller whose identity you have verified. Each action is recorded in the audit log with your reason.",
    lv: "Zvanītājam, kura identitāti esat pārbaudījis. Katra darbība tiek ierakstīta audita žurnālā ar jūsu norādīto iemeslu.",
  },
  needsHelpdesk: {
    en: "Your role can look; these actions need helpdesk or admin.",
    lv: "Jūsu loma ļauj skatīt; šīm darbībām vajag palīdzības dienesta vai administratora lomu.",
  },
  reason: { en: "Reason or ticket id", lv: "Iemesls vai pieteikuma numurs" },
  reasonHint: { en: "recorded in the audit log", lv: "tiek ierakstīts audita žurnālā" },
  confirm: {
    en: "I have verified the caller's identity",
    lv: "Esmu pārbaudījis zvanītāja identitāti",
  },
  temporaryTitle: { en: "Reset the password with a temporary one", lv: "Atiestatīt paroli ar pagaidu paroli" },
  temporaryHint: {
    en: "The user's current password stops working and their sessions end. The temporary password is shown once; the user must choose their own at first sign-in.",
    lv: "Lietotāja pašreizējā parole vairs nedarbojas, un viņa sesijas beidzas. Pagaidu parole tiek parādīta vienu reizi; pirmajā pierakstīšanās reizē lietotājam jāizvēlas sava parole.",
  },
  temporaryButton: { en: "Set a temporary password", lv: "Iestatīt pagaidu paroli" },
  passTitle: { en: "Issue a registration pass", lv: "Izsniegt reģistrācijas caurlaidi" },
  passHint: {
    en: "A one-time pass to sign in once without a password and register security info. Shown once.",
    lv: "Vienreizēja caurlaide, lai vienu reizi pierakstītos bez paroles un reģistrētu drošības informāciju. Tiek parādīta vienu reizi.",
  },
  validMinutes: { en: "Valid for (minutes)", lv: "Derīga (minūtes)" },
  passButton: { en: "Issue the pass", lv: "Izsniegt caurlaidi" },
  contactTitle: { en: "Correct a phone number or email", lv: "Labot tālruņa numuru vai e-pastu" },
  contactHint: {
    en: "The user is told at the addresses they had, in case they did not ask for this.",
    lv: "Lietotājs tiek informēts iepriekšējās adresēs, ja gadījumā to nav lūdzis.",
  },
  noContacts: {
    en: "No registered phone number or email to correct.",
    lv: "Nav reģistrēta tālruņa numura vai e-pasta, ko labot.",
  },
  current: { en: "now", lv: "pašlaik" },
  newValue: { en: "Correct value", lv: "Pareizā vērtība" },
  newValueHint: {
    en: "a phone number with its country code (+371…) or an email address",
    lv: "tālruņa numurs ar valsts kodu (+371…) vai e-pasta adrese",
  },
  contactButton: { en: "Correct", lv: "Labot" },
  throttleTitle: { en: "Clear a throttle", lv: "Noņemt ierobežojumu" },
  throttled: {
    en: "This user is throttled or blocked. Clearing it is a fix: preview it, give a reason, apply.",
    lv: "Šim lietotājam ir ierobežojums vai bloķēšana. Tā noņemšana ir labojums: priekšskatiet to, norādiet iemeslu, piemērojiet.",
  },
  throttleLink: { en: "Preview clearing the throttle", lv: "Priekšskatīt ierobežojuma noņemšanu" },
  notThrottled: { en: "This user is not throttled.", lv: "Šim lietotājam nav ierobežojuma." },
  open: { en: "Helpdesk actions for this user", lv: "Palīdzības dienesta darbības šim lietotājam" },
  backToUser: { en: "Back to the user", lv: "Atpakaļ pie lietotāja" },
  failed: { en: "Nothing was changed", lv: "Nekas netika mainīts" },
  refused: { en: "You may not act on this user", lv: "Jūs nedrīkstat rīkoties ar šo lietotāju" },
  reasonMissing: {
    en: "reason: give the ticket id or say why; it goes into the audit log.",
    lv: "reason: norādiet pieteikuma numuru vai iemeslu; tas tiek ierakstīts audita žurnālā.",
  },
  confirmMissing: {
    en: "confirm: tick the box once you have verified the caller's identity.",
    lv: "confirm: atzīmējiet rūtiņu, kad esat pārbaudījis zvanītāja identitāti.",
  },
  validMinutesInvalid: {
    en: "validMinutes: a whole number of minutes from 5 to 1440.",
    lv: "validMinutes: vesels minūšu skaits no 5 līdz 1440.",
  },
  phoneInvalid: {
    en: "value: a phone number with its country code, like +37126000007.",
    lv: "value: tālruņa numurs ar valsts kodu, piemēram, +37126000007.",
  },
  emailInvalid: {
    en: "value: an email address like name@example.com.",
    lv: "value: e-pasta adrese, piemēram, vards@example.com.",
  },
  secretOnce: {
    en: "Read it out or pass it on now: it is shown this once and cannot be shown again.",
    lv: "Vienreizēja caurlaide, lai vienu reizi pierakstītos bez paroles un reģistrētu drošības informāciju. Tiek parādīta vienu reizi.",
  },
  temporaryDone: { en: "Temporary password set", lv: "Pagaidu parole iestatīta" },
  temporaryPassword: { en: "Temporary password", lv: "Pagaidu parole" },
  temporaryNext: {
    en: "Next, the user signs in at the registration page with this password and chooses their own password there; until then it works for nothing else. It stops working once they choose theirs, or at the time below if they have not.",
    lv: "Tālāk lietotājs pierakstās reģistrācijas lapā ar šo paroli un tur izvēlas savu paroli; līdz tam tā neder nekam citam. Tā vairs nedarbojas, tiklīdz lietotājs izvēlas savu, vai zemāk norādītajā laikā, ja nav izvēlējies.",
  },
  passDone: { en: "Registration pass issued", lv: "Reģistrācijas caurlaide izsniegta" },
  pass: { en: "Registration pass", lv: "Reģistrācijas caurlaide" },
  passNext: {
    en: "Next, the user opens the registration page, follows “Sign in with a pass from the helpdesk” (or goes straight to the link below), enters their sign-in name and this pass, and registers their security info. It works once.",
    lv: "Tālāk lietotājs atver reģistrācijas lapu, izvēlas “Pierakstīties ar palīdzības dienesta caurlaidi” (vai uzreiz atver saiti zemāk), ievada savu pierakstīšanās vārdu un šo caurlaidi un reģistrē drošības informāciju. Tā der vienu reizi.",
  },
  expires: { en: "Expires", lv: "Derīguma termiņš" },
  contactDone: { en: "Contact corrected", lv: "Kontaktinformācija labota" },
  contactNext: {
    en: "The next code for this method goes to the corrected value. The user was told at their previous addresses.",
    lv: "Nākamais šīs metodes kods tiks nosūtīts uz laboto vērtību. Lietotājs tika informēts iepriekšējās adresēs.",
  },
  registerPage: { en: "Registration page", lv: "Reģistrācijas lapa" },
  passPage: { en: "Sign in with a pass", lv: "Pierakstīšanās ar caurlaidi" },
  audited: { en: "Recorded in the audit log", lv: "Ierakstīts audita žurnālā" },
  auditLink: { en: "This user's audit rows", lv: "Šī lietotāja audita ieraksti" },
} as const satisfies Record<string, { en: string; lv: string }>;

export type HelpdeskText = { [K in keyof typeof TEXT]: string };

/** The helpdesk wording in one locale. */
export function helpdeskText(locale: Locale): HelpdeskText {
  return Object.fromEntries(Object.entries(TEXT).map(([k, v]) => [k, v[locale]])) as HelpdeskText;
}
