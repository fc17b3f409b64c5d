/**
 * The pure mapping rules of the Entra import, one describe per function: @odata.context
 * against the file path, licence plans, role template ids, phone normalisation, the methods
 * policy by migration state, the audit → attempt/throttle estimates, and Retry-After.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { METHODS } from "../../src/domain/catalogue";
import { auditEstimates, matchReason } from "../../src/import/entra/audit-estimates";
import type { GraphAuthenticationMethodsPolicy, GraphDirectoryAudit } from "../../src/import/entra/graph-payloads";
import { licenceOf } from "../../src/import/entra/licences";
import { retryAfterMs } from "../../src/import/entra/live/graph-client";
import { consoleProgress } from "../../src/import/entra/live/progress";
import { methodsPolicyView } from "../../src/import/entra/methods-policy";
import { contextMatchesPath } from "../../src/import/entra/odata-context";
import {
  mergeMethods,
  methodsFromProfile,
  methodsFromReport,
  normalizePhone,
} from "../../src/import/entra/registered-methods";
import { roleSlug } from "../../src/import/entra/roles";

const M = "https://graph.microsoft.com/v1.0/$metadata#";

describe("contextMatchesPath", () => {
  it.each([
    [`${M}users(id,userPrincipalName)`, "users", true],
    [`${M}users`, "users", true],
    [`${M}groups`, "users", false],
    [`${M}directoryObjects`, "groups/g1/transitiveMembers", true],
    [`${M}groups('g1')/transitiveMembers`, "groups/g1/transitiveMembers", true],
    [`${M}groups('g2')/transitiveMembers`, "groups/g1/transitiveMembers", false],
    [`${M}users('u1')/authentication/methods`, "users/u1/authentication/methods", true],
    [`${M}users('u2')/authentication/methods`, "users/u1/authentication/methods", false],
    [`${M}policies/authorizationPolicy/$entity`, "policies/authorizationPolicy", true],
    [`${M}authenticationMethodsPolicy`, "policies/authenticationMethodsPolicy", true],
    [
      `${M}reports/authenticationMethods/userRegistrationDetails`,
      "reports/authenticationMethods/userRegistrationDetails",
      true,
    ],
    ["no fragment", "users", false],
  ])("%s names %s: %s", (context, path, ok) => expect(contextMatchesPath(context, path)).toBe(ok));
});

describe("licenceOf", () => {
  const plan = (id: string, capabilityStatus = "Enabled") => ({ servicePlanId: id, capabilityStatus });
  it("takes the best usable Entra plan", () =>
    expect(
      licenceOf(
        [plan("41781fb2-bc02-4b7c-bd55-b576c07bb09d"), plan("eec0eb4f-6444-4f95-aba0-50c24d67f998")],
        ["sku"],
        {},
      ),
    ).toBe("p2"));
  it("counts a plan in its Warning grace period, not a suspended one", () => {
    expect(licenceOf([plan("41781fb2-bc02-4b7c-bd55-b576c07bb09d", "Warning")], ["sku"], {})).toBe("p1");
    expect(licenceOf([plan("41781fb2-bc02-4b7c-bd55-b576c07bb09d", "Suspended")], ["sku"], {})).toBe("free");
  });
  it("is free with a licence but no Entra plan, none without any licence", () => {
    expect(licenceOf([], ["sku"], {})).toBe("free");
    expect(licenceOf([], [], {})).toBe("none");
  });
  it("maps a SKU the settings name", () => expect(licenceOf([], ["ABC"], { abc: "basic" })).toBe("basic"));
});

describe("roleSlug", () => {
  it("names v1 and v2 admin roles, and no slug for a reader", () => {
    expect(roleSlug("62E90394-69F5-4237-9190-012177145E10")).toBe("global_admin");
    expect(roleSlug("158c047a-c907-4556-b7ef-446551a6b5f7")).toBe("cloud_application_admin");
    expect(roleSlug("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2")).toBe("hybrid_identity_admin");
    expect(roleSlug("f2ef992c-3afb-46b9-b7cf-a126ee74c451")).toBeUndefined();
  });
  it("takes custom roles from the settings", () =>
    expect(roleSlug("custom-id", { "custom-id": "custom_admin" })).toBe("custom_admin"));
});

describe("normalizePhone", () => {
  it.each([
    ["+1 4251234567", "+14251234567"],
    ["+1 4251234567x123", "+14251234567"],
    ["+44 (20) 7946-0958", "+442079460958"],
    ["4251234567", "4251234567"],
  ])("%s → %s", (raw, e164) => expect(normalizePhone(raw)).toBe(e164));
});

describe("registered methods", () => {
  it("maps the report's names and skips MFA-only ones", () => {
    expect(
      methodsFromReport(
        ["mobilePhone", "alternateMobilePhone", "fido2SecurityKey", "softwareOneTimePasscode"],
        false,
      ).map((m) => m.type),
    ).toEqual(["mobile_sms", "mobile_voice", "authenticator_code"]);
    expect(methodsFromReport(["alternateMobilePhone"], true).map((m) => m.type)).toEqual([
      "mobile_sms",
      "mobile_voice",
    ]);
  });
  it("gives a registered type without a value the profile's value, and adds other profile values", () => {
    const profile = methodsFromProfile({
      id: "u",
      userPrincipalName: "u@x",
      mobilePhone: "+1 4255550101",
      otherMails: ["a@b.example"],
    } as never);
    const merged = mergeMethods(methodsFromReport(["mobilePhone"], false), profile);
    expect(merged.map((m) => [m.type, m.value, m.origin])).toEqual([
      ["mobile_sms", "+14255550101", "report"],
      ["mobile_voice", "+14255550101", "report"],
      ["email", "a@b.example", "profile"],
    ]);
  });
});

describe("methodsPolicyView", () => {
  const policy = {
    authenticationMethodConfigurations: [
      { id: "Email", state: "enabled", includeTargets: [{ id: "all_users" }] },
      { id: "Sms", state: "enabled", includeTargets: [{ id: "all_users" }], excludeTargets: [{ id: "g-contractors" }] },
      {
        id: "MicrosoftAuthenticator",
        state: "enabled",
        isSoftwareOathEnabled: false,
        includeTargets: [{ id: "g-it" }],
      },
      { id: "Voice", state: "disabled", includeTargets: [{ id: "all_users" }] },
    ],
  } as unknown as GraphAuthenticationMethodsPolicy;
  const legacy = ["mobile_voice", "security_questions"] as const;
  it("pre-migration: the legacy policy only", () =>
    expect(methodsPolicyView(policy, "preMigration", METHODS).tenantWide(legacy)).toEqual([
      "mobile_voice",
      "security_questions",
    ]));
  it("in progress: legacy and the methods policy (enabled in any policy)", () =>
    expect(methodsPolicyView(policy, "migrationInProgress", METHODS).tenantWide(legacy)).toEqual([
      "email",
      "mobile_voice",
      "security_questions",
    ]));
  it("complete: the methods policy, plus security questions from legacy", () =>
    expect(methodsPolicyView(policy, "migrationComplete", METHODS).tenantWide(legacy)).toEqual([
      "email",
      "security_questions",
    ]));
  it("per user: targeted groups add methods, excluded groups take them away", () => {
    const v = methodsPolicyView(policy, "migrationComplete", METHODS);
    expect(v.forUser([], "u1", new Set(["g-it"]))).toEqual(["email", "mobile_sms", "authenticator_notification"]);
    expect(v.forUser([], "u2", new Set(["g-contractors"]))).toEqual(["email"]);
  });
});

describe("auditEstimates", () => {
  let n = 0;
  const e = (
    activity: string,
    result: "success" | "failure",
    reason: string | null,
    at: string,
    service = "Self-service Password Management",
  ): GraphDirectoryAudit =>
    ({
      id: `a${++n}`,
      category: "UserManagement",
      result,
      resultReason: reason,
      activityDisplayName: activity,
      activityDateTime: at,
      loggedByService: service,
      targetResources: [{ id: "u1", type: "User" }],
    }) as GraphDirectoryAudit;
  const P = "Self-service password reset flow activity progress";
  const users = new Set(["u1"]);

  it("matches documented reason prefixes case-insensitively, and sets a code only when the reason means exactly one", () => {
    expect(matchReason("USER'S PASSWORD IS MANAGED ON-PREMISES. You can enable Password Writeback")?.error).toBe(
      "writeback_disabled",
    );
    expect(matchReason("User's account has insufficient authentication methods defined.")).toMatchObject({
      stage: "verify",
    });
    expect(matchReason("User's account has insufficient authentication methods defined.")?.error).toBeUndefined();
    expect(matchReason("User isn't enabled for password reset")).toBeUndefined(); // often quoted, undocumented
  });

  it("takes the newest failure as the attempt, with stage, method and code", () => {
    const r = auditEstimates(
      [
        e(P, "failure", "User's account has insufficient authentication methods defined", "2026-11-24T07:00:00Z"),
        e(
          P,
          "failure",
          "User entered too many invalid SMS verification codes and is blocked for 24 hours",
          "2026-11-24T08:00:00Z",
        ),
      ],
      users,
    );
    expect(r.attempts.get("u1")).toMatchObject({
      stage: "verify",
      method: "mobile_sms",
      error: "too_many_failed_verifications",
      at: "2026-11-24T08:00:00.000Z",
    });
    expect(r.events).toEqual([{ userId: "u1", kind: "verification_failed", at: "2026-11-24T08:00:00.000Z" }]);
  });

  it("blocks for 24 hours from a successful 'Blocked from self-service password reset'", () => {
    const r = auditEstimates(
      [
        e(
          "Blocked from self-service password reset",
          "success",
          "User tried to verify a phone number too many times and is blocked for 24 hours",
          "2026-11-24T07:00:00Z",
        ),
      ],
      users,
    );
    expect(r.blocks.get("u1")?.blockedUntil).toBe("2026-11-25T07:00:00.000Z");
    expect(r.attempts.get("u1")?.error).toBeUndefined(); // a mistyped number has no code of its own
  });

  it("counts codes sent and completed resets, and a later reset clears the attempt", () => {
    const r = auditEstimates(
      [
        e(P, "success", "User started the email verification option", "2026-11-24T06:00:00Z"),
        e("Reset password (self-service)", "failure", "FuzzyPolicyViolationInvalidPassword", "2026-11-24T06:05:00Z"),
        e("Reset password (self-service)", "success", "User successfully reset password", "2026-11-24T06:10:00Z"),
      ],
      users,
    );
    expect(r.events.map((x) => x.kind)).toEqual(["code_sent", "reset_completed"]);
    expect(r.attempts.has("u1")).toBe(false);
  });

  it("keeps abandoned flows and users the export does not hold out", () => {
    const r = auditEstimates(
      [
        e(P, "failure", "User abandoned after completing the mobile SMS verification option", "2026-11-24T06:00:00Z"),
        {
          ...e(P, "failure", "x", "2026-11-24T06:00:00Z"),
          targetResources: [{ id: "stranger", type: "User" }],
        } as GraphDirectoryAudit,
      ],
      users,
    );
    expect(r.attempts.size).toBe(0);
    expect(r.skipped).toBe(1);
  });

  it("reads the last security-info confirmation from the Authentication Methods service", () => {
    const r = auditEstimates(
      [
        e(
          "User reviewed security info",
          "success",
          "User successfully reviewed security info.",
          "2026-11-20T06:00:00Z",
          "Authentication Methods",
        ),
      ],
      users,
    );
    expect(r.confirmations.get("u1")).toBe("2026-11-20T06:00:00.000Z");
  });
});

describe("retryAfterMs", () => {
  it("honours a fractional Retry-After, and backs off exponentially without one", () => {
    expect(retryAfterMs("2.128", 0)).toBe(2128);
    expect([0, 1, 2, 10].map((a) => retryAfterMs(null, a))).toEqual([1000, 2000, 4000, 32000]);
  });
});

describe("consoleProgress", () => {
  it("counts steps and requests, and grows its total once the groups are known", () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 200,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    }) as unknown as NodeJS.WriteStream;
    let out = "";
    (stream as unknown as PassThrough).on("data", (d: Buffer) => (out += d.toString()));
    const p = consoleProgress(stream);
    p.start(3);
    p.request();
    p.step("users (20)");
    p.grow(2);
    p.request();
    p.step("groups (6)");
    p.stop();
    expect(out).toContain("2/5 steps | 2 requests | ETA");
    expect(out).toContain("groups (6)");
  });
});

describe("graphConfig", () => {
  it("names the missing variable", async () => {
    const { graphConfig } = await import("../../src/import/entra/live/graph-config");
    expect(() => graphConfig({ GRAPH_CLIENT_ID: "x", GRAPH_CLIENT_SECRET: "y" })).toThrow(
      "environment: GRAPH_TENANT_ID: ",
    );
    expect(() => graphConfig({ GRAPH_TENANT_ID: "t", GRAPH_CLIENT_ID: "x" })).toThrow(
      "set GRAPH_CLIENT_SECRET, or GRAPH_CERT_THUMBPRINT and GRAPH_CERT_KEY_FILE",
    );
    expect(graphConfig({ GRAPH_TENANT_ID: "t", GRAPH_CLIENT_ID: "x", GRAPH_CLIENT_SECRET: "y" })).toMatchObject({
      authorityHost: "https://login.microsoftonline.com",
      baseUrl: "https://graph.microsoft.com/v1.0",
    });
  });
});
