/**
 * The Active Directory connector against a real Samba AD DC over LDAPS: a reset changes
 * the real password, reset + unlock is one modify, every refusal is classified from the
 * 8-hex-digit error word or the LDAP result code, a failed write leaves the old password
 * working, the account state and policy (domain and fine-grained) are read live, the
 * rights come from the directory, and a DC that is down (or untrusted TLS) is unreachable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeDirectoryConnector } from "../../src/directory/active-directory";
import type { DirectoryConfig } from "../../src/directory/directory-config";
import {
  AD_ADMIN,
  AD_BASE,
  AD_GROUPS,
  AD_PEOPLE,
  AD_SERVICE,
  adPassword,
  adUserDn,
  sambaMissing,
  startSambaAd,
  type SambaServer,
} from "./support/samba";
import { bindError, canBind, failBinds } from "./support/ldap-probe";
import { classify } from "../../src/directory/classify";

const missing = sambaMissing();
let server: SambaServer;
beforeAll(async () => {
  if (!missing) server = await startSambaAd("127.0.0.2");
}, 240_000);
afterAll(async () => server?.stop());

const config = (over: Partial<DirectoryConfig> = {}): DirectoryConfig => ({
  tenantId: "t-ad",
  kind: "ad",
  urls: [server.url],
  startTls: false,
  bindDn: AD_SERVICE.pwadmin.dn,
  bindPassword: AD_SERVICE.pwadmin.password,
  baseDn: AD_PEOPLE,
  groupBaseDn: AD_GROUPS,
  userFilter: "(&(objectCategory=person)(objectClass=user))",
  loginAttribute: "userPrincipalName",
  tlsCa: server.ca,
  tlsServername: server.servername,
  timeoutMs: 3_000,
  ...over,
});
const tls = () => ({ ca: [server.ca], servername: server.servername });
const write = (login: string, newPassword: string | undefined, unlock = false, cfg = config()) =>
  activeDirectoryConnector(cfg).write({ tenantId: "t-ad", userId: login, upn: login, newPassword, unlock });

describe.skipIf(missing)("activeDirectoryConnector.write", () => {
  it("changes the real password over LDAPS: the new one binds, the old one no longer does", async () => {
    expect(await write("alice@example.test", "Brand#New#Pass1")).toEqual({ ok: true });
    expect(await canBind(server.url, adUserDn("alice"), "Brand#New#Pass1", tls())).toBe(true);
    expect(await canBind(server.url, adUserDn("alice"), adPassword("alice"), tls())).toBe(false);
  });

  it("works over StartTLS on 389 (no tlsOptions in the constructor: ldapts' implicit-TLS trap)", async () => {
    expect(
      await write(
        "bob@example.test",
        "Start#Tls#Pass1",
        false,
        config({ urls: [`ldap://${server.address}:389`], startTls: true }),
      ),
    ).toEqual({ ok: true });
    expect(await canBind(server.url, adUserDn("bob"), "Start#Tls#Pass1", tls())).toBe(true);
  });

  it("classifies a too-short and a non-complex password as onprem_password_policy_rejected (0000052D) and keeps the old one", async () => {
    expect(await write("carol@example.test", "Sh#1")).toMatchObject({
      ok: false,
      code: "onprem_password_policy_rejected",
      evidence: { resultCode: 19, win32: "0000052D" },
    });
    expect(await write("carol@example.test", "abcdefghijkl")).toMatchObject({
      ok: false,
      code: "onprem_password_policy_rejected",
      evidence: { win32: "0000052D" },
    });
    expect(await canBind(server.url, adUserDn("carol"), adPassword("carol"), tls())).toBe(true);
  });

  it("refuses a disabled account as onprem_account_disabled (userAccountControl bit 2) without writing", async () => {
    expect(await write("dora@example.test", "Dora#New#Pass1")).toMatchObject({
      ok: false,
      code: "onprem_account_disabled",
      evidence: { diagnostic: "userAccountControl=514" },
    });
  });

  it("classifies not found and two matches (mail login) as onprem_account_not_found / onprem_account_ambiguous", async () => {
    expect(await write("nobody@example.test", "Whatever#Pass1")).toMatchObject({
      ok: false,
      code: "onprem_account_not_found",
    });
    expect(await write("twin@example.test", "Whatever#Pass1", false, config({ loginAttribute: "mail" }))).toMatchObject(
      { ok: false, code: "onprem_account_ambiguous" },
    );
  });

  it("classifies a reset and an unlock without delegation as the missing permission (50, 00002098)", async () => {
    const helpdesk = config({ bindDn: AD_SERVICE.helpdesk.dn, bindPassword: AD_SERVICE.helpdesk.password });
    expect(await write("dave@example.test", "Helpdesk#Pass1", false, helpdesk)).toMatchObject({
      ok: false,
      code: "writeback_missing_reset_permission",
      evidence: { resultCode: 50 },
    });
    expect(await write("dave@example.test", undefined, true, helpdesk)).toMatchObject({
      ok: false,
      code: "writeback_missing_unlock_permission",
      evidence: { resultCode: 50, win32: "00002098" },
    });
    expect(await canBind(server.url, adUserDn("dave"), adPassword("dave"), tls())).toBe(true);
  });

  it("resets and unlocks in one modify; a reset alone would leave the lock", async () => {
    await failBinds(server.url, adUserDn("erin"), 3, tls());
    expect((await activeDirectoryConnector(config()).readAccount("erin@example.test")).account.lockedOut).toBe(true);
    // Locked, even the right password fails with bind subcode 775.
    const err = await bindError(server.url, adUserDn("erin"), adPassword("erin"), tls());
    expect(classify("ad", "bind", err)).toMatchObject({
      code: "onprem_account_locked",
      evidence: { resultCode: 49, bindData: "775" },
    });
    expect(await write("erin@example.test", "Unlocked#Pass1", true)).toEqual({ ok: true });
    expect(await canBind(server.url, adUserDn("erin"), "Unlocked#Pass1", tls())).toBe(true);
  });

  it("unlocks without a reset (lockoutTime=0): the old password binds again", async () => {
    await failBinds(server.url, adUserDn("frank"), 3, tls());
    expect(await canBind(server.url, adUserDn("frank"), adPassword("frank"), tls())).toBe(false);
    expect(await write("frank@example.test", undefined, true)).toEqual({ ok: true });
    expect(await canBind(server.url, adUserDn("frank"), adPassword("frank"), tls())).toBe(true);
  });

  it("reports a DC that does not answer as unreachable, an untrusted certificate as a TLS problem, and fails over", async () => {
    const down = config({ urls: ["ldaps://127.0.0.254:636"], timeoutMs: 1_000 });
    expect(await write("frank@example.test", "Frank#New#Pass1", false, down)).toMatchObject({
      ok: false,
      code: "writeback_connector_unreachable",
    });
    const untrusted = config({ tlsCa: undefined });
    expect(await write("frank@example.test", "Frank#New#Pass1", false, untrusted)).toMatchObject({
      ok: false,
      code: "writeback_connector_unreachable",
      evidence: { tls: true },
    });
    expect(await activeDirectoryConnector(untrusted).heartbeat()).toMatchObject({
      ok: false,
      failure: { code: "writeback_connector_unreachable", evidence: { tls: true } },
    });
    const wrongName = config({ tlsServername: "not-the-dc.example.test" });
    expect(await activeDirectoryConnector(wrongName).heartbeat()).toMatchObject({
      ok: false,
      failure: { evidence: { tls: true, network: "ERR_TLS_CERT_ALTNAME_INVALID" } },
    });
    expect(
      await write(
        "frank@example.test",
        "Frank#New#Pass2",
        false,
        config({ urls: ["ldaps://127.0.0.254:636", server.url], timeoutMs: 1_000 }),
      ),
    ).toEqual({ ok: true });
  });
});

describe.skipIf(missing)("activeDirectoryConnector reads", () => {
  it("reads lockout, disabled, protected and the domain policy live", async () => {
    await failBinds(server.url, adUserDn("dave"), 3, tls());
    const dave = await activeDirectoryConnector(config()).readAccount("dave@example.test");
    expect(dave.account).toMatchObject({
      dn: adUserDn("dave"),
      lockedOut: true,
      disabled: false,
      protectedAccount: false,
    });
    expect(dave.policy).toEqual({
      minLength: 8,
      complexity: true,
      historyCount: 5,
      minAgeSeconds: 0,
      lockoutThreshold: 3,
      source: AD_BASE,
    });
    expect(dave.account.passwordLastSetAt).toMatch(/^20\d\d-/);
    expect((await activeDirectoryConnector(config()).readAccount("dora@example.test")).account.disabled).toBe(true);
    const disabledBind = await bindError(server.url, adUserDn("dora"), adPassword("dora"), tls());
    expect(classify("ad", "bind", disabledBind)).toMatchObject({
      code: "onprem_account_disabled",
      evidence: { bindData: "533" },
    });
    expect((await activeDirectoryConnector(config()).readAccount("paul@example.test")).account.protectedAccount).toBe(
      true,
    );
  });

  it("reads the fine-grained policy (msDS-ResultantPSO) when the service account may read the PSO", async () => {
    const admin = config({ bindDn: AD_ADMIN.dn, bindPassword: AD_ADMIN.password });
    const grace = await activeDirectoryConnector(admin).readAccount("grace@example.test");
    expect(grace.policy).toMatchObject({ minLength: 12, historyCount: 10, complexity: true });
    expect(grace.policy.source).toMatch(/^CN=strict,CN=Password Settings Container/);
  });

  it("falls back to the domain policy, and says so, when the PSO is not readable (the default for a delegated account)", async () => {
    const grace = await activeDirectoryConnector(config()).readAccount("grace@example.test");
    expect(grace.policy).toMatchObject({ minLength: 8, historyCount: 5 });
    expect(grace.policy.source).toMatch(/the PSO CN=strict,.* was not readable/);
  });

  it("reads the rights from the directory: delegated account yes, helpdesk no", async () => {
    expect(await activeDirectoryConnector(config()).readRights("carol@example.test")).toMatchObject({
      resetPassword: true,
      writeLockoutTime: true,
      writePwdLastSet: true,
    });
    const helpdesk = config({ bindDn: AD_SERVICE.helpdesk.dn, bindPassword: AD_SERVICE.helpdesk.password });
    expect(await activeDirectoryConnector(helpdesk).readRights("carol@example.test")).toMatchObject({
      resetPassword: false,
      writeLockoutTime: false,
      writePwdLastSet: false,
    });
  });

  it("answers a heartbeat, and lists nested groups with the in-chain rule", async () => {
    expect(await activeDirectoryConnector(config()).heartbeat()).toMatchObject({ ok: true, url: server.url });
    const groups = await activeDirectoryConnector(config()).transitiveGroupsOf(adUserDn("alice"));
    expect(groups.map((g) => g.toLowerCase()).sort()).toEqual(
      [`cn=engineering,${AD_GROUPS}`, `cn=staff,${AD_GROUPS}`, `cn=vpn-users,${AD_GROUPS}`].map((g) => g.toLowerCase()),
    );
  });
});
