/**
 * The API reference in a real browser: Swagger UI loads from our own assets (no CDN on
 * a closed network), is allowed its inline boot script by its page's policy, and lists
 * the routes from /api/v1/openapi.json.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, watchedPage } from "./support";

const suite = browserSuite();

describe("/api/docs in a real browser", () => {
  it("renders the API reference with the reset and diagnosis routes", async () => {
    const { page, problems } = await watchedPage(suite.browser);
    await page.goto(`${suite.server.url}/api/docs`);
    await page.locator(".opblock-summary-path").first().waitFor();
    const paths = await page.locator(".opblock-summary-path").allInnerTexts();
    expect(paths.join(" ")).toContain("/reset/start");
    expect(paths.join(" ")).toContain("/diagnose/simulate");
    expect(problems).toEqual([]);
  });
});
