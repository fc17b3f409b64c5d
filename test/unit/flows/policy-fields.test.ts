/**
 * The one policy form's field table covers the whole contract policy, so no field can be
 * left off the form, the what-if or `npm run admin -- policy set`; and its parser reads
 * a form (checkbox absent = off) and CLI text alike, naming the field it refuses.
 */
import { describe, expect, it } from "vitest";
import { PolicySchema } from "../../../src/domain/snapshot";
import { parsePolicyFields, POLICY_FIELD_NAMES, POLICY_FIELDS } from "../../../src/flows/policy-fields";

/** Every leaf path of a value: "securityQuestions.toReset", "admins.ssprEnabled"… */
const leaves = (v: unknown, at = ""): string[] =>
  v && typeof v === "object" && !Array.isArray(v)
    ? Object.entries(v).flatMap(([k, x]) => leaves(x, at ? `${at}.${k}` : k))
    : [at];

describe("policy fields", () => {
  it("has one field for every contract policy field, v2 included", () => {
    const full = PolicySchema.parse({
      helpdesk: { url: "https://help.example", email: "help@example.org" },
      admins: { ssprEnabled: true },
      methodsPolicy: { migrationState: "migrationComplete" },
    });
    expect(POLICY_FIELD_NAMES.map((n) => POLICY_FIELDS[n].path).sort()).toEqual(leaves(full).sort());
  });

  it("reads CLI text: only the fields given, numbers and booleans from words", () => {
    expect(
      parsePolicyFields({ methodsRequired: "2", adminsSsprEnabled: "false", methodsAllowed: "email, mobile_sms" }),
    ).toEqual({
      ok: true,
      value: { methodsRequired: 2, admins: { ssprEnabled: false }, methodsAllowed: ["email", "mobile_sms"] },
    });
  });

  it("reads a form: a checkbox left off is off", () => {
    const r = parsePolicyFields({ enablement: "all", notifyUserOnReset: "on" }, { absentBoolIsFalse: true });
    expect(r).toMatchObject({
      ok: true,
      value: {
        notifications: { notifyUserOnReset: true, notifyAdminsOnAdminReset: false },
        onPremises: { writebackEnabled: false, allowUnlockWithoutReset: false },
        admins: { ssprEnabled: false },
      },
    });
  });

  it("names the field it refuses, by form name and contract path", () => {
    const r = parsePolicyFields({
      questionsToReset: "9",
      methodsAllowed: ["email", "pigeon"],
      writebackEnabled: "perhaps",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.name, i.path])).toEqual(
      expect.arrayContaining([
        ["questionsToReset", "policy.securityQuestions.toReset"],
        ["methodsAllowed", "policy.methodsAllowed[1]"],
        ["writebackEnabled", "policy.onPremises.writebackEnabled"],
      ]),
    );
  });
});
