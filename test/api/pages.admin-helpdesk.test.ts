/**
 * The helpdesk actions in the staff console, driven as a browser without JavaScript would:
 * a temporary password or a registration pass is shown once on the answer to the form
 * and works for the user, a corrected number is stored, each is audited with the reason;
 * a form without its reason or its confirmation comes back with the error at the field
 * and nothing written; support and a helpdesk acting on an administrator are refused.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/domain/staff";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

const NINA = "nina.noreg@contoso.example";
const PETE = "pete.phone@contoso.example";
const ADA = "ada.admin@contoso.example";

let t: TestContext | undefined;
afterEach(() => t?.close());

async function signedIn(role: StaffRole) {
  t = await testApp({ seed: true });
  const b = formBrowser(t);
  await b.get("/admin/sign-in");
  expect((await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" })).status).toBe(200);
  return { t, b };
}

const idOf = (t: TestContext, upn: string) =>
  t.db.$client.prepare("SELECT id FROM users WHERE upn = ?").pluck().get(upn) as string;
const count = (t: TestContext, sql: string, ...args: unknown[]) =>
  t.db.$client
    .prepare(sql)
    .pluck()
    .get(...args) as number;
const auditRows = (t: TestContext, action: string) =>
  t.db.$client.prepare("SELECT detail FROM audit_log WHERE action = ?").pluck().all(action) as string[];
const secretOf = (html: string) => /data-testid="secret">([^<]+)</.exec(html)?.[1];
const fieldErrors = (html: string) =>
  [...html.matchAll(/data-testid="field-error" data-field="(\w+)"/g)].map((m) => m[1]);
const mustChange = (t: TestContext, upn: string) =>
  count(t, "SELECT must_change_password FROM users WHERE upn = ?", upn);

const apiSignIn = (t: TestContext, path: string, body: Record<string, string>) =>
  t.app.request(`/api/v1/me/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("temporary password from the user page", () => {
  it("shows the password once, with what the user does next, and it signs the user in to choose their own", async () => {
    const { t, b } = await signedIn("helpdesk");
    const nina = idOf(t, NINA);
    const page = await b.get(`/admin/users/${nina}`);
    expect(page.html).toContain('data-testid="helpdesk-actions"');
    expect(page.html).toContain('data-testid="temporary-password-form"');

    const done = await b.post(`/admin/users/${nina}/helpdesk/temporary-password`, {
      reason: "INC-77 verified by callback",
      confirm: "yes",
    });
    expect(done.status).toBe(200);
    const secret = secretOf(done.html)!;
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(done.html).toContain('data-testid="next-step"');
    expect(done.html).toContain('href="/register"');
    // Until when it signs in, so the agent can tell the caller (it is no standing way in).
    expect(done.html).toContain('data-testid="expires"');
    expect(done.html).toContain("INC-77 verified by callback");
    // The audit page is the admins'; a helpdesk agent is not sent to a 403.
    expect(done.html).not.toContain('data-testid="audit-link"');

    const details = auditRows(t, "helpdesk.temporary_password").map((d) => JSON.parse(d) as { reason: string });
    expect(details).toEqual([expect.objectContaining({ reason: "INC-77 verified by callback" })]);
    // It is the user's password now, good only for choosing their own.
    const signIn = await apiSignIn(t, "sign-in", { login: NINA, password: secret });
    expect(signIn.status).toBe(403);
    expect(((await signIn.json()) as { code: string }).code).toBe("password_change_required");
    // Never shown again.
    expect((await b.get(`/admin/users/${nina}`)).html).not.toContain(secret);
    expect((await b.get(`/admin/users/${nina}/helpdesk`)).html).not.toContain(secret);
  });

  it("without a reason, or without the identity confirmation, shows the form again with the field named and changes nothing", async () => {
    const { t, b } = await signedIn("helpdesk");
    const nina = idOf(t, NINA);
    await b.get(`/admin/users/${nina}`);
    const noReason = await b.post(`/admin/users/${nina}/helpdesk/temporary-password`, { reason: " ", confirm: "yes" });
    expect(noReason.status).toBe(400);
    expect(fieldErrors(noReason.html)).toEqual(["reason"]);
    expect(secretOf(noReason.html)).toBeUndefined();

    const noConfirm = await b.post(`/admin/users/${nina}/helpdesk/temporary-password`, { reason: "INC-78" });
    expect(noConfirm.status).toBe(400);
    expect(fieldErrors(noConfirm.html)).toEqual(["confirm"]);
    // What was typed stays, so the agent only ticks the box.
    expect(noConfirm.html).toContain('value="INC-78"');

    expect(mustChange(t, NINA)).toBe(0);
    expect(auditRows(t, "helpdesk.temporary_password")).toEqual([]);
  });

  it("names the missing reason in Latvian on a Latvian page", async () => {
    const { t, b } = await signedIn("helpdesk");
    const nina = idOf(t, NINA);
    const page = await b.get(`/admin/users/${nina}?lang=lv`);
    expect(page.html).toContain("Palīdzības dienesta darbības");
    const res = await b.post(`/admin/users/${nina}/helpdesk/temporary-password`, { reason: "", confirm: "yes" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("reason: norādiet pieteikuma numuru");
  });
});

describe("registration pass", () => {
  it("shows the pass once with when it expires; it signs the user in once; audited with the reason", async () => {
    const { t, b } = await signedIn("helpdesk");
    const nina = idOf(t, NINA);
    await b.get(`/admin/users/${nina}`);
    const done = await b.post(`/admin/users/${nina}/helpdesk/registration-pass`, {
      reason: "INC-3 new phone",
      confirm: "yes",
      validMinutes: "240",
    });
    expect(done.status).toBe(200);
    const pass = secretOf(done.html)!;
    expect(/data-testid="expires">[^<]*<time datetime="[^"]+">in about 4 hours/.test(done.html)).toBe(true);
    expect(JSON.parse(auditRows(t, "helpdesk.registration_pass")[0]!)).toMatchObject({ reason: "INC-3 new phone" });
    expect((await apiSignIn(t, "sign-in/pass", { login: NINA, pass })).status).toBe(200);
    expect((await apiSignIn(t, "sign-in/pass", { login: NINA, pass })).status).toBe(401);
  });

  it("issues nothing without the identity confirmation", async () => {
    const { t, b } = await signedIn("helpdesk");
    const nina = idOf(t, NINA);
    await b.get(`/admin/users/${nina}`);
    const res = await b.post(`/admin/users/${nina}/helpdesk/registration-pass`, {
      reason: "INC-3",
      validMinutes: "240",
    });
    expect(res.status).toBe(400);
    expect(fieldErrors(res.html)).toEqual(["confirm"]);
    expect(count(t, "SELECT count(*) FROM registration_passes")).toBe(0);
    expect(auditRows(t, "helpdesk.registration_pass")).toEqual([]);
  });
});

describe("correct a phone number or email", () => {
  const stored = (t: TestContext) =>
    t.db.$client.prepare("SELECT value FROM methods WHERE id = 'mth-pete.phone-1'").pluck().get();

  it("refuses a number without its country code or a missing reason at the field, and changes nothing", async () => {
    const { t, b } = await signedIn("helpdesk");
    const pete = idOf(t, PETE);
    const page = await b.get(`/admin/users/${pete}`);
    const form = /data-method="mth-pete.phone-1"[\s\S]*?<\/form>/.exec(page.html)![0];
    expect(form).toContain('data-testid="masked"');
    expect(form).not.toContain("26000007");

    const action = `/admin/users/${pete}/helpdesk/methods/mth-pete.phone-1/value`;
    const local = await b.post(action, { value: "26000007", reason: "INC-9" });
    expect(local.status).toBe(400);
    expect(fieldErrors(local.html)).toEqual(["value"]);
    expect(local.html).toContain("country code");
    const noReason = await b.post(action, { value: "+37126000007", reason: "" });
    expect(noReason.status).toBe(400);
    expect(fieldErrors(noReason.html)).toEqual(["reason"]);

    expect(stored(t)).toBe("26000007");
    expect(auditRows(t, "helpdesk.correct_contact")).toEqual([]);
  });

  it("stores the corrected number and audits the reason", async () => {
    const { t, b } = await signedIn("helpdesk");
    const pete = idOf(t, PETE);
    await b.get(`/admin/users/${pete}`);
    const done = await b.post(`/admin/users/${pete}/helpdesk/methods/mth-pete.phone-1/value`, {
      value: "+37126000007",
      reason: "INC-9 read back to the caller",
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain('data-testid="corrected">+37126000007<');
    expect(stored(t)).toBe("+37126000007");
    expect(JSON.parse(auditRows(t, "helpdesk.correct_contact")[0]!)).toMatchObject({
      reason: "INC-9 read back to the caller",
    });
  });
});

describe("who may act", () => {
  it("shows support no forms and refuses its posts", async () => {
    const { t, b } = await signedIn("support");
    const nina = idOf(t, NINA);
    const page = await b.get(`/admin/users/${nina}`);
    expect(page.html).toContain('data-testid="helpdesk-needs-role"');
    expect(page.html).not.toContain('data-testid="temporary-password-form"');
    const res = await b.post(`/admin/users/${nina}/helpdesk/temporary-password`, { reason: "INC-1", confirm: "yes" });
    expect(res.status).toBe(403);
    expect(mustChange(t, NINA)).toBe(0);
  });

  it("refuses a forged form (no matching CSRF token) before it can hand out a credential", async () => {
    const { t, b } = await signedIn("helpdesk");
    const nina = idOf(t, NINA);
    await b.get(`/admin/users/${nina}`);
    for (const action of ["temporary-password", "registration-pass"]) {
      const res = await b.post(`/admin/users/${nina}/helpdesk/${action}`, {
        _csrf: "f".repeat(43),
        reason: "INC-1",
        confirm: "yes",
        validMinutes: "60",
      });
      expect(res.status).toBe(403);
      expect(res.html).not.toContain('data-testid="secret"');
    }
    expect(mustChange(t, NINA)).toBe(0);
    expect(auditRows(t, "helpdesk.registration_pass")).toEqual([]);
  });

  it("refuses a helpdesk agent acting on an administrator, and lets an admin, who also gets the audit link", async () => {
    const { t, b } = await signedIn("helpdesk");
    const ada = idOf(t, ADA);
    const page = await b.get(`/admin/users/${ada}`);
    expect(page.html).toContain('data-testid="helpdesk-refusal"');
    expect(page.html).not.toContain('data-testid="temporary-password-form"');
    const res = await b.post(`/admin/users/${ada}/helpdesk/temporary-password`, { reason: "INC-1", confirm: "yes" });
    expect(res.status).toBe(403);
    expect(mustChange(t, ADA)).toBe(0);

    const admin = formBrowser(t);
    await admin.get("/admin/sign-in");
    await admin.post("/admin/sign-in", { token: t.tokens.admin, next: `/admin/users/${ada}` });
    const done = await admin.post(`/admin/users/${ada}/helpdesk/temporary-password`, {
      reason: "INC-2",
      confirm: "yes",
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain(`href="/admin/audit?user=${ada}"`);
    expect(mustChange(t, ADA)).toBe(1);
  });
});

describe("clear a throttle", () => {
  it("links a throttled user to the clear_throttle fix, and says so when there is nothing to clear", async () => {
    const { t, b } = await signedIn("helpdesk");
    const bob = await b.get(`/admin/users/${idOf(t, "bob.blocked@contoso.example")}`);
    expect(bob.html).toMatch(/href="\/admin\/users\/[^"]+\/fixes\/clear_throttle" data-testid="clear-throttle"/);
    const nina = await b.get(`/admin/users/${idOf(t, NINA)}`);
    expect(nina.html).not.toContain('data-testid="clear-throttle"');
  });
});
