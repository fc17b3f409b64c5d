/**
 * Staff wording of the registration report page, English and Latvian side by side.
 */
import type { Locale } from "../../http/request-context";
import { counted } from "./human";

const USERS = { en: { one: "user", other: "users" }, lv: { zero: "lietotāju", one: "lietotājs", other: "lietotāji" } };

export function registrationTexts(locale: Locale) {
  const lv = locale === "lv";
  return {
    title: (name: string) => (lv ? `Reģistrācijas pārskats: ${name}` : `Registration report: ${name}`),
    intro: lv
      ? "Cik lietotāju ir reģistrējuši drošības informāciju, cik — pietiekami, lai atiestatītu paroli, un kas traucē pārējiem."
      : "How many users registered security info, how many registered enough to reset, and what stands in the way of the rest.",
    users: (n: number) => counted(locale, n, USERS[locale]),
    registered: lv ? "Reģistrējuši vismaz vienu metodi" : "Registered at least one method",
    enough: lv ? "Reģistrējuši pietiekami atiestatīšanai" : "Registered enough to reset",
    canReset: lv ? "Var atiestatīt šodien" : "Can reset today",
    byMethod: lv ? "Pēc metodes (apstiprinātas)" : "By method (verified)",
    method: lv ? "Metode" : "Method",
    share: lv ? "Daļa" : "Share",
    gaps: lv ? "Kas traucē" : "What stands in the way",
    noGaps: lv ? "Visi ir reģistrējuši pietiekami." : "Everyone has registered enough.",
    finding: lv ? "Konstatējums" : "Finding",
    count: lv ? "Lietotāji" : "Users",
    backToHealth: lv ? "Nomnieka veselība" : "Tenant health",
  };
}
