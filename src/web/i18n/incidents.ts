/**
 * Staff wording of the incidents page, English and Latvian, kept beside each other so a
 * new incident key cannot get one language and not the other.
 */
import type { Locale } from "../../http/request-context";

const WHAT: Record<string, { en: string; lv: string }> = {
  sspr_disabled: {
    en: "Self-service reset is off for everyone",
    lv: "Pašapkalpošanās atiestatīšana ir izslēgta visiem",
  },
  sspr_scope_empty: {
    en: "Reset is limited to selected groups, but none is selected",
    lv: "Atiestatīšana ir atļauta tikai izvēlētām grupām, bet neviena nav izvēlēta",
  },
  admin_sspr_off: {
    en: "Administrators may not use self-service reset",
    lv: "Administratori nedrīkst izmantot pašapkalpošanās atiestatīšanu",
  },
  policy_requires_more_methods_than_allowed: {
    en: "The policy requires more methods than it allows",
    lv: "Politika prasa vairāk metožu, nekā tā atļauj",
  },
  writeback_connector_unreachable: {
    en: "The writeback connector is unreachable",
    lv: "Atpakaļrakstīšanas savienotājs nav sasniedzams",
  },
  writeback_heartbeat_late: {
    en: "The writeback connector's heartbeat is late",
    lv: "Atpakaļrakstīšanas savienotāja sirdspuksts kavējas",
  },
  writeback_degraded: {
    en: "The writeback connector reports itself degraded",
    lv: "Atpakaļrakstīšanas savienotājs ziņo par traucējumiem",
  },
  writeback_missing_reset_permission: {
    en: "The writeback connector may not reset passwords",
    lv: "Atpakaļrakstīšanas savienotājam nav tiesību atiestatīt paroles",
  },
  blocked_jump: {
    en: "The number of users who cannot reset jumped",
    lv: "Strauji pieaudzis lietotāju skaits, kuri nevar atiestatīt paroli",
  },
};

export function incidentTexts(locale: Locale) {
  const lv = locale === "lv";
  const rules = new Intl.PluralRules(lv ? "lv" : "en");
  return {
    title: lv ? "Incidenti" : "Incidents",
    summary: (open: number) => {
      if (lv)
        return open === 0
          ? "Nav atvērtu incidentu."
          : `${open} ${rules.select(open) === "one" ? "atvērts incidents" : "atvērti incidenti"}.`;
      return open === 0
        ? "No open incidents."
        : `${open} open ${rules.select(open) === "one" ? "incident" : "incidents"}.`;
    },
    none: lv ? "Pašuzraudzība vēl nav atradusi nevienu incidentu." : "The self-watch has not raised any incident yet.",
    tenant: lv ? "Nomnieks" : "Tenant",
    what: lv ? "Kas notika" : "What happened",
    opened: lv ? "Atvērts" : "Opened",
    state: lv ? "Stāvoklis" : "State",
    detail: lv ? "Sīkāk" : "Detail",
    open: lv ? "Atvērts" : "Open",
    resolved: lv ? "Atrisināts" : "Resolved",
    describe: (key: string) => WHAT[key]?.[lv ? "lv" : "en"] ?? key,
  };
}
