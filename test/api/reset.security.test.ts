import { describe, expect, it } from "vitest";
import { codeFromDevMailbox, contactOf, post, start, verifyByCode, type Json } from "../support/reset-driver";
import { testApp } from "../support/test-deps";

const REAL = "alex.healthy@contoso.example";
const UNKNOWN = "nobody@contoso.example";
const withoutIds = (body: Json) => {
  const { flowId: _f, expiresAt: _e, diagnosisId: _d, ...rest } = body;
  return rest;
};

describe("no account enumeration", () => {
  it("answers an unknown login's start with the same body as a real one's, but for the flow id", async () => {
    const t = await testApp({ seed: true });
    const real = await post(t, "/reset/start", { login: REAL });
    const unknown = await post(t, "/reset/start", { login: UNKNOWN });
    expect(unknown.status).toBe(real.status);
    expect(withoutIds(unknown.body)).toEqual(withoutIds(real.body));
    expect(unknown.body.flowId).not.toEqual(real.body.flowId);
  });

  it("answers a challenge the same for an unknown login, a wrong contact and the right contact", async () => {
    const t = await testApp({ seed: true });
    const answers = [];
    for (const [login, contact] of [
      [UNKNOWN, "alex@home.example"],
      [REAL, "someone@else.example"],
      [REAL, "alex@home.example"],
    ] as const) {
      const flowId = await start(t, login);
      const res = await post(t, `/reset/${flowId}/challenge`, { method: "email", contact });
      // `to` names what was typed, masked (issue 12.7): never what is on file.
      const { to, ...rest } = res.body;
      expect(to).toBe(`${contact[0]}***@${contact.split("@")[1]}`);
      answers.push({ status: res.status, body: rest });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it("answers a wrong code the same for an unknown login as for a real one", async () => {
    const t = await testApp({ seed: true });
    const bodies = [];
    for (const login of [UNKNOWN, REAL]) {
      const flowId = await start(t, login);
      await post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" });
      const res = await post(t, `/reset/${flowId}/verify`, { method: "email", code: "00000000" });
      bodies.push({ status: res.status, body: withoutIds(res.body) });
    }
    expect(bodies[0]).toEqual(bodies[1]);
  });

  it("asks an unknown login security questions too, the same ones each time", async () => {
    const t = await testApp({ seed: true });
    const ask = async () =>
      (await post(t, `/reset/${await start(t, UNKNOWN)}/challenge`, { method: "security_questions" })).body.questions;
    const first = (await ask()) as unknown[];
    expect(first).toHaveLength(3);
    expect(await ask()).toEqual(first);
  });

  it("never shows a user's registered addresses or numbers", async () => {
    const t = await testApp({ seed: true });
    const phone = contactOf(t, REAL, "mobile_sms");
    const flowId = await start(t, REAL);
    const texts = [
      JSON.stringify((await post(t, "/reset/start", { login: REAL })).body),
      JSON.stringify(
        (await post(t, `/reset/${flowId}/challenge`, { method: "mobile_sms", contact: "+37100000000" })).body,
      ),
      JSON.stringify((await post(t, `/reset/${flowId}/verify`, { method: "mobile_sms", code: "000000" })).body),
    ].join("\n");
    expect(texts).not.toContain(phone);
    expect(texts).not.toContain("alex@home.example");
  });

  it("shows an unverified person only public findings", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, "dana.disabled@contoso.example");
    const res = await post(t, `/reset/${flowId}/verify`, { method: "email", code: "00000000" });
    const codes = (res.body.findings as { code: string }[]).map((f) => f.code);
    expect(codes).toContain("verification_code_wrong");
    expect(codes).not.toContain("account_disabled");
  });
});

describe("secrets", () => {
  it("stores a verification code only as a hash", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, REAL);
    await post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" });
    const code = await codeFromDevMailbox(t, "alex@home.example");
    const rows = t.db.$client.prepare("SELECT * FROM verification_codes").all();
    expect(JSON.stringify(rows)).not.toContain(code);
    expect((rows[0] as { code_hash: string }).code_hash).toMatch(/^scrypt\$/);
  });

  it("lets exactly one of two simultaneous completions of a flow succeed", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, REAL);
    await verifyByCode(t, flowId, "email", "alex@home.example");
    const [a, b] = await Promise.all([
      post(t, `/reset/${flowId}/complete`, { newPassword: "Quiet-Meadow-Sparrow-71" }),
      post(t, `/reset/${flowId}/complete`, { newPassword: "Silver-Canyon-Otter-38" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(
      t.db.$client
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'reset.complete' AND outcome = 'success'")
        .pluck()
        .get(),
    ).toBe(1);
  });
});

describe("starting flows is throttled", () => {
  it("refuses the eleventh start in an hour for one login, the same for a real and an unknown one", async () => {
    const t = await testApp({ seed: true });
    for (const login of [REAL, UNKNOWN]) {
      for (let i = 0; i < 10; i++) expect((await post(t, "/reset/start", { login })).status).toBe(200);
      const res = await post(t, "/reset/start", { login: login.toUpperCase() });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe("rate_limited");
    }
    t.clock.advance(61 * 60_000);
    expect((await post(t, "/reset/start", { login: REAL })).status).toBe(200);
  });
});
