/**
 * /register in a real browser: a persona with nothing registered signs in, is told to
 * register, adds an email address, reads the code from the demo mailbox and verifies it.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { browserSuite, codeFromMailboxPage, watchedPage } from "./support";

const suite = browserSuite();

describe("/register in a real browser", () => {
  it("lets a user with no security info register and verify an email address", async () => {
    const { page, problems } = await watchedPage(suite.browser);
    await page.goto(`${suite.server.url}/register`);
    await page.getByLabel("Sign-in name").fill("nina.noreg@contoso.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByTestId("due").getAttribute("data-due")).toBe("register");

    const add = page.getByTestId("add-method");
    await add.getByLabel("Method").selectOption("email");
    await add.getByLabel("Email address or phone number (with country code)").fill("nina@home.example");
    await add.getByRole("button", { name: "Add" }).click();
    await page.getByTestId("code-sent").waitFor();

    const code = await codeFromMailboxPage(await suite.browser.newPage(), suite.server.url, "nina@home.example");
    await page.getByLabel("Code you received").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    expect(await page.getByTestId("due").getAttribute("data-due")).toBe("none");
    expect(await page.locator('tr[data-type="email"]').innerText()).toContain("n***@home.example");
    expect(problems).toEqual([]);
  });
});
