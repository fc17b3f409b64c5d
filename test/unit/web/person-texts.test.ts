/**
 * The words a person reads about a finding: every code of the catalogue (and of catalogue
 * v2, which the engine may not know yet) has a title and explanation in English and
 * Latvian, written for a person — not the engine's staff template with its placeholders.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../../src/domain/catalogue";
import { FINDINGS_EN } from "../../../src/web/i18n/findings-en";
import { FINDINGS_LV } from "../../../src/web/i18n/findings-lv";
import { fixTitle, personText } from "../../../src/web/i18n/findings";
import { staffText } from "../../../src/web/i18n/staff-findings";

/** Catalogue v2 (CATALOGUE.md "Version 2"): codes pages must already speak about. */
const V2_CODES = [
  "federated_elsewhere",
  "admin_sspr_off",
  "phone_number_mismatch",
  "writeback_remote_sam_restricted",
  "writeback_policy_hints_unsupported",
  "onprem_account_not_found",
  "onprem_account_ambiguous",
  "onprem_account_disabled",
  "writeback_unknown_error",
  "onprem_success_cloud_failure",
  "cloud_smart_lockout",
  "code_delivery_failed",
  "methods_kept_after_leave",
  "insufficient_evidence",
  "legacy_methods_policy",
];
const ALL = [...new Set([...FINDING_CODES, ...V2_CODES])];

/** The engine's own (staff) explanations, by code, from the rule files. */
const staffTexts = new Map<string, string>();
const rulesDir = new URL("../../../rules/", import.meta.url);
for (const stage of readdirSync(rulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)) {
  for (const file of readdirSync(new URL(`${stage}/`, rulesDir)).filter((f) => f.endsWith(".json"))) {
    const rule = JSON.parse(readFileSync(new URL(`${stage}/${file}`, rulesDir), "utf8")) as {
      name: string;
      event?: { params?: { explanation?: string } };
    };
    if (rule.event?.params?.explanation) staffTexts.set(rule.name, rule.event.params.explanation);
  }
}

describe("person-facing finding texts", () => {
  it.each(ALL)("%s has an English and a Latvian title and explanation", (code) => {
    for (const texts of [FINDINGS_EN, FINDINGS_LV]) {
      expect(texts[code]?.title.length).toBeGreaterThan(5);
      expect(texts[code]?.explanation.length).toBeGreaterThan(30);
    }
  });

  it.each(ALL)("%s speaks plainly: no placeholders, ids or decimals, and not the staff text", (code) => {
    for (const t of [FINDINGS_EN[code]!, FINDINGS_LV[code]!]) {
      expect(`${t.title} ${t.explanation}`).not.toMatch(/[{}]|grp-|usr-|tnt-|\d+\.\d+|enablement/);
      expect(t.explanation).not.toBe(staffTexts.get(code));
    }
  });

  it("has no text for a code outside the catalogues (a typo would never be shown)", () => {
    expect(Object.keys(FINDINGS_EN).sort()).toEqual([...ALL].sort());
    expect(Object.keys(FINDINGS_LV).sort()).toEqual([...ALL].sort());
  });

  it("falls back to a vague person text, never to staff wording, for a code it does not know", () => {
    expect(personText("no_such_code", "en").title).toBe("Your password cannot be reset here right now");
  });

  it("titles the v2 steps a person may take in both languages", () => {
    expect(fixTitle("reset_at_identity_provider", "en", "x")).toMatch(/sign-in service/);
    expect(fixTitle("retry_cloud_write", "lv", "x")).toMatch(/Nogaidiet/);
  });
});

describe("Latvian staff texts", () => {
  it.each(ALL)("%s speaks about the user, not to them", (code) => {
    const t = staffText({ code, title: "x", explanation: "x", articles: [] }, "lv");
    expect(t.title).not.toBe("x");
    expect(`${t.title} ${t.explanation}`).not.toMatch(/(^|[^\p{L}])(jūs|jūsu|jums)([^\p{L}]|$)/iu);
  });
});
