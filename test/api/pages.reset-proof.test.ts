/**
 * The reset page's proof-of-work step (issue 11.3): after three code requests in a flow
 * the page carries the request and the puzzle; solved (as /static/reset.js does), the
 * same request goes through. The text is there in both languages.
 */
import { describe, expect, it } from "vitest";
import { solveProof } from "../../src/flows/proof-of-work";
import { codeFromDevMailbox } from "../support/reset-driver";
import { formBrowser } from "../support/form-browser";
import { testApp } from "../support/test-deps";

describe("/reset asks the browser for a proof of work", () => {
  it.each([
    ["en", "your browser is solving a short puzzle"],
    ["lv", "jūsu pārlūks atrisina īsu uzdevumu"],
  ])("carries the request and the puzzle (%s), and sends the code once it is solved", async (locale, text) => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get(`/reset?lang=${locale}`);
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    const flowId = b.field("flowId");
    for (let i = 0; i < 3; i++) {
      expect(
        (await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" })).html,
      ).toContain('data-testid="code-sent"');
    }
    const asked = await b.post("/reset/challenge", { flowId, method: "email", contact: "alex@home.example" });
    expect(asked.html).toContain('id="proof-of-work"');
    expect(asked.html).toContain(text);
    expect(asked.html).toContain('src="/static/reset.js"');
    const challenge = b.field("proofChallenge");
    const difficulty = Number(/data-difficulty="(\d+)"/.exec(asked.html)![1]);
    const { nonce } = solveProof({ algorithm: "SHA-256", challenge, difficulty, expiresAt: "" });
    const sent = await b.post("/reset/challenge", {
      flowId,
      method: "email",
      contact: b.field("contact"),
      proofChallenge: challenge,
      proofNonce: nonce,
    });
    expect(sent.html).toContain('data-testid="code-sent"');
  });
});

describe("/reset tells a blocked person at the first step", () => {
  it.each([
    ["bob.blocked@contoso.example", "reset_blocked_temporarily"],
    ["tom.tailspin@tailspin.example", "sspr_disabled"],
  ])("shows %s the reason before any method is offered", async (login, code) => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    const res = await b.post("/reset", { login });
    expect(res.html).toContain(`data-code="${code}"`);
    expect(res.html).not.toContain("data-method=");
    expect(res.html).toMatch(/data-testid="reference-id">D-[0-9A-Z]{10}</);
  });
});

describe("/reset stops a verified person whose reset cannot work, before the password", () => {
  it("shows dana.disabled the reason right after her code, and no way on to a new password", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    await b.post("/reset", { login: "dana.disabled@contoso.example" });
    const flowId = b.field("flowId");
    await b.post("/reset/challenge", { flowId, method: "email", contact: "dana@home.example" });
    const stopped = await b.post("/reset/verify", {
      flowId,
      method: "email",
      code: await codeFromDevMailbox(t, "dana@home.example"),
    });
    expect(stopped.status).toBe(403);
    expect(stopped.html).toContain('data-code="account_disabled"');
    expect(stopped.html).not.toContain('data-testid="password-form"');
    expect(stopped.html).not.toContain('action="/reset/methods"');
  });
});
