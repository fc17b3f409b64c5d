/**
 * Latvian titles and plain explanations of every finding in the catalogue, and Latvian
 * titles of every fix, shown on the pages to Latvian readers. The engine's own texts
 * (rules/*.json) are English and carry the actual values of one user (names, counts,
 * dates), which is what staff need; these are generic instead: they say what a finding
 * means and what to do next, naming only the catalogue's fixed limits. Findings a user
 * can see speak to that user ("jūs"); staff-only ones speak to an administrator. Public
 * findings never say whether the account exists. Keyed by code string, like the English
 * ones in findings-en.ts, so catalogue v2 codes have their words before the catalogue
 * knows them.
 */
import type { FixId } from "../../domain/catalogue";
import type { PersonText } from "./findings-en";

export const FINDINGS_LV: Readonly<Record<string, PersonText>> = {
  // ---- Blockers, in catalogue order
  account_not_found: {
    title: "Pārbaudiet ievadīto pierakstīšanās vārdu",
    explanation:
      "Ar ievadīto pierakstīšanās vārdu atiestatīšanu turpināt nevar. Pārbaudiet, vai ievadījāt visu vārdu, arī daļu pēc @, bez drukas kļūdām un vai tas ir jūsu darba vai mācību konts, un mēģiniet vēlreiz.",
  },
  account_disabled: {
    title: "Jūsu konts ir atspējots",
    explanation:
      "Administrators ir atspējojis jūsu kontu, un atspējotam kontam paroli atiestatīt nevar. Sazinieties ar IT atbalstu: kontu atkal iespējot var tikai administrators.",
  },
  guest_account: {
    title: "Viesa konta paroli atiestata jūsu mājas organizācijā",
    explanation:
      "Šeit jūs esat viesis, un jūsu parole pieder organizācijai, kas jums izsniedza kontu. Atiestatiet paroli tur vai vērsieties tās atbalsta dienestā.",
  },
  federated_elsewhere: {
    title: "Jūsu paroli pārvalda cits pierakstīšanās pakalpojums",
    explanation:
      "Jūsu organizācija jūs pieraksta caur atsevišķu pierakstīšanās pakalpojumu, tāpēc paroli jāatiestata tur, nevis šeit. Izmantojiet šī pakalpojuma lapu „aizmirsu paroli” vai pajautājiet IT atbalstam, kur tā atrodama.",
  },
  sspr_disabled: {
    title: "Pašapkalpošanās paroles atiestatīšana ir izslēgta",
    explanation:
      "Jūsu organizācijā pašapkalpošanās paroles atiestatīšana nav ieslēgta, tāpēc to var izmantot tikai administratori. Lūdziet IT atbalstu atiestatīt paroli jūsu vietā.",
  },
  admin_sspr_off: {
    title: "Administratori šeit nevar atiestatīt savu paroli",
    explanation:
      "Jums ir administratora loma, un jūsu organizācija administratoriem pašapkalpošanās paroles atiestatīšanu ir izslēgusi. Paroli jums var atiestatīt cits administrators vai IT atbalsts.",
  },
  sspr_scope_empty: {
    title: "Pašapkalpošanās paroles atiestatīšana nav atļauta nevienai grupai",
    explanation:
      "Organizācija atiestatīšanu atļāvusi tikai izvēlētām grupām, taču neviena grupa nav izvēlēta, tāpēc to var izmantot tikai administratori. Lūdziet IT atbalstu atiestatīt paroli jūsu vietā.",
  },
  user_not_in_sspr_scope: {
    title: "Jūsu konts nav grupā, kurai atļauta pašapkalpošanās atiestatīšana",
    explanation:
      "Organizācija atiestatīšanu atļāvusi tikai noteiktām grupām, un jūsu konts nav nevienā no tām ne tieši, ne ar citas grupas starpniecību. Pajautājiet IT atbalstam vai vadītājam, vai jūs var pievienot kādai no šīm grupām.",
  },
  no_license: {
    title: "Lietotājam nav licences pašapkalpošanās atiestatīšanai",
    explanation:
      "Kontam nav piešķirta neviena licence, bet pašapkalpošanās paroles atiestatīšanai tā ir vajadzīga. Piešķiriet lietotājam licenci, kas ietver paroles atiestatīšanu.",
  },
  license_lacks_writeback: {
    title: "Lietotāja licence neietver paroles atpakaļrakstīšanu",
    explanation:
      "Konts tiek sinhronizēts no lokālā direktorija, tāpēc jaunā parole jāieraksta arī tur, un tam vajadzīga P1 vai P2 licence. Piešķiriet lietotājam kādu no tām.",
  },
  policy_requires_more_methods_than_allowed: {
    title: "Politika prasa vairāk metožu, nekā atļauj",
    explanation:
      "Atiestatīšanai nepieciešamo metožu skaits ir lielāks par atļauto metožu skaitu, tāpēc neviens parastais lietotājs paroli atiestatīt nevar. Atļaujiet vairāk metožu vai prasiet tikai vienu.",
  },
  not_registered: {
    title: "Jums nav reģistrētas drošības informācijas",
    explanation:
      "Jūsu kontam nav reģistrēta neviena metode, tāpēc nav ar ko pārbaudīt jūsu identitāti. Ja vēl varat pierakstīties, reģistrējiet drošības informāciju tūlīt; ja nevarat, sazinieties ar IT atbalstu.",
  },
  admin_security_questions_only: {
    title: "Kā administrators jūs nevarat atiestatīt paroli ar drošības jautājumiem",
    explanation:
      "Jums ir administratora loma, bet reģistrēti tikai drošības jautājumi, ko administratoru politika neieskaita nekad. Pierakstieties un reģistrējiet divas citas metodes, piemēram, autentifikatora lietotni un mobilā tālruņa numuru.",
  },
  registered_methods_not_allowed: {
    title: "Neviena no jūsu reģistrētajām metodēm nav atļauta",
    explanation:
      "Jums ir reģistrētas metodes, taču jūsu organizācija pašlaik neatļauj nevienu no tām. Pierakstieties un reģistrējiet kādu no atļautajām metodēm.",
  },
  security_questions_incomplete: {
    title: "Atbildēts uz pārāk maz drošības jautājumu",
    explanation:
      "Atiestatīšanai vajag atbildes uz vairāk drošības jautājumiem, nekā jums ir reģistrēts, un citu izmantojamu metožu nepietiek. Pierakstieties un drošības informācijas lapā atbildiet uz vēl jautājumiem vai pievienojiet citu metodi.",
  },
  method_value_invalid: {
    title: "Reģistrētais tālruņa numurs vai e-pasta adrese nav derīga",
    explanation:
      "Kāds no jūsu tālruņa numuriem vai e-pasta adresēm nav ierakstīts pareizi, tāpēc uz to nevar nosūtīt kodu. Pierakstieties, izlabojiet to drošības informācijas lapā (tālruņa numuru rakstiet ar valsts kodu, piemēram, +371) un apstipriniet ar kodu.",
  },
  method_unverified: {
    title: "Kāda no jūsu metodēm nav apstiprināta",
    explanation:
      "Metode ir pievienota, bet tās apstiprināšana nav pabeigta, tāpēc atiestatīšanā tā netiek ieskaitīta un jums nepietiek izmantojamu metožu. Pierakstieties un drošības informācijas lapā pabeidziet apstiprināšanu.",
  },
  admin_needs_two_methods: {
    title: "Kā administratoram jums vajag divas izmantojamas metodes",
    explanation:
      "Jums ir administratora loma, tāpēc paroles atiestatīšanai vienmēr vajag divas izmantojamas metodes, bet jums to ir mazāk. Pierakstieties un pievienojiet vēl vienu metodi, vēlams citā kanālā nekā pirmā.",
  },
  not_enough_methods: {
    title: "Jums nepietiek izmantojamu metožu",
    explanation:
      "Jūsu organizācija atiestatīšanai prasa vairāk metožu, nekā jums ir izmantojamu (reģistrētu, apstiprinātu un atļautu). Pierakstieties un drošības informācijas lapā pievienojiet vēl vienu metodi.",
  },
  reset_blocked_temporarily: {
    title: "Paroles atiestatīšana pagaidām ir bloķēta",
    explanation:
      "Pēc pārāk daudziem mēģinājumiem atiestatīšana uz 24 stundām ir apturēta, un atkārtoti mēģinājumi to nesaīsina. Mēģiniet vēlreiz, kad bloķēšana beigsies, vai sazinieties ar IT atbalstu un nosauciet atsauces ID.",
  },
  too_many_codes_sent: {
    title: "Pēdējā stundā pieprasīts pārāk daudz kodu",
    explanation:
      "Stundā var nosūtīt ne vairāk kā 5 kodus, un šis ierobežojums ir sasniegts. Nogaidiet, līdz ierobežojums beidzas, un tad izmantojiet jaunāko saņemto kodu; ja gaidīt nevarat, sazinieties ar IT atbalstu.",
  },
  too_many_failed_verifications: {
    title: "Pārāk daudz nepareizu kodu vai atbilžu",
    explanation:
      "24 stundās drīkst ievadīt ne vairāk kā 10 nepareizus kodus vai atbildes, un šis ierobežojums ir sasniegts, tāpēc turpināt pagaidām nevar. Nogaidiet vai sazinieties ar IT atbalstu; ja šos mēģinājumus neveicāt jūs, pastāstiet to IT atbalstam.",
  },
  too_many_resets: {
    title: "Šodien parole atiestatīta pārāk daudz reižu",
    explanation:
      "24 stundās paroli var atiestatīt ne vairāk kā 5 reizes, un šis ierobežojums ir sasniegts. Nogaidiet, līdz bloķēšana beidzas, vai sazinieties ar IT atbalstu, un pārbaudiet, vai kāda ierīce vēl neizmanto veco paroli.",
  },
  verification_code_wrong: {
    title: "Kods nav pareizs",
    explanation: "Ievadītais kods nesakrīt ar nosūtīto. Atveriet jaunāko saņemto ziņu un ievadiet kodu vēlreiz.",
  },
  verification_code_expired: {
    title: "Koda derīguma termiņš ir beidzies",
    explanation: "Kods ir derīgs 10 minūtes, un šis laiks ir pagājis. Pieprasiet jaunu kodu un ievadiet to uzreiz.",
  },
  security_answers_wrong: {
    title: "Dažas atbildes uz drošības jautājumiem nav pareizas",
    explanation:
      "Vismaz viena atbilde nesakrita ar reģistrēto. Lielajiem un mazajiem burtiem nav nozīmes; uzmanīgi mēģiniet vēlreiz.",
  },
  phone_number_mismatch: {
    title: "Šis tālruņa numurs nav reģistrētais",
    explanation:
      "Ievadītais numurs nav tas, kas reģistrēts jūsu kontam. Ievadiet pilnu reģistrēto numuru ar valsts kodu vai izvēlieties citu metodi.",
  },
  password_too_short: {
    title: "Jaunā parole ir pārāk īsa",
    explanation:
      "Parolē jābūt vismaz 8 un ne vairāk kā 256 rakstzīmēm. Izvēlieties garāku paroli, piemēram, vairākus vārdus pēc kārtas.",
  },
  password_banned: {
    title: "Jauno paroli ir pārāk viegli uzminēt",
    explanation:
      "Parole ir aizliegto sarakstā: tā ir bieži lietota vai satur jūsu vārdu vai organizācijas nosaukumu. Izvēlieties citu paroli.",
  },
  password_recently_used: {
    title: "Šo paroli jūs jau nesen izmantojāt",
    explanation: "Jaunā parole sakrīt ar kādu no jūsu nesenajām parolēm. Izvēlieties paroli, kas jums vēl nav bijusi.",
  },
  writeback_disabled: {
    title: "Paroles atpakaļrakstīšana ir izslēgta",
    explanation:
      "Jūsu kontu pārvalda organizācijas lokālais direktorijs, bet paroles atpakaļrakstīšana (writeback) uz to ir izslēgta, tāpēc jauno paroli tur ierakstīt nevar. Sazinieties ar IT atbalstu: tas var atiestatīt paroli tieši lokālajā direktorijā.",
  },
  writeback_connector_unreachable: {
    title: "Savienotājs ar lokālo direktoriju nav sasniedzams",
    explanation:
      "Savienotājs, kas ieraksta paroles jūsu organizācijas lokālajā direktorijā, pašlaik nedarbojas, tāpēc jauno paroli tur ierakstīt nevar, un vecā parole paliek spēkā. Mēģiniet vēlāk vai sazinieties ar IT atbalstu un nosauciet atsauces ID.",
  },
  writeback_missing_reset_permission: {
    title: "Savienotājam nav tiesību atiestatīt paroles",
    explanation:
      "Savienotāja pakalpojuma kontam lokālajā direktorijā nav tiesību atiestatīt paroles, tāpēc atpakaļrakstīšana tiks noraidīta. Piešķiriet tam paroles atiestatīšanas tiesības uz lietotāju kontiem.",
  },
  writeback_missing_pwdlastset_permission: {
    title: "Savienotājam nav tiesību rakstīt pwdLastSet",
    explanation:
      "Savienotāja pakalpojuma konts lokālajā direktorijā nevar rakstīt atribūtu pwdLastSet, tāpēc jaunās paroles atpakaļrakstīšana neizdosies. Piešķiriet tam rakstīšanas tiesības uz šo atribūtu.",
  },
  writeback_remote_sam_restricted: {
    title: "Domēna kontrolleri atsaka savienotāja attālajiem izsaukumiem",
    explanation:
      "Domēna kontrolleru attālā SAM ierobežojums liedz piekļuvi savienotāja pakalpojuma kontam, tāpēc atpakaļrakstīšana tiek noraidīta. Atļaujiet šo kontu politikā, kas ierobežo attālos SAM izsaukumus.",
  },
  writeback_policy_hints_unsupported: {
    title: "Domēna kontrolleri neatbalsta paroļu politikas norādes",
    explanation:
      "Domēna kontrolleri ir par vecu, lai pieņemtu atpakaļrakstīšanas sūtītās politikas norādes, tāpēc paroles ierakstīšana neizdodas. Atjauniniet domēna kontrollerus vai uzstādiet atjauninājumu, kas šo atbalstu pievieno.",
  },
  onprem_account_not_found: {
    title: "Konts lokālajā direktorijā nav atrasts",
    explanation:
      "Mākoņa kontam lokālajā direktorijā nav atbilstoša konta, tāpēc paroli nav kur ierakstīt. Pārbaudiet sinhronizācijas tvērumu un konta enkuru.",
  },
  onprem_account_ambiguous: {
    title: "Šim lietotājam atbilst vairāki lokālie konti",
    explanation:
      "Šim mākoņa kontam lokālajā direktorijā atbilst vairāk nekā viens objekts, tāpēc atpakaļrakstīšana nezina, kuru mainīt. Novērsiet dublēto enkuru.",
  },
  onprem_account_disabled: {
    title: "Jūsu konts organizācijas direktorijā ir atspējots",
    explanation:
      "Jūsu konts organizācijas lokālajā direktorijā ir atspējots, tāpēc jaunu paroli tur iestatīt nevar. Sazinieties ar IT atbalstu: kontu atkal iespējot var tikai šī direktorija administrators.",
  },
  onprem_cannot_change_password: {
    title: "Jūsu kontam lokālajā direktorijā aizliegts mainīt paroli",
    explanation:
      "Jūsu kontam lokālajā direktorijā iestatīts, ka lietotājs nevar mainīt paroli, un tas neļauj ierakstīt arī atiestatītu paroli. Sazinieties ar IT atbalstu: šo iestatījumu var noņemt lokālā direktorija administrators.",
  },
  onprem_protected_account: {
    title: "Konts lokālajā direktorijā ir aizsargāts",
    explanation:
      "Tas ir aizsargāts (priviliģēts) konts, kuram direktorijs noņem savienotāja tiesības, tāpēc atpakaļrakstīšana tam nav iespējama. Paroli jāatiestata lokālā direktorija administratoram tieši direktorijā.",
  },
  onprem_min_password_age: {
    title: "Parole mainīta pārāk nesen",
    explanation:
      "Jūsu organizācijas lokālā direktorija politika nosaka, cik ilgi parole jāpatur līdz nākamajai maiņai, un šis laiks vēl nav pagājis. Mēģiniet vēlreiz vēlāk vai sazinieties ar IT atbalstu.",
  },
  onprem_password_policy_rejected: {
    title: "Lokālais direktorijs noraidīja jauno paroli",
    explanation:
      "Jaunā parole neatbilst jūsu organizācijas lokālā direktorija paroļu politikai (garums, sarežģītība vai iepriekšējās paroles). Izvēlieties garāku, daudzveidīgāku paroli, kas jums vēl nav bijusi.",
  },
  writeback_degraded: {
    title: "Atpakaļrakstīšanas savienotājs darbojas ar traucējumiem",
    explanation:
      "Savienotājs ziņo par traucējumiem, tāpēc jaunās paroles ierakstīšana lokālajā direktorijā, visticamāk, neizdosies. Pārbaudiet savienotāja serveri un tā savienojumu un atjaunojiet normālu darbību.",
  },
  writeback_unknown_error: {
    title: "Savienotājs kļūdījās ar negaidītu kļūdu",
    explanation:
      "Paroles ierakstīšana lokālajā direktorijā neizdevās ar kļūdu, ko savienotājs nepaskaidroja. Atrodiet notikumu un tā informāciju savienotāja žurnālā.",
  },
  onprem_success_cloud_failure: {
    title: "Jaunā parole saglabāta tikai daļēji",
    explanation:
      "Jūsu organizācijas direktorijs jauno paroli pieņēma, bet tās saglabāšana mākonī neizdevās. Tā tiek mēģināta atkārtoti; pa to laiku jaunā parole dažās pierakstīšanās lapās var jau darboties, bet citās vēl ne.",
  },
  // ---- Warnings  // ---- Warnings
  onprem_account_locked: {
    title: "Jūsu konts lokālajā direktorijā ir bloķēts",
    explanation:
      "Jūsu konts organizācijas lokālajā direktorijā pašlaik ir bloķēts, parasti pēc vairākiem nepareiziem paroles mēģinājumiem. Atiestatot paroli, bloķējums tiek noņemts; ja organizācija atļauj, kontu var arī tikai atbloķēt, citādi to izdara IT atbalsts.",
  },
  writeback_missing_unlock_permission: {
    title: "Atiestatīšana neatbloķēs kontu lokālajā direktorijā",
    explanation:
      "Savienotāja pakalpojuma konts nevar rakstīt atribūtu lockoutTime, tāpēc pēc paroles atiestatīšanas bloķēts konts paliks bloķēts. Piešķiriet tam rakstīšanas tiesības uz šo atribūtu.",
  },
  registration_reconfirm_due: {
    title: "Laiks vēlreiz apstiprināt jūsu drošības informāciju",
    explanation:
      "Organizācija lūdz periodiski pārbaudīt drošības informāciju, un kopš pēdējās apstiprināšanas šis laiks ir pagājis. Pierakstieties, pārskatiet savus tālruņa numurus, e-pasta adreses un lietotni un apstipriniet, ka tie joprojām ir pareizi.",
  },
  single_point_of_failure: {
    title: "Zaudējot vienu metodi, paroli vairs nevarēsiet atiestatīt",
    explanation:
      "Jums ir tieši tik izmantojamu metožu, cik prasīts, tāpēc, piemēram, pazaudējot vai nomainot tālruni, atiestatīšana vairs nedarbosies. Pievienojiet vēl vienu metodi, vēlams citā kanālā.",
  },
  email_method_is_own_mailbox: {
    title: "Atiestatīšanas e-pasts ir jūsu darba pastkaste",
    explanation:
      "Reģistrētā e-pasta adrese ir tā pati, ar kuru pierakstāties, bet tieši tad, kad paroli aizmirstat, šo pastkasti atvērt nevarēsiet. Reģistrējiet citu adresi, piemēram, personīgo.",
  },
  method_in_use_by_many: {
    title: "Vienu tālruni vai e-pasta adresi izmanto daudzi lietotāji",
    explanation:
      "Viens un tas pats tālruņa numurs vai e-pasta adrese reģistrēta vairāk nekā 3 lietotājiem, tāpēc tās īpašnieks var atiestatīt visu šo lietotāju paroles. Noskaidrojiet, kam tā pieder, un lūdziet lietotājus reģistrēt savas metodes.",
  },
  onprem_must_change_at_next_logon: {
    title: "Lokālajā direktorijā jums jāmaina parole nākamajā pierakstīšanās reizē",
    explanation:
      "Jūsu kontam lokālajā direktorijā ir atzīme, ka nākamajā pierakstīšanās reizē jāiestata jauna parole, parasti pēc pagaidu paroles. Atiestatīšana šeit darbojas, taču pēc tās jaunu paroli var prasīt vēlreiz; ja tā atkārtojas, sazinieties ar IT atbalstu.",
  },
  writeback_heartbeat_late: {
    title: "Atpakaļrakstīšanas savienotājs kavējas ar ziņošanu",
    explanation:
      "Savienotājs nav ziņojis par sevi ilgāk nekā 5 minūtes; pēc 10 minūtēm tas tiks uzskatīts par nesasniedzamu, un atpakaļrakstīšana apstāsies. Pārbaudiet savienotāja pakalpojumu un tā tīkla savienojumu.",
  },
  cloud_smart_lockout: {
    title: "Pēc nepareizām parolēm jūsu konts uz laiku ir bloķēts",
    explanation:
      "Pēc vairākām nepareizām parolēm mākoņa pierakstīšanās uz īsu brīdi bloķē kontu, lai atturētu minētājus. Atbloķēšana organizācijas direktorijā to nebeidz; nogaidiet un tad pierakstieties ar pareizo paroli.",
  },
  code_delivery_failed: {
    title: "Nosūtītais kods jūs nesasniedza",
    explanation:
      "Nesen neizdevās nosūtīt kodu uz kādu no jūsu reģistrētajām metodēm. Pārbaudiet, vai numurs vai adrese joprojām ir jūsu un var saņemt ziņas, vai reģistrējiet citu metodi.",
  },
  methods_kept_after_leave: {
    title: "Atspējotam kontam joprojām ir atiestatīšanas metodes",
    explanation:
      "Konts ir atspējots, bet tā tālruņa numuri un e-pasta adreses joprojām ir reģistrēti, tāpēc to turētājs joprojām var mēģināt to atiestatīt. Noņemiet aizgājušo darbinieku metodes.",
  },
  insufficient_evidence: {
    title: "Drošai atbildei trūkst faktu",
    explanation:
      "Kāda pārbaude nevarēja izlemt, jo daži fakti par šo lietotāju vai nomnieku nav zināmi. Norādiet trūkstošos faktus (pierādījumos ir saraksts un kā tos iegūt) un diagnosticējiet vēlreiz.",
  },
  // ---- Info: tenant hygiene, for administrators  // ---- Info: tenant hygiene, for administrators
  notifications_off: {
    title: "Lietotājiem nepaziņo par paroles atiestatīšanu",
    explanation:
      "Paziņojumi lietotājiem par paroles atiestatīšanu ir izslēgti, tāpēc lietotājs nepamanītu atiestatīšanu, ko nav veicis pats. Ieslēdziet paziņojumus.",
  },
  registration_not_enforced: {
    title: "Lietotājiem nelūdz reģistrēties, pierakstoties",
    explanation:
      "Reģistrācija pierakstīšanās laikā nav obligāta, tāpēc brīdī, kad atiestatīšana vajadzīga, lietotājam var nebūt reģistrēts nekas. Pieprasiet, lai lietotāji reģistrējas, pierakstoties.",
  },
  security_questions_only_policy: {
    title: "Drošības jautājumi ir vienīgā atļautā metode",
    explanation:
      "Politika atļauj tikai drošības jautājumus, kas ir vājākā metode, un administratori tos izmantot nevar vispār. Atļaujiet arī citas metodes, piemēram, autentifikatora lietotni vai īsziņu.",
  },
  helpdesk_contact_missing: {
    title: "Nav norādīta palīdzības dienesta kontaktinformācija",
    explanation:
      "Nav iestatīta ne palīdzības dienesta saite, ne e-pasta adrese, tāpēc lietotājs, kurš nevar atiestatīt paroli, neuzzina, kur vērsties. Norādiet vismaz vienu no tām.",
  },
  reconfirm_never: {
    title: "Lietotājiem nekad nelūdz atkārtoti apstiprināt drošības informāciju",
    explanation:
      "Atkārtota apstiprināšana ir izslēgta, tāpēc novecojuši tālruņa numuri un e-pasta adreses paliek nepamanīti. Iestatiet, pēc cik dienām lietotājiem jāapstiprina sava informācija.",
  },
  legacy_methods_policy: {
    title: "Joprojām noteicošie ir novecojušie metožu iestatījumi",
    explanation:
      "Nomnieks nav pabeidzis pāreju uz autentifikācijas metožu politiku, tāpēc joprojām darbojas novecojušie paroles atiestatīšanas metožu iestatījumi. Pabeidziet pāreju, lai noteicošā būtu viena politika.",
  },
};

export const FIXES_LV: Record<FixId, string> = {
  reset_at_identity_provider: "Atiestatiet paroli savas organizācijas pierakstīšanās pakalpojumā",
  enable_sspr_for_admins: "Ieslēgt pašapkalpošanās paroles atiestatīšanu administratoriem",
  allow_remote_sam_for_connector: "Atļaut savienotājam attālos SAM izsaukumus",
  upgrade_domain_controllers: "Atjaunināt domēna kontrollerus",
  check_sync_scope: "Pārbaudīt sinhronizācijas tvērumu un konta enkuru",
  fix_duplicate_anchor: "Novērst dublēto enkuru",
  enable_onprem_account: "Iespējot kontu lokālajā direktorijā",
  inspect_connector_log: "Pārbaudīt savienotāja žurnālu",
  retry_cloud_write: "Nogaidiet dažas minūtes, kamēr tas tiek mēģināts atkārtoti",
  check_mail_filtering: "Pārbaudīt pasta filtrēšanu un SMS piegādi",
  remove_methods: "Noņemt aizgājušā lietotāja metodes",
  supply_missing_facts: "Norādīt trūkstošos faktus",
  complete_methods_migration: "Pabeigt pāreju uz autentifikācijas metožu politiku",

  check_login_name: "Pārbaudiet pierakstīšanās vārdu un mēģiniet vēlreiz",
  enable_account: "Iespējot kontu",
  reset_in_home_organization: "Atiestatiet paroli savā mājas organizācijā",
  enable_sspr_for_all: "Ieslēgt pašapkalpošanās paroles atiestatīšanu visiem lietotājiem",
  enable_sspr_for_group: "Ieslēgt pašapkalpošanās paroles atiestatīšanu grupai",
  add_group_to_sspr_scope: "Iekļaut grupu pašapkalpošanās paroles atiestatīšanā",
  add_user_to_sspr_group: "Pievienot lietotāju grupai, kurai atļauta pašapkalpošanās atiestatīšana",
  assign_license: "Piešķirt licenci, kas ietver paroles atiestatīšanu un atpakaļrakstīšanu",
  allow_more_methods: "Atļaut vairāk autentifikācijas metožu",
  require_one_method: "Prasīt vienu metodi divu vietā",
  allow_method: "Atļaut metodi, ko lietotājs ir reģistrējis",
  register_methods: "Reģistrējiet vai atjauniniet savu drošības informāciju",
  send_registration_reminder: "Nosūtīt lietotājam atgādinājumu par reģistrāciju",
  wait_until_unblocked: "Nogaidiet, līdz bloķēšana beidzas",
  clear_throttle: "Noņemt ierobežojumu un bloķēšanu",
  retry_verification: "Uzmanīgi mēģiniet vēlreiz",
  request_new_code: "Pieprasiet jaunu kodu",
  choose_another_password: "Izvēlieties citu paroli",
  enable_writeback: "Ieslēgt paroles atpakaļrakstīšanu",
  reconnect_writeback: "Atjaunot atpakaļrakstīšanas savienotāja darbību",
  grant_connector_permissions: "Piešķirt savienotāja pakalpojuma kontam vajadzīgās tiesības",
  clear_cannot_change_password: "Noņemt atzīmi „lietotājs nevar mainīt paroli”",
  reset_by_onprem_admin: "Atiestatīt paroli tieši lokālajā direktorijā",
  set_min_age_zero: "Iestatīt lokālā direktorija minimālo paroles vecumu uz 0",
  unlock_account: "Atbloķēt kontu",
  confirm_methods: "Apstipriniet, ka jūsu drošības informācija joprojām ir pareiza",
  review_shared_methods: "Pārskatīt metodes, ko izmanto daudzi lietotāji",
  turn_on_notifications: "Paziņot lietotājiem, kad viņu parole ir atiestatīta",
  require_registration: "Pieprasīt, lai lietotāji reģistrējas, pierakstoties",
  set_helpdesk_contact: "Norādīt palīdzības dienesta saiti vai e-pasta adresi",
  set_reconfirm_days: "Periodiski lūgt lietotājus atkārtoti apstiprināt savu informāciju",
};
