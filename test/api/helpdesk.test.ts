/**
 * Helpdesk actions over the API: a temporary password set on a user's behalf (helpdesk
 * on non-admins, admin on anyone, support never), with a reason and a confirmation; it
 * works once, only to choose a new password, and the audit row carries reason and actor.
 */
import { describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/domain/staff";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

const NINA = "nina.noreg@contoso.example";
const NEW_PASSWORD = "Zebra-Quartz-Lantern-8817";

async function issue(t: TestContext, login: string, body: unknown, role: StaffRole = "helpdesk") {
  return t.app.request(`/api/v1/helpdesk/users/${encodeURIComponent(login)}/temporary-password`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth(role) },
    body: JSON.stringify(body),
  });
}
const signIn = (t: TestContext, body: Record<string, string>) =>
  t.app.request("/api/v1/me/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: NINA, ...body }),
  });

describe("POST /api/v1/helpdesk/users/:id/temporary-password", () => {
  it("issues a temporary password that works once, only to choose a new one, audited with reason and actor", async () => {
    const t = await testApp({ seed: true });
    const res = await issue(t, NINA, { reason: "INC-77 identity verified by callback", confirm: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { temporaryPassword: string; mustChangeAtSignIn: boolean };
    expect(body.mustChangeAtSignIn).toBe(true);
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(20);
    // Stored only as a hash.
    const stored = t.db.$client
      .prepare("SELECT password_hash, must_change_password FROM users WHERE upn = ?")
      .get(NINA) as {
      password_hash: string;
      must_change_password: number;
    };
    expect(stored.password_hash).not.toContain(body.temporaryPassword);
    expect(stored.must_change_password).toBe(1);

    const alone = await signIn(t, { password: body.temporaryPassword });
    expect(alone.status).toBe(403);
    expect((await problemOf(alone)).code).toBe("password_change_required");
    expect(alone.headers.get("set-cookie")).toBeNull();

    const weak = await signIn(t, { password: body.temporaryPassword, newPassword: "short" });
    expect(weak.status).toBe(400);
    expect((await problemOf(weak)).field).toBe("newPassword");

    const changed = await signIn(t, { password: body.temporaryPassword, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("set-cookie")).toContain("sspr_session=");
    // Once: the temporary password no longer signs in; the chosen one does, with no change asked.
    expect((await signIn(t, { password: body.temporaryPassword })).status).toBe(401);
    expect((await signIn(t, { password: NEW_PASSWORD })).status).toBe(200);

    const row = t.db.$client
      .prepare("SELECT actor_type, actor_id, detail FROM audit_log WHERE action = 'helpdesk.temporary_password'")
      .get() as { actor_type: string; actor_id: string; detail: string };
    expect(row.actor_type).toBe("staff");
    expect(row.actor_id).toBeTruthy();
    expect(JSON.parse(row.detail)).toMatchObject({ reason: "INC-77 identity verified by callback" });
    expect(row.detail).not.toContain(body.temporaryPassword);
    const changes = t.db.$client
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'me.password_change'")
      .pluck()
      .get();
    expect(changes).toBe(1);
  });

  it("lets helpdesk act on non-admins only, admin on admins, and never support", async () => {
    const t = await testApp({ seed: true });
    const ok = { reason: "INC-1", confirm: true };
    expect((await issue(t, NINA, ok, "support")).status).toBe(403);
    expect((await issue(t, "ada.admin@contoso.example", ok, "helpdesk")).status).toBe(403);
    expect((await issue(t, "ada.admin@contoso.example", ok, "admin")).status).toBe(200);
    const ghost = await issue(t, "ghost@contoso.example", ok);
    expect(ghost.status).toBe(404);
    expect((await problemOf(ghost)).field).toBe("user");
  });

  it.each([
    ["reason", { confirm: true }],
    ["reason", { reason: " ", confirm: true }],
    ["confirm", { reason: "INC-1" }],
    ["confirm", { reason: "INC-1", confirm: false }],
  ])("refuses a body without %s, naming it, and changes nothing", async (field, body) => {
    const t = await testApp({ seed: true });
    const res = await issue(t, NINA, body);
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe(field);
    expect(t.db.$client.prepare("SELECT must_change_password FROM users WHERE upn = ?").pluck().get(NINA)).toBe(0);
  });
});

describe("POST /api/v1/helpdesk/users/:id/methods/:methodId/value", () => {
  const PETE = "pete.phone@contoso.example";
  const correct = (t: TestContext, body: unknown, role: StaffRole = "helpdesk", method = "mth-pete.phone-1") =>
    t.app.request(`/api/v1/helpdesk/users/${encodeURIComponent(PETE)}/methods/${method}/value`, {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth(role) },
      body: JSON.stringify(body),
    });
  const stored = (t: TestContext) =>
    t.db.$client.prepare("SELECT value FROM methods WHERE id = 'mth-pete.phone-1'").pluck().get();

  it("refuses a phone without its country code, naming value, and changes nothing", async () => {
    const t = await testApp({ seed: true });
    for (const value of ["26000007", "+0123", "pete@example.com"]) {
      const res = await correct(t, { value, reason: "INC-9" });
      expect(res.status).toBe(400);
      expect((await problemOf(res)).field).toBe("value");
    }
    expect(stored(t)).toBe("26000007");
    expect((await correct(t, { value: "+37126000007" })).status).toBe(400);
  });

  it("corrects the number, audits reason and actor without the values, and refuses support", async () => {
    const t = await testApp({ seed: true });
    expect((await correct(t, { value: "+37126000007", reason: "INC-9" }, "support")).status).toBe(403);
    expect((await correct(t, { value: "+37126000007", reason: "INC-9" }, "helpdesk", "mth-nope")).status).toBe(404);
    const res = await correct(t, { value: " +37126000007 ", reason: "INC-9 number read back to caller" });
    expect(res.status).toBe(200);
    expect(stored(t)).toBe("+37126000007");
    const row = t.db.$client
      .prepare("SELECT actor_type, actor_id, detail FROM audit_log WHERE action = 'helpdesk.correct_contact'")
      .get() as { actor_type: string; actor_id: string; detail: string };
    expect(row.actor_type).toBe("staff");
    expect(row.actor_id).toBeTruthy();
    expect(JSON.parse(row.detail)).toMatchObject({ reason: "INC-9 number read back to caller", type: "mobile_sms" });
    expect(row.detail).not.toContain("26000007");
  });
});

describe("POST /api/v1/helpdesk/users/:id/registration-pass", () => {
  const passFor = async (t: TestContext, body: unknown = { reason: "INC-3 new phone", confirm: true }) =>
    t.app.request(`/api/v1/helpdesk/users/${encodeURIComponent(NINA)}/registration-pass`, {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth("helpdesk") },
      body: JSON.stringify(body),
    });
  const usePass = (t: TestContext, pass: string, login = NINA) =>
    t.app.request("/api/v1/me/sign-in/pass", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login, pass }),
    });

  it("signs in once to register, is stored only as a hash, and is audited with the reason", async () => {
    const t = await testApp({ seed: true });
    const res = await passFor(t);
    expect(res.status).toBe(200);
    const { pass } = (await res.json()) as { pass: string; expiresAt: string };
    const hashes = t.db.$client.prepare("SELECT pass_hash FROM registration_passes").pluck().all() as string[];
    expect(hashes).toHaveLength(1);
    expect(hashes[0]).not.toContain(pass);
    expect((await usePass(t, pass, "alex.healthy@contoso.example")).status).toBe(401);
    const first = await usePass(t, pass);
    expect(first.status).toBe(200);
    const cookie = `sspr_session=${/sspr_session=([^;]+)/.exec(first.headers.get("set-cookie")!)![1]}`;
    expect((await t.app.request("/api/v1/me/methods", { headers: { cookie } })).status).toBe(200);
    expect((await usePass(t, pass)).status).toBe(401);
    const detail = t.db.$client
      .prepare("SELECT detail FROM audit_log WHERE action = 'helpdesk.registration_pass'")
      .pluck()
      .get() as string;
    expect(JSON.parse(detail)).toMatchObject({ reason: "INC-3 new phone" });
    expect(detail).not.toContain(pass);
  });

  it("expires", async () => {
    const t = await testApp({ seed: true });
    const { pass } = (await (await passFor(t, { reason: "INC-4", confirm: true, validMinutes: 30 })).json()) as {
      pass: string;
    };
    t.clock.advance(31 * 60_000);
    expect((await usePass(t, pass)).status).toBe(401);
  });

  it("needs a reason and a confirmation", async () => {
    const t = await testApp({ seed: true });
    const res = await passFor(t, { confirm: true });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe("reason");
    expect((await passFor(t, { reason: "INC-5" })).status).toBe(400);
  });
});
