/**
 * /register with a step-up (issue 11.9): a user who already has usable methods proves
 * one of them before adding another, in the page as in the API, in both languages.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { codeFromDevMailbox } from "../support/reset-driver";
import { formBrowser } from "../support/form-browser";
import { testApp } from "../support/test-deps";

describe("/register asks for a step-up before a change", () => {
  it.each([
    ["en", "First, confirm it is you", "Send a code to a***@home.example"],
    ["lv", "Vispirms apstipriniet, ka tas esat jūs", "Sūtīt kodu uz a***@home.example"],
  ])("walks alex from the refusal to the added phone (%s)", async (locale, title, button) => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get(`/register?lang=${locale}`);
    await b.post("/register/sign-in", { login: "alex.healthy@contoso.example", password: DEMO_PASSWORD });
    const refused = await b.post("/register/methods", { type: "mobile_sms", value: "+37129999999" });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain(title);
    expect(refused.html).toContain(button);
    const emailId = /name="methodId" value="([^"]+)"\/?><button type="submit">[^<]*a\*\*\*@home\.example/.exec(
      refused.html,
    )![1]!;
    const sent = await b.post("/register/step-up", { methodId: emailId });
    expect(sent.html).toContain('data-testid="step-up-code"');
    const stepped = await b.post("/register/step-up/verify", {
      methodId: emailId,
      code: await codeFromDevMailbox(t, "alex@home.example"),
    });
    expect(stepped.html).toContain('data-testid="stepped-up"');
    const added = await b.post("/register/methods", { type: "mobile_sms", value: "+37129999999" });
    expect(added.html).toContain('data-testid="code-sent"');
  });
});
