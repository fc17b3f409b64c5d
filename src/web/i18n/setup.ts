/**
 * Staff wording of the set-up pages (first run, a tenant's set-up, the CSV import
 * report), English and Latvian side by side.
 */
import type { Locale } from "../../http/request-context";

export function setupTexts(locale: Locale) {
  const lv = locale === "lv";
  return {
    firstRunTitle: lv ? "Izveidojiet savu pirmo nomnieku" : "Create your first tenant",
    firstRunIntro: lv
      ? "Šajā pakalpojumā vēl nav neviena nomnieka. Izveidojiet to, tad iestatiet politiku, grupas un lietotājus vai importējiet tos no CSV faila."
      : "This service has no tenant yet. Create one, then set its policy, groups and users, or import people from a CSV file.",
    newTenant: lv ? "Jauns nomnieks" : "New tenant",
    tenantName: lv ? "Nosaukums" : "Name",
    tenantDomain: lv ? "Domēns (pierakstīšanās vārdu sufikss)" : "Domain (the suffix of sign-in names)",
    create: lv ? "Izveidot" : "Create",
    save: lv ? "Saglabāt" : "Save",
    setUp: lv ? "Iestatīšana" : "Set up",
    setupOf: (name: string) => (lv ? `Iestatīšana: ${name}` : `Set up: ${name}`),
    saved: lv ? "Saglabāts." : "Saved.",
    settings: lv ? "Nomnieka iestatījumi" : "Tenant settings",
    bannedWords: lv ? "Aizliegtie paroļu vārdi (pa vienam rindā)" : "Banned password words (one a line)",
    policy: lv ? "Paroles atiestatīšanas politika" : "Password reset policy",
    policyIntro: lv
      ? "Politika mainās politikas redaktorā: melnraksts, tā ietekme uz lietotājiem, tad lietošana ar iemeslu kā jauna versija."
      : "The policy changes in the policy editor: a draft, its effect on your users, then applied with a reason as a new version.",
    openEditor: lv ? "Atvērt politikas redaktoru" : "Open the policy editor",
    groups: lv ? "Grupas" : "Groups",
    groupName: lv ? "Grupas nosaukums" : "Group name",
    parentGroup: lv ? "Iekšā grupā (neobligāti)" : "Inside group (optional)",
    none: lv ? "— nav —" : "— none —",
    nest: lv ? "Ielikt grupu grupā" : "Put a group inside a group",
    parent: lv ? "Vecākgrupa" : "Parent group",
    child: lv ? "Apakšgrupa" : "Child group",
    user: lv ? "Pievienot lietotāju" : "Add a user",
    editUser: (upn: string) => (lv ? `Labot lietotāju ${upn}` : `Edit user ${upn}`),
    edit: lv ? "Labot" : "Edit",
    exists: lv ? "Šāds lietotājs jau ir — labojiet to." : "This user already exists — edit it instead.",
    editIt: lv ? "Labot šo lietotāju" : "Edit this user",
    upn: lv ? "Pierakstīšanās vārds" : "Sign-in name",
    displayName: lv ? "Attēlojamais vārds" : "Display name",
    type: lv ? "Veids" : "Type",
    source: lv ? "Avots" : "Source",
    enabled: lv ? "Pierakstīšanās atļauta" : "Sign-in enabled",
    roles: lv ? "Administratora lomas (ar komatu)" : "Admin roles (comma-separated)",
    license: lv ? "Licence" : "Licence",
    membership: lv ? "Lietotājs grupā" : "A user in a group",
    group: lv ? "Grupa" : "Group",
    add: lv ? "Pievienot" : "Add",
    remove: lv ? "Noņemt" : "Remove",
    takeOut: lv ? "Izņemt no grupas" : "Take out",
    delete: lv ? "Dzēst" : "Delete",
    renameGroup: lv ? "Pārdēvēt" : "Rename",
    newName: (name: string) => (lv ? `Jauns nosaukums grupai ${name}` : `New name for ${name}`),
    importTitle: lv ? "Importēt cilvēkus no CSV" : "Import people from CSV",
    importIntro: lv
      ? "Kolonnas: userPrincipalName, displayName, mail, mobile, department, groups (atdalītas ar |), accountEnabled, usageLocation, licence, userType. Ja kāda rinda ir kļūdaina, netiek ierakstīts nekas."
      : "Columns: userPrincipalName, displayName, mail, mobile, department, groups (separated by |), accountEnabled, usageLocation, licence, userType. If any row is wrong, nothing is written.",
    file: lv ? "CSV fails" : "CSV file",
    dryRun: lv ? "Tikai pārbaudīt (neko neierakstīt)" : "Check only (write nothing)",
    import: lv ? "Importēt" : "Import",
    reportTitle: lv ? "Importa pārskats" : "Import report",
    dryRunDone: lv ? "Pārbaude: nekas netika ierakstīts." : "Dry run: nothing was written.",
    written: lv ? "Importēts." : "Imported.",
    noChanges: lv ? "Nav izmaiņu: nekas netika ierakstīts." : "No changes: nothing was written.",
    refused: (n: number) =>
      lv
        ? `Imports atteikts, nekas netika ierakstīts: ${n} kļūdas.`
        : `Import refused, nothing was written: ${n} problem(s).`,
    counts: (r: { rows: number; created: number; updated: number; groups: number; members: number; same: number }) =>
      lv
        ? `${r.rows} rindas: izveidoti ${r.created} lietotāji, laboti ${r.updated}, izveidotas ${r.groups} grupas, pievienotas ${r.members} dalības, nemainīti ${r.same}.`
        : `${r.rows} rows: ${r.created} users created, ${r.updated} updated, ${r.groups} groups created, ${r.members} memberships added, ${r.same} unchanged.`,
    row: lv ? "Rinda" : "Row",
    column: lv ? "Kolonna" : "Column",
    reason: lv ? "Iemesls" : "Reason",
    back: lv ? "Atpakaļ uz iestatīšanu" : "Back to set-up",
    noFile: lv ? "Izvēlieties CSV failu." : "Choose a CSV file.",
  };
}
