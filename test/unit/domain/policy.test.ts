/**
 * The effective policy: administrator policy versus the tenant's, and scope.
 */
import { describe, expect, it } from "vitest";
import { ADMIN_METHODS_ALLOWED } from "../../../src/domain/catalogue";
import { effectivePolicy } from "../../../src/domain/policy";
import { snapshot } from "../../support/snapshots";

describe("effectivePolicy", () => {
  it("puts an admin under the administrator policy whatever the tenant says", () => {
    const p = effectivePolicy(
      snapshot({
        user: { roles: ["helpdesk_admin"], groups: [] },
        policy: { enablement: "none", methodsAllowed: ["security_questions"], methodsRequired: 1 },
      }),
    );
    expect(p).toEqual({
      isAdmin: true,
      inScope: true,
      scope: "admin",
      scopeGroups: [],
      methodsAllowed: ADMIN_METHODS_ALLOWED,
      methodsRequired: 2,
      questionsAllowed: false,
    });
  });

  it("puts nobody in scope when enablement is none, and everybody when all", () => {
    expect(effectivePolicy(snapshot({ policy: { enablement: "none" } })).inScope).toBe(false);
    expect(effectivePolicy(snapshot({ policy: { enablement: "all" }, user: { groups: [] } })).inScope).toBe(true);
  });

  it("counts a user reached through a nested group as in scope", () => {
    const p = effectivePolicy(snapshot({ user: { groups: [{ id: "grp-sspr", direct: false }] } }));
    expect(p).toMatchObject({ inScope: true, scope: "selected", scopeGroups: [{ id: "grp-sspr", direct: false }] });
  });

  it("keeps a user outside the selected groups out of scope", () => {
    expect(effectivePolicy(snapshot({ user: { groups: [{ id: "grp-x", direct: true }] } })).inScope).toBe(false);
  });

  it("follows the tenant's methods for a regular user, without duplicates", () => {
    const p = effectivePolicy(
      snapshot({ policy: { methodsAllowed: ["email", "security_questions", "email"], methodsRequired: 2 } }),
    );
    expect(p).toMatchObject({
      isAdmin: false,
      methodsAllowed: ["email", "security_questions"],
      methodsRequired: 2,
      questionsAllowed: true,
    });
  });

  it("leaves a missing account out of scope", () => {
    expect(effectivePolicy(snapshot({ user: null, policy: { enablement: "all" } })).inScope).toBe(false);
  });
});
