/**
 * OpenLDAP end to end through the API: an admin configures the directory (the secret
 * never comes back), sync imports people and nested groups (twice: nothing changes), a
 * person resets through /reset and the real password changes, a locked account's live
 * lockout shows in the diagnosis with its source and is unlocked through the API, the
 * directory's refusal reaches the person classified, an unprivileged service account
 * shows as missing rights, and a directory that is down shows as unreachable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDirectory } from "../../src/directory/sync";
import {
  OL_BASE,
  OL_GROUPS,
  OL_PEOPLE,
  OL_SERVICE,
  olPassword,
  olUserDn,
  startOpenLdap,
  type OpenLdapServer,
} from "./support/openldap";
import { canBind, failBinds } from "./support/ldap-probe";
import { freePort } from "./support/processes";
import { directoryApp, TENANT, verifiedFlow, verifyStep, type DirectoryApp } from "./support/directory-app";

let server: OpenLdapServer;
let t: DirectoryApp;
beforeAll(async () => {
  server = await startOpenLdap();
  t = await directoryApp();
}, 30_000);
afterAll(async () => {
  t?.close();
  await server?.stop();
});

const configBody = (over: Record<string, unknown> = {}) => ({
  kind: "openldap",
  urls: [server.url],
  bindDn: OL_SERVICE.pwreset.dn,
  bindPassword: OL_SERVICE.pwreset.password,
  baseDn: OL_PEOPLE,
  groupBaseDn: OL_GROUPS,
  loginAttribute: "mail",
  defaultPolicyDn: `cn=default,ou=policies,${OL_BASE}`,
  canaryDn: olUserDn("sspr-canary"),
  timeoutMs: 2_000,
  ...over,
});
const diagnose = (login: string) => t.call("POST", "/diagnose", { user: login }, t.support);
const codes = (d: { body: Record<string, any> }) => (d.body.findings as { code: string }[]).map((f) => f.code);

describe("configuring the directory", () => {
  it("stores the configuration for admins only, and never returns or stores the secret in the clear", async () => {
    expect((await t.call("PUT", `/tenants/${TENANT.domain}/directory`, configBody(), t.support)).status).toBe(403);
    const put = await t.call("PUT", `/tenants/${TENANT.domain}/directory`, configBody(), t.admin);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: "openldap", urls: [server.url], hasSecret: true });
    expect(JSON.stringify(put.body)).not.toContain(OL_SERVICE.pwreset.password);
    const got = await t.call("GET", `/tenants/${TENANT.domain}/directory`, undefined, t.admin);
    expect(JSON.stringify(got.body)).not.toContain(OL_SERVICE.pwreset.password);
    const stored = t.db.$client.prepare("SELECT bind_secret_enc FROM directory_configs").pluck().get() as string;
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(OL_SERVICE.pwreset.password);
  });

  it("refuses a bad configuration as problem+json naming the field", async () => {
    const bad = await t.call("PUT", `/tenants/${TENANT.domain}/directory`, configBody({ urls: ["http://x"] }), t.admin);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.field).toMatch(/^urls/);
  });

  it("beats: bind + rootDSE sets the writeback status and heartbeat time", async () => {
    const hb = await t.call("POST", `/tenants/${TENANT.domain}/directory/heartbeat`, undefined, t.admin);
    expect(hb.body).toMatchObject({ ok: true, url: server.url });
    expect(
      t.db.$client
        .prepare("SELECT status, last_heartbeat_at FROM writeback_connectors WHERE tenant_id = ?")
        .get(TENANT.id),
    ).toEqual({ status: "healthy", last_heartbeat_at: t.clock.now().toISOString() });
  });
});

describe("sync", () => {
  it("imports people and nested groups as synced users, and a second run changes nothing", async () => {
    const directory = t.deps.directory.registry.directoryFor(TENANT.id)!;
    const first = await syncDirectory(t.db, TENANT.id, directory);
    t.enrolEveryone();
    expect(first).toMatchObject({
      usersCreated: 7,
      usersUpdated: 0,
      ambiguous: ["twin@example.test"],
      groups: 3,
      memberships: 3,
      nesting: 2,
      transitiveMismatches: [],
    });
    const again = await syncDirectory(t.db, TENANT.id, directory);
    expect(again).toMatchObject({ usersCreated: 0, usersUpdated: 0, memberships: 3, nesting: 2 });
    const alice = t.db.$client.prepare("SELECT source, directory_dn FROM users WHERE upn = 'alice@example.test'").get();
    expect(alice).toEqual({ source: "synced", directory_dn: olUserDn("alice") });
    // alice → engineering → staff → vpn-users, as the snapshot loader sees it
    const { snapshotForUser } = await import("../../src/db/snapshots");
    const groups = snapshotForUser(t.db, t.clock.now(), "alice@example.test")!.snapshot.user!.groups;
    const names = new Map(
      (t.db.$client.prepare("SELECT id, name FROM groups").all() as { id: string; name: string }[]).map((g) => [
        g.id,
        g.name,
      ]),
    );
    expect(groups.map((g) => [names.get(g.id), g.direct]).sort()).toEqual([
      ["engineering", true],
      ["staff", false],
      ["vpn-users", false],
    ]);
  });
});

describe("a reset through the API", () => {
  it("changes the real password: the new one binds in slapd, the old one does not", async () => {
    const flowId = await verifiedFlow(t, "alice@example.test");
    const done = await t.call("POST", `/reset/${flowId}/complete`, { newPassword: "Quiet-Meadow-Sparrow-71" });
    expect(done.body).toMatchObject({ status: "completed", passwordChanged: true, writeback: "written" });
    expect(await canBind(server.url, olUserDn("alice"), "Quiet-Meadow-Sparrow-71")).toBe(true);
    expect(await canBind(server.url, olUserDn("alice"), olPassword("alice"))).toBe(false);
  });

  it("hands the directory's refusal to the person classified (within pwdMinAge → onprem_min_password_age) and keeps the password", async () => {
    const flowId = await verifiedFlow(t, "alice@example.test");
    const res = await t.call("POST", `/reset/${flowId}/complete`, { newPassword: "Velvet-Harbor-Otter-38" });
    expect(res.status).toBe(400);
    expect(res.type).toContain("application/problem+json");
    expect(res.body.code).toBe("onprem_min_password_age");
    expect(await canBind(server.url, olUserDn("alice"), "Quiet-Meadow-Sparrow-71")).toBe(true);
  });

  it("shows a live lockout in the diagnosis with its source, then unlocks it through the API", async () => {
    await failBinds(server.url, olUserDn("erin"), 3);
    const d = await diagnose("erin@example.test");
    expect(codes(d)).toContain("onprem_account_locked");
    expect(d.body.onPremises).toMatchObject({
      status: "read",
      source: server.url,
      readAt: t.clock.now().toISOString(),
    });
    expect(d.body.onPremises.facts).toContainEqual({
      path: "user.onPremises.lockedOut",
      value: true,
      source: server.url,
      readAt: t.clock.now().toISOString(),
    });
    const flowId = await verifiedFlow(t, "erin@example.test");
    const res = await t.call("POST", `/reset/${flowId}/complete`, { unlockOnly: true });
    expect(res.body).toMatchObject({ status: "unlocked", passwordChanged: false });
    expect(await canBind(server.url, olUserDn("erin"), olPassword("erin"))).toBe(true);
  });
});

describe("permissions and health", () => {
  it("finds missing rights from the directory when the service account is unprivileged", async () => {
    await t.call(
      "PUT",
      `/tenants/${TENANT.domain}/directory`,
      configBody({ bindDn: OL_SERVICE.helpdesk.dn, bindPassword: OL_SERVICE.helpdesk.password }),
      t.admin,
    );
    t.deps.directory.liveFacts.forget(
      t.db.$client.prepare("SELECT id FROM users WHERE upn = 'bob@example.test'").pluck().get() as string,
    );
    const d = await diagnose("bob@example.test");
    expect(d.body.onPremises.facts).toContainEqual(
      expect.objectContaining({
        path: "writeback.permissions",
        value: { resetPassword: false, writeLockoutTime: false, writePwdLastSet: false },
      }),
    );
    expect(codes(d)).toContain("writeback_missing_reset_permission");
    // The live facts feed the flow's early diagnosis: the person learns it right after verifying, before choosing a password.
    const v = await verifyStep(t, "bob@example.test");
    expect(v.status).toBe(403);
    expect(v.body.code).toBe("writeback_missing_reset_permission");
    expect(await canBind(server.url, olUserDn("bob"), olPassword("bob"))).toBe(true);
  });

  it("reports a directory that is down as unreachable, with the facts unknown", async () => {
    await t.call(
      "PUT",
      `/tenants/${TENANT.domain}/directory`,
      configBody({ urls: [`ldap://127.0.0.1:${await freePort()}`] }),
      t.admin,
    );
    const d = await diagnose("carol@example.test");
    expect(d.body.onPremises).toMatchObject({
      status: "unknown",
      reason: { code: "writeback_connector_unreachable", evidence: { network: "ECONNREFUSED" } },
    });
    expect(d.body.onPremises.unknown).toContain("user.onPremises.lockedOut");
    expect(codes(d)).toContain("writeback_connector_unreachable");
  });
});
