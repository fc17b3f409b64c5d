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
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByLabel("New password").fill("Quiet-Meadow-Sparrow-71");
    await page.getByLabel("Type it again").fill("Quiet-Meadow-Sparrow-71");
    expect(await page.locator('#password-hints [data-rule="length"]').getAttribute("class")).toBe("met");
    await page.getByRole("button", { name: "Set password" }).click();
    expect(await page.getByTestId("done").innerText()).toContain("Your password has been changed");
  });

  it("shows a blocked persona the reason, the article and the reference id", async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.url}/reset`);
    await page.getByLabel("Sign-in name").fill("bob.blocked@contoso.example");
    // Told at the first step (issue 12.2): no method list, no code sent.
    await page.getByRole("button", { name: "Next" }).click();
    const problem = page.getByTestId("problem");
    expect(await problem.locator('[data-code="reset_blocked_temporarily"]').count()).toBe(1);
    expect(await problem.getByRole("link").first().getAttribute("href")).toMatch(/^\/kb\/throttling-and-blocks/);
    expect(await page.getByTestId("reference-id").innerText()).toMatch(/^D-[0-9A-Z]{10}$/);
  });
});
