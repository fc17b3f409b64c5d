import { describe, expect, it } from "vitest";
import { codeFromDevMailbox } from "../support/reset-driver";
import { formBrowser } from "../support/form-browser";
import { testApp } from "../support/test-deps";

describe("/reset pages", () => {
  it("walks a healthy user from login to a new password", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    expect((await b.get("/reset")).status).toBe(200);
    const methods = await b.post("/reset", { login: "alex.healthy@contoso.example" });
    expect(methods.html).toContain('data-method="email"');
    const flowId = b.field("flowId");
    const sent = await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" });
    expect(sent.html).toContain('data-testid="code-sent"');
    const code = await codeFromDevMailbox(t, "alex@home.example");
    const pw = await b.post("/reset/verify", { flowId, method: "email", code });
    expect(pw.html).toContain('data-testid="password-form"');
    const done = await b.post("/reset/complete", { flowId, newPassword: "Quiet-Meadow-Sparrow-71", confirmPassword: "Quiet-Meadow-Sparrow-71" });
    expect(done.status).toBe(200);
    expect(done.html).toContain('data-testid="done"');
  });

  it("shows a wrong code's reason, its article and the reference id", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    const flowId = b.field("flowId");
    await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" });
    const failed = await b.post("/reset/verify", { flowId, method: "email", code: "00000000" });
    expect(failed.status).toBe(400);
    expect(failed.html).toContain('data-code="verification_code_wrong"');
    expect(failed.html).toMatch(/href="\/kb\/verification-codes/);
    expect(failed.html).toMatch(/data-testid="reference-id">D-[0-9A-Z]{10}</);
  });

  it("speaks Latvian when asked, and keeps speaking it", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    expect((await b.get("/reset?lang=lv")).html).toContain("Atiestatiet savu paroli");
    expect((await b.get("/reset")).html).toContain('lang="lv"');
    expect((await b.get("/reset", {})).html).not.toContain("Reset your password</h1>");
  });

  it("picks Latvian from Accept-Language", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/reset", { headers: { "accept-language": "lv-LV,lv;q=0.9,en;q=0.5" } });
    expect(await res.text()).toContain("Atiestatiet savu paroli");
  });

  it("refuses a form post without the CSRF token", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/reset", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "login=alex.healthy%40contoso.example" });
    expect(res.status).toBe(403);
  });

  it("serves pages under a CSP that allows no inline script", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/reset");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("answers a browser's stale form and unknown page with a page, not JSON", async () => {
    const t = await testApp({ seed: true });
    const html = { accept: "text/html,application/xhtml+xml" };
    const stale = await t.app.request("/reset", { method: "POST", headers: { ...html, "content-type": "application/x-www-form-urlencoded" }, body: "login=x" });
    expect(stale.status).toBe(403);
    expect(stale.headers.get("content-type")).toContain("text/html");
    const missing = await t.app.request("/no-such-page", { headers: html });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('role="alert"');
  });

  it("explains a failure to a Latvian reader in Latvian, linking the Latvian article", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset?lang=lv");
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    const flowId = b.field("flowId");
    await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" });
    const failed = await b.post("/reset/verify", { flowId, method: "email", code: "00000000" });
    expect(failed.html).toContain("Kods nav pareizs");
    expect(failed.html).toMatch(/href="\/kb\/verification-codes\?locale=lv"/);
    expect(failed.html).not.toContain("That code is not right");
  });
});

