/**
 * Derived facts, each on its own: what rules may say is only as right as these values.
 */
import { describe, expect, it } from "vitest";
import { FACTS, computeFacts } from "../../../src/diagnosis/facts";
import { resolvePath } from "../../../src/diagnosis/paths";
import { daysAgo, hoursAgo, minutesAgo, snapshot } from "../../support/snapshots";

describe("computeFacts", () => {
  it("computes exactly the facts FACTS declares", () => {
    expect(Object.keys(computeFacts(snapshot())).sort()).toEqual(Object.keys(FACTS).sort());
    expect(Object.keys(computeFacts(snapshot({ user: null }))).sort()).toEqual(Object.keys(FACTS).sort());
  });

  it("measures the heartbeat's age in minutes from now, null without one", () => {
    expect(computeFacts(snapshot({ writeback: { lastHeartbeatAt: minutesAgo(11) } })).heartbeatAgeMinutes).toBeCloseTo(
      11,
      6,
    );
    expect(computeFacts(snapshot({ writeback: { lastHeartbeatAt: undefined } })).heartbeatAgeMinutes).toBeNull();
  });

  it("treats a block as active only while blockedUntil is after now", () => {
    expect(computeFacts(snapshot({ throttle: { blockedUntil: minutesAgo(-30) } }))).toMatchObject({
      blockedActive: true,
    });
    expect(computeFacts(snapshot({ throttle: { blockedUntil: minutesAgo(-30) } })).blockedMinutesLeft).toBeCloseTo(
      30,
      6,
    );
    expect(computeFacts(snapshot({ throttle: { blockedUntil: minutesAgo(1) } })).blockedActive).toBe(false);
    expect(computeFacts(snapshot()).blockedActive).toBe(false);
  });

  it("counts a user reached through a nested group as in scope", () => {
    const facts = computeFacts(snapshot({ user: { groups: [{ id: "grp-sspr", direct: false }] } }));
    expect(facts).toMatchObject({ inScope: true, scopeGroups: ["grp-sspr (nested)"], userGroups: ["grp-sspr"] });
  });

  it("counts registered, allowed, usable and required methods", () => {
    const facts = computeFacts(
      snapshot({
        policy: { methodsRequired: 2 },
        methods: [
          { type: "authenticator_code" },
          { type: "mobile_sms", value: "26000007" },
          { type: "email", value: "home@mail.example", verified: false },
          { type: "office_phone", value: "+37167000001" },
        ],
      }),
    );
    expect(facts).toMatchObject({
      registeredMethodCount: 4,
      registeredAllowedCount: 3,
      usableMethodCount: 1,
      usableMethods: ["authenticator_code"],
      requiredMethodCount: 2,
      allowedMethodCount: 5,
      invalidValueMethods: ['mobile_sms "26000007"'],
      invalidValueCount: 1,
      unverifiedMethods: ["email"],
      unverifiedCount: 1,
    });
  });

  it("requires two methods and allows no questions for an admin", () => {
    const facts = computeFacts(
      snapshot({ user: { roles: ["user_admin"] }, policy: { methodsAllowed: ["security_questions"] } }),
    );
    expect(facts).toMatchObject({
      isAdmin: true,
      adminRoles: ["user_admin"],
      requiredMethodCount: 2,
      policyMethodsRequired: 1,
      inScope: true,
    });
    expect(facts.allowedMethods).not.toContain("security_questions");
  });

  it("reads how many security questions are answered, and whether they count", () => {
    const facts = computeFacts(
      snapshot({
        policy: { methodsAllowed: ["security_questions"] },
        methods: [{ type: "security_questions", questionsAnswered: 2 }],
      }),
    );
    expect(facts).toMatchObject({
      questionsRegisteredAndAllowed: true,
      questionsAnswered: 2,
      questionsToReset: 3,
      registeredNonQuestionCount: 0,
    });
  });

  it("spots an email method that is the user's own mailbox, case aside", () => {
    expect(
      computeFacts(snapshot({ methods: [{ type: "email", value: "JANIS.OZOLS@fabrikam.example" }] })).ownMailboxEmail,
    ).toBe(true);
    expect(computeFacts(snapshot({ methods: [{ type: "email", value: "janis@mail.example" }] })).ownMailboxEmail).toBe(
      false,
    );
  });

  it("reads how many users share a method value only from tenant context", () => {
    expect(computeFacts(snapshot()).maxUsersSharingMethodValue).toBeNull();
    const facts = computeFacts(snapshot(), { sharedMethodValues: new Map([["phone:+37126000007", 7]]) });
    expect(facts).toMatchObject({ maxUsersSharingMethodValue: 7, mostSharedMethodValue: "+37126000007" });
  });

  it("measures password and confirmation ages", () => {
    const facts = computeFacts(
      snapshot({ user: { passwordLastSetAt: hoursAgo(2) }, registration: { lastConfirmedAt: daysAgo(91) } }),
    );
    expect(facts.passwordAgeHours).toBeCloseTo(2, 6);
    expect(facts.daysSinceConfirmed).toBeCloseTo(91, 6);
  });

  it("lets the user unlock when the policy allows unlock without reset, else the helpdesk", () => {
    expect(computeFacts(snapshot({ policy: { onPremises: { allowUnlockWithoutReset: true } } })).unlockActor).toBe(
      "user",
    );
    expect(computeFacts(snapshot({ policy: { onPremises: { allowUnlockWithoutReset: false } } })).unlockActor).toBe(
      "helpdesk",
    );
  });

  it("treats a blank helpdesk contact as missing", () => {
    expect(computeFacts(snapshot({ policy: { helpdesk: { email: " " } } })).hasHelpdeskContact).toBe(false);
    expect(
      computeFacts(snapshot({ policy: { helpdesk: { email: undefined, url: "https://help.example" } } }))
        .hasHelpdeskContact,
    ).toBe(true);
  });

  it("turns writeback on only when the policy enables it and a connector is configured", () => {
    expect(computeFacts(snapshot()).writebackOn).toBe(true);
    expect(computeFacts(snapshot({ writeback: { configured: false } })).writebackOn).toBe(false);
    expect(computeFacts(snapshot({ policy: { onPremises: { writebackEnabled: false } } })).writebackOn).toBe(false);
  });

  it("gives a missing account neutral user facts", () => {
    expect(computeFacts(snapshot({ user: null }))).toMatchObject({
      userExists: false,
      upn: null,
      isAdmin: false,
      userEnabled: null,
      userSource: null,
      license: null,
      inScope: false,
      onPremAccount: {
        lockedOut: false,
        cannotChangePassword: false,
        protectedAccount: false,
        mustChangePasswordAtNextLogon: false,
      },
    });
  });
});

describe("resolvePath", () => {
  it("reads dotted properties and gives undefined past a non-object", () => {
    expect(resolvePath({ a: { b: 2 } }, "a.b")).toBe(2);
    expect(resolvePath({ a: 1 }, "a.b")).toBeUndefined();
  });
});

describe("computeFacts: Version 2 facts", () => {
  it("counts the authenticator app once, and a notification alone for nothing when one method is required", () => {
    expect(
      computeFacts(snapshot({ methods: [{ type: "authenticator_code" }, { type: "authenticator_notification" }] })),
    ).toMatchObject({
      usableMethods: ["authenticator_code", "authenticator_notification"],
      usableMethodCount: 1,
    });
    expect(computeFacts(snapshot({ methods: [{ type: "authenticator_notification" }] })).usableMethodCount).toBe(0);
    expect(
      computeFacts(
        snapshot({
          policy: { methodsRequired: 2 },
          methods: [{ type: "authenticator_notification" }, { type: "mobile_sms", value: "+37126000007" }],
        }),
      ).usableMethodCount,
    ).toBe(2);
    expect(
      computeFacts(snapshot({ methods: [{ type: "hardware_oath" }, { type: "authenticator_code" }] }))
        .usableMethodCount,
    ).toBe(2);
  });

  it("treats a cloud smart lockout as active only while lockedUntil is after now", () => {
    const active = computeFacts(snapshot({ user: { cloudLockout: { lockedUntil: minutesAgo(-90) } } }));
    expect(active).toMatchObject({ cloudLockoutActive: true, cloudLockedUntil: minutesAgo(-90) });
    expect(active.cloudLockoutMinutesLeft).toBeCloseTo(90, 6);
    expect(computeFacts(snapshot({ user: { cloudLockout: { lockedUntil: minutesAgo(1) } } })).cloudLockoutActive).toBe(
      false,
    );
    expect(computeFacts(snapshot())).toMatchObject({
      cloudLockoutActive: false,
      cloudLockedUntil: null,
      cloudLockoutMinutesLeft: null,
    });
  });

  it("reads the last failed delivery with its age in hours", () => {
    const facts = computeFacts(
      snapshot({ delivery: { lastFailure: { method: "email", at: hoursAgo(3), reason: "550 rejected" } } }),
    );
    expect(facts.lastDeliveryFailure).toEqual({ method: "email", at: hoursAgo(3), reason: "550 rejected" });
    expect(facts.deliveryFailureHoursAgo).toBeCloseTo(3, 6);
    expect(computeFacts(snapshot()).deliveryFailureHoursAgo).toBeNull();
  });

  it("reads the v2 tenant and account fields, with the contract's defaults when absent", () => {
    const facts = computeFacts(
      snapshot({
        policy: { admins: { ssprEnabled: false }, methodsPolicy: { migrationState: "migrationInProgress" } },
        user: { federated: true, source: "synced", onPremises: { disabled: true, found: false } },
        writeback: { capabilities: { remoteSam: false, policyHints: true } },
        unknown: ["user.enabled"],
      }),
    );
    expect(facts).toMatchObject({
      adminsSsprEnabled: false,
      migrationState: "migrationInProgress",
      federated: true,
      onPremAccount: { disabled: true, found: false, lockedOut: false },
      writebackCapabilities: { remoteSam: false, policyHints: true },
      unknownPaths: ["user.enabled"],
      // Only the three-valued pass fills these in.
      undecidedFindings: [],
      undecidedFindingCount: 0,
    });
  });
});
