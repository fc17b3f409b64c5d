/**
 * Active Directory (Samba AD DC over LDAPS) end to end through the API: configure, sync
 * people and nested groups, a person's reset changes the real password, a live lockout
 * shows in the diagnosis and is unlocked through the API, AD's own refusal reaches the
 * person classified, an undelegated service account shows as missing rights, and a DC
 * that is down shows as unreachable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDirectory } from "../../src/directory/sync";
import {
  AD_GROUPS,
  AD_PEOPLE,
  AD_SERVICE,
  adPassword,
  adUserDn,
  sambaMissing,
  startSambaAd,
  type SambaServer,
} from "./support/samba";
import { canBind, failBinds } from "./support/ldap-probe";
import { directoryApp, TENANT, verifiedFlow, type DirectoryApp } from "./support/directory-app";

const missing = sambaMissing();
let server: SambaServer;
let t: DirectoryApp;
beforeAll(async () => {
  if (missing) return;
  server = await startSambaAd("127.0.0.3");
  t = await directoryApp();
}, 240_000);
afterAll(async () => {
  t?.close();
  await server?.stop();
});

const configBody = (over: Record<string, unknown> = {}) => ({
  kind: "ad",
  urls: [server.url],
  bindDn: AD_SERVICE.pwadmin.dn,
  bindPassword: AD_SERVICE.pwadmin.password,
  baseDn: AD_PEOPLE,
  groupBaseDn: AD_GROUPS,
  tlsCa: server.ca,
  tlsServername: server.servername,
  timeoutMs: 3_000,
  ...over,
});
const tls = () => ({ ca: [server.ca], servername: server.servername });
const diagnose = (login: string) => t.call("POST", "/diagnose", { user: login }, t.support);
const codes = (d: { body: Record<string, any> }) => (d.body.findings as { code: string }[]).map((f) => f.code);
const idOf = (login: string) => t.db.$client.prepare("SELECT id FROM users WHERE upn = ?").pluck().get(login) as string;

describe.skipIf(missing)("Active Directory through the API", () => {
  it("is configured by an admin, beats, and syncs people and nested groups idempotently", async () => {
    const put = await t.call("PUT", `/tenants/${TENANT.domain}/directory`, configBody(), t.admin);
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain(AD_SERVICE.pwadmin.password);
    expect(
      (await t.call("POST", `/tenants/${TENANT.domain}/directory/heartbeat`, undefined, t.admin)).body,
    ).toMatchObject({ ok: true });
    const directory = t.deps.directory.registry.directoryFor(TENANT.id)!;
    const first = await syncDirectory(t.db, TENANT.id, directory);
    t.enrolEveryone();
    expect(first).toMatchObject({ usersCreated: 11, groups: 3, memberships: 3, nesting: 2, transitiveMismatches: [] });
    expect(await syncDirectory(t.db, TENANT.id, directory)).toMatchObject({ usersCreated: 0, usersUpdated: 0 });
    expect(t.db.$client.prepare("SELECT source, enabled FROM users WHERE upn = 'dora@example.test'").get()).toEqual({
      source: "synced",
      enabled: 0,
    });
  });

  it("resets a person's real password: the new one binds over LDAPS, the old one does not", async () => {
    const flowId = await verifiedFlow(t, "alice@example.test");
    const done = await t.call("POST", `/reset/${flowId}/complete`, { newPassword: "Quiet-Meadow-Sparrow-71" });
    expect(done.body).toMatchObject({ status: "completed", passwordChanged: true, writeback: "written" });
    expect(await canBind(server.url, adUserDn("alice"), "Quiet-Meadow-Sparrow-71", tls())).toBe(true);
    expect(await canBind(server.url, adUserDn("alice"), adPassword("alice"), tls())).toBe(false);
  });

  it("hands AD's complexity refusal (0000052D) to the person as onprem_password_policy_rejected and keeps the password", async () => {
    const flowId = await verifiedFlow(t, "bob@example.test");
    const res = await t.call("POST", `/reset/${flowId}/complete`, { newPassword: "quiet meadow sparrow" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("onprem_password_policy_rejected");
    expect(await canBind(server.url, adUserDn("bob"), adPassword("bob"), tls())).toBe(true);
  });

  it("shows a live lockout in the diagnosis with its source, then unlocks it through the API", async () => {
    await failBinds(server.url, adUserDn("erin"), 3, tls());
    const d = await diagnose("erin@example.test");
    expect(codes(d)).toContain("onprem_account_locked");
    expect(d.body.onPremises.facts).toContainEqual({
      path: "user.onPremises.lockedOut",
      value: true,
      source: server.url,
      readAt: t.clock.now().toISOString(),
    });
    const flowId = await verifiedFlow(t, "erin@example.test");
    expect((await t.call("POST", `/reset/${flowId}/complete`, { unlockOnly: true })).body).toMatchObject({
      status: "unlocked",
    });
    expect(await canBind(server.url, adUserDn("erin"), adPassword("erin"), tls())).toBe(true);
  });

  it("reads disabled and protected accounts live", async () => {
    const dora = await diagnose("dora@example.test");
    expect(dora.body.onPremises.facts).toContainEqual(
      expect.objectContaining({ path: "user.onPremises.disabled", value: true }),
    );
    const paul = await diagnose("paul@example.test");
    expect(codes(paul)).toContain("onprem_protected_account");
  });

  it("finds an undelegated service account's missing rights from the directory", async () => {
    await t.call(
      "PUT",
      `/tenants/${TENANT.domain}/directory`,
      configBody({ bindDn: AD_SERVICE.helpdesk.dn, bindPassword: AD_SERVICE.helpdesk.password }),
      t.admin,
    );
    t.deps.directory.liveFacts.forget(idOf("carol@example.test"));
    const d = await diagnose("carol@example.test");
    expect(d.body.onPremises.facts).toContainEqual(
      expect.objectContaining({
        path: "writeback.permissions",
        value: { resetPassword: false, writeLockoutTime: false, writePwdLastSet: false },
      }),
    );
    expect(codes(d)).toContain("writeback_missing_reset_permission");
  });

  it("reports a DC that is down as unreachable, with the facts unknown", async () => {
    await t.call(
      "PUT",
      `/tenants/${TENANT.domain}/directory`,
      configBody({ urls: ["ldaps://127.0.0.254:636"], timeoutMs: 1_000 }),
      t.admin,
    );
    const d = await diagnose("frank@example.test");
    expect(d.body.onPremises).toMatchObject({ status: "unknown", reason: { code: "writeback_connector_unreachable" } });
    expect(codes(d)).toContain("writeback_connector_unreachable");
  });
});
