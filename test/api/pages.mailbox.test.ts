/** /dev/mailbox: the demo mailbox in the site's layout, with a way back, in both languages. */
import { describe, expect, it } from "vitest";
import { formBrowser } from "../support/form-browser";
import { testApp } from "../support/test-deps";

describe("/dev/mailbox page", () => {
  it("shows a sent code in the site layout, counted properly, with the way back to the reset", async () => {
    const t = await testApp({ seed: true });
    const b = formBrowser(t);
    await b.get("/reset");
    await b.post("/reset", { login: "alex.healthy@contoso.example" });
    await b.post("/reset/challenge", { flowId: b.field("flowId"), method: "email", contact: "alex@home.example" });
    const page = await b.get("/dev/mailbox?to=alex@home.example");
    expect(page.html).toContain('<link rel="stylesheet" href="/static/app.css"/>');
    expect(page.html).toContain('<nav aria-label="main">');
    expect(page.html).toMatch(/<h1>Demo mailbox<\/h1>/);
    expect(page.html).toContain('<a href="/reset" data-testid="back-to-reset">Back to password reset</a>');
    expect(page.html).toContain("1 message for alex@home.example, newest first");
    expect(page.html).toMatch(/<pre class="message">[^<]*\b\d{8}\b/);
  });

  it("speaks Latvian", async () => {
    const t = await testApp({ seed: true });
    const html = await (await t.app.request("/dev/mailbox?lang=lv")).text();
    expect(html).toContain("<h1>Demonstrācijas pastkaste</h1>");
    expect(html).toContain("Atpakaļ uz paroles atiestatīšanu");
  });
});
