import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { MAX_FAILED_SIGN_INS_PER_ACCOUNT } from "../../src/flows/session";
import { codeFromDevMailbox, post, start, verifyByCode } from "../support/reset-driver";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

// Response bodies are read loosely here; their shapes are pinned by the assertions.
type Json = Record<string, any>;
const ALEX = "alex.healthy@contoso.example";
const NINA = "nina.noreg@contoso.example";
const UNKNOWN = "nobody@contoso.example";

async function attempt(t: TestContext, login: string, password: string, headers: Record<string, string> = {}) {
  const res = await t.app.request("/api/v1/me/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ login, password }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

async function signIn(t: TestContext, login = ALEX): Promise<{ cookie: string; token: string }> {
  const res = await t.app.request("/api/v1/me/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const token = /sspr_session=([^;]+)/.exec(res.headers.get("set-cookie")!)![1]!;
  return { cookie: `sspr_session=${token}`, token };
}

const getMe = (t: TestContext, cookie: string) => t.app.request("/api/v1/me", { headers: { cookie } });

describe("no account enumeration at sign-in", () => {
  it("answers an unknown login, a wrong password and a disabled account with the same 401 body", async () => {
    const t = await testApp({ seed: true });
    const unknown = await attempt(t, UNKNOWN, DEMO_PASSWORD);
    const wrong = await attempt(t, ALEX, "Not-The-Password-1");
    const disabled = await attempt(t, "dana.disabled@contoso.example", DEMO_PASSWORD);
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect(unknown.body.code).toBe("invalid_credentials");
    const seen = (a: typeof unknown) => ({
      status: a.status,
      body: a.body,
      headers: [...a.headers.keys()].filter((k) => k !== "x-request-id").sort(),
    });
    expect(seen(wrong)).toEqual(seen(unknown));
    expect(seen(disabled)).toEqual(seen(unknown));
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("throttles an unknown login after the same number of failures as a real one", async () => {
    const t = await testApp({ seed: true });
    const statuses: Record<string, number[]> = {};
    for (const login of [ALEX, UNKNOWN]) {
      statuses[login] = [];
      for (let i = 0; i <= MAX_FAILED_SIGN_INS_PER_ACCOUNT; i++)
        statuses[login]!.push((await attempt(t, login, "Not-The-Password-1")).status);
    }
    expect(statuses[ALEX]).toEqual([...Array(MAX_FAILED_SIGN_INS_PER_ACCOUNT).fill(401), 429]);
    expect(statuses[UNKNOWN]).toEqual(statuses[ALEX]);
  });
});

describe("sign-in throttling", () => {
  it("refuses even the right password after 10 failures in 15 minutes, then lets it in again", async () => {
    const t = await testApp({ seed: true });
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ACCOUNT; i++)
      expect((await attempt(t, ALEX, `Wrong-${i}`)).status).toBe(401);
    const blocked = await attempt(t, ALEX, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe("too_many_sign_in_attempts");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await attempt(t, ALEX, DEMO_PASSWORD)).status).toBe(200);
  });

  it("counts per account: another account is not affected", async () => {
    const t = await testApp({ seed: true });
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ACCOUNT; i++) await attempt(t, ALEX, `Wrong-${i}`);
    expect((await attempt(t, NINA, DEMO_PASSWORD)).status).toBe(200);
  });

  it("audits every attempt, success or failure, with its code", async () => {
    const t = await testApp({ seed: true });
    await attempt(t, ALEX, "Wrong-1");
    await attempt(t, UNKNOWN, "Wrong-1");
    await attempt(t, "dana.disabled@contoso.example", DEMO_PASSWORD);
    await attempt(t, ALEX, DEMO_PASSWORD);
    const rows = t.db.$client
      .prepare("SELECT target_user_id AS target, outcome, code FROM audit_log WHERE action = 'me.sign_in' ORDER BY id")
      .all();
    expect(rows).toEqual([
      { target: "usr-alex.healthy", outcome: "failure", code: "invalid_credentials" },
      { target: null, outcome: "failure", code: "invalid_credentials" },
      { target: "usr-dana.disabled", outcome: "failure", code: "account_disabled" },
      { target: "usr-alex.healthy", outcome: "success", code: null },
    ]);
  });
});

describe("sessions", () => {
  it("answers every /me route 401 without a session, or with a made-up one", async () => {
    const t = await testApp({ seed: true });
    const routes: [string, string][] = [
      ["GET", "/me"],
      ["GET", "/me/methods"],
      ["POST", "/me/methods"],
      ["POST", "/me/methods/mth_x/verify"],
      ["DELETE", "/me/methods/mth_x"],
      ["GET", "/me/security-questions"],
      ["PUT", "/me/security-questions"],
      ["POST", "/me/confirm"],
    ];
    for (const cookie of [undefined, "sspr_session=sspr_made-up-token"]) {
      for (const [method, path] of routes) {
        const res = await t.app.request(`/api/v1${path}`, {
          method,
          headers: { "content-type": "application/json", ...(cookie && { cookie }) },
          ...(method !== "GET" && { body: "{}" }),
        });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect((await problemOf(res)).code).toBe("unauthorized");
      }
    }
  });

  it("stores only the SHA-256 of the session token", async () => {
    const t = await testApp({ seed: true });
    const { token } = await signIn(t);
    const rows = JSON.stringify(t.db.$client.prepare("SELECT * FROM sessions").all());
    expect(rows).not.toContain(token);
    expect(rows).toMatch(/"token_hash":"[0-9a-f]{64}"/);
  });

  it("expires a session after 8 hours", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t);
    t.clock.advance(8 * 3_600_000 - 1000);
    expect((await getMe(t, cookie)).status).toBe(200);
    t.clock.advance(2000);
    expect((await getMe(t, cookie)).status).toBe(401);
  });

  it("stops honouring a session once the account is disabled", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t);
    t.db.$client.prepare("UPDATE users SET enabled = 0 WHERE upn = ?").run(ALEX);
    expect((await getMe(t, cookie)).status).toBe(401);
  });

  it("revokes the old session when the password is reset", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t);
    expect((await getMe(t, cookie)).status).toBe(200);
    const flowId = await start(t, ALEX);
    expect((await verifyByCode(t, flowId, "email", "alex@home.example")).status).toBe(200);
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: "Quiet-Meadow-Sparrow-71" })).status).toBe(200);
    expect((await getMe(t, cookie)).status).toBe(401);
    expect((await attempt(t, ALEX, DEMO_PASSWORD)).status).toBe(401);
    expect((await attempt(t, ALEX, "Quiet-Meadow-Sparrow-71")).status).toBe(200);
  });
});

describe("CSRF: only our own pages can change anything", () => {
  it("refuses an unsafe request that is not application/json, even with a valid session", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await t.app.request("/api/v1/me/confirm", {
        method: "POST",
        headers: { cookie, "content-type": type },
        body: "{}",
      });
      expect(res.status, type).toBe(403);
      expect((await problemOf(res)).code).toBe("csrf_rejected");
    }
    const noType = await t.app.request("/api/v1/me/methods/mth_x", { method: "DELETE", headers: { cookie } });
    expect(noType.status).toBe(403);
  });

  it("refuses a request from a foreign Origin and accepts one from our own", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, "reggie.reconfirm@contoso.example");
    const send = (headers: Record<string, string>) =>
      t.app.request("http://localhost/api/v1/me/confirm", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
      });
    const foreign = await send({ origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await problemOf(foreign)).code).toBe("csrf_rejected");
    expect((await send({ origin: "null" })).status).toBe(403);
    expect((await send({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await send({ origin: "http://localhost", "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("guards sign-in too, so a forged form cannot plant the attacker's session", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/me/sign-in", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ login: ALEX, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await attempt(t, ALEX, DEMO_PASSWORD, { origin: "https://evil.example" })).status).toBe(403);
  });
});

describe("secrets stay secret", () => {
  it("stores security answers only as hashes", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const answers = [
      { questionId: "q_first_pet", answer: "Pūkainis Trešais" },
      { questionId: "q_first_job", answer: "Laivu krāsotājs" },
      { questionId: "q_parents_met", answer: "Ventspils" },
    ];
    const res = await t.app.request("/api/v1/me/security-questions", {
      method: "PUT",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ answers }),
    });
    expect(res.status).toBe(200);
    const rows = JSON.stringify(
      t.db.$client.prepare("SELECT * FROM security_answers WHERE user_id = 'usr-nina.noreg'").all(),
    ).toLowerCase();
    for (const a of answers) {
      expect(rows).not.toContain(a.answer.toLowerCase());
      expect(rows).not.toContain(JSON.stringify(a.answer.toLowerCase()).slice(1, -1));
    }
    expect(rows.match(/scrypt\$/g)).toHaveLength(3);
    const audit = JSON.stringify(t.db.$client.prepare("SELECT * FROM audit_log").all()).toLowerCase();
    for (const a of answers) expect(audit).not.toContain(a.answer.toLowerCase());
    // GET shows which were answered, never what.
    const list = await (await t.app.request("/api/v1/me/security-questions", { headers: { cookie } })).text();
    for (const a of answers) expect(list.toLowerCase()).not.toContain(a.answer.toLowerCase());
  });

  it("stores a registration code only as a hash, and never shows it in an answer", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t, NINA);
    const added = await t.app.request("/api/v1/me/methods", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ type: "email", value: "nina@home.example" }),
    });
    const code = await codeFromDevMailbox(t, "nina@home.example");
    expect(await added.text()).not.toContain(code);
    const rows = JSON.stringify(t.db.$client.prepare("SELECT * FROM verification_codes").all());
    expect(rows).not.toContain(code);
    expect(rows).toContain("scrypt$");
  });

  it("never shows a registered address or number in full", async () => {
    const t = await testApp({ seed: true });
    const { cookie } = await signIn(t);
    const phone = t.db.$client
      .prepare("SELECT value FROM methods WHERE user_id = 'usr-alex.healthy' AND type = 'mobile_sms'")
      .pluck()
      .get() as string;
    const text = await (await t.app.request("/api/v1/me/methods", { headers: { cookie } })).text();
    expect(text).not.toContain("alex@home.example");
    expect(text).not.toContain(phone);
    expect(text).not.toContain(phone.slice(4));
    expect(JSON.parse(text).methods.map((m: Json) => m.value)).toEqual([
      "a***@home.example",
      `+371 ••••• ${phone.slice(-3)}`,
    ]);
  });
});
