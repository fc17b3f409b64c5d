/**
 * A person resets through /reset in a real browser and the new password works in a real
 * OpenLDAP directory: the page's pre-flight names the directory's own length rule (a
 * stricter fine-grained policy) while they type, and after submit a bind with the new
 * password succeeds and the old one fails.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cryptoRandom, systemClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { saveDirectoryConfig } from "../../src/db/directory-configs";
import { sealSecret } from "../../src/directory/secret-box";
import { syncDirectory } from "../../src/directory/sync";
import { silentLog } from "../../src/log";
import { buildDeps } from "../../src/wiring";
import {
  OL_BASE,
  OL_GROUPS,
  OL_PEOPLE,
  OL_SERVICE,
  olPassword,
  olUserDn,
  startOpenLdap,
  type OpenLdapServer,
} from "../directory/support/openldap";
import { canBind } from "../directory/support/ldap-probe";
import { codeFromMailboxPage, launchBrowser, watchedPage } from "./support";

let ldap: OpenLdapServer;
let browser: Browser;
let url: string;
let stopServer: () => Promise<void>;

beforeAll(async () => {
  ldap = await startOpenLdap();
  const { db, close } = openDb(":memory:");
  const secretKey = randomBytes(32);
  const deps = await buildDeps({
    db,
    clock: systemClock,
    random: cryptoRandom,
    log: silentLog,
    demo: true,
    cacheDir: ".cache/kb",
    secretKey,
  });
  db.$client.prepare("INSERT INTO tenants (id, name, domain) VALUES ('tnt-example', 'Example', 'example.test')").run();
  db.$client
    .prepare(
      `INSERT INTO policies (tenant_id, enablement, methods_allowed, writeback_enabled) VALUES ('tnt-example', 'all', '["email"]', 1)`,
    )
    .run();
  saveDirectoryConfig(db, {
    tenantId: "tnt-example",
    kind: "openldap",
    urls: [ldap.url],
    startTls: false,
    bindDn: OL_SERVICE.pwreset.dn,
    bindSecretEnc: sealSecret(secretKey, OL_SERVICE.pwreset.password),
    baseDn: OL_PEOPLE,
    groupBaseDn: OL_GROUPS,
    userFilter: "(objectClass=inetOrgPerson)",
    loginAttribute: "mail",
    defaultPolicyDn: `cn=default,ou=policies,${OL_BASE}`,
    canaryDn: olUserDn("sspr-canary"),
    timeoutMs: 2_000,
    updatedAt: new Date().toISOString(),
  });
  await syncDirectory(db, "tnt-example", deps.directory.registry.directoryFor("tnt-example")!);
  db.$client
    .prepare(
      "INSERT INTO methods (id, user_id, type, value, verified) SELECT 'm-' || id, id, 'email', 'grace@home.example', 1 FROM users WHERE upn = 'grace@example.test'",
    )
    .run();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stopServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => (close(), resolve()));
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopServer?.();
  await ldap?.stop();
});

describe("/reset against a real OpenLDAP directory", () => {
  it("names the directory's rule before submit, then changes the real password", async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${url}/reset`);
    await page.getByLabel("Sign-in name").fill("grace@example.test");
    await page.getByRole("button", { name: "Next" }).click();
    const email = page.locator('form[data-method="email"]');
    await email.getByLabel("Your registered email address").fill("grace@home.example");
    await email.getByRole("button", { name: "Send code" }).click();
    await page.getByTestId("code-sent").waitFor();
    const code = await codeFromMailboxPage(await browser.newPage(), url, "grace@home.example");
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();

    // grace's policy (cn=strict) wants 12 characters; the cloud is happy with 11.
    await page.getByLabel("New password").fill("Otter-Fjord");
    await page.locator('#password-preflight [data-rule="directory_min_length"]').waitFor();
    expect(await page.locator("#password-preflight").innerText()).toContain("at least 12 characters");

    await page.getByLabel("New password").fill("Quiet-Meadow-Sparrow-71");
    await page.locator('#password-preflight [data-rule="directory_min_length"]').waitFor({ state: "detached" });
    await page.getByLabel("Type it again").fill("Quiet-Meadow-Sparrow-71");
    await page.getByRole("button", { name: "Set password" }).click();
    expect(await page.getByTestId("done").innerText()).toContain("Your password has been changed");

    expect(await canBind(ldap.url, olUserDn("grace"), "Quiet-Meadow-Sparrow-71")).toBe(true);
    expect(await canBind(ldap.url, olUserDn("grace"), olPassword("grace"))).toBe(false);
    expect(problems).toEqual([]);
  });
});
