/**
 * A helpdesk call in a real browser: the agent signs in with a helpdesk token, opens the
 * caller's record, resets the password with a temporary one (reason and identity
 * confirmation asked) and reads it out; the caller then signs in at /register with it and
 * must choose their own before anything else.
 */
import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../../src/clock";
import { createStaffToken } from "../../src/db/staff-tokens";
import { browserSuite, seriousA11yViolations, watchedPage } from "./support";

const suite = browserSuite();
const NINA = "nina.noreg@contoso.example";

describe("helpdesk actions in a real browser", () => {
  it("resets nina's password with a temporary one that she must replace at her first sign-in", async () => {
    const { url, db } = suite.server;
    const token = createStaffToken(db, cryptoRandom, "helpdesk", "browser helpdesk").token;
    const { page: agent, problems } = await watchedPage(suite.browser);
    await agent.goto(`${url}/admin/sign-in`);
    await agent.getByLabel("Staff token").fill(token);
    await agent.getByRole("button", { name: "Sign in" }).click();
    await agent.getByLabel("Sign-in name or display name").fill("nina.noreg");
    await agent.getByRole("button", { name: "Search" }).click();
    await agent.getByRole("link", { name: NINA }).click();

    expect(await seriousA11yViolations(agent)).toEqual([]);
    const form = agent.getByTestId("temporary-password-form");
    await form.getByLabel("Reason or ticket id").fill("INC-2201 identity verified by callback");
    await form.getByLabel("I have verified the caller's identity").check();
    await form.getByRole("button", { name: "Set a temporary password" }).click();
    const secret = (await agent.getByTestId("secret").innerText()).trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(await agent.getByTestId("audited").innerText()).toContain("INC-2201 identity verified by callback");
    expect(problems).toEqual([]);
    await agent.close();

    const { page: user, problems: userProblems } = await watchedPage(suite.browser);
    await user.goto(`${url}/register`);
    const signIn = user.getByTestId("sign-in");
    await signIn.getByLabel("Sign-in name").fill(NINA);
    await signIn.getByLabel("Password").fill(secret);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    // Nothing but choosing a password is offered until she has.
    const choose = user.getByTestId("choose-password");
    await choose.getByLabel("New password").fill("Harbour-Violet-Compass-4412");
    await choose.getByRole("button", { name: "Save the password and sign in" }).click();
    await user.getByRole("button", { name: "Sign out" }).waitFor();
    // The one refusal on the way is the temporary password's own: 403, choose a password.
    expect(userProblems).toEqual([`403 ${url}/register/sign-in`]);
    expect(db.$client.prepare("SELECT must_change_password FROM users WHERE upn = ?").pluck().get(NINA)).toBe(0);
    await user.close();
  });
});
