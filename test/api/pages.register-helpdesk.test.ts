/**
 * What a person does with what the helpdesk gave them, on /register: a temporary password
 * signs in only to choose their own (a refused choice is named at its field, and the
 * temporary one stops working), and a registration pass signs in once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

const NINA = "nina.noreg@contoso.example";
const OWN_PASSWORD = "Zebra-Quartz-Lantern-8817";

let t: TestContext | undefined;
afterEach(() => t?.close());

async function fromHelpdesk(what: "temporary-password" | "registration-pass") {
  t = await testApp({ seed: true });
  const res = await t.app.request(`/api/v1/helpdesk/users/${encodeURIComponent(NINA)}/${what}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth("helpdesk") },
    body: JSON.stringify({ reason: "INC-5", confirm: true }),
  });
  const body = (await res.json()) as { temporaryPassword?: string; pass?: string };
  return { t, secret: (body.temporaryPassword ?? body.pass)! };
}

describe("/register after a helpdesk action", () => {
  it("signs in with a temporary password only to choose one's own, which then replaces it", async () => {
    const { t, secret } = await fromHelpdesk("temporary-password");
    const b = formBrowser(t);
    await b.get("/register");
    const choose = await b.post("/register/sign-in", { login: NINA, password: secret });
    expect(choose.status).toBe(403);
    expect(choose.html).toContain('data-testid="choose-password"');
    expect(choose.html).not.toContain('data-testid="newPassword-error"');

    const short = await b.post("/register/sign-in", { login: NINA, password: secret, newPassword: "short" });
    expect(short.status).toBe(400);
    expect(short.html).toContain('data-testid="newPassword-error"');

    const dash = await b.post("/register/sign-in", { login: NINA, password: secret, newPassword: OWN_PASSWORD });
    expect(dash.status).toBe(200);
    expect(dash.html).toContain('data-due="register"');

    const again = formBrowser(t);
    await again.get("/register");
    expect((await again.post("/register/sign-in", { login: NINA, password: secret })).status).toBe(401);
    expect((await again.post("/register/sign-in", { login: NINA, password: OWN_PASSWORD })).status).toBe(200);
  });

  it("signs in once with a registration pass", async () => {
    const { t, secret } = await fromHelpdesk("registration-pass");
    const b = formBrowser(t);
    expect((await b.get("/register")).html).toContain('href="/register/pass"');
    expect((await b.get("/register/pass")).html).toContain('data-testid="pass-sign-in"');
    const dash = await b.post("/register/sign-in/pass", { login: NINA, pass: secret });
    expect(dash.status).toBe(200);
    expect(dash.html).toContain('data-due="register"');

    const again = formBrowser(t);
    await again.get("/register/pass");
    const used = await again.post("/register/sign-in/pass", { login: NINA, pass: secret });
    expect(used.status).toBe(401);
    expect(used.html).toContain('data-testid="pass-sign-in"');
  });
});
