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
    const done = await b.post("/reset/complete", {
      flowId,
      newPassword: "Quiet-Meadow-Sparrow-71",
      confirmPassword: "Quiet-Meadow-Sparrow-71",
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain('data-testid="done"');
  });

  it("answers a wrong code on the same form: code kept, field focused, where it went, ways on", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    const flowId = b.field("flowId");
    const sent = await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" });
    expect(sent.html).toContain("we sent a code to a***@home.example");
    expect(sent.html).toContain("valid for 10 minutes");
    const failed = await b.post("/reset/verify", {
      flowId,
      method: "email",
      code: "00000000",
      sentTo: "a***@home.example",
      contact: "alex@home.example",
    });
    expect(failed.status).toBe(400);
    expect(failed.html).toContain('data-testid="code-form"');
    expect(failed.html).toMatch(/<input id="code"[^>]*value="00000000"[^>]*autofocus=""[^>]*aria-invalid="true"/);
    expect(failed.html).toContain("That code is not right");
    expect(failed.html).toMatch(/href="\/kb\/verification-codes/);
    expect(failed.html).toMatch(/data-testid="reference-id">D-[0-9A-Z]{10}</);
    expect(failed.html).toContain('data-testid="resend"');
    expect(failed.html).toContain('data-testid="other-method"');
    expect(failed.html).toMatch(/<title>That code is not right/);
  });

  it("tells a blocked person in their words when they can try again, their own steps, and whom to contact", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    // Told at the first step (issue 12.2): before any method is offered or code sent.
    const res = await b.post("/reset", { login: "bob.blocked@contoso.example" });
    expect(res.status).toBe(429);
    expect(res.html).toMatch(/<h1>Password reset is paused for now<\/h1>/);
    expect(res.html).toContain("You can try again in about 20 hours — tomorrow 05:30 UTC.");
    // No staff wording: ISO times, decimals, policy switches, group ids.
    expect(res.html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:|\d+\.\d{2,} minutes|enablement|grp-/);
    // Only the person's own steps; then the tenant's helpdesk with the reference to quote.
    expect(res.html).toContain('data-fix="wait_until_unblocked"');
    expect(res.html).not.toContain('data-fix="clear_throttle"');
    expect(res.html).toMatch(
      /Contact your helpdesk: <a href="https:\/\/help.contoso.example">help.contoso.example<\/a> or <a href="mailto:helpdesk@contoso.example">helpdesk@contoso.example<\/a>, and quote reference <strong[^>]*data-testid="reference-id">D-[0-9A-Z]{10}<\/strong>/,
    );
  });

  it("gives times in the reader's language and time zone", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await b.get("/reset?lang=lv")).html)![1]!;
    const cookie = `sspr_lang=lv; sspr_tz=Europe%2FRiga; sspr_csrf=${csrf}`;
    const res = await t.app.request("/reset", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, login: "bob.blocked@contoso.example" }).toString(),
    });
    const html = await res.text();
    expect(html).toContain("Vēlreiz mēģināt varēsiet aptuveni pēc 20 stundām — rīt 07:30.");
    expect(html).toContain("Sazinieties ar IT atbalstu: <a");
  });

  it("never shows the two-passwords-differ hint before anything was typed, and answers a mismatch next to the field", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    const flowId = b.field("flowId");
    await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" });
    const pw = await b.post("/reset/verify", {
      flowId,
      method: "email",
      code: await codeFromDevMailbox(t, "alex@home.example"),
    });
    expect(pw.html).toMatch(/<li data-rule="match"[^>]*>Both passwords are the same<\/li>/);
    const mismatch = await b.post("/reset/complete", {
      flowId,
      newPassword: "Quiet-Meadow-Sparrow-71",
      confirmPassword: "Quiet-Meadow-Sparrow-72",
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toContain('data-testid="password-form"');
    expect(mismatch.html).toMatch(
      /data-testid="confirm-error">The two passwords differ.<\/p><input id="confirmPassword"[^>]*autofocus/,
    );
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
    const res = await t.app.request("/reset", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "login=alex.healthy%40contoso.example",
    });
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
    const stale = await t.app.request("/reset", {
      method: "POST",
      headers: { ...html, "content-type": "application/x-www-form-urlencoded" },
      body: "login=x",
    });
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
    expect(failed.html).toContain('data-testid="code-error"');
    expect(failed.html).toMatch(/href="\/kb\/verification-codes\?locale=lv"/);
    expect(failed.html).not.toContain("That code is not right");
  });

  it("gives every step and every error page its own <title> and one h1; a 404 is titled as a 404", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    const pages = [await b.get("/reset"), await b.post("/reset", { login: "alex.healthy@contoso.example" })];
    const flowId = b.field("flowId");
    pages.push(await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" }));
    pages.push(
      await b.post("/reset/verify", {
        flowId,
        method: "email",
        code: await codeFromDevMailbox(t, "alex@home.example"),
      }),
    );
    pages.push(
      await b.post("/reset/complete", {
        flowId,
        newPassword: "Quiet-Meadow-Sparrow-71",
        confirmPassword: "Quiet-Meadow-Sparrow-71",
      }),
    );
    await b.get("/reset"); // a fresh form's CSRF field, as a person starting over would have
    pages.push(await b.post("/reset/methods", { flowId: "flw_gone" }));
    const titles = pages.map((p) => /<title>([^<]+)<\/title>/.exec(p.html)?.[1]);
    expect(new Set(titles).size).toBe(pages.length);
    for (const p of pages) expect(p.html.match(/<h1[ >]/g)?.length).toBe(1);
    const missing = await t.app.request("/no-such-page", { headers: { accept: "text/html" } });
    const html = await missing.text();
    expect(html).toMatch(/<title>Page not found \(404\)/);
    expect(html).toMatch(/<h1>Page not found \(404\)<\/h1>/);
  });

  it("words a refused step as a sentence, not as 'field: detail'", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    const res = await b.post("/reset/challenge", { flowId: b.field("flowId"), method: "email" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("<p>Type the full email address you registered.</p>");
    expect(res.html).not.toContain("contact: ");
  });
});
