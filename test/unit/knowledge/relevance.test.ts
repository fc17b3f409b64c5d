import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase, type KnowledgeBase } from "../../../src/knowledge/knowledge-base";
import { measure, rankOf, REAL_QUERIES } from "./real-queries";
import { readdirSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

// Relevance over the real content/: each query is typed the way a user or a support agent
// would type it (typos, no diacritics, terse), and the expected answer key must be among the
// `answers` of one of the top 3 hits. The queries were written before any tuning and are not
// reworded to pass; a query that still fails after tuning goes to KNOWN_MISSES with a reason.
type Case = { q: string; locale?: "en" | "lv"; expect: string | string[] };

const CASES: Case[] = [
  // English, support-desk terse
  { q: "writback", expect: "faq_writeback_how" },
  { q: "lockd out", expect: "onprem_account_locked" },
  { q: "sms code never arrived", expect: "faq_no_code_received" },
  { q: "admin needs 2 methods", expect: "admin_needs_two_methods" },
  { q: "guest user reset", expect: "guest_account" },
  { q: "forgot my password", expect: "faq_what_is_sspr" },
  { q: "how long is the code valid", expect: "faq_code_lifetime" },
  { q: "code expired", expect: "verification_code_expired" },
  { q: "wrong code", expect: "verification_code_wrong" },
  { q: "password too short", expect: "password_too_short" },
  { q: "banned password", expect: "password_banned" },
  { q: "cant reuse old password", expect: "password_recently_used" },
  { q: "account disabled", expect: "account_disabled" },
  { q: "user not found", expect: "account_not_found" },
  { q: "no licence", expect: "no_license" },
  { q: "license for writeback", expect: "license_lacks_writeback" },
  { q: "connector offline", expect: "writeback_connector_unreachable" },
  { q: "heartbeat late", expect: "writeback_heartbeat_late" },
  { q: "security questions how many", expect: "faq_security_questions_rules" },
  { q: "phone number format", expect: "faq_phone_format" },
  { q: "too many attempts blocked", expect: "too_many_failed_verifications" },
  { q: "how do i register", expect: "faq_how_to_register" },
  { q: "unlock without changing password", expect: "faq_unlock_without_reset" },
  { q: "enable sspr for a group", expect: "faq_enable_for_group" },
  { q: "user not in scope", expect: "user_not_in_sspr_scope" },
  { q: "reset from windows login screen", expect: "faq_windows_signin_screen" },
  { q: "what data do you store", expect: "faq_data_stored" },
  { q: "reference id helpdesk", expect: "faq_helpdesk_reference" },
  { q: "notify admins when password reset", expect: "faq_notifications" },
  { q: "reconfirm security info", expect: "faq_reconfirm" },
  { q: "test policy what if", expect: "faq_test_policy" },
  { q: "same phone used by many users", expect: "method_in_use_by_many" },
  { q: "email is my work mailbox", expect: "email_method_is_own_mailbox" },
  { q: "minimum password age", expect: "onprem_min_password_age" },
  { q: "pwdlastset permission", expect: "writeback_missing_pwdlastset_permission" },
  { q: "protected account", expect: "onprem_protected_account" },
  { q: "user cannot change password flag", expect: "onprem_cannot_change_password" },
  { q: "how long until new password works on premises", expect: "faq_writeback_latency" },
  { q: "reports audit log", expect: "faq_reports" },
  { q: "only one method registered", expect: "single_point_of_failure" },
  { q: "change vs reset password", expect: "faq_change_vs_reset" },
  { q: "verfication code not recieved", expect: "faq_no_code_received" },
  { q: "authenticator app", expect: "faq_which_methods" },
  { q: "2fa", expect: "faq_which_methods" },
  { q: "why does it not tell me if account exists", expect: "faq_privacy_enumeration" },
  { q: "i dont get the text message", expect: "faq_no_code_received" },
  { q: "mfa", expect: "faq_which_methods" },
  { q: "otp wrong", expect: "verification_code_wrong" },
  {
    q: "cant reset password as global admin",
    expect: ["faq_admin_policy", "admin_needs_two_methods", "admin_security_questions_only"],
  },
  { q: "sync to active directory slow", expect: "faq_writeback_latency" },
  { q: "service account missing reset right", expect: "writeback_missing_reset_permission" },
  { q: "must change password at next logon", expect: "onprem_must_change_at_next_logon" },
  { q: "nobody can reset sspr off", expect: "sspr_disabled" },
  { q: "policy requires 2 methods but only 1 allowed", expect: "policy_requires_more_methods_than_allowed" },
  { q: "questions only", expect: ["security_questions_only_policy", "admin_security_questions_only"] },
  { q: "helpdesk email missing", expect: "helpdesk_contact_missing" },
  // Latvian, often without diacritics
  { q: "parole par isu", locale: "lv", expect: "password_too_short" },
  { q: "kods nepienāca", locale: "lv", expect: "faq_no_code_received" },
  { q: "konts bloķēts", locale: "lv", expect: "onprem_account_locked" },
  { q: "kā reģistrēt drošības informāciju", locale: "lv", expect: "faq_how_to_register" },
  { q: "aizmirsu paroli", locale: "lv", expect: "faq_what_is_sspr" },
  { q: "kods nav derīgs", locale: "lv", expect: ["verification_code_wrong", "verification_code_expired"] },
  { q: "viesa konts", locale: "lv", expect: "guest_account" },
  { q: "cik ilgi kods derigs", locale: "lv", expect: "faq_code_lifetime" },
  { q: "drosibas jautajumi", locale: "lv", expect: "faq_security_questions_rules" },
  { q: "atbloķēt kontu bez paroles maiņas", locale: "lv", expect: "faq_unlock_without_reset" },
  { q: "parole jau izmantota", locale: "lv", expect: "password_recently_used" },
  { q: "tālruņa numura formāts", locale: "lv", expect: "faq_phone_format" },
  { q: "par daudz mēģinājumu", locale: "lv", expect: "too_many_failed_verifications" },
  { q: "administratoram vajag divas metodes", locale: "lv", expect: "admin_needs_two_methods" },
  { q: "windows pierakstisanas ekrans", locale: "lv", expect: "faq_windows_signin_screen" },
  { q: "paroles atpakaļrakstīšana", locale: "lv", expect: "faq_writeback_how" },
  { q: "atsauces id", locale: "lv", expect: "faq_helpdesk_reference" },
  { q: "konts atspējots", locale: "lv", expect: "account_disabled" },
  { q: "e-pasts ir darba pastkaste", locale: "lv", expect: "email_method_is_own_mailbox" },
  { q: "nesanemu sms", locale: "lv", expect: "faq_no_code_received" },
  {
    q: "parole netiek pienemta",
    locale: "lv",
    expect: ["password_banned", "password_too_short", "password_recently_used", "faq_password_rules"],
  },
  { q: "kapec man jaapstiprina informacija atkal", locale: "lv", expect: "faq_reconfirm" },
  { q: "atiestatīšana bloķēta 24 stundas", locale: "lv", expect: "reset_blocked_temporarily" },
];

/** Queries that still miss after tuning, each with why. Printed by the test; at most ~10%. */
const KNOWN_MISSES: Record<string, string> = {};

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "content");
// The build is cached by content hash (as the app and test/api do): on a shared, loaded machine a
// cold parse of the real content can outlast the hook timeout, and a warm load is what the app serves.
const KB_CACHE = ".cache/kb";

function hits(kb: KnowledgeBase, c: Case) {
  return kb.search(c.q, { locale: c.locale ?? "en", limit: 3 });
}

function passes(kb: KnowledgeBase, c: Case): boolean {
  const wanted = Array.isArray(c.expect) ? c.expect : [c.expect];
  return hits(kb, c).some((hit) => hit.answers.some((key) => wanted.includes(key)));
}

describe("search relevance over content/", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir: KB_CACHE });
  });

  it("has at least 40 queries, English and Latvian", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.some((c) => c.locale === "lv")).toBe(true);
  });

  it.each(CASES.filter((c) => !(c.q in KNOWN_MISSES)).map((c) => [c.q, c] as const))(
    "finds the answer to %j in the top 3",
    (_q, c) => {
      const top = hits(kb, c).map((h) => `${h.slug} [${h.answers.join(", ")}]`);
      expect(passes(kb, c), `top 3: ${top.join(" | ")}`).toBe(true);
    },
  );

  it("keeps known misses to about 10% and prints them", () => {
    const misses = CASES.filter((c) => c.q in KNOWN_MISSES);
    const passRate = CASES.filter((c) => passes(kb, c)).length / CASES.length;
    console.info(
      `relevance: ${(passRate * 100).toFixed(1)}% of ${CASES.length} queries pass` +
        misses
          .map(
            (c) => `\n  known miss ${JSON.stringify(c.q)}: ${KNOWN_MISSES[c.q]}${passes(kb, c) ? " (now passes)" : ""}`,
          )
          .join(""),
    );
    expect(misses.length).toBeLessThanOrEqual(Math.ceil(CASES.length * 0.1));
  });
});

// Issue 13: real people's queries (real-queries.ts, committed before tuning), measured as MRR@5.
describe("real people's queries over content/", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir: KB_CACHE });
  });

  it("has at least 60 of them, typed into both UIs", () => {
    expect(REAL_QUERIES.length).toBeGreaterThanOrEqual(60);
    expect(REAL_QUERIES.filter((c) => c.locale === "lv").length).toBeGreaterThanOrEqual(15);
  });

  it.each(["en", "lv"] as const)("reaches MRR@5 ≥ 0.9 on the queries typed into the %s UI", (locale) => {
    const cases = REAL_QUERIES.filter((c) => c.locale === locale);
    const misses = cases
      .filter((c) => rankOf(kb, c) !== 1)
      .map((c) => `${JSON.stringify(c.q)} → rank ${rankOf(kb, c) ?? "> 5"}`);
    const { mrr5, hit3 } = measure(kb, cases);
    console.info(
      `real queries, ${locale} UI: MRR@5 ${mrr5.toFixed(3)}, hit@3 ${(hit3 * 100).toFixed(1)}%${misses.map((m) => `\n  not first: ${m}`).join("")}`,
    );
    expect(mrr5).toBeGreaterThanOrEqual(0.9);
  });
});

/** Every alias an English article lists, with the slugs that list it. */
function aliasesOfContent(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of readdirSync(join(CONTENT, "en")).filter((n) => n.endsWith(".md"))) {
    const header = readFileSync(join(CONTENT, "en", name), "utf8").split(/^---$/m)[1] ?? "";
    const aliases = ((parseYaml(header) as { aliases?: unknown[] }).aliases ?? []).map(String);
    for (const alias of aliases) out.set(alias, [...(out.get(alias) ?? []), name.slice(0, -3)]);
  }
  return out;
}

describe("aliases over content/", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir: KB_CACHE });
  });
  const aliases = [...aliasesOfContent()];

  it("lists Microsoft's codes on the articles that explain them", () => {
    expect(aliases.length).toBeGreaterThan(60);
  });

  it.each(aliases)("puts an article listing %j first, in both UIs", (alias, slugs) => {
    for (const locale of ["en", "lv"] as const) {
      const first = kb.search(alias, { locale, limit: 1 })[0];
      expect(slugs, `${locale}: first hit ${first?.slug}`).toContain(first?.slug);
    }
  });

  it("finds a portal code however it is typed, with the error text around it", () => {
    for (const q of [
      "SSPR_0013",
      "sspr0013",
      "sspr 0013",
      "Error code: SSPR_0013. You aren't a member of a group enabled for password reset.",
    ]) {
      expect(kb.search(q)[0]?.slug, q).toBe("sspr-scope");
    }
  });
});

describe("ranking over content/", () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir: KB_CACHE });
  });

  // The broad article mentions every topic in passing; a question that names one must land on that one.
  it.each([
    ["reset password admin account", "administrator-reset-policy"],
    ["reset password code never arrives", "verification-codes"],
    ["forgot password blocked 24 hours", "throttling-and-blocks"],
    ["forgot password security questions", "security-questions"],
    ["reset password guest account", "guest-accounts"],
    ["aizmirsu paroli drošības jautājumi", "security-questions"],
  ])("ranks the specific article above what-is-sspr for %j", (q, slug) => {
    const hits = kb.search(q, { locale: /[āēīūšžčķļņģ]/.test(q) ? "lv" : "en" }).map((h) => h.slug);
    expect(hits[0]).toBe(slug);
  });

  it("says a search is good, weak or empty, and lists at most three weak hits", () => {
    expect(kb.ask("SSPR_0029").confidence).toBe("good");
    const weak = kb.ask("password quantum blockchain synergy turnip");
    expect(weak.confidence).toBe("weak");
    expect(weak.hits.length).toBeLessThanOrEqual(3);
    expect(kb.ask("zzqx vvbnm")).toMatchObject({ hits: [], confidence: "none" });
  });

  it("cuts hits far below the best one instead of padding the list to ten", () => {
    const hits = kb.search("smart lockout");
    expect(hits.length).toBeLessThan(10);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(hits[0]!.score * 0.25);
  });
});
