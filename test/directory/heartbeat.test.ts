/**
 * Heartbeats: a real directory's status comes only from the directory (the demo's
 * simulated heartbeats never freshen it), and the scheduled heartbeat marks a directory
 * that stops answering unreachable and a healthy one healthy.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDirectoryHeartbeats } from "../../src/directory/heartbeat";
import { startSimulatedHeartbeats } from "../../src/writeback/simulated";
import { OL_PEOPLE, OL_SERVICE, startOpenLdap, type OpenLdapServer } from "./support/openldap";
import { directoryApp, TENANT, type DirectoryApp } from "./support/directory-app";

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
      timeoutMs: 1_000,
    },
    t.admin,
  );
}, 30_000);
afterAll(async () => {
  t?.close();
  await server?.stop();
});

const state = () =>
  t.db.$client
    .prepare("SELECT status, last_heartbeat_at AS at FROM writeback_connectors WHERE tenant_id = ?")
    .get(TENANT.id) as { status: string; at: string | null };

it("never lets the simulated heartbeats freshen a real directory", () => {
  startSimulatedHeartbeats(t.db, t.clock)();
  expect(state().at).toBeNull();
});

it("marks the directory healthy while it answers and unreachable once it stops", async () => {
  const results: boolean[] = [];
  const stop = startDirectoryHeartbeats(
    t.db,
    t.clock,
    t.deps.directory.registry,
    (_tenant, r) => results.push(r.ok),
    100,
  );
  try {
    for (let i = 0; i < 100 && results.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(state()).toEqual({ status: "healthy", at: t.clock.now().toISOString() });
    await server.stop();
    for (let i = 0; i < 100 && state().status !== "unreachable"; i++) await new Promise((r) => setTimeout(r, 20));
    expect(state().status).toBe("unreachable");
  } finally {
    stop();
  }
});
