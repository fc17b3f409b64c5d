/**
 * What an attacker tries against the sign-ins a helpdesk action opens (a temporary
 * password, a registration pass): guessing without limit, telling logins apart, using a
 * temporary password found days later, and choosing back the password they already know.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { BUDGETS } from "../../src/domain/throttle";
import { MAX_FAILED_SIGN_INS_PER_ACCOUNT, TEMPORARY_PASSWORD_TTL_HOURS } from "../../src/flows/session";
import type { WritebackRequest } from "../../src/writeback/connector";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

const NINA = "nina.noreg@contoso.example";
const ALEX = "alex.healthy@contoso.example";
const UNKNOWN = "nobody.here@contoso.example";
const OWN_PASSWORD = "Zebra-Quartz-Lantern-8817";

let t: TestContext | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

async function issue(what: "temporary-password" | "registration-pass", login = NINA) {
  t ??= await testApp({ seed: true });
  const res = await t.app.request(`/api/v1/helpdesk/users/${encodeURIComponent(login)}/${what}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth("helpdesk") },
    body: JSON.stringify({ reason: "INC-5", confirm: true }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { temporaryPassword?: string; pass?: string; expiresAt: string };
  return { t, secret: (body.temporaryPassword ?? body.pass)!, expiresAt: body.expiresAt };
}

async function post(app: { request: TestContext["app"]["request"] }, path: string, body: Record<string, string>) {
  const res = await app.request(`/api/v1/me/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const seen = {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: [...res.headers.keys()].filter((k) => k !== "x-request-id").sort(),
  };
  return { ...seen, cookie: res.headers.get("set-cookie") };
}

const auditCodes = (t: TestContext, action: string) =>
  (
    t.db.$client.prepare("SELECT code FROM audit_log WHERE action = ? ORDER BY id").all(action) as {
      code: string | null;
    }[]
  ).map((r) => r.code);

describe("registration pass sign-in", () => {
  it("is throttled per login like a password: after the limit even the right pass is refused", async () => {
    const { t, secret } = await issue("registration-pass");
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ACCOUNT; i++)
      expect((await post(t.app, "sign-in/pass", { login: NINA, pass: `sspr_wrong${i}` })).status).toBe(401);
    const right = await post(t.app, "sign-in/pass", { login: NINA, pass: secret });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe("too_many_sign_in_attempts");
    expect(right.cookie).toBeNull();
    expect(auditCodes(t, "me.sign_in").at(-1)).toBe("too_many_sign_in_attempts");
    // The password sign-in shares the budget: pass guesses do not open a second lane.
    expect((await post(t.app, "sign-in", { login: NINA, password: "whatever" })).status).toBe(429);
  });

  it("counts an unknown login's guesses exactly like a real one's", async () => {
    t = await testApp({ seed: true });
    const last = async (login: string) => {
      let status = 0;
      for (let i = 0; i <= MAX_FAILED_SIGN_INS_PER_ACCOUNT; i++)
        status = (await post(t!.app, "sign-in/pass", { login, pass: "sspr_guess" })).status;
      return status;
    };
    expect(await last(UNKNOWN)).toBe(429);
    expect(await last(ALEX)).toBe(429);
  });

  it("answers an unknown login, a login without a pass and a wrong pass with the same 401", async () => {
    const { t } = await issue("registration-pass");
    const { cookie: _u, ...unknown } = await post(t.app, "sign-in/pass", { login: UNKNOWN, pass: "sspr_x" });
    const { cookie: _n, ...noPass } = await post(t.app, "sign-in/pass", { login: ALEX, pass: "sspr_x" });
    const { cookie: _w, ...wrong } = await post(t.app, "sign-in/pass", { login: NINA, pass: "sspr_x" });
    expect(unknown.status).toBe(401);
    expect(noPass).toEqual(unknown);
    expect(wrong).toEqual(unknown);
  });
});

describe("the /register forms", () => {
  it("refuse a forged pass sign-in (no matching CSRF token), which neither signs in nor uses the pass", async () => {
    const { t, secret } = await issue("registration-pass");
    const b = formBrowser(t);
    await b.get("/register/pass");
    const forged = await b.post("/register/sign-in/pass", { _csrf: "f".repeat(43), login: NINA, pass: secret });
    expect(forged.status).toBe(403);
    await b.get("/register/pass");
    expect((await b.post("/register/sign-in/pass", { login: NINA, pass: secret })).status).toBe(200);
  });
});

describe("temporary password", () => {
  it("stops signing in after its lifetime, answering as a wrong password does", async () => {
    const { t, secret, expiresAt } = await issue("temporary-password");
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(TEMPORARY_PASSWORD_TTL_HOURS * 3_600_000);
    t.clock.advance(TEMPORARY_PASSWORD_TTL_HOURS * 3_600_000);
    const { cookie, ...expired } = await post(t.app, "sign-in", {
      login: NINA,
      password: secret,
      newPassword: OWN_PASSWORD,
    });
    const { cookie: _w, ...wrong } = await post(t.app, "sign-in", { login: NINA, password: "Not-It-1234567" });
    expect(expired.status).toBe(401);
    expect(expired).toEqual(wrong);
    expect(cookie).toBeNull();
    expect(auditCodes(t, "me.sign_in")).toContain("temporary_password_expired");
    expect(auditCodes(t, "me.password_change")).toEqual([]);
  });

  it("cannot be replaced by the password the account had before, which an attacker may know", async () => {
    const { t, secret } = await issue("temporary-password");
    const back = await post(t.app, "sign-in", { login: NINA, password: secret, newPassword: DEMO_PASSWORD });
    expect(back.status).toBe(400);
    expect(back.body).toMatchObject({ code: "password_recently_used", field: "newPassword" });
    expect(back.cookie).toBeNull();
    // Nothing changed: the temporary password still asks for a new one, the old one still does not sign in.
    expect((await post(t.app, "sign-in", { login: NINA, password: secret })).status).toBe(403);
    expect((await post(t.app, "sign-in", { login: NINA, password: DEMO_PASSWORD })).status).toBe(401);
    expect(auditCodes(t, "me.sign_in")).toContain("password_recently_used");
  });

  it("refuses choices past the budget before checking them, audited, and takes a good one once the hour has passed", async () => {
    const { t, secret } = await issue("temporary-password");
    const choose = (newPassword: string) => post(t.app, "sign-in", { login: NINA, password: secret, newPassword });
    // Refused by the policy: the cheapest refusals, each still one choice.
    for (let i = 0; i < BUDGETS.password_choice.max; i++)
      expect((await choose(`short${i}`)).body.code).toBe("password_too_short");

    // Over the budget nothing is checked: a good choice and a too-short one get the same 429.
    const good = await choose(OWN_PASSWORD);
    expect(good.status).toBe(429);
    expect(good.body).toMatchObject({ code: "too_many_password_choices" });
    expect(good.body.detail).toContain("Try again in 60 minutes");
    expect(good.headers).toContain("retry-after");
    expect(good.cookie).toBeNull();
    expect((await choose("short")).body.code).toBe("too_many_password_choices");
    expect(auditCodes(t, "me.password_change")).toEqual([]);
    const row = t.db.$client
      .prepare("SELECT outcome, detail FROM audit_log WHERE code = 'too_many_password_choices' ORDER BY id LIMIT 1")
      .get() as { outcome: string; detail: string };
    expect(row.outcome).toBe("failure");
    expect(JSON.parse(row.detail)).toMatchObject({ step: "choose_password", budget: "password_choice" });
    // The temporary password itself is still right, so the person is not told it was wrong.
    expect((await post(t.app, "sign-in", { login: NINA, password: secret })).status).toBe(403);

    t.clock.advance(BUDGETS.password_choice.windowMs);
    const later = await choose(OWN_PASSWORD);
    expect(later.status).toBe(200);
    expect(later.cookie).not.toBeNull();
    expect(auditCodes(t, "me.password_change")).toEqual([null]);
  });

  it("tells a person over the budget on the page, in Latvian, when to try again", async () => {
    const { t, secret } = await issue("temporary-password");
    const b = formBrowser(t);
    await b.get("/register?lang=lv");
    for (let i = 0; i <= BUDGETS.password_choice.max; i++)
      await b.post("/register/sign-in", { login: NINA, password: secret, newPassword: `short${i}` });
    await b.get("/register");
    const page = await b.post("/register/sign-in", { login: NINA, password: secret, newPassword: OWN_PASSWORD });
    expect(page.status).toBe(429);
    expect(page.html).toContain("Mēģiniet vēlreiz pēc 60 minūtēm.");
  });

  it("writes a synced account's chosen password back to its directory, and a refusal there changes nothing", async () => {
    const { t, secret } = await issue("temporary-password");
    t.db.$client.prepare("UPDATE users SET source = 'synced' WHERE upn = ?").run(NINA);
    const written: WritebackRequest[] = [];
    let answer: "ok" | "refuse" = "refuse";
    const app = createApp({
      ...t.deps,
      writeback: {
        write: async (r) => {
          written.push(r);
          return answer === "ok"
            ? { ok: true }
            : { ok: false, code: "onprem_password_policy_rejected", detail: "The directory's policy refused it." };
        },
      },
    });
    const refused = await post(app, "sign-in", { login: NINA, password: secret, newPassword: OWN_PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: "onprem_password_policy_rejected", field: "newPassword" });
    expect((await post(app, "sign-in", { login: NINA, password: OWN_PASSWORD })).status).toBe(401);

    answer = "ok";
    const done = await post(app, "sign-in", { login: NINA, password: secret, newPassword: OWN_PASSWORD });
    expect(done.status).toBe(200);
    expect(written.map((r) => [r.upn, r.newPassword])).toEqual([
      [NINA, OWN_PASSWORD],
      [NINA, OWN_PASSWORD],
    ]);
  });
});
