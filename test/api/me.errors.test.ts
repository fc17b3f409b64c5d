import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { codeFromDevMailbox } from "../support/reset-driver";
import { testApp, type TestContext } from "../support/test-deps";

// Response bodies are read loosely here; their shapes are pinned by the assertions.
type Json = Record<string, any>;
const ALEX = "alex.healthy@contoso.example";
const NINA = "nina.noreg@contoso.example";
const MINUTE = 60_000;

async function signIn(t: TestContext, login: string): Promise<string> {
  const res = await t.app.request("/api/v1/me/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return `sspr_session=${/sspr_session=([^;]+)/.exec(res.headers.get("set-cookie")!)![1]}`;
}

async function call(t: TestContext, cookie: string, method: string, path: string, body?: unknown, raw?: string) {
  const res = await t.app.request(`/api/v1${path}`, {
    method,
    headers: { cookie, "content-type": "application/json" },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    headers: res.headers,
    body: (await res.json()) as Json,
  };
}

async function pendingEmail(t: TestContext, cookie: string, value = "nina@home.example") {
  const added = await call(t, cookie, "POST", "/me/methods", { type: "email", value });
  expect(added.status).toBe(201);
  return added.body.method.id as string;
}

const words = ["Ziedoņa skola", "Brīvības iela", "Muris", "Liepāja", "Prāta Vētra"];
const put = (t: TestContext, cookie: string, answers: { questionId: string; answer: string }[]) =>
  call(t, cookie, "PUT", "/me/security-questions", { answers });
const three = () =>
  ["q_first_pet", "q_first_job", "q_parents_met"].map((questionId, i) => ({ questionId, answer: words[i]! }));

describe("verification codes that are wrong, expired or used", () => {
  it("refuses a wrong code with verification_code_wrong and a reference id", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const id = await pendingEmail(t, cookie);
    const res = await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code: "00000000" });
    expect(res.status).toBe(400);
    expect(res.type).toContain("application/problem+json");
    expect(res.body).toMatchObject({ code: "verification_code_wrong", status: 400 });
    expect(res.body.diagnosisId).toMatch(/^D-[0-9A-Z]{10}$/);
    expect(((await call(t, cookie, "GET", "/me/methods")).body.methods as Json[])[0]!.verified).toBe(false);
  });

  it("refuses a code after its 10 minutes with verification_code_expired", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const id = await pendingEmail(t, cookie);
    const code = await codeFromDevMailbox(t, "nina@home.example");
    t.clock.advance(11 * MINUTE);
    const res = await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code });
    expect(res.body.code).toBe("verification_code_expired");
  });

  it("uses a code once: the same code cannot verify again", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const id = await pendingEmail(t, cookie);
    const code = await codeFromDevMailbox(t, "nina@home.example");
    expect((await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code })).status).toBe(200);
    const again = await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("method_already_verified");
    expect(
      t.db.$client.prepare("SELECT used_at FROM verification_codes WHERE flow_id = ?").pluck().get(`reg:${id}`),
    ).not.toBeNull();
  });

  it("refuses a code superseded by a newer one", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const id = await pendingEmail(t, cookie);
    const first = await codeFromDevMailbox(t, "nina@home.example");
    await pendingEmail(t, cookie);
    const second = t.deps.devMailbox!.forRecipient("nina@home.example")[0]!.text.match(/\d{8}/)![0];
    // Seeded randomness makes the two codes fixed; that they differ is part of the test, not a condition on it.
    expect(first).not.toBe(second);
    expect((await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code: first })).body.code).toBe(
      "verification_code_wrong",
    );
    expect((await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code: second })).status).toBe(200);
  });

  it("refuses a wrong authenticator code", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const added = await call(t, cookie, "POST", "/me/methods", { type: "authenticator_code" });
    const res = await call(t, cookie, "POST", `/me/methods/${added.body.method.id}/verify`, { code: "000000" });
    expect(res.body.code).toBe("verification_code_wrong");
  });

  it("answers a method id that is not yours with 404, like a missing one", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const alexs = t.db.$client
      .prepare("SELECT id FROM methods WHERE user_id = 'usr-alex.healthy' LIMIT 1")
      .pluck()
      .get() as string;
    for (const id of [alexs, "mth_nosuchmethod"]) {
      const verify = await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code: "12345678" });
      expect(verify.status).toBe(404);
      expect(verify.body).toMatchObject({ code: "method_not_found", field: "id" });
      expect((await call(t, cookie, "DELETE", `/me/methods/${id}`)).status).toBe(404);
    }
    expect(t.db.$client.prepare("SELECT count(*) FROM methods WHERE id = ?").pluck().get(alexs)).toBe(1);
  });
});

describe("adding a method the policy or the value does not allow", () => {
  it("refuses a type the user's policy does not allow, naming type", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const res = await call(t, cookie, "POST", "/me/methods", { type: "office_phone", value: "+37167000002" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "method_not_allowed", field: "type" });
    expect(res.body.detail).toMatch(/^type: "office_phone" is not allowed/);
  });

  it("refuses email in a tenant that allows only security questions", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, "wes.woodgrove@woodgrove.example");
    const res = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "wes@home.example" });
    expect(res.body).toMatchObject({ code: "method_not_allowed", field: "type" });
  });

  it("refuses security questions for an administrator, naming answers", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, "ada.admin@contoso.example");
    const res = await put(t, cookie, three());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "method_not_allowed", field: "answers" });
  });

  it.each([
    ["security_questions", undefined, "type"],
    ["authenticator_notification", undefined, "type"],
    ["email", undefined, "value"],
    ["email", "not-an-address", "value"],
    ["email", "nina@localhost", "value"],
    ["mobile_sms", "26000007", "value"],
    ["mobile_voice", "+0 123", "value"],
  ])("refuses %s with value %s, naming %s", async (type, value, field) => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const res = await call(t, cookie, "POST", "/me/methods", { type, ...(value !== undefined && { value }) });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.detail.startsWith(`${field}: `)).toBe(true);
  });

  it("refuses the user's own work mailbox as their email method", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const res = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "Nina.Noreg@contoso.example" });
    expect(res.body).toMatchObject({ status: 400, code: "email_method_is_own_mailbox", field: "value" });
  });

  it("refuses an address that is already registered and verified", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, ALEX);
    const res = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "ALEX@home.example" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("method_exists");
  });

  it("refuses a second verified authenticator until the first is removed", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, "ada.admin@contoso.example");
    expect((await call(t, cookie, "POST", "/me/methods", { type: "authenticator_code" })).body.code).toBe(
      "method_exists",
    );
  });

  it("refuses an eleventh method, but still re-sends a code for a pending one", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    for (let i = 0; i < 10; i++) {
      if (i === 5) t.clock.advance(61 * MINUTE);
      expect(
        (await call(t, cookie, "POST", "/me/methods", { type: "email", value: `nina${i}@home.example` })).status,
      ).toBe(201);
    }
    t.clock.advance(61 * MINUTE);
    const res = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "nina10@home.example" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "too_many_methods", field: "type" });
    expect((await call(t, cookie, "POST", "/me/methods", { type: "email", value: "nina0@home.example" })).status).toBe(
      201,
    );
  });

  it("refuses an unknown field and malformed JSON, naming them", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const unknown = await call(t, cookie, "POST", "/me/methods", {
      type: "email",
      value: "nina@home.example",
      label: "home",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('"label"');
    const bad = await call(t, cookie, "POST", "/me/methods", undefined, "{not json");
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/body/i);
    const code = await call(t, cookie, "POST", "/me/methods/mth_x/verify", { code: "12ab" });
    expect(code.body.field).toBe("code");
  });
});

describe("security answers that break the rules", () => {
  it.each([
    ["too few answers", () => three().slice(0, 2), "answers"],
    [
      "too many answers",
      () => [
        ...three(),
        { questionId: "q_first_school", answer: "Skola 1" },
        { questionId: "q_first_concert", answer: "Koncerts" },
        { questionId: "q_grandmother_town", answer: "Cēsis" },
      ],
      "answers",
    ],
    [
      "an unknown question",
      () => [...three().slice(0, 2), { questionId: "q_favourite_colour", answer: "zaļa" }],
      "answers[2].questionId",
    ],
    [
      "the same question twice",
      () => [...three().slice(0, 2), { questionId: "q_first_pet", answer: "Pūkainis" }],
      "answers[2].questionId",
    ],
    [
      "an answer too short",
      () => [three()[0]!, { questionId: "q_first_job", answer: "  ab  " }, three()[2]!],
      "answers[1].answer",
    ],
    [
      "two answers alike after normalization",
      () => [three()[0]!, three()[1]!, { questionId: "q_parents_met", answer: "  ZIEDOŅA   SKOLA " }],
      "answers[2].answer",
    ],
  ])("refuses %s, naming the field", async (_what, answers, field) => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, "sara.short@contoso.example");
    const res = await put(t, cookie, answers());
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.detail.startsWith(`${field}: `)).toBe(true);
    // Nothing half-written: Sara still has her two old answers.
    expect(
      t.db.$client.prepare("SELECT count(*) FROM security_answers WHERE user_id = 'usr-sara.short'").pluck().get(),
    ).toBe(2);
  });
});

describe("confirming too early", () => {
  it("refuses to confirm while fewer usable methods than required are registered", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const res = await call(t, cookie, "POST", "/me/confirm");
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("registration_incomplete");
  });
});

describe("throttling registration steps", () => {
  it("stops sending codes after 5 in an hour, per account", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    for (let i = 0; i < 5; i++)
      expect(
        (await call(t, cookie, "POST", "/me/methods", { type: "email", value: `nina${i}@home.example` })).status,
      ).toBe(201);
    const res = await call(t, cookie, "POST", "/me/methods", { type: "email", value: "nina9@home.example" });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe("too_many_codes_sent");
    t.clock.advance(61 * MINUTE);
    expect((await call(t, cookie, "POST", "/me/methods", { type: "email", value: "nina9@home.example" })).status).toBe(
      201,
    );
  });

  it("stops checking codes after 10 wrong ones in 24 hours, without touching the reset counters", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    const id = await pendingEmail(t, cookie);
    for (let i = 0; i < 10; i++)
      expect((await call(t, cookie, "POST", `/me/methods/${id}/verify`, { code: "00000000" })).status).toBe(400);
    const res = await call(t, cookie, "POST", `/me/methods/${id}/verify`, {
      code: await codeFromDevMailbox(t, "nina@home.example"),
    });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe("too_many_failed_verifications");
    expect(res.headers.get("retry-after")).toBe(String(24 * 3600));
    expect(
      t.db.$client.prepare("SELECT count(*) FROM throttle_events WHERE user_id = 'usr-nina.noreg'").pluck().get(),
    ).toBe(0);
  });

  it("refuses more than 30 registration changes in an hour", async () => {
    const t = await testApp({ seed: true });
    const cookie = await signIn(t, NINA);
    for (let i = 0; i < 30; i++)
      expect((await call(t, cookie, "DELETE", "/me/methods/mth_nosuchmethod")).status).toBe(404);
    const res = await call(t, cookie, "POST", "/me/confirm");
    expect(res.status).toBe(429);
    expect(res.body.code).toBe("too_many_registration_changes");
    t.clock.advance(61 * MINUTE);
    expect((await call(t, cookie, "DELETE", "/me/methods/mth_nosuchmethod")).status).toBe(404);
  });
});
