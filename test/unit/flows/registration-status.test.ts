import { describe, expect, it } from "vitest";
import { registrationStatus } from "../../../src/flows/registration-status";
import { daysAgo, snapshot } from "../../support/snapshots";

describe("registrationStatus", () => {
  it("has nothing due for a user with enough usable methods who confirmed recently", () => {
    expect(registrationStatus(snapshot())).toMatchObject({
      required: false,
      due: "none",
      reason: "up_to_date",
      methodsRequired: 1,
    });
  });

  it("asks a user with no methods to register, when the policy requires it at sign-in", () => {
    const status = registrationStatus(snapshot({ methods: [] }));
    expect(status).toMatchObject({ required: true, due: "register", reason: "methods_missing", usableMethods: [] });
    expect(status.message).toBe(
      "You can reset your password with 0 methods; your organization requires 1. Register 1 more.",
    );
  });

  it("counts only usable methods: an unverified email does not count", () => {
    const status = registrationStatus(
      snapshot({ methods: [{ type: "email", value: "a@home.example", verified: false }] }),
    );
    expect(status.due).toBe("register");
  });

  it("asks an administrator with one method for a second", () => {
    const s = snapshot({ user: { roles: ["global_admin"] }, methods: [{ type: "email", value: "a@home.example" }] });
    expect(registrationStatus(s)).toMatchObject({ due: "register", methodsRequired: 2, usableMethods: ["email"] });
  });

  it("reports missing methods but asks nothing when the policy does not require registration", () => {
    const s = snapshot({ methods: [], policy: { registration: { requireAtSignIn: false } } });
    expect(registrationStatus(s)).toMatchObject({ required: false, due: "none", reason: "methods_missing" });
  });

  it("asks for reconfirmation once the last confirmation is older than reconfirmDays", () => {
    const s = snapshot({
      policy: { registration: { reconfirmDays: 180 } },
      registration: { lastConfirmedAt: daysAgo(200) },
    });
    expect(registrationStatus(s)).toMatchObject({
      required: true,
      due: "reconfirm",
      reason: "reconfirm_overdue",
      lastConfirmedAt: daysAgo(200),
      reconfirmBy: daysAgo(20),
    });
  });

  it("is not yet due one day before the interval ends", () => {
    const s = snapshot({
      policy: { registration: { reconfirmDays: 180 } },
      registration: { lastConfirmedAt: daysAgo(179) },
    });
    expect(registrationStatus(s).due).toBe("none");
  });

  it("asks a user who never confirmed to confirm", () => {
    expect(registrationStatus(snapshot({ registration: { lastConfirmedAt: undefined } }))).toMatchObject({
      due: "reconfirm",
      reason: "never_confirmed",
      reconfirmBy: null,
    });
  });

  it("never asks for reconfirmation when reconfirmDays is 0", () => {
    const s = snapshot({
      policy: { registration: { reconfirmDays: 0 } },
      registration: { lastConfirmedAt: daysAgo(2000) },
    });
    expect(registrationStatus(s)).toMatchObject({ due: "none", reconfirmBy: null });
  });

  it("puts registering before reconfirming", () => {
    const s = snapshot({ methods: [], registration: { lastConfirmedAt: daysAgo(400) } });
    expect(registrationStatus(s).due).toBe("register");
  });

  it("asks nothing of a user self-service reset does not apply to", () => {
    const s = snapshot({ methods: [], policy: { enablement: "none" } });
    expect(registrationStatus(s)).toMatchObject({ required: false, due: "none", reason: "not_in_scope" });
  });

  it("speaks Latvian when asked", () => {
    expect(registrationStatus(snapshot({ methods: [] }), "lv").message).toMatch(/^Paroli varat atiestatīt ar 0/);
  });
});
