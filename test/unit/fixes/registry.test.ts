/**
 * The fix registry against the catalogue: one implementation per fix id, automatic as
 * FIXES says, and the findings each fix addresses derived from FINDINGS.
 */
import { describe, expect, it } from "vitest";
import { FINDINGS, FINDING_CODES, FIXES, type FixId } from "../../../src/domain/catalogue";
import { addressesOf } from "../../../src/fixes/addresses";
import { FIX_REGISTRY, findFix, fixInfo, listFixes } from "../../../src/fixes/registry";

const IDS = Object.keys(FIXES) as FixId[];

describe("FIX_REGISTRY", () => {
  it.each(IDS)("implements %s under its own id, automatic exactly when the catalogue says so", (id) => {
    const spec = FIX_REGISTRY[id];
    expect(spec.id).toBe(id);
    expect(spec.automatic).toBe(FIXES[id].automatic);
  });

  it("holds every fix of the catalogue and nothing else", () => {
    expect(Object.keys(FIX_REGISTRY).sort()).toEqual([...IDS].sort());
  });

  it("changes tenant-wide policy only through tenant-scope fixes", () => {
    const tenantWide = IDS.filter((id) => FIX_REGISTRY[id].scope === "tenant");
    expect(tenantWide).toEqual(
      expect.arrayContaining([
        "enable_sspr_for_all",
        "enable_sspr_for_group",
        "add_group_to_sspr_scope",
        "allow_more_methods",
        "require_one_method",
        "allow_method",
        "turn_on_notifications",
        "require_registration",
        "set_helpdesk_contact",
        "set_reconfirm_days",
        "enable_writeback",
      ]),
    );
    expect(tenantWide).not.toContain("clear_throttle");
  });
});

describe("addressesOf", () => {
  it.each(IDS)("derives the findings %s addresses from FINDINGS", (id) => {
    const expected = FINDING_CODES.filter((code) => (FINDINGS[code].fixes as readonly string[]).includes(id));
    expect(addressesOf(id)).toEqual(expected);
  });

  it("leaves no fix without a finding that names it", () => {
    expect(IDS.filter((id) => addressesOf(id).length === 0)).toEqual([]);
  });

  it("lists clear_throttle against the four throttle findings in catalogue order", () => {
    expect(addressesOf("clear_throttle")).toEqual([
      "reset_blocked_temporarily",
      "too_many_codes_sent",
      "too_many_failed_verifications",
      "too_many_resets",
    ]);
  });
});

describe("findFix", () => {
  it("finds a catalogue fix and nothing else", () => {
    expect(findFix("clear_throttle")?.id).toBe("clear_throttle");
    expect(findFix("toString")).toBeUndefined();
    expect(findFix("drop_tables")).toBeUndefined();
  });
});

describe("fixInfo", () => {
  it("takes title, actor and automatic from FIXES and documents parameters", () => {
    expect(fixInfo("set_reconfirm_days")).toMatchObject({
      title: FIXES.set_reconfirm_days.title,
      actor: "admin",
      scope: "tenant",
      automatic: true,
      params: { days: expect.stringContaining("180") },
    });
  });
});

describe("listFixes", () => {
  it("lists every fix in catalogue order", () => {
    expect(listFixes().map((f) => f.id)).toEqual(IDS);
  });
});
