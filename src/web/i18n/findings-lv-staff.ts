/**
 * Latvian staff wording of the findings a person may also see: findings-lv.ts speaks to
 * that person ("jūsu konts…"), which reads wrong on /admin, so staff get the same finding
 * about "the user" and what staff can do. Staff-only findings already speak to an
 * administrator there and are not repeated here. Generic like the person texts (the
 * values are in the evidence and in the engine's English sentence shown beside them).
 */
import type { PersonText } from "./findings-en";

export const STAFF_FINDINGS_LV: Readonly<Record<string, PersonText>> = {
  account_not_found: {
    title: "Konts nav atrasts",
    explanation:
      "Ar šo pierakstīšanās vārdu neatrod nevienu kontu. Pārbaudiet, vai lietotājs ievadījis pilnu vārdu bez drukas kļūdām un vai tas ir šī nomnieka konts. Personai tiek sniegta tāda pati atbilde kā par esošu kontu.",
  },
  account_disabled: {
    title: "Konts ir atspējots",
    explanation:
      "Lietotāja konts ir atspējots, un atspējotam kontam paroli atiestatīt nevar. Ja lietotājs joprojām strādā, iespējojiet kontu.",
  },
  guest_account: {
    title: "Viesa konts: parole pieder mājas organizācijai",
    explanation:
      "Lietotājs šeit ir viesis; viņa paroli atiestata organizācija, kas izsniegusi kontu. Nosūtiet viņu uz turienes atiestatīšanas lapu vai atbalsta dienestu.",
  },
  federated_elsewhere: {
    title: "Domēns pierakstās pie cita identitātes nodrošinātāja",
    explanation:
      "Lietotāja domēns ir federēts, tāpēc paroli atiestata ārējā identitātes nodrošinātājā, nevis šeit. Nosūtiet lietotāju uz tā atiestatīšanas lapu.",
  },
  sspr_disabled: {
    title: "Pašapkalpošanās paroles atiestatīšana ir izslēgta",
    explanation:
      "Nomniekā pašapkalpošanās paroles atiestatīšana nav ieslēgta nevienam lietotājam. Ieslēdziet to visiem vai izvēlētām grupām; līdz tam paroles atiestata atbalsta dienests.",
  },
  admin_sspr_off: {
    title: "Administratoriem pašapkalpošanās atiestatīšana ir izslēgta",
    explanation:
      "Lietotājam ir administratora loma, un nomnieks administratoriem pašapkalpošanās atiestatīšanu ir izslēdzis. Ieslēdziet to administratoriem vai atiestatiet paroli viņa vietā.",
  },
  sspr_scope_empty: {
    title: "Atiestatīšanas tvērumā nav nevienas grupas",
    explanation:
      "Atiestatīšana atļauta tikai izvēlētām grupām, bet neviena grupa nav izvēlēta, tāpēc to var izmantot tikai administratori. Pievienojiet tvērumam grupu.",
  },
  user_not_in_sspr_scope: {
    title: "Lietotājs nav grupā, kurai atļauta atiestatīšana",
    explanation:
      "Lietotājs nav nevienā tvēruma grupā ne tieši, ne ar ligzdotu grupu starpniecību. Pievienojiet viņu kādai no tvēruma grupām vai pievienojiet tvērumam viņa grupu.",
  },
  not_registered: {
    title: "Lietotājam nav reģistrētas drošības informācijas",
    explanation:
      "Lietotājam nav reģistrēta neviena metode, tāpēc nav ar ko pārbaudīt identitāti. Nosūtiet atgādinājumu par reģistrāciju; ja viņš nevar pierakstīties, pārbaudiet identitāti citādi un atiestatiet paroli.",
  },
  admin_security_questions_only: {
    title: "Administratoram reģistrēti tikai drošības jautājumi",
    explanation:
      "Lietotājam ir administratora loma, bet administratoru politika drošības jautājumus neieskaita. Lūdziet viņu reģistrēt divas citas metodes.",
  },
  registered_methods_not_allowed: {
    title: "Neviena lietotāja reģistrētā metode nav atļauta",
    explanation:
      "Lietotāja reģistrētās metodes politika pašlaik neatļauj. Atļaujiet kādu no tām vai lūdziet lietotāju reģistrēt atļautu metodi.",
  },
  security_questions_incomplete: {
    title: "Lietotājs atbildējis uz pārāk maz drošības jautājumu",
    explanation:
      "Atiestatīšanai vajag vairāk atbilžu, nekā lietotājam reģistrēts, un citu izmantojamu metožu nepietiek. Lūdziet viņu atbildēt uz vēl jautājumiem vai pievienot citu metodi.",
  },
  method_value_invalid: {
    title: "Reģistrētais numurs vai adrese nav derīga",
    explanation:
      "Kāds lietotāja tālruņa numurs vai e-pasta adrese nav pareizā formā (bieži trūkst valsts koda), tāpēc kodu nosūtīt nevar. Lūdziet lietotāju to izlabot.",
  },
  method_unverified: {
    title: "Lietotāja metode nav apstiprināta",
    explanation:
      "Metode pievienota, bet nav apstiprināta ar kodu, tāpēc atiestatīšanā netiek ieskaitīta. Lūdziet lietotāju pabeigt apstiprināšanu.",
  },
  admin_needs_two_methods: {
    title: "Administratoram vajag divas izmantojamas metodes",
    explanation:
      "Lietotājam ir administratora loma, tāpēc atiestatīšanai vajag divas izmantojamas metodes, bet viņam to ir mazāk. Lūdziet reģistrēt vēl vienu metodi.",
  },
  not_enough_methods: {
    title: "Lietotājam nepietiek izmantojamu metožu",
    explanation:
      "Politika prasa vairāk metožu, nekā lietotājam ir izmantojamu. Lūdziet viņu pievienot metodi vai apsveriet, vai politikai jāprasa tik daudz.",
  },
  reset_blocked_temporarily: {
    title: "Lietotāja atiestatīšana uz laiku bloķēta",
    explanation:
      "Pēc sasniegta ierobežojuma atiestatīšana lietotājam bloķēta uz 24 stundām. Ja mēģinājumi bija lietotāja paša, bloķēšanu var noņemt; ja ne, noskaidrojiet, kas mēģināja.",
  },
  too_many_codes_sent: {
    title: "Pēdējā stundā nosūtīts pārāk daudz kodu",
    explanation:
      "Lietotājam stundas laikā nosūtīti 5 kodi, un tas ir ierobežojums. Pārbaudiet, vai kodi nonāk pie viņa; ierobežojumu var noņemt.",
  },
  too_many_failed_verifications: {
    title: "Pārāk daudz nepareizu kodu vai atbilžu",
    explanation:
      "24 stundās ievadīti 10 nepareizi kodi vai atbildes. Pirms ierobežojuma noņemšanas pārliecinieties, ka tie bija lietotāja paša mēģinājumi.",
  },
  too_many_resets: {
    title: "Šodien parole atiestatīta pārāk daudz reižu",
    explanation:
      "Lietotāja parole 24 stundās atiestatīta 5 reizes. Pārbaudiet, vai kāda ierīce neizmanto veco paroli un vai atiestatīšanu neveic kāds cits.",
  },
  verification_code_wrong: {
    title: "Ievadīts nepareizs kods",
    explanation:
      "Pēdējā mēģinājumā lietotāja ievadītais kods nesakrita ar nosūtīto. Parasti pietiek ar jaunāko kodu; daudzi nepareizi kodi var liecināt par minēšanu.",
  },
  verification_code_expired: {
    title: "Ievadītā koda derīgums bija beidzies",
    explanation:
      "Kods derīgs 10 minūtes, un lietotājs to ievadīja vēlāk. Viņam jāpieprasa jauns kods; ja kodi pienāk ar nokavēšanos, pārbaudiet piegādi.",
  },
  security_answers_wrong: {
    title: "Nepareizas atbildes uz drošības jautājumiem",
    explanation: "Pēdējā mēģinājumā vismaz viena lietotāja atbilde nesakrita ar reģistrēto.",
  },
  phone_number_mismatch: {
    title: "Ievadītais tālruņa numurs nav reģistrētais",
    explanation:
      "Lietotāja ievadītais numurs nesakrīt ar reģistrēto. Ja viņam ir jauns numurs, tas jāreģistrē no jauna.",
  },
  password_too_short: {
    title: "Jaunā parole bija pārāk īsa",
    explanation: "Lietotāja izvēlētajā parolē bija mazāk par 8 rakstzīmēm.",
  },
  password_banned: {
    title: "Jaunā parole ir aizliegto sarakstā",
    explanation: "Lietotāja izvēlētā parole ir bieži lietota vai satur viņa vai organizācijas vārdu.",
  },
  password_recently_used: {
    title: "Jaunā parole nesen jau izmantota",
    explanation: "Lietotāja izvēlētā parole sakrīt ar kādu no viņa nesenajām parolēm.",
  },
  writeback_disabled: {
    title: "Paroles atpakaļrakstīšana ir izslēgta",
    explanation:
      "Lietotājs tiek sinhronizēts no lokālā direktorija, bet atpakaļrakstīšana ir izslēgta, tāpēc jauno paroli tur ierakstīt nevar. Ieslēdziet atpakaļrakstīšanu vai atiestatiet paroli lokālajā direktorijā.",
  },
  writeback_connector_unreachable: {
    title: "Atpakaļrakstīšanas savienotājs nav sasniedzams",
    explanation:
      "Savienotājs ilgāk par 10 minūtēm nav ziņojis par sevi, tāpēc paroles lokālajā direktorijā netiek ierakstītas. Pārbaudiet savienotāja serveri un pakalpojumu.",
  },
  onprem_account_disabled: {
    title: "Konts lokālajā direktorijā ir atspējots",
    explanation:
      "Lietotāja konts lokālajā direktorijā ir atspējots, tāpēc paroli tur iestatīt nevar. Lokālā direktorija administrators var kontu iespējot.",
  },
  onprem_cannot_change_password: {
    title: "Lokālajā kontā aizliegts mainīt paroli",
    explanation:
      "Lietotāja lokālajam kontam iestatīts „lietotājs nevar mainīt paroli”, kas aptur arī atpakaļrakstīšanu. Lokālā direktorija administrators var šo atzīmi noņemt.",
  },
  onprem_min_password_age: {
    title: "Parole mainīta pārāk nesen",
    explanation:
      "Lokālā direktorija minimālais paroles vecums vēl nav pagājis kopš pēdējās maiņas. Lietotājam jānogaida, vai minimālais vecums jāiestata uz 0.",
  },
  onprem_password_policy_rejected: {
    title: "Lokālais direktorijs noraidīja jauno paroli",
    explanation:
      "Lietotāja jaunā parole neatbilda lokālā direktorija paroļu politikai (garums, sarežģītība vai vēsture).",
  },
  onprem_success_cloud_failure: {
    title: "Parole ierakstīta lokāli, bet ne mākonī",
    explanation:
      "Lokālais direktorijs jauno paroli pieņēma, bet ierakstīšana mākonī neizdevās; tā tiek mēģināta atkārtoti. Līdz tam parole dažās vietās var vēl nedarboties.",
  },
  onprem_account_locked: {
    title: "Konts lokālajā direktorijā ir bloķēts",
    explanation:
      "Lietotāja lokālais konts ir bloķēts, parasti pēc nepareizām parolēm. Atiestatīšana to atbloķē; kontu var arī atbloķēt, nemainot paroli.",
  },
  registration_reconfirm_due: {
    title: "Lietotājam jāapstiprina drošības informācija",
    explanation:
      "Kopš pēdējās apstiprināšanas pagājis ilgāk, nekā politika atļauj. Lietotājam pēc pierakstīšanās tiks lūgts to apstiprināt.",
  },
  single_point_of_failure: {
    title: "Zaudējot vienu metodi, lietotājs vairs nevarēs atiestatīt",
    explanation:
      "Lietotājam ir tieši tik izmantojamu metožu, cik prasīts; zaudējot vienu, atiestatīšana vairs nedarbosies. Ieteicams lūgt viņu pievienot vēl vienu.",
  },
  email_method_is_own_mailbox: {
    title: "Atiestatīšanas e-pasts ir lietotāja darba pastkaste",
    explanation:
      "Reģistrētā adrese ir tā pati, ar kuru lietotājs pierakstās; bloķēts lietotājs to atvērt nevarēs. Lūdziet reģistrēt citu adresi.",
  },
  onprem_must_change_at_next_logon: {
    title: "Lokāli jāmaina parole nākamajā pierakstīšanās reizē",
    explanation:
      "Lietotāja lokālajam kontam ir atzīme par paroles maiņu nākamajā pierakstīšanās reizē; pēc atiestatīšanas jaunu paroli var prasīt vēlreiz.",
  },
  cloud_smart_lockout: {
    title: "Mākoņa viedā bloķēšana",
    explanation:
      "Pēc nepareizām parolēm mākoņa pierakstīšanās lietotāju uz laiku bloķējusi; lokālā konta atbloķēšana to nebeidz. Jānogaida, līdz bloķēšana beidzas.",
  },
  code_delivery_failed: {
    title: "Koda piegāde neizdevās",
    explanation:
      "Pēdējās 24 stundās kods uz kādu lietotāja metodi netika piegādāts. Pārbaudiet pasta filtrēšanu vai SMS piegādi un vai numurs vai adrese vēl ir derīga.",
  },
};
