/**
 * Latviešu valodas virkņu katalogs: tāda pati forma kā en.ts.
 */
import type { Messages } from "./en";

export const lv: Messages = {
  common: {
    product: "SSPR Doctor",
    tagline: "Paroles atiestatīšana, kas pasaka, kāpēc neizdodas",
    navReset: "Atiestatīt paroli",
    navRegister: "Drošības informācija",
    navKb: "Palīdzības raksti",
    navAdmin: "Administrēšana",
    language: "English",
    languageHref: "en",
    demoMailbox: "Demonstrācijas pastkaste: šeit nonāk demo lietotājiem sūtītie kodi",
    referenceId: "Atsauces ID",
    referenceHint: "Nosauciet šo ID IT atbalstam: pēc tā viņi redzēs, kas tieši notika.",
    readMore: "Lasīt vairāk",
    whatNow: "Ko jūs varat darīt",
    back: "Atpakaļ",
    continue: "Turpināt",
    startOver: "Sākt no jauna",
    error: "Kaut kas nogāja greizi",
    skip: "Pāriet uz saturu",
  },
  reset: {
    title: "Atiestatiet savu paroli",
    intro: "Aizmirsāt paroli vai konts ir bloķēts? Apstipriniet savu identitāti ar reģistrēto drošības informāciju un izvēlieties jaunu paroli.",
    login: "Pierakstīšanās vārds",
    loginHint: "Jūsu darba konts, piemēram, vards@contoso.example",
    unlockOnly: "Es gribu tikai atbloķēt kontu (paroli paturēt)",
    start: "Tālāk",
    chooseMethod: "Kā vēlaties apliecināt, ka tas esat jūs?",
    methodsHint: "Redzamas tikai jūsu organizācijas atļautās metodes. Jums būs jāieraksta pilna reģistrētā adrese vai numurs.",
    remaining: (n: number) => (n === 1 ? "Vajadzīga vēl viena metode." : `Vajadzīgas vēl ${n} metodes.`),
    method: {
      email: "Sūtīt kodu e-pastā",
      mobile_sms: "Sūtīt kodu īsziņā",
      mobile_voice: "Zvanīt uz mobilo tālruni",
      office_phone: "Zvanīt uz darba tālruni",
      authenticator_notification: "Apstiprināt autentifikatora lietotnē",
      authenticator_code: "Ievadīt kodu no autentifikatora lietotnes",
      security_questions: "Atbildēt uz drošības jautājumiem",
    },
    contactEmail: "Jūsu reģistrētā e-pasta adrese",
    contactPhone: "Jūsu reģistrētais tālruņa numurs (ar valsts kodu, piemēram, +371 2000 0000)",
    sendCode: "Sūtīt kodu",
    codeSent: (seconds: number) => `Ja tas atbilst reģistrētajam, kods ir ceļā. Tas derīgs ${Math.round(seconds / 60)} minūtes.`,
    enterCode: "Kods",
    enterAppCode: "Sešciparu kods, ko rāda autentifikatora lietotne",
    verify: "Pārbaudīt",
    answerQuestions: "Atbildiet uz drošības jautājumiem",
    answerHint: "Lielajiem un mazajiem burtiem nav nozīmes.",
    newPassword: "Jaunā parole",
    confirmPassword: "Ierakstiet to vēlreiz",
    passwordsDiffer: "Abas paroles nesakrīt.",
    hints: {
      length: "No 8 līdz 256 rakstzīmēm",
      notCommon: "Ne bieži lietota parole, ne jūsu vai organizācijas vārds",
      notReused: "Ne kāda no jūsu pēdējām 24 parolēm",
    },
    setPassword: "Iestatīt paroli",
    unlock: "Atbloķēt kontu",
    doneTitle: "Gatavs",
    donePassword: "Jūsu parole ir nomainīta. Pierakstieties ar jauno paroli.",
    doneWriteback: "Tā ierakstīta arī jūsu organizācijas lokālajā direktorijā.",
    doneUnlocked: "Jūsu konts ir atbloķēts.",
    failedTitle: "Neizdevās",
  },
  // ---- /kb (knowledge base pages)
  kb: {
    title: "Palīdzības raksti",
  },
  // ---- /admin (staff pages)
  admin: {
    title: "Administrēšana",
  },
  // ---- /register (security info)
  register: {
    title: "Drošības informācija",
  },
};
