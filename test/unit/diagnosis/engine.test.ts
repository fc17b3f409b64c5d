/**
 * The diagnoser through json-rules-engine: the administrator policy, evidence and wording,
 * catalogue data on findings, and the diagnosis around them (checks, id, verdict, queueing).
 */
import { describe, expect, it } from "vitest";
import { FINDINGS, FIXES } from "../../../src/domain/catalogue";
import { snapshot, minutesAgo } from "../../support/snapshots";
import { diagnoser, ruleSet } from "./setup";

const codesOf = async (s: ReturnType<typeof snapshot>) => (await diagnoser.diagnose(s)).findings.map((f) => f.code);
const ADMIN = { roles: ["global_admin"] };
const APP = { type: "authenticator_code", verified: true } as const;
const SMS = { type: "mobile_sms", value: "+37126000007", verified: true } as const;

describe("diagnose: the administrator policy", () => {
  it("keeps an admin in scope when self-service reset is off for everyone", async () => {
    const codes = await codesOf(snapshot({ user: ADMIN, policy: { enablement: "none" } }));
    expect(codes).not.toContain("sspr_disabled");
  });

  it("keeps an admin in scope when they are in none of the selected groups", async () => {
    const codes = await codesOf(snapshot({ user: { ...ADMIN, groups: [] } }));
    expect(codes).not.toContain("user_not_in_sspr_scope");
  });

  it("requires two methods of an admin even when the tenant requires one", async () => {
    const d = await diagnoser.diagnose(snapshot({ user: ADMIN, methods: [SMS] }));
    expect(d.primary).toBe("admin_needs_two_methods");
    expect(d.findings[0]!.explanation).toContain("requires 2 methods; 1 usable: mobile_sms");
  });

  it("never counts security questions for an admin, however many are answered", async () => {
    const s = snapshot({
      user: ADMIN,
      policy: { methodsAllowed: ["mobile_sms", "security_questions"] },
      methods: [SMS, { type: "security_questions", questionsAnswered: 5 }],
    });
    const codes = await codesOf(s);
    expect(codes).toContain("admin_needs_two_methods");
    expect(codes).not.toContain("security_questions_incomplete");
  });

  it("lets an admin use methods the tenant policy does not allow", async () => {
    const codes = await codesOf(snapshot({ user: ADMIN, policy: { methodsAllowed: ["email"] }, methods: [APP, SMS] }));
    // Two usable, exactly the two an admin needs: no blocker, only the warning.
    expect(codes).toEqual(["single_point_of_failure"]);
  });

  it("ignores the tenant's impossible method policy for an admin", async () => {
    const codes = await codesOf(
      snapshot({ user: ADMIN, policy: { methodsRequired: 2, methodsAllowed: ["email"] }, methods: [APP, SMS] }),
    );
    expect(codes).not.toContain("policy_requires_more_methods_than_allowed");
  });
});

describe("diagnose: evidence and wording", () => {
  it("takes evidence from the engine's condition results, with the actual values", async () => {
    const d = await diagnoser.diagnose(snapshot({ throttle: { codesSentLastHour: 5 } }));
    const finding = d.findings.find((f) => f.code === "too_many_codes_sent")!;
    expect(finding.evidence).toEqual([
      { fact: "throttle", path: "codesSentLastHour", operator: "greaterThanInclusive", expected: 5, actual: 5 },
    ]);
    expect(finding.explanation).toBe(
      "5 codes were sent in the last hour and at most 5 may be; wait before asking for another.",
    );
  });

  it("keeps only the branch that held of an `any` block", async () => {
    const d = await diagnoser.diagnose(
      snapshot({ user: { source: "synced" }, writeback: { lastHeartbeatAt: minutesAgo(11) } }),
    );
    const finding = d.findings.find((f) => f.code === "writeback_connector_unreachable")!;
    expect(finding.evidence.map((e) => e.fact)).toEqual(["userSource", "writebackOn", "heartbeatAgeMinutes"]);
    expect(finding.evidence[2]).toMatchObject({ operator: "greaterThan", expected: 10 });
    expect(finding.evidence[2]!.actual as number).toBeCloseTo(11, 5);
  });

  it("names the groups checked when the user is out of scope", async () => {
    const d = await diagnoser.diagnose(
      snapshot({
        user: {
          groups: [
            { id: "grp-sales", direct: true },
            { id: "grp-emea", direct: false },
          ],
        },
      }),
    );
    const finding = d.findings[0]!;
    expect(finding.code).toBe("user_not_in_sspr_scope");
    expect(finding.explanation).toBe(
      "Self-service reset is on only for grp-sspr and janis.ozols@fabrikam.example is in none of them, directly or through a nested group (the account's groups: grp-sales, grp-emea).",
    );
    expect(finding.evidence.at(-1)).toEqual({
      fact: "userGroups",
      operator: "sharesNoneWith",
      expected: ["grp-sspr"],
      actual: ["grp-sales", "grp-emea"],
    });
  });

  it("gives evidence its own copy of the values", async () => {
    const s = snapshot({ user: { groups: [{ id: "grp-sales", direct: true }] } });
    const d = await diagnoser.diagnose(s);
    (d.findings[0]!.evidence.at(-1)!.expected as string[]).push("changed");
    expect(s.policy.selectedGroups).toEqual(["grp-sspr"]);
  });
});

describe("diagnose: findings carry the catalogue", () => {
  it("takes severity, disclosure and fixes from the catalogue and articles from articlesFor", async () => {
    const d = await diagnoser.diagnose(snapshot({ methods: [] }));
    const finding = d.findings[0]!;
    expect(finding).toMatchObject({
      code: "not_registered",
      severity: "blocker",
      disclosure: FINDINGS.not_registered.disclosure,
    });
    expect(finding.fixes).toEqual(FINDINGS.not_registered.fixes.map((id) => ({ id, ...FIXES[id] })));
    expect(finding.articles).toEqual([
      { slug: "kb-not_registered", title: "About not_registered", url: "/kb/kb-not_registered" },
    ]);
  });

  it("lets the user unlock when unlock without reset is allowed, else the helpdesk", async () => {
    const locked = { user: { source: "synced", onPremises: { lockedOut: true } } } as const;
    const byUser = await diagnoser.diagnose(
      snapshot({ ...locked, policy: { onPremises: { allowUnlockWithoutReset: true } } }),
    );
    const byHelpdesk = await diagnoser.diagnose(
      snapshot({ ...locked, policy: { onPremises: { allowUnlockWithoutReset: false } } }),
    );
    expect(byUser.findings[0]!.fixes[0]).toMatchObject({ id: "unlock_account", actor: "user" });
    expect(byHelpdesk.findings[0]!.fixes[0]).toMatchObject({ id: "unlock_account", actor: "helpdesk" });
  });

  it("raises, for a missing account, nothing that needs an account", async () => {
    const d = await diagnoser.diagnose(snapshot({ user: null, methods: [] }));
    expect(d.findings.map((f) => f.code)).toEqual(["account_not_found"]);
  });
});

describe("diagnose: the diagnosis around the findings", () => {
  it("counts every rule as evaluated and the silent ones as passed", async () => {
    const d = await diagnoser.diagnose(snapshot({ throttle: { codesSentLastHour: 5, resetsLast24h: 5 } }));
    expect(d.checks).toEqual({ evaluated: ruleSet.rules.length, passed: ruleSet.rules.length - 2 });
    expect(d.engine.rulesVersion).toBe(ruleSet.version);
    expect(d.engine.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("derives a stable reference id from the snapshot and the rules", async () => {
    const a = await diagnoser.diagnose(snapshot());
    const b = await diagnoser.diagnose(snapshot());
    const c = await diagnoser.diagnose(snapshot({ throttle: { codesSentLastHour: 1 } }));
    expect(a.id).toMatch(/^D-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(diagnoser.diagnoseCompiled(snapshot()).id).toBe(a.id);
  });

  it("uses the reference id it is given", async () => {
    expect((await diagnoser.diagnose(snapshot(), { id: "D-GIVEN001" })).id).toBe("D-GIVEN001");
  });

  it("is at risk with warnings only and can reset with info only", async () => {
    expect((await diagnoser.diagnose(snapshot({ methods: [APP] }))).verdict).toBe("at_risk");
    const info = await diagnoser.diagnose(snapshot({ policy: { notifications: { notifyUserOnReset: false } } }));
    expect(info).toMatchObject({ verdict: "can_reset", primary: null });
    expect(info.findings.map((f) => f.code)).toEqual(["notifications_off"]);
  });

  it("gives overlapping diagnoses on the one shared engine all their rules", async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => snapshot({ throttle: { codesSentLastHour: i % 7 } }));
    const expected = inputs.map((s) => diagnoser.diagnoseCompiled(s).findings.map((f) => f.code));
    const running: Promise<string[]>[] = [];
    for (const s of inputs) {
      running.push(diagnoser.diagnose(s).then((d) => d.findings.map((f) => f.code)));
      await Promise.resolve(); // stagger the starts, as concurrent requests do
    }
    expect(await Promise.all(running)).toEqual(expected);
  });
});
