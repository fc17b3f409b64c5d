/**
 * Staff wording of the insights and connector status pages, English and Latvian side by side.
 */
import type { Locale } from "../../http/request-context";
import type { FunnelStep } from "../../domain/insights";
import { humanNumber } from "./human";

export function insightsTexts(locale: Locale) {
  const lv = locale === "lv";
  const n = (x: number) => humanNumber(locale, x);
  const steps: Record<FunnelStep, string> = lv
    ? {
        start: "Sākta",
        challenge: "Kods nosūtīts",
        verify: "Identitāte pārbaudīta",
        set: "Parole pieņemta",
        writeback: "Pabeigta (ierakstīta)",
      }
    : {
        start: "Started",
        challenge: "Code sent",
        verify: "Identity verified",
        set: "Password accepted",
        writeback: "Completed (written back)",
      };
  return {
    title: (name: string) => (lv ? `Ieskati: ${name}` : `Insights: ${name}`),
    intro: lv
      ? "Paroles atiestatīšana pa dienām (UTC), kļūdas pēc konstatējuma un soļu piltuve — no audita žurnāla. Neveiksmes ir katrs kļūdains solis, ko kāds redzēja."
      : "Password resets per day (UTC), failures by finding and the step funnel — from the audit log. A failure is every failed step someone was shown.",
    from: lv ? "No" : "From",
    to: lv ? "Līdz" : "To",
    show: lv ? "Rādīt" : "Show",
    csv: lv ? "Lejupielādēt CSV" : "Download CSV",
    attempted: lv ? "Mēģināts" : "Attempted",
    succeeded: lv ? "Izdevies" : "Succeeded",
    failed: lv ? "Neveiksmes" : "Failed",
    registered: lv ? "Reģistrēts" : "Registered",
    day: lv ? "Diena" : "Day",
    perDay: lv ? "Atiestatīšana pa dienām" : "Resets per day",
    perDayDesc: lv
      ? "Izdevušās (zaļas) un neveiksmīgās (sarkanas) atiestatīšanas katrā dienā."
      : "Succeeded (green) and failed (red) resets each day.",
    dayLabel: (day: string, ok: number, bad: number) =>
      lv ? `${day}: izdevies ${n(ok)}, neveiksmes ${n(bad)}` : `${day}: ${n(ok)} succeeded, ${n(bad)} failed`,
    failures: lv ? "Neveiksmes pēc konstatējuma" : "Failures by finding",
    failuresDesc: lv ? "Neveiksmīgo soļu skaits katram kodam." : "Failed steps per finding code.",
    noFailures: lv ? "Šajā periodā neveiksmju nav." : "No failures in this range.",
    funnel: lv ? "Piltuve pa soļiem" : "Funnel by step",
    funnelDesc: lv ? "Izieto soļu skaits (audita ieraksti)." : "Steps passed (audit rows).",
    steps,
    step: lv ? "Solis" : "Step",
    people: lv ? "Soļi" : "Steps passed",
    count: lv ? "Skaits" : "Count",
    finding: lv ? "Konstatējums" : "Finding",
    groups: lv ? "Grupas ar visvairāk bloķētiem lietotājiem" : "Groups with the most blocked users",
    groupsNote: lv ? "No pašreizējās pārbaudes, tiešā dalība." : "From the current sweep, direct memberships.",
    noGroups: lv ? "Nevienā grupā nav bloķētu lietotāju." : "No group has a blocked user.",
    group: lv ? "Grupa" : "Group",
    blocked: lv ? "Bloķēti" : "Blocked",
    coverage: lv
      ? "Reģistrācijas pārklājums: skatīt reģistrācijas pārskatu"
      : "Registration coverage: see the registration report",
    backToHealth: lv ? "Nomnieka veselība" : "Tenant health",
    link: lv ? "Ieskati" : "Insights",
  };
}

export function connectorTexts(locale: Locale) {
  const lv = locale === "lv";
  return {
    title: lv ? "Savienotāju statuss" : "Connector status",
    intro: lv
      ? "Katra nomnieka paroļu atpakaļrakstīšanas savienotājs: statuss, pēdējais sirdspuksts, tiesības, lokālā paroļu politika un direktorija konfigurācija."
      : "Each tenant's password writeback connector: status, last heartbeat, permissions, the on-premises password policy and the directory configuration.",
    nav: lv ? "Savienotāji" : "Connectors",
    notConfigured: lv ? "Nav konfigurēts" : "Not configured",
    status: {
      healthy: lv ? "Darbojas" : "Healthy",
      unreachable: lv ? "Nesasniedzams" : "Unreachable",
      degraded: lv ? "Traucēts" : "Degraded",
    } as Record<string, string>,
    statusLabel: lv ? "Statuss" : "Status",
    lastHeartbeat: lv ? "Pēdējais sirdspuksts" : "Last heartbeat",
    never: lv ? "nekad" : "never",
    late: (ago: string) => (lv ? `novēlojies — ${ago}` : `late — ${ago}`),
    onTime: (ago: string) => (lv ? `laikā — ${ago}` : `on time — ${ago}`),
    permissions: lv ? "Tiesības" : "Permissions",
    perm: {
      resetPassword: lv ? "Atiestatīt paroli" : "Reset password",
      changePassword: lv ? "Mainīt paroli" : "Change password",
      lockoutTime: lv ? "Rakstīt lockoutTime" : "Write lockoutTime",
      pwdLastSet: lv ? "Rakstīt pwdLastSet" : "Write pwdLastSet",
    },
    granted: lv ? "ir" : "granted",
    missing: lv ? "trūkst" : "missing",
    policy: lv ? "Lokālā paroļu politika" : "On-premises password policy",
    policyText: (min: number, complexity: boolean, history: number, minAge: number) =>
      lv
        ? `vismaz ${min} rakstzīmes${complexity ? ", sarežģītība" : ""}, vēsture ${history}, minimālais vecums ${minAge} h`
        : `at least ${min} characters${complexity ? ", complexity" : ""}, history ${history}, minimum age ${minAge} h`,
    directory: lv ? "Direktorijs" : "Directory",
    noDirectory: lv
      ? "Simulēts savienotājs (nav direktorija konfigurācijas)"
      : "Simulated connector (no directory configuration)",
    history: lv ? "Statusa izmaiņas" : "Status changes",
    noHistory: lv ? "Vēl nav reģistrētu izmaiņu." : "No changes recorded yet.",
    tenant: lv ? "Nomnieks" : "Tenant",
    when: lv ? "Kad" : "When",
    source: lv ? "Avots" : "Source",
    sources: { simulated: lv ? "simulēts" : "simulated", directory: lv ? "direktorijs" : "directory" } as Record<
      string,
      string
    >,
  };
}
