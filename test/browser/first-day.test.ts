/**
 * An identity team's first day without the demo (issue 16, done-when): a newcomer with
 * SSPR_DEMO=0 and a bootstrap token creates a tenant, imports its people from a CSV,
 * turns self-service reset on in the policy editor after seeing the what-if, and watches
 * the insights count a person's reset attempt — in a real browser, against a real server.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cryptoRandom, systemClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { silentLog } from "../../src/log";
import { buildDeps } from "../../src/wiring";
import { launchBrowser } from "./support";

const BOOTSTRAP = "bootstrap-admin-token-for-the-first-day";
const CSV = [
  "userPrincipalName,displayName,mail,mobile,department,groups,accountEnabled,usageLocation,licence",
  "ieva.berzina@acme.example,Ieva Bērziņa,ieva@acme.example,+37120000001,Sales,Sales,TRUE,LV,P1",
  "janis.ozols@acme.example,Jānis Ozols,janis@acme.example,+37120000002,Finance,Finance,TRUE,LV,P1",
].join("\n");

describe("the first day without the demo", () => {
  let browser: Browser;
  let url: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const { db, close } = openDb(":memory:");
    const deps = await buildDeps({
      db,
      clock: systemClock,
      random: cryptoRandom,
      log: silentLog,
      demo: false,
      adminToken: BOOTSTRAP,
      cacheDir: ".cache/kb",
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = () =>
      new Promise<void>((resolve) => {
        server.close(() => (close(), resolve()));
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  it("creates a tenant, imports people from a CSV, sets the policy with its what-if, and sees a reset attempt in the insights", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/admin/sign-in`);
    await page.locator('form[data-testid="sign-in"] input[name="token"]').fill(BOOTSTRAP);
    await page.locator('form[data-testid="sign-in"] button[type="submit"]').click();

    // No tenant yet: the first-run page asks for one.
    const newTenant = page.getByTestId("new-tenant");
    await newTenant.locator('input[name="name"]').fill("Acme");
    await newTenant.locator('input[name="domain"]').fill("acme.example");
    await newTenant.locator('button[type="submit"]').click();
    await page.waitForURL(/\/admin\/tenants\/[^/]+\/setup/);
    const base = new URL(page.url()).pathname.replace(/\/setup$/, "");

    // The CSV, for real this time (the box starts on "check only").
    const csv = page.getByTestId("csv-import");
    await csv
      .locator('input[type="file"]')
      .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await csv.locator('input[name="dryRun"]').uncheck();
    await csv.locator('button[type="submit"]').click();
    // Both people are now users of the tenant, as the users list shows them.
    await page.goto(`${url}/admin/users`);
    const listed = await page.locator("main").innerText();
    expect(listed).toContain("ieva.berzina@acme.example");
    expect(listed).toContain("janis.ozols@acme.example");

    // The policy editor: SSPR on for everyone, the what-if first, then applied with a reason.
    await page.goto(`${url}${base}/policy`);
    const form = page.getByTestId("policy-form");
    await form.locator('select[name="enablement"]').selectOption("all");
    await form.locator('button[name="intent"][value="preview"]').click();
    // The what-if: the field that changes, and who it changes for (nobody here can reset yet: no one has registered).
    expect(await page.getByTestId("changes").innerText()).toMatch(/enablement/i);
    expect(await page.getByTestId("impact").isVisible()).toBe(true);
    await page.getByTestId("policy-form").locator('input[name="reason"]').fill("First day: open reset to everyone");
    await page.getByTestId("policy-form").locator('button[name="intent"][value="apply"]').click();
    await page.waitForURL(/\/policy\/versions/);
    expect(await page.locator("body").innerText()).toContain("First day: open reset to everyone");

    // A person starts a reset; the insights count the attempt.
    const person = await browser.newPage();
    await person.goto(`${url}/reset`);
    await person.getByLabel("Sign-in name").fill("janis.ozols@acme.example");
    await person.getByRole("button", { name: "Next" }).click();
    await person.waitForLoadState();
    await page.goto(`${url}${base}/insights`);
    expect(await page.getByTestId("attempted").locator("td").innerText()).toBe("1");
    await person.close();
    await page.close();
  });
});
