/**
 * The password pre-flight against a real slapd: a verified person learns which rule of
 * the cloud or of the directory's effective policy (read live) their new password breaks,
 * before submitting; an unverified flow may not ask. Plus the pure rule function.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflightPassword } from "../../src/domain/password-preflight";
import { syncDirectory } from "../../src/directory/sync";
import {
  OL_BASE,
  OL_GROUPS,
  OL_PEOPLE,
  OL_SERVICE,
  olUserDn,
  startOpenLdap,
  type OpenLdapServer,
} from "./support/openldap";
import { directoryApp, TENANT, verifiedFlow, type DirectoryApp } from "./support/directory-app";

const cloud = { upn: "grace@example.test", displayName: "Grace Example", tenantName: "Example", bannedWords: [] };

describe("preflightPassword", () => {
  it("names the cloud rule and each directory rule a password breaks", () => {
    const r = preflightPassword("abcdefghij", {
      cloud,
      directory: { minLength: 12, complexity: true, historyCount: 5, minAgeSeconds: 0, source: "x" },
      now: new Date(),
    });
    expect(r.failures.map((f) => f.rule)).toEqual(
      expect.arrayContaining(["directory_min_length", "directory_complexity"]),
    );
    expect(r.failures.every((f) => f.en && f.lv)).toBe(true);
    expect(r.notes.map((n) => n.rule)).toEqual(["directory_history"]);
  });

  it("names the directory's min age with the time left", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const r = preflightPassword("Quiet-Meadow-Sparrow-71", {
      cloud,
      directory: {
        minLength: 8,
        complexity: false,
        historyCount: 0,
        minAgeSeconds: 86_400,
        passwordLastSetAt: "2026-11-30T11:00:00Z",
        source: "x",
      },
      now,
    });
    expect(r.failures).toEqual([
      expect.objectContaining({ rule: "directory_min_age", en: expect.stringContaining("23 h") }),
    ]);
  });
});

let server: OpenLdapServer;
let t: DirectoryApp;
beforeAll(async () => {
  server = await startOpenLdap();
  t = await directoryApp();
  await t.call(
    "PUT",
    `/tenants/${TENANT.domain}/directory`,
    {
      kind: "openldap",
      urls: [server.url],
      bindDn: OL_SERVICE.pwreset.dn,
      bindPassword: OL_SERVICE.pwreset.password,
      baseDn: OL_PEOPLE,
      groupBaseDn: OL_GROUPS,
      loginAttribute: "mail",
      defaultPolicyDn: `cn=default,ou=policies,${OL_BASE}`,
      canaryDn: olUserDn("sspr-canary"),
    },
    t.admin,
  );
  await syncDirectory(t.db, TENANT.id, t.deps.directory.registry.directoryFor(TENANT.id)!);
  t.enrolEveryone();
}, 30_000);
afterAll(async () => {
  t?.close();
  await server?.stop();
});

describe("POST /reset/{flowId}/password-check", () => {
  it("tells a verified person the directory's own length rule (grace's strict policy: 12) before submit", async () => {
    const flowId = await verifiedFlow(t, "grace@example.test");
    const res = await t.call("POST", `/reset/${flowId}/password-check`, { newPassword: "Lantern-42x" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, directoryPolicy: { minLength: 12, historyCount: 10 } });
    expect(res.body.failures).toEqual([expect.objectContaining({ rule: "directory_min_length", source: "directory" })]);
    const fine = await t.call("POST", `/reset/${flowId}/password-check`, { newPassword: "Quiet-Meadow-Sparrow-71" });
    expect(fine.body).toMatchObject({ ok: true, failures: [] });
  });

  it("refuses a flow that is not verified, as problem+json", async () => {
    const started = await t.call("POST", "/reset/start", { login: "bob@example.test" });
    const res = await t.call("POST", `/reset/${started.body.flowId}/password-check`, { newPassword: "whatever-123" });
    expect(res.status).toBe(409);
    expect(res.type).toContain("application/problem+json");
  });
});
