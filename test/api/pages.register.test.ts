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
    expect(
      (await b.post("/register/sign-in", { login: "reggie.reconfirm@contoso.example", password: DEMO_PASSWORD })).html,
    ).toContain('data-due="reconfirm"');
    expect((await b.post("/register/confirm", {})).html).toContain('data-due="none"');
  });

  it("refuses a wrong password with the sign-in form again", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    const res = await b.post("/register/sign-in", {
      login: "nina.noreg@contoso.example",
      password: "wrong-password-1",
    });
    expect(res.status).toBe(401);
    expect(res.html).toContain('data-testid="sign-in"');
  });

  it("shows the page in Latvian", async () => {
    const t = await testApp({ seed: true });
    expect(await (await t.app.request("/register?lang=lv")).text()).toContain(
      "Pierakstieties, lai pārvaldītu savu drošības informāciju",
    );
  });

  it("tells a Latvian reader what went wrong in Latvian", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register?lang=lv");
    const res = await b.post("/register/sign-in", {
      login: "nina.noreg@contoso.example",
      password: "wrong-password-1",
    });
    expect(res.html).toContain("Pierakstīšanās vārds vai parole nav pareiza.");
    await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: DEMO_PASSWORD });
    const bad = await b.post("/register/methods", { type: "mobile_sms", value: "26000007" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("ar valsts kodu");
  });

  it("says the status once, and tells a person with a single usable method to add a second", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    const dash = await b.post("/register/sign-in", { login: "simon.single@contoso.example", password: DEMO_PASSWORD });
    expect(dash.html.split("Your security info is up to date.").length - 1).toBe(1);
    expect(dash.html).toContain('data-testid="single-point-of-failure"');
    expect(dash.html).toContain("Losing one method would lock you out");
    const alex = formBrowser(t);
    await alex.get("/register");
    expect(
      (await alex.post("/register/sign-in", { login: "alex.healthy@contoso.example", password: DEMO_PASSWORD })).html,
    ).not.toContain("single-point-of-failure");
  });

  it("counts methods with Latvian plural forms", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register?lang=lv");
    const dash = await b.post("/register/sign-in", {
      login: "fiona.onemethod@fabrikam.example",
      password: DEMO_PASSWORD,
    });
    expect(dash.html).toContain("Paroli varat atiestatīt ar 1 metodi; jūsu organizācija pieprasa 2.");
    expect(dash.html).not.toContain("metodi(ēm)");
  });

  it("names a refused phone number at its field and keeps what was typed", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: DEMO_PASSWORD });
    const bad = await b.post("/register/methods", { type: "mobile_sms", value: "26000007" });
    expect(bad.status).toBe(400);
    expect(bad.html).not.toContain("value: expected");
    expect(bad.html).toMatch(
      /<label for="value">[^<]*<\/label><p class="field-error" id="value-error" data-testid="value-error">Type an email address, or a phone number with its country code/,
    );
    expect(bad.html).toMatch(/<input id="value"[^>]*value="26000007"[^>]*autofocus=""[^>]*aria-invalid="true"/);
    expect(bad.html).toMatch(/<option value="mobile_sms" selected="">/);
  });

  it("sets up an authenticator with a QR code drawn on the server, no inline script or style", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    await b.post("/register/sign-in", { login: "nina.noreg@contoso.example", password: DEMO_PASSWORD });
    const res = await b.post("/register/methods", { type: "authenticator_code" });
    expect(res.html).toMatch(
      /<figure class="qr" role="img" aria-label="[^"]+" data-testid="qr"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(res.html).not.toContain("otpauth://");
    expect(res.html).not.toMatch(/<script(?![^>]*\bsrc=)|style="/);
  });

  it("warns once, in the person's words, when removing a method leaves them unable to reset", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/register");
    const dash = await b.post("/register/sign-in", { login: "simon.single@contoso.example", password: DEMO_PASSWORD });
    const id = /data-method-id="([^"]+)" data-type="mobile_sms"/.exec(dash.html)![1]!;
    const removed = await b.post(`/register/methods/${id}/remove`, {});
    const warning = /data-testid="remove-warning">([\s\S]*?)<\/p>/.exec(removed.html)?.[1] ?? "";
    expect(warning).toContain("You can no longer reset your password on your own:");
    expect(warning).not.toContain("You can no longer reset your password yourself");
    expect(warning).toContain("You have not registered any security info");
  });
});
