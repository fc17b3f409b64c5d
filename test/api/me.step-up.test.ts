/**
 * Issue 11.9: a stolen password alone must not add an attacker's phone. A user who
 * already has a usable method proves one of them again (step-up) before adding a method
 * or replacing the answers, and every change is mailed to the contacts they already had,
 * in their language.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { codeFromDevMailbox } from "../support/reset-driver";
import { testApp, type TestContext } from "../support/test-deps";

type Json = Record<string, any>;
const ALEX = "alex.healthy@contoso.example";
const ATTACKER_PHONE = "+37129999999";

async function signIn(t: TestContext, login: string) {
  const res = await t.app.request("/api/v1/me/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return `sspr_session=${/sspr_session=([^;]+)/.exec(res.headers.get("set-cookie")!)![1]}`;
}

async function call(
  t: TestContext,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: { cookie, "content-type": "application/json", ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const noticesTo = (t: TestContext, to: string) =>
  t.deps.devMailbox!.forRecipient(to).filter((m) => m.kind === "notice");
const settle = () => new Promise((r) => setTimeout(r, 50)); // deliveries run after the answer

async function stepUpByEmail(t: TestContext, cookie: string) {
  const email = (await call(t, cookie, "GET", "/me/methods")).body.methods.find((m: Json) => m.type === "email");
  const sent = await call(t, cookie, "POST", "/me/step-up", { methodId: email.id });
  expect(sent.body.codeSent.to).toBe("a***@home.example");
  const code = await codeFromDevMailbox(t, "alex@home.example");
  return call(t, cookie, "POST", "/me/step-up/verify", { methodId: email.id, code });
}

describe("changing security info needs more than the password", () => {
  it("refuses to add a phone with the password alone, listing the methods to prove with, and sends nothing", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const res = await call(t, cookie, "POST", "/me/methods", { type: "mobile_sms", value: ATTACKER_PHONE });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("step_up_required");
    expect(res.body.methods.map((m: Json) => m.type).sort()).toEqual(["email", "mobile_sms"]);
    expect(JSON.stringify(res.body)).not.toContain("alex@home.example");
    await settle();
    expect(t.deps.devMailbox!.forRecipient(ATTACKER_PHONE)).toHaveLength(0);
    const audited = t.db.$client.prepare("SELECT action, code FROM audit_log WHERE code = 'step_up_required'").get();
    expect(audited).toEqual({ action: "me.method_add", code: "step_up_required" });
  });

  it("refuses to replace the security answers with the password alone", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const answers = ["q_first_pet", "q_first_job", "q_parents_met"].map((questionId, i) => ({
      questionId,
      answer: ["Muris", "Liepāja", "Brīvības"][i],
    }));
    const res = await call(t, cookie, "PUT", "/me/security-questions", { answers });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("step_up_required");
  });

  it("refuses a wrong step-up code", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const email = (await call(t, cookie, "GET", "/me/methods")).body.methods.find((m: Json) => m.type === "email");
    await call(t, cookie, "POST", "/me/step-up", { methodId: email.id });
    expect(
      (await call(t, cookie, "POST", "/me/step-up/verify", { methodId: email.id, code: "00000000" })).body.code,
    ).toBe("verification_code_wrong");
    expect(
      (await call(t, cookie, "POST", "/me/methods", { type: "mobile_sms", value: ATTACKER_PHONE })).body.code,
    ).toBe("step_up_required");
  });

  it("adds the phone after a code to the existing email, and tells the existing contacts in the user's language", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const stepped = await stepUpByEmail(t, cookie);
    expect(stepped.status).toBe(200);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "mobile_sms", value: ATTACKER_PHONE });
    expect(added.status).toBe(201);
    const code = await codeFromDevMailbox(t, ATTACKER_PHONE);
    const verified = await call(
      t,
      cookie,
      "POST",
      `/me/methods/${added.body.method.id}/verify`,
      { code },
      { "accept-language": "lv" },
    );
    expect(verified.status).toBe(200);
    await settle();
    for (const to of ["alex@home.example", ALEX]) {
      const notice = noticesTo(t, to)[0];
      expect(notice?.subject).toBe("Jūsu drošības informācija tika mainīta");
      expect(notice?.text).toContain("mobilais tālrunis (SMS)");
    }
    // Ten minutes later the session is plain again.
    t.clock.advance(11 * 60_000);
    expect(
      (await call(t, cookie, "POST", "/me/methods", { type: "email", value: "other@home.example" })).body.code,
    ).toBe("step_up_required");
  });

  it("tells the existing contacts when a method is removed", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const sms = (await call(t, cookie, "GET", "/me/methods")).body.methods.find((m: Json) => m.type === "mobile_sms");
    expect((await call(t, cookie, "DELETE", `/me/methods/${sms.id}`)).status).toBe(200);
    await settle();
    expect(noticesTo(t, "alex@home.example")[0]?.subject).toBe("Your security info was changed");
  });
});
