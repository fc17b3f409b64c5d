/**
 * The /admin console in a real browser: an admin signs in with a staff token, finds a
 * blocked persona, previews the fix the diagnosis names, applies it and sees the verdict
 * change; the tenant chart renders as SVG; the page runs under the strict CSP with no
 * console errors (no inline script or style to be refused).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSuite, watchedPage } from "./support";

const suite = browserSuite();

async function signIn(page: Page, token: string) {
  await page.goto(`${suite.server.url}/admin`);
  // Not signed in: the console sends us to the sign-in form.
  expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
  await page.getByLabel("Staff token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("staff-role").waitFor();
}

describe("the /admin console in a real browser", () => {
  it("signs an admin in, previews and applies clear_throttle for bob.blocked, and shows the verdict change", async () => {
    const { page, problems } = await watchedPage(suite.browser);
    await signIn(page, suite.server.adminToken);
    expect(await page.getByTestId("staff-role").getAttribute("data-role")).toBe("admin");

    await page.getByLabel("Sign-in name or display name").fill("bob.blocked");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "bob.blocked@contoso.example" }).click();
    expect(await page.getByTestId("verdict").getAttribute("data-verdict")).toBe("blocked");
    const finding = page.locator('article[data-code="reset_blocked_temporarily"]');
    expect(await finding.count()).toBe(1);
    expect(await finding.getByRole("table").getByRole("columnheader").allInnerTexts()).toEqual([
      "Fact",
      "Operator",
      "Expected",
      "Actual",
    ]);

    await finding.getByTestId("preview-clear_throttle").click();
    const changes = page.getByTestId("changes");
    await changes.waitFor();
    expect(await changes.getByRole("row").count()).toBeGreaterThan(1);
    // Previewing changed nothing: the user is still blocked.
    expect(
      suite.server.db.$client
        .prepare("SELECT count(*) FROM throttle_blocks WHERE user_id = 'usr-bob.blocked'")
        .pluck()
        .get(),
    ).toBe(1);

    await page.getByLabel("Reason or ticket id").fill("INC-1042");
    await page.getByRole("button", { name: "Apply this fix" }).click();
    const applied = page.getByTestId("applied");
    await applied.waitFor();
    expect(await applied.getByTestId("verdict-before").getAttribute("data-verdict")).toBe("blocked");
    expect(await applied.getByTestId("verdict-after").getAttribute("data-verdict")).not.toBe("blocked");
    expect(await applied.locator('[data-gone="reset_blocked_temporarily"]').count()).toBe(1);

    // A fresh diagnosis agrees: the finding is gone.
    await page.getByRole("link", { name: "Back to the diagnosis" }).click();
    expect(await page.getByTestId("verdict").getAttribute("data-verdict")).not.toBe("blocked");
    expect(await page.locator('article[data-code="reset_blocked_temporarily"]').count()).toBe(0);

    // The audit log names the fix, its actor and what it changed.
    await page.getByRole("link", { name: "Audit log" }).click();
    const row = page.locator('tr[data-action="fix.clear_throttle"]').first();
    expect(await row.getAttribute("data-outcome")).toBe("success");
    await row.getByText("Details").click();
    expect(await row.locator("pre").innerText()).toContain('"entity": "throttle"');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("draws tenant health as an SVG bar chart and drills into a code", async () => {
    const { page, problems } = await watchedPage(suite.browser);
    await signIn(page, suite.server.adminToken);
    await page
      .getByRole("row", { name: /contoso\.example/ })
      .getByRole("link", { name: "Health" })
      .click();
    const chart = page.getByTestId("health-chart");
    await chart.waitFor();
    expect(await chart.locator("rect.bar").count()).toBeGreaterThan(3);
    const box = await chart.locator("rect.bar").first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(1);
    // Colours come from the stylesheet (class per severity), not from attributes.
    expect(
      await chart
        .locator("rect.bar.blocker")
        .first()
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill,
        ),
    ).not.toBe("rgb(0, 0, 0)");
    await page.getByTestId("counts").getByRole("link").first().click();
    await page.getByTestId("drill").waitFor();
    expect(await page.getByTestId("drill").getByRole("listitem").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("signs out", async () => {
    const { page } = await watchedPage(suite.browser);
    await signIn(page, suite.server.adminToken);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto(`${suite.server.url}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    await page.close();
  });
});
