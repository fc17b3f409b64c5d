import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { codeFromDevMailbox } from "../support/reset-driver";
import { formBrowser } from "../support/form-browser";
import { testApp } from "../support/test-deps";

describe("/register pages", () => {
  it("signs a user in, prompts them to register, and adds and verifies an email method", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    expect((await b.get("/register")).html).toContain('data-testid="sign-in"');
    const dash = await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: DEMO_PASSWORD });
    expect(dash.html).toContain('data-due="register"');
    const added = await b.post("/register/methods", { type: "email", value: "nina@home.example" });
    expect(added.html).toContain('data-testid="code-sent"');
    expect(added.html).not.toContain("nina@home.example");
    const id = /data-method-id="([^"]+)" data-type="email"/.exec(added.html)![1]!;
    const code = await codeFromDevMailbox(t, "nina@home.example");
    const verified = await b.post(`/register/methods/${id}/verify`, { code });
    expect(verified.status).toBe(200);
    expect(verified.html).toContain('data-due="none"');
  });

  it("asks a user to reconfirm, and confirming clears it", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    expect((await b.post("/register/sign-in", { login: "reggie.reconfirm@contoso.example", password: DEMO_PASSWORD })).html).toContain('data-due="reconfirm"');
    expect((await b.post("/register/confirm", {})).html).toContain('data-due="none"');
  });

  it("refuses a wrong password with the sign-in form again", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    const res = await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: "wrong-password-1" });
    expect(res.status).toBe(401);
    expect(res.html).toContain('data-testid="sign-in"');
  });

  it("shows the page in Latvian", async () => {
    const t = await testApp({ seed: true });
    expect(await (await t.app.request("/register?lang=lv")).text()).toContain("Pierakstieties, lai pārvaldītu savu drošības informāciju");
  });

  it("tells a Latvian reader what went wrong in Latvian", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register?lang=lv");
    const res = await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: "wrong-password-1" });
    expect(res.html).toContain("Pierakstīšanās vārds vai parole nav pareiza.");
    await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: DEMO_PASSWORD });
    const bad = await b.post("/register/methods", { type: "mobile_sms", value: "26000007" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("ar valsts kodu");
  });
});

