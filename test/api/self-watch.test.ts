/**
 * The self-watch end to end: a real SMTP server and a real webhook receiver hear of an
 * incident once when a tenant breaks, and once more when it is fixed.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { smtpMailer } from "../../src/delivery/mailer";
import { silentLog } from "../../src/log";
import { alertSender, signatureOf } from "../../src/watch/alerts";
import { watchOnce } from "../../src/watch/self-watch";
import { formBrowser } from "../support/form-browser";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { testApp, type TestContext } from "../support/test-deps";

const SECRET = "webhook-secret-for-tests-42";
type Hook = { headers: IncomingMessage["headers"]; body: string };

describe("self-watch", () => {
  let t: TestContext;
  let smtp: TestSmtpServer;
  let hooks: Hook[];
  let stopHooks: () => Promise<void>;
  let alerts: ReturnType<typeof alertSender>;
  let closeMailer: () => void;

  beforeEach(async () => {
    t = await testApp({ seed: true });
    smtp = await startSmtpServer();
    hooks = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => (hooks.push({ headers: req.headers, body }), res.writeHead(204).end()));
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    stopHooks = () => new Promise((r) => receiver.close(() => r()));
    const mailer = smtpMailer({ url: smtp.url, from: "SSPR Doctor <watch@sspr-doctor.example>" });
    closeMailer = () => mailer.close();
    alerts = alertSender({
      mailer,
      log: silentLog,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      webhookSecret: SECRET,
    });
  });
  afterEach(async () => {
    closeMailer();
    await Promise.all([smtp.close(), stopHooks()]);
    t.close();
  });

  const contosoEnablement = (value: "all" | "selected" | "none") =>
    t.db.$client.prepare("UPDATE policies SET enablement = ? WHERE tenant_id = 'tnt-contoso'").run(value);

  it("raises an incident once when a tenant breaks, alerts its admins by mail and a signed webhook, and resolves it when fixed", async () => {
    // The first pass learns the demo's standing breakage (Tailspin has SSPR off) and leaves Contoso alone.
    const first = await watchOnce(t.deps, alerts);
    expect(first.raised.map((i) => `${i.tenantDomain}:${i.key}`)).toContain("tailspin.example:sspr_disabled");
    expect(first.raised.some((i) => i.tenantDomain === "contoso.example")).toBe(false);
    const mailsBefore = smtp.messages.length;
    const hooksBefore = hooks.length;

    const previous = t.db.$client
      .prepare("SELECT enablement FROM policies WHERE tenant_id = 'tnt-contoso'")
      .pluck()
      .get() as "selected";
    contosoEnablement("none"); // an admin's bad edit
    const broke = await watchOnce(t.deps, alerts);
    expect(broke.raised.map((i) => `${i.tenantDomain}:${i.key}`)).toEqual([
      "contoso.example:sspr_disabled",
      "contoso.example:blocked_jump",
    ]);

    const mails = smtp.messages.slice(mailsBefore);
    expect(
      mails.some(
        (m) =>
          m.to.includes("ada.admin@contoso.example") &&
          /^Incident in contoso\.example: self-service password reset is turned off/.test(m.subject),
      ),
    ).toBe(true);
    const raisedHook = hooks.slice(hooksBefore).find((h) => JSON.parse(h.body).incident.key === "sspr_disabled")!;
    expect(JSON.parse(raisedHook.body)).toMatchObject({
      type: "incident.raised",
      incident: { tenantDomain: "contoso.example", key: "sspr_disabled", resolvedAt: null },
    });
    // A receiver can verify the signature over timestamp and body with the shared secret.
    expect(raisedHook.headers["x-sspr-signature"]).toBe(
      signatureOf(SECRET, String(raisedHook.headers["x-sspr-timestamp"]), raisedHook.body),
    );
    expect(raisedHook.headers["x-sspr-signature"]).not.toBe(
      signatureOf("another-secret-entirely", String(raisedHook.headers["x-sspr-timestamp"]), raisedHook.body),
    );

    // Still broken: no second alert for the same incident.
    const mailsOpen = smtp.messages.length;
    const hooksOpen = hooks.length;
    const again = await watchOnce(t.deps, alerts);
    expect(again.raised).toEqual([]);
    expect(smtp.messages.length).toBe(mailsOpen);
    expect(hooks.length).toBe(hooksOpen);

    contosoEnablement(previous);
    const fixed = await watchOnce(t.deps, alerts);
    expect(fixed.resolved.map((i) => `${i.tenantDomain}:${i.key}`).sort()).toEqual([
      "contoso.example:blocked_jump",
      "contoso.example:sspr_disabled",
    ]);
    expect(smtp.messages.slice(mailsOpen).some((m) => /^Resolved in contoso\.example/.test(m.subject))).toBe(true);
    expect(hooks.slice(hooksOpen).map((h) => JSON.parse(h.body).type)).toEqual([
      "incident.resolved",
      "incident.resolved",
    ]);

    const api = await t.app.request("/api/v1/incidents?tenant=contoso.example", { headers: t.auth("admin") });
    const { incidents } = (await api.json()) as { incidents: { key: string; resolvedAt: string | null }[] };
    expect(incidents.map((i) => i.key).sort()).toEqual(["blocked_jump", "sspr_disabled"]);
    expect(incidents.every((i) => i.resolvedAt !== null)).toBe(true);
    // The audit log records both transitions.
    const audited = t.db.$client
      .prepare("SELECT action FROM audit_log WHERE tenant_id = 'tnt-contoso' AND action LIKE 'watch.%'")
      .pluck()
      .all();
    expect(audited).toEqual([
      "watch.incident_raised",
      "watch.incident_raised",
      "watch.incident_resolved",
      "watch.incident_resolved",
    ]);
  });

  it("lists incidents for admins on /admin/incidents and refuses support staff", async () => {
    await watchOnce(t.deps, alerts);
    const signedIn = async (role: "support" | "admin") => {
      const b = formBrowser(t);
      await b.get("/admin/sign-in");
      await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" });
      return b;
    };
    expect((await (await signedIn("support")).get("/admin/incidents")).status).toBe(403);
    const page = await (await signedIn("admin")).get("/admin/incidents");
    expect(page.status).toBe(200);
    const html = page.html;
    expect(html).toContain('data-key="sspr_disabled" data-state="open"');
    expect(html).toContain("tailspin.example");
    expect((await t.app.request("/api/v1/incidents", { headers: t.auth("support") })).status).toBe(403);
  });
});
