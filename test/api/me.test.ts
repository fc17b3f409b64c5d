import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { SECURITY_QUESTIONS } from "../../src/domain/security-questions";
import { codeFromDevMailbox } from "../support/reset-driver";
import { testApp, type TestContext } from "../support/test-deps";

// Response bodies are read loosely here; their shapes are pinned by the assertions.
type Json = Record<string, any>;
const ALEX = "alex.healthy@contoso.example";
const NINA = "nina.noreg@contoso.example";

async function signIn(
  t: TestContext,
  login: string,
  password = DEMO_PASSWORD,
  url = "http://localhost/api/v1/me/sign-in",
) {
  const res = await t.app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const token = /sspr_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  return { res, body: (await res.json()) as Json, cookie: `sspr_session=${token}` };
}

async function call(t: TestContext, cookie: string, method: string, path: string, body?: unknown) {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: { cookie, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const answers = (ids: string[], words = ["Ziedoņa skola", "Brīvības iela", "Muris", "Liepāja", "Prāta Vētra"]) =>
  ids.map((questionId, i) => ({ questionId, answer: words[i]! }));

describe("signing in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie for 8 hours that GET /me accepts", async () => {
    const t = await testApp({ seed: true });
    const { res, body, cookie } = await signIn(t, ALEX);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^sspr_session=sspr_[\w-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain("Max-Age=28800");
    expect(setCookie).not.toContain("Secure");
    expect(body.user).toEqual({ upn: ALEX, displayName: "Alex Healthy" });
    expect(body.expiresAt).toBe("2026-11-24T17:30:00.000Z");

    const me = await call(t, cookie, "GET", "/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ upn: ALEX, displayName: "Alex Healthy" });
  });

  it("marks the cookie Secure when the request came over https", async () => {
    const t = await testApp({ seed: true });
    const { res } = await signIn(t, ALEX, DEMO_PASSWORD, "https://sspr.example/api/v1/me/sign-in");
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toContain("Secure");
  });

  it("signs in whatever the case of the login", async () => {
    const t = await testApp({ seed: true });
    expect((await signIn(t, "  Alex.Healthy@CONTOSO.example ")).res.status).toBe(200);
  });

  it("tells the user at sign-in that registration is due", async () => {
    const t = await testApp({ seed: true });
    const { body } = await signIn(t, NINA);
    expect(body.registration).toMatchObject({
      required: true,
      due: "register",
      reason: "methods_missing",
      methodsRequired: 1,
      usableMethods: [],
    });
  });

  it("signs out: the session stops working and the cookie is cleared", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, ALEX);
    const res = await t.app.request("/api/v1/me/sign-out", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/sspr_session=;.*Max-Age=0/);
    expect((await call(t, cookie, "GET", "/me")).status).toBe(401);
  });
});

describe("GET /me says what the policy wants now", () => {
  it.each([
    [NINA, "register", "methods_missing", true],
    ["reggie.reconfirm@contoso.example", "reconfirm", "reconfirm_overdue", true],
    [ALEX, "none", "up_to_date", false],
    ["sara.short@contoso.example", "register", "methods_missing", true],
    ["uma.unverified@contoso.example", "register", "methods_missing", true],
    ["oscar.outside@contoso.example", "none", "not_in_scope", false],
    // Fabrikam does not enforce registration: below the requirement, but nothing is due.
    ["fiona.onemethod@fabrikam.example", "none", "methods_missing", false],
  ])("%s: due %s (%s)", async (login, due, reason, required) => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, login);
    const me = await call(t, cookie, "GET", "/me");
    expect(me.body.registration).toMatchObject({ due, reason, required });
  });

  it("answers in Latvian for a Latvian browser", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const res = await t.app.request("/api/v1/me", { headers: { cookie, "accept-language": "lv-LV,lv;q=0.9" } });
    expect(((await res.json()) as Json).registration.message).toMatch(/Reģistrējiet/);
  });
});

describe("registering an email", () => {
  it("sends a code to the address, verifies it, and lists it verified and masked", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "email", value: " Nina@Home.Example " });
    expect(added.status).toBe(201);
    expect(added.body.method).toMatchObject({
      type: "email",
      value: "n***@home.example",
      verified: false,
      usable: false,
      issues: ["unverified"],
    });
    expect(added.body.codeSent).toEqual({
      to: "n***@home.example",
      channel: "email",
      expiresInSeconds: 600,
      codeLength: 8,
    });

    const code = await codeFromDevMailbox(t, "nina@home.example");
    expect(code).toMatch(/^\d{8}$/);
    const verified = await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, { code });
    expect(verified.status).toBe(200);
    expect(verified.body.method).toMatchObject({ verified: true, usable: true, issues: [] });
    expect(verified.body.registration).toMatchObject({ due: "none", usableMethods: ["email"] });

    const list = await t.app.request("/api/v1/me/methods", { headers: { cookie } });
    const text = await list.text();
    expect(text).not.toContain("nina@home.example");
    expect(JSON.parse(text)).toEqual({
      methods: [
        {
          id: added.body.method.id,
          type: "email",
          value: "n***@home.example",
          verified: true,
          usable: true,
          issues: [],
          registeredAt: "2026-11-24T09:30:00.000Z",
        },
      ],
      allowedTypes: ["email", "mobile_sms", "mobile_voice", "authenticator_code"],
      methodsRequired: 1,
    });
  });

  it("sends a 6-digit code by SMS to a phone typed with spaces, stored as E.164", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "mobile_sms", value: "+371 2612 3456" });
    expect(added.body.method.value).toBe("+371 ••••• 456");
    expect(added.body.codeSent).toMatchObject({ channel: "sms", codeLength: 6 });
    const code = await codeFromDevMailbox(t, "+37126123456");
    expect((await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, { code })).status).toBe(200);
    expect(t.db.$client.prepare("SELECT value FROM methods WHERE id = ?").pluck().get(added.body.method.id)).toBe(
      "+37126123456",
    );
  });

  it("re-sends a fresh code when the same pending address is added again, keeping one method", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const first = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "nina@home.example" });
    const again = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "NINA@home.example" });
    expect(again.body.method.id).toBe(first.body.method.id);
    expect(t.deps.devMailbox!.forRecipient("nina@home.example")).toHaveLength(2);
    expect((await call(t, cookie, "GET", "/me/methods")).body.methods).toHaveLength(1);
  });
});

describe("registering an authenticator app", () => {
  it("returns the secret once and verifies a code generated at the injected clock", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "authenticator_code" });
    expect(added.status).toBe(201);
    const secret = added.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(added.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/SSPR%20Doctor:nina\.noreg%40contoso\.example\?/);
    expect(added.body.otpauthUri).toContain(`secret=${secret}`);
    expect(added.body.method).toMatchObject({ type: "authenticator_code", value: null, verified: false });

    t.clock.advance(45_000);
    const code = generateSync({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
    const verified = await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, { code });
    expect(verified.status).toBe(200);
    expect(verified.body.method).toMatchObject({ verified: true, usable: true });
    const list = JSON.stringify((await call(t, cookie, "GET", "/me/methods")).body);
    expect(list).not.toContain(secret);
  });

  it("lets the new authenticator reset the password", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "authenticator_code" });
    const at = () => Math.floor(t.clock.now().getTime() / 1000);
    await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, {
      code: generateSync({ secret: added.body.secret, epoch: at() }),
    });
    t.clock.advance(60_000);
    const start = await t.app.request("/api/v1/reset/start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: NINA }),
    });
    const flowId = ((await start.json()) as Json).flowId as string;
    const res = await t.app.request(`/api/v1/reset/${flowId}/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        method: "authenticator_code",
        code: generateSync({ secret: added.body.secret, epoch: at() }),
      }),
    });
    expect(((await res.json()) as Json).remaining).toBe(0);
  });
});

describe("security questions", () => {
  it("lists the predefined questions in the request's language, marking the answered ones", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, "sara.short@contoso.example");
    const res = await t.app.request("/api/v1/me/security-questions", { headers: { cookie, "accept-language": "lv" } });
    const body = (await res.json()) as Json;
    expect(body.questions).toHaveLength(SECURITY_QUESTIONS.length);
    expect(body.questions[0]).toEqual({
      id: SECURITY_QUESTIONS[0]!.id,
      text: SECURITY_QUESTIONS[0]!.lv,
      answered: true,
    });
    expect(body.questions.filter((q: Json) => q.answered)).toHaveLength(2);
    expect(body).toMatchObject({ allowed: true, minAnswers: 3, maxAnswers: 5, minAnswerLength: 3 });
  });

  it("replaces the answers and makes questions a usable method", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, "sara.short@contoso.example");
    const ids = ["q_first_pet", "q_first_job", "q_parents_met"];
    const res = await call(t, cookie, "PUT", "/me/security-questions", { answers: answers(ids) });
    expect(res.status).toBe(200);
    expect(res.body.answered).toEqual(ids);
    expect(res.body.registration).toMatchObject({ due: "none", usableMethods: ["security_questions"] });
    const stored = t.db.$client
      .prepare("SELECT question_id FROM security_answers WHERE user_id = 'usr-sara.short' ORDER BY question_id")
      .pluck()
      .all();
    expect(stored).toEqual([...ids].sort());
    const list = (await call(t, cookie, "GET", "/me/methods")).body.methods as Json[];
    expect(list).toEqual([
      expect.objectContaining({ type: "security_questions", verified: true, usable: true, questionsAnswered: 3 }),
    ]);
  });

  it("creates the questions method for a user who had none", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const res = await call(t, cookie, "PUT", "/me/security-questions", {
      answers: answers(["q_first_pet", "q_first_job", "q_parents_met", "q_first_school"]),
    });
    expect(res.status).toBe(200);
    expect(res.body.registration.due).toBe("none");
  });
});

describe("confirming and removing", () => {
  it("clears a due reconfirmation", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, "reggie.reconfirm@contoso.example");
    const res = await call(t, cookie, "POST", "/me/confirm");
    expect(res.status).toBe(200);
    expect(res.body.registration).toMatchObject({
      due: "none",
      lastConfirmedAt: "2026-11-24T09:30:00.000Z",
      reconfirmBy: "2027-05-23T09:30:00.000Z",
    });
    expect((await call(t, cookie, "GET", "/me")).body.registration.due).toBe("none");
  });

  it("removes a method, with no warning while enough remain", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, ALEX);
    const before = (await call(t, cookie, "GET", "/me/methods")).body.methods as Json[];
    const email = before.find((m) => m.type === "email")!;
    const res = await call(t, cookie, "DELETE", `/me/methods/${email.id}`);
    expect(res.status).toBe(200);
    expect(res.body.removed).toEqual({ id: email.id, type: "email" });
    expect(res.body.warning).toBeUndefined();
    expect(res.body.registration).toMatchObject({ due: "none", usableMethods: ["mobile_sms"] });
    expect(((await call(t, cookie, "GET", "/me/methods")).body.methods as Json[]).map((m) => m.type)).toEqual([
      "mobile_sms",
    ]);
  });

  it("removes the last method but warns with the diagnosis the user now has", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, "simon.single@contoso.example");
    const [only] = (await call(t, cookie, "GET", "/me/methods")).body.methods as Json[];
    const res = await call(t, cookie, "DELETE", `/me/methods/${only!.id}`);
    expect(res.status).toBe(200);
    expect(res.body.warning).toMatchObject({
      code: "not_registered",
      findings: expect.arrayContaining(["not_registered"]),
    });
    expect(res.body.registration.due).toBe("register");
  });
});

describe("the audit trail", () => {
  it("records every registration step with actor, target, outcome and code", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "nina@home.example" });
    await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, { code: "00000000" });
    await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, {
      code: await codeFromDevMailbox(t, "nina@home.example"),
    });
    await call(t, cookie, "POST", "/me/confirm");
    await call(t, cookie, "DELETE", `/me/methods/${added.body.method.id}`);
    const rows = t.db.$client
      .prepare(
        "SELECT actor_type, actor_id, action, target_user_id, outcome, code FROM audit_log WHERE action LIKE 'me.%' ORDER BY id",
      )
      .all();
    const who = { actor_type: "user", actor_id: "usr-nina.noreg", target_user_id: "usr-nina.noreg" };
    expect(rows).toEqual([
      { ...who, action: "me.sign_in", outcome: "success", code: null },
      { ...who, action: "me.method_add", outcome: "success", code: null },
      { ...who, action: "me.method_verify", outcome: "failure", code: "verification_code_wrong" },
      { ...who, action: "me.method_verify", outcome: "success", code: null },
      { ...who, action: "me.confirm", outcome: "success", code: null },
      { ...who, action: "me.method_remove", outcome: "success", code: null },
    ]);
  });
});
