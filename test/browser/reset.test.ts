import { describe, expect, it } from "vitest";
import { browserSuite, codeFromMailboxPage } from "./support";

const suite = browserSuite();

describe("the /reset wizard in a real browser", () => {
  it("lets a demo persona reset with a code read from the dev mailbox", async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.url}/reset`);
    await page.getByLabel("Sign-in name").fill("alex.healthy@contoso.example");
    await page.getByRole("button", { name: "Next" }).click();
    const email = page.locator('form[data-method="email"]');
    await email.getByLabel("Your registered email address").fill("alex@home.example");
    await email.getByRole("button", { name: "Send code" }).click();
    await page.getByTestId("code-sent").waitFor();
    const codePage = await suite.browser.newPage();
    const code = await codeFromMailboxPage(codePage, suite.server.url, "alex@home.example");
    // A wrong code first: answered on the same form, the typed code kept and focused.
    await page.getByLabel("Code").fill("00000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByTestId("code-error").waitFor();
    expect(await page.locator("#code").inputValue()).toBe("00000000");
    expect(await page.locator("#code").evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByTestId("resend").count()).toBe(1);
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    // The match hint is neutral until the second password is typed, red while they differ, green when they match.
    const match = page.locator('#password-hints [data-rule="match"]');
    expect([await match.getAttribute("class"), await match.innerText()]).toEqual([
      "unmet",
      "Both passwords are the same",
    ]);
    await page.getByLabel("New password").fill("Quiet-Meadow-Sparrow-71");
    await page.getByLabel("Type it again").fill("Quiet-Meadow");
    expect([await match.getAttribute("class"), await match.innerText()]).toEqual(["bad", "The two passwords differ."]);
    await page.getByLabel("Type it again").fill("Quiet-Meadow-Sparrow-71");
    expect([await match.getAttribute("class"), await match.innerText()]).toEqual([
      "met",
      "Both passwords are the same",
    ]);
    expect(await page.locator('#password-hints [data-rule="length"]').getAttribute("class")).toBe("met");
    await page.getByRole("button", { name: "Set password" }).click();
    expect(await page.getByTestId("done").innerText()).toContain("Your password has been changed");
  });

  it.each([
    [
      "en",
      "Sign-in name",
      "Next",
      "Password reset is paused for now",
      /You can try again in about (19|20) hours — /,
      "Contact your helpdesk: help.contoso.example or helpdesk@contoso.example, and quote reference D-",
    ],
    [
      "lv",
      "Pierakstīšanās vārds",
      "Tālāk",
      "Paroles atiestatīšana pagaidām ir bloķēta",
      /Vēlreiz mēģināt varēsiet aptuveni pēc (19|20) stundām — /,
      "Sazinieties ar IT atbalstu: help.contoso.example vai helpdesk@contoso.example, un nosauciet atsauces ID D-",
    ],
  ] as const)(
    "tells a blocked persona why before any code is sent, in their language (%s), with the helpdesk to contact",
    async (lang, login, next, title, when, contact) => {
      const context = await suite.browser.newContext({ timezoneId: "Europe/Riga" });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/reset?lang=${lang}`);
      await page.getByLabel(login).fill("bob.blocked@contoso.example");
      // Told at the first step (issue 12.2): no method list, no code sent.
      await page.getByRole("button", { name: next }).click();
      const problem = page.getByTestId("problem");
      expect(await problem.getByRole("heading", { level: 1 }).innerText()).toBe(title);
      const tryAgain = await page.getByTestId("try-again").innerText();
      expect(tryAgain).toMatch(when);
      expect(tryAgain).not.toContain("UTC"); // the browser told the server its zone (time-zone.js)
      expect(await page.getByTestId("helpdesk").innerText()).toContain(contact);
      expect(await page.getByTestId("reference-id").innerText()).toMatch(/^D-[0-9A-Z]{10}$/);
      expect(await problem.getByRole("link").first().getAttribute("href")).toMatch(/^\/kb\/throttling-and-blocks/);
      expect(await problem.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T|minutes from now|Clear the throttle/);
      // No code went anywhere.
      expect(suite.server.deps.devMailbox?.forRecipient("bob@home.example") ?? []).toEqual([]);
      await context.close();
    },
  );

  it.each([
    [
      "en",
      "oscar.outside@contoso.example",
      "oscar@home.example",
      "Sign-in name",
      "Next",
      "Your registered email address",
      "Send code",
      "Code",
      "Verify",
      "Self-service password reset is not turned on for your account",
      "Contact your helpdesk",
    ],
    [
      "lv",
      "dana.disabled@contoso.example",
      "dana@home.example",
      "Pierakstīšanās vārds",
      "Tālāk",
      "Jūsu reģistrētā e-pasta adrese",
      "Sūtīt kodu",
      "Kods",
      "Pārbaudīt",
      "Jūsu konts ir atspējots",
      "Sazinieties ar IT atbalstu",
    ],
  ] as const)(
    "tells a person whose account cannot reset why right after they prove a method, before they choose a password (%s)",
    async (lang, login, address, loginLabel, next, addressLabel, send, codeLabel, verify, title, contact) => {
      const context = await suite.browser.newContext({ timezoneId: "Europe/Riga" });
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/reset?lang=${lang}`);
      await page.getByLabel(loginLabel).fill(login);
      await page.getByRole("button", { name: next }).click();
      const email = page.locator('form[data-method="email"]');
      await email.getByLabel(addressLabel).fill(address);
      await email.getByRole("button", { name: send }).click();
      await page.getByTestId("code-sent").waitFor();
      const code = await codeFromMailboxPage(await context.newPage(), suite.server.url, address);
      await page.getByLabel(codeLabel, { exact: true }).fill(code);
      await page.getByRole("button", { name: verify }).click();
      const problem = page.getByTestId("problem");
      expect(await problem.getByRole("heading", { level: 1 }).innerText()).toBe(title);
      expect(await page.getByTestId("helpdesk").innerText()).toContain(contact);
      // Stopped with the reason: no password form was offered.
      expect(await page.locator('input[type="password"]').count()).toBe(0);
      await context.close();
    },
  );
});
