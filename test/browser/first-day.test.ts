/**
 * An identity team's first day without the demo (issue 16, done-when): a newcomer with
 * SSPR_DEMO=0 and a bootstrap token creates a tenant, imports its people from a CSV,
 * turns self-service reset on in the policy editor after seeing the what-if, and watches
 * the insights count a person's reset attempt — in a real browser, against a real server.
 * Then a bad edit: turning reset off raises a self-watch incident that the incidents page
 * shows and that reaches the tenant's administrator by mail (a real SMTP server) and a
 * signed webhook (a real receiver); the one-click revert clears it, and the next pass
 * resolves it, told the same two ways. The watch passes are run by the test (watchOnce),
 * exactly as the timer in main.ts runs them, so nothing waits on a clock.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cryptoRandom, systemClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { smtpMailer } from "../../src/delivery/mailer";
import { silentLog } from "../../src/log";
import { alertSender, signatureOf, type Alerts } from "../../src/watch/alerts";
import { watchOnce } from "../../src/watch/self-watch";
import { buildDeps } from "../../src/wiring";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { launchBrowser } from "./support";

const BOOTSTRAP = "bootstrap-admin-token-for-the-first-day";
const CSV = [
  "userPrincipalName,displayName,mail,mobile,department,groups,accountEnabled,usageLocation,licence",
  "ieva.berzina@acme.example,Ieva Bērziņa,ieva@acme.example,+37120000001,Sales,Sales,TRUE,LV,P1",
  "janis.ozols@acme.example,Jānis Ozols,janis@acme.example,+37120000002,Finance,Finance,TRUE,LV,P1",
].join("\n");
const ADMIN_UPN = "admin@acme.example";
const WEBHOOK_SECRET = "first-day-webhook-secret";
type Hook = {
  headers: IncomingMessage["headers"];
  event: { type: string; incident: { key: string; tenantDomain: string } };
  body: string;
};

describe("the first day without the demo", () => {
  let browser: Browser;
  let url: string;
  let stop: () => Promise<void>;
  let deps: Awaited<ReturnType<typeof buildDeps>>;
  let smtp: TestSmtpServer;
  let hooks: Hook[];
  let alerts: Alerts;
  let stopAlerts: () => Promise<void>;

  beforeAll(async () => {
    const { db, close } = openDb(":memory:");
    smtp = await startSmtpServer();
    hooks = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        hooks.push({ headers: req.headers, event: JSON.parse(body) as Hook["event"], body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const mailer = smtpMailer({ url: smtp.url, from: "SSPR Doctor <watch@sspr-doctor.example>" });
    stopAlerts = async () => {
      mailer.close();
      await Promise.all([smtp.close(), new Promise<void>((r) => receiver.close(() => r()))]);
    };
    deps = await buildDeps({
      mailer,
      db,
      clock: systemClock,
      random: cryptoRandom,
      log: silentLog,
      demo: false,
      adminToken: BOOTSTRAP,
      cacheDir: ".cache/kb",
    });
    alerts = alertSender({
      mailer,
      log: silentLog,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      webhookSecret: WEBHOOK_SECRET,
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
    await stopAlerts?.();
  });

  it("creates a tenant, imports people from a CSV, sets the policy with its what-if, sees a reset attempt in the insights, and watches a bad edit raise and its revert resolve an incident", async () => {
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

    // The team's administrator joins the tenant, so the self-watch has someone to tell.
    await page.goto(`${url}${base}/setup`);
    const user = page.getByTestId("user");
    await user.getByLabel("Sign-in name").fill(ADMIN_UPN);
    await user.getByLabel("Display name").fill("Acme Administrator");
    await user.getByLabel("Admin roles (comma-separated)").fill("global_admin");
    await user.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").waitFor();
    // The watch's first pass finds nothing wrong at tenant level.
    const calm = await watchOnce(deps, alerts);
    expect(calm.raised.filter((i) => i.tenantDomain === "acme.example")).toEqual([]);

    // A bad edit in the policy editor: reset off for everyone.
    await page.goto(`${url}${base}/policy`);
    await page.getByLabel("Self-service password reset is on for").selectOption({ label: "nobody" });
    await page.getByLabel("Reason (required to apply)").fill("Pause reset for the migration");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/\/policy\/versions/);
    const broke = await watchOnce(deps, alerts);
    expect(broke.raised.map((i) => `${i.tenantDomain}:${i.key}`)).toContain("acme.example:sspr_disabled");

    await page.goto(`${url}/admin/incidents`);
    const incident = page.getByRole("row").filter({ hasText: "acme.example" }).filter({ hasText: "sspr_disabled" });
    expect(await incident.innerText()).toContain("Open");
    const raisedMail = smtp.messages.find(
      (m) => m.to.includes(ADMIN_UPN) && /^Incident in acme\.example/.test(m.subject),
    );
    expect(raisedMail?.subject).toMatch(/self-service password reset is turned off/);
    const raisedHook = hooks.find(
      (h) => h.event.type === "incident.raised" && h.event.incident.key === "sspr_disabled",
    );
    expect(raisedHook?.event.incident.tenantDomain).toBe("acme.example");
    expect(raisedHook!.headers["x-sspr-signature"]).toBe(
      signatureOf(WEBHOOK_SECRET, String(raisedHook!.headers["x-sspr-timestamp"]), raisedHook!.body),
    );

    // The one-click revert to the version before the bad edit; the next pass resolves the incident.
    await page.goto(`${url}${base}/policy/versions`);
    await page
      .getByRole("row")
      .filter({ hasText: "First day: open reset to everyone" })
      .getByRole("link", { name: "Revert to this version" })
      .click();
    await page.getByLabel("Reason (required to apply)").fill("Undo the pause: nobody could reset");
    await page.getByRole("button", { name: "Revert to this version" }).click();
    await page.waitForURL(/\/policy\/versions\?applied=/);
    const fixed = await watchOnce(deps, alerts);
    expect(fixed.resolved.map((i) => `${i.tenantDomain}:${i.key}`)).toContain("acme.example:sspr_disabled");

    await page.goto(`${url}/admin/incidents`);
    expect(await incident.innerText()).toContain("Resolved");
    expect(smtp.messages.some((m) => m.to.includes(ADMIN_UPN) && /^Resolved in acme\.example/.test(m.subject))).toBe(
      true,
    );
    const resolvedHook = hooks.find(
      (h) => h.event.type === "incident.resolved" && h.event.incident.key === "sspr_disabled",
    );
    expect(resolvedHook?.headers["x-sspr-signature"]).toBe(
      signatureOf(WEBHOOK_SECRET, String(resolvedHook!.headers["x-sspr-timestamp"]), resolvedHook!.body),
    );
    await page.close();
  });
});
