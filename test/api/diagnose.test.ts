import { describe, expect, it } from "vitest";
import { DEMO_PERSONAS } from "../../src/db/seed/demo-tenant";
import { diagnosisExamples } from "../support/diagnosis-examples";
import { staffRouteCases } from "../support/staff-route-cases";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

type Diagnosis = {
  id: string;
  verdict: string;
  primary: string | null;
  findings: {
    code: string;
    evidence: { fact: string; actual: unknown }[];
    fixes: { id: string }[];
    articles: { url: string }[];
  }[];
};

async function diagnose(t: TestContext, body: unknown) {
  const res = await t.app.request("/api/v1/diagnose", {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth("support") },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Diagnosis & Record<string, unknown> };
}

describe("POST /api/v1/diagnose", () => {
  it.each(DEMO_PERSONAS.map((p) => [p.login, p.primary, p.includes ?? []] as const))(
    "gives %s the primary %s it was seeded for",
    async (login, primary, includes) => {
      const t = await testApp({ seed: true });
      const { status, body } = await diagnose(t, { user: login });
      expect(status).toBe(200);
      expect(body.primary).toBe(primary);
      // The tenant sweep, not a single diagnosis, sees a method shared by many users.
      const perUser = includes.filter((code) => code !== "method_in_use_by_many");
      expect(body.findings.map((f) => f.code)).toEqual(expect.arrayContaining(perUser));
    },
  );

  it("shows the evidence with the actual stored values", async () => {
    const t = await testApp({ seed: true });
    const { body } = await diagnose(t, { user: "carl.codes@contoso.example" });
    const finding = body.findings.find((f) => f.code === "too_many_codes_sent")!;
    expect(finding.evidence.some((e) => e.actual === 5)).toBe(true);
    expect(finding.fixes.map((f) => f.id)).toEqual(["wait_until_unblocked", "clear_throttle"]);
    expect(finding.articles[0]!.url).toMatch(/^\/kb\//);
  });

  it("answers what-if: allowing office phones unblocks the user who registered only one", async () => {
    const t = await testApp({ seed: true });
    const before = await diagnose(t, { user: "olga.office@contoso.example" });
    expect(before.body.primary).toBe("registered_methods_not_allowed");
    const after = await diagnose(t, {
      user: "olga.office@contoso.example",
      overrides: { policy: { methodsAllowed: ["email", "office_phone"] } },
    });
    expect(after.body.verdict).not.toBe("blocked");
    expect(after.body.whatIf).toBe(true);
    // The stored state is unchanged.
    expect((await diagnose(t, { user: "olga.office@contoso.example" })).body.primary).toBe(
      "registered_methods_not_allowed",
    );
  });

  it("finds a user by id as well as by upn, and 404s an unknown one", async () => {
    const t = await testApp({ seed: true });
    expect((await diagnose(t, { user: "usr-oscar.outside" })).body.primary).toBe("user_not_in_sspr_scope");
    const missing = await diagnose(t, { user: "ghost@contoso.example" });
    expect(missing.status).toBe(404);
  });

  it("stores each diagnosis under its reference id for GET /diagnoses/:id", async () => {
    const t = await testApp({ seed: true });
    const { body } = await diagnose(t, { user: "nina.noreg@contoso.example" });
    const res = await t.app.request(`/api/v1/diagnoses/${body.id}`, { headers: t.auth("support") });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Diagnosis).primary).toBe("not_registered");
    const missing = await t.app.request("/api/v1/diagnoses/D-0000000000", { headers: t.auth("support") });
    expect(missing.status).toBe(404);
  });

  it("refuses a bad override, naming the field", async () => {
    const t = await testApp({ seed: true });
    const { status, body } = await diagnose(t, {
      user: "alex.healthy@contoso.example",
      overrides: { policy: { methodsRequired: 3 } },
    });
    expect(status).toBe(400);
    expect(body.field).toBe("overrides.policy.methodsRequired");
  });
});

describe("POST /api/v1/diagnose/simulate", () => {
  const examples = diagnosisExamples();

  const simulate = async (snapshot: unknown) => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/diagnose/simulate", {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth("support") },
      body: JSON.stringify(snapshot),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Diagnosis;
  };

  it.each(examples.map((e) => [e.name, e] as const))(
    "diagnoses the example '%s' as the catalogue says",
    async (_name, example) => {
      const d = await simulate(example.snapshot);
      expect(d.primary).toBe(example.expect.primary);
      expect(d.findings.map((f) => f.code)).toEqual(expect.arrayContaining(example.expect.includes ?? []));
    },
  );

  // Only some rows state a verdict: those rows are their own cases, so no assertion is skipped silently.
  it.each(examples.flatMap((e) => (e.expect.verdict ? [[e.name, e.expect.verdict, e.snapshot] as const] : [])))(
    "gives the example '%s' the verdict %s",
    async (_name, verdict, snapshot) => expect((await simulate(snapshot)).verdict).toBe(verdict),
  );

  it.each([
    [{ now: "2026-11-24T09:30:00Z", user: null, extra: 1 }, "extra"],
    [{ now: "2026-11-24T09:30:00Z", user: null, policy: { methodsRequired: 3 } }, "policy.methodsRequired"],
    [{ now: "2026-11-24T09:30:00Z", user: null, methods: [{ type: "fax" }] }, "methods[0].type"],
    [{ user: null }, "now"],
  ])("refuses a malformed snapshot with 400 naming the field (%#)", async (snapshot, field) => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/diagnose/simulate", {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth("support") },
      body: JSON.stringify(snapshot),
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.field).toBe(field);
    expect(p.detail.startsWith(`${field}: `)).toBe(true);
  });
});

staffRouteCases([
  {
    method: "POST",
    path: "/api/v1/diagnose/simulate",
    minRole: "support",
    body: { now: "2026-11-24T09:30:00Z", user: null },
  },
  { method: "POST", path: "/api/v1/diagnose", minRole: "support", body: { user: "alex.healthy@contoso.example" } },
  { method: "GET", path: "/api/v1/diagnoses/D-0000000000", minRole: "support" },
]);
