/**
 * The /kb pages in a real browser: instant results while a Latvian reader types (kb.js
 * under the strict CSP), clicking through to the Latvian article at its section, and the
 * locale switch moving between the two languages of the same article.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, watchedPage } from "./support";

const suite = browserSuite();

describe("the /kb pages in a real browser", () => {
  it("shows instant Latvian results while typing, then opens the article in Latvian", async () => {
    const { page, problems: errors } = await watchedPage(suite.browser);
    await page.goto(`${suite.server.url}/kb?lang=lv`);
    expect(await page.locator("html").getAttribute("lang")).toBe("lv");
    // No query: every article, grouped by audience; no results yet.
    expect(await page.locator("#kb-browse").isVisible()).toBe(true);
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/kb/search")) requests.push(r.url());
    });

    const box = page.getByLabel("Meklēt palīdzības rakstos");
    await box.pressSequentially("parole par isu", { delay: 30 });
    const hit = page.locator('#kb-results a[href^="/kb/password-rules?locale=lv"]');
    await hit.waitFor();
    // Typed without a page load: the address follows, the list of all articles steps aside.
    expect(new URL(page.url()).searchParams.get("q")).toBe("parole par isu");
    expect(await page.locator("#kb-browse").isHidden()).toBe(true);
    expect(await page.getByTestId("kb-count").innerText()).toMatch(/^Atrastie raksti: \d+$/);
    // Debounced: far fewer requests than keystrokes.
    expect(requests.length).toBeLessThan("parole par isu".length / 2);
    expect(requests.every((u) => new URL(u).searchParams.get("locale") === "lv")).toBe(true);
    // Highlights are real <mark> elements built from the snippet.
    const first = page.locator("#kb-results li.hit").first();
    expect(await first.locator("mark").count()).toBeGreaterThan(0);
    expect(await first.locator(".snippet *:not(mark)").count()).toBe(0);

    // Follow the link from the keyboard: a click could land on the type-ahead list, and
    // Escape in a search box clears it when that list happens to be closed already.
    await hit.press("Enter");
    await page.waitForURL(/\/kb\/password-rules\?locale=lv#/);
    expect(await page.locator("html").getAttribute("lang")).toBe("lv");
    expect(await page.locator("article.kb-article").getAttribute("lang")).toBe("lv");
    expect(await page.locator("h1").innerText()).toContain("Kādām prasībām jāatbilst jaunajai parolei");
    // The fragment names a heading that exists.
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`[id="${anchor}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("finds a missing code by its Latvian words and keeps Latvian across the locale switch", async () => {
    const { page, problems: errors } = await watchedPage(suite.browser);
    await page.goto(`${suite.server.url}/kb?lang=lv`);
    await page.getByLabel("Meklēt palīdzības rakstos").pressSequentially("kods nepienāca", { delay: 30 });
    const hit = page.locator('#kb-results a[href^="/kb/verification-codes?locale=lv"]');
    await hit.waitFor();
    await hit.press("Enter"); // as above: the keyboard, not a click that the type-ahead list may cover

    await page.waitForURL(/\/kb\/verification-codes\?locale=lv/);
    expect(await page.locator("article.kb-article").getAttribute("lang")).toBe("lv");

    // The switch offers English for this very article…
    const toEnglish = page.getByTestId("locale-switch");
    expect(await toEnglish.innerText()).toBe("English");
    await toEnglish.click();
    await page.waitForURL(/\/kb\/verification-codes\?lang=en$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("article.kb-article").getAttribute("lang")).toBe("en");

    // …and back: Latvian chrome and the Latvian article again, and it sticks.
    await page.getByTestId("locale-switch").click();
    await page.waitForURL(/\/kb\/verification-codes\?lang=lv$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("lv");
    expect(await page.locator("article.kb-article").getAttribute("lang")).toBe("lv");
    await page.goto(`${suite.server.url}/kb`);
    expect(await page.locator("h1").innerText()).toBe("Palīdzības raksti");
    expect(errors).toEqual([]);
  });

  it("brings back the list of all articles when the box is cleared, filtered by audience", async () => {
    const { page, problems: errors } = await watchedPage(suite.browser);
    await page.goto(`${suite.server.url}/kb?lang=en&q=licence`);
    expect(await page.locator("#kb-browse").isHidden()).toBe(true);
    await page.getByLabel("Written for").selectOption("admin");
    await page.getByLabel("Search the help articles").fill("");
    await page.locator("#kb-browse").waitFor({ state: "visible" });
    expect(await page.locator('.kb-group[data-audience="admin"]').isVisible()).toBe(true);
    expect(await page.locator('.kb-group[data-audience="user"]').isHidden()).toBe(true);
    expect(await page.locator("#kb-results").innerText()).toBe("");
    expect(errors).toEqual([]);
  });
});
