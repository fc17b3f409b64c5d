/**
 * The OpenLDAP connector against a real slapd (ppolicy, dynlist): a reset changes the
 * real password, every refusal is classified from the server's own codes, a failed write
 * leaves the old password working, lockout and policy are read live, rights are found
 * out on the canary, and a directory that is down is reported as unreachable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLdapConnector } from "../../src/directory/openldap";
import type { DirectoryConfig } from "../../src/directory/directory-config";
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
import { bindError, canBind, failBinds } from "./support/ldap-probe";
import { classify } from "../../src/directory/classify";
import { PasswordPolicyControl } from "../../src/directory/ppolicy-control";
import { freePort } from "./support/processes";

let server: OpenLdapServer;
beforeAll(async () => {
  server = await startOpenLdap();
}, 30_000);
afterAll(async () => server?.stop());

const config = (over: Partial<DirectoryConfig> = {}): DirectoryConfig => ({
  tenantId: "t-ol",
  kind: "openldap",
  urls: [server.url],
  startTls: false,
  bindDn: OL_SERVICE.pwreset.dn,
  bindPassword: OL_SERVICE.pwreset.password,
  baseDn: OL_PEOPLE,
  groupBaseDn: OL_GROUPS,
  userFilter: "(objectClass=inetOrgPerson)",
  loginAttribute: "mail",
  defaultPolicyDn: `cn=default,ou=policies,${OL_BASE}`,
  canaryDn: olUserDn("sspr-canary"),
  timeoutMs: 2_000,
  ...over,
});
const write = (login: string, newPassword: string | undefined, unlock = false, cfg = config()) =>
  openLdapConnector(cfg).write({ tenantId: "t-ol", userId: login, upn: login, newPassword, unlock });

describe("openLdapConnector.write", () => {
  it("changes the real password: the new one binds, the old one no longer does", async () => {
    expect(await write("alice@example.test", "Brand#New#Pass1")).toEqual({ ok: true });
    expect(await canBind(server.url, olUserDn("alice"), "Brand#New#Pass1")).toBe(true);
    expect(await canBind(server.url, olUserDn("alice"), olPassword("alice"))).toBe(false);
  });

  it("classifies a password reset again within pwdMinAge as onprem_min_password_age (ppolicy passwordTooYoung)", async () => {
    const r = await write("alice@example.test", "Another#Pass22");
    expect(r).toMatchObject({
      ok: false,
      code: "onprem_min_password_age",
      evidence: { resultCode: 19, ppolicy: "passwordTooYoung" },
    });
    expect(await canBind(server.url, olUserDn("alice"), "Brand#New#Pass1")).toBe(true);
  });

  it("classifies a too-short password as onprem_password_policy_rejected and leaves the old password working", async () => {
    const r = await write("bob@example.test", "short");
    expect(r).toMatchObject({
      ok: false,
      code: "onprem_password_policy_rejected",
      evidence: { resultCode: 19, ppolicy: "passwordTooShort" },
    });
    expect(await canBind(server.url, olUserDn("bob"), olPassword("bob"))).toBe(true);
  });

  it("classifies the current password as password_recently_used (ppolicy passwordInHistory)", async () => {
    const r = await write("carol@example.test", olPassword("carol"));
    expect(r).toMatchObject({ ok: false, code: "password_recently_used", evidence: { ppolicy: "passwordInHistory" } });
  });

  it("classifies an unknown login as onprem_account_not_found and two matches as onprem_account_ambiguous", async () => {
    expect(await write("nobody@example.test", "Whatever#Pass1")).toMatchObject({
      ok: false,
      code: "onprem_account_not_found",
    });
    expect(await write("twin@example.test", "Whatever#Pass1")).toMatchObject({
      ok: false,
      code: "onprem_account_ambiguous",
    });
  });

  it("classifies a reset and an unlock by an account without rights as the missing permission (result 50)", async () => {
    const helpdesk = config({ bindDn: OL_SERVICE.helpdesk.dn, bindPassword: OL_SERVICE.helpdesk.password });
    expect(await write("dave@example.test", "Helpdesk#Pass1", false, helpdesk)).toMatchObject({
      ok: false,
      code: "writeback_missing_reset_permission",
      evidence: { resultCode: 50 },
    });
    expect(await write("dave@example.test", undefined, true, helpdesk)).toMatchObject({
      ok: false,
      code: "writeback_missing_unlock_permission",
      evidence: { resultCode: 50 },
    });
    expect(await canBind(server.url, olUserDn("dave"), olPassword("dave"))).toBe(true);
  });

  it("unlocks a locked account without changing its password", async () => {
    await failBinds(server.url, olUserDn("erin"), 3);
    expect(await canBind(server.url, olUserDn("erin"), olPassword("erin"))).toBe(false);
    // Locked, even the right password fails: 49 with an empty text; only the ppolicy control says why.
    const control = new PasswordPolicyControl();
    const err = await bindError(server.url, olUserDn("erin"), olPassword("erin"), undefined, control);
    expect(classify("openldap", "bind", err, control.error)).toMatchObject({
      code: "onprem_account_locked",
      evidence: { resultCode: 49, ppolicy: "accountLocked" },
    });
    expect((await openLdapConnector(config()).readAccount("erin@example.test")).account.lockedOut).toBe(true);
    expect(await write("erin@example.test", undefined, true)).toEqual({ ok: true });
    expect(await canBind(server.url, olUserDn("erin"), olPassword("erin"))).toBe(true);
  });

  it("reports a directory that does not answer as writeback_connector_unreachable, and fails over to the next URL", async () => {
    const dead = `ldap://127.0.0.1:${await freePort()}`;
    expect(await write("frank@example.test", "Frank#New#Pass1", false, config({ urls: [dead] }))).toMatchObject({
      ok: false,
      code: "writeback_connector_unreachable",
      evidence: { network: "ECONNREFUSED" },
    });
    expect(await write("frank@example.test", "Frank#New#Pass1", false, config({ urls: [dead, server.url] }))).toEqual({
      ok: true,
    });
  });
});

describe("openLdapConnector reads", () => {
  it("reads the lockout, password age, must-change and the effective policy live", async () => {
    await failBinds(server.url, olUserDn("dave"), 3);
    const live = await openLdapConnector(config()).readAccount("dave@example.test");
    expect(live.account).toMatchObject({ dn: olUserDn("dave"), lockedOut: true, mustChangePasswordAtNextLogon: false });
    expect(live.account.raw.pwdFailureTime).toHaveLength(3);
    expect(live.policy).toEqual({
      minLength: 8,
      complexity: false,
      historyCount: 5,
      minAgeSeconds: 5,
      lockoutThreshold: 3,
      source: `cn=default,ou=policies,${OL_BASE}`,
    });
    const grace = await openLdapConnector(config()).readAccount("grace@example.test");
    expect(grace.policy).toMatchObject({ minLength: 12, historyCount: 10, source: `cn=strict,ou=policies,${OL_BASE}` });
    expect(live.url).toBe(server.url);
  });

  it("reads the service account's rights from the directory (canary), privileged and not", async () => {
    expect(await openLdapConnector(config()).readRights("x")).toMatchObject({
      resetPassword: true,
      writeLockoutTime: true,
      writePwdLastSet: true,
    });
    const helpdesk = config({ bindDn: OL_SERVICE.helpdesk.dn, bindPassword: OL_SERVICE.helpdesk.password });
    expect(await openLdapConnector(helpdesk).readRights("x")).toMatchObject({
      resetPassword: false,
      writeLockoutTime: false,
      writePwdLastSet: false,
    });
  });

  it("answers a heartbeat with bind + rootDSE, and a dead one with the reason", async () => {
    expect(await openLdapConnector(config()).heartbeat()).toMatchObject({ ok: true, url: server.url });
    const dead = `ldap://127.0.0.1:${await freePort()}`;
    expect(await openLdapConnector(config({ urls: [dead] })).heartbeat()).toMatchObject({
      ok: false,
      failure: { code: "writeback_connector_unreachable" },
    });
  });

  it("lists nested group membership transitively through dynlist memberOf", async () => {
    const groups = await openLdapConnector(config()).transitiveGroupsOf(olUserDn("alice"));
    expect(groups.sort()).toEqual([
      `cn=engineering,${OL_GROUPS}`,
      `cn=staff,${OL_GROUPS}`,
      `cn=vpn-users,${OL_GROUPS}`,
    ]);
  });
});
