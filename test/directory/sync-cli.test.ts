/**
 * `npm run sync:directory -- <tenant>` as an operator runs it: a database file, the
 * secret key in the environment, a real slapd. It imports, reports, and a second run
 * changes nothing.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDb } from "../../src/db/client";
import { saveDirectoryConfig } from "../../src/db/directory-configs";
import { sealSecret, secretKeyFrom } from "../../src/directory/secret-box";
import { OL_BASE, OL_GROUPS, OL_PEOPLE, OL_SERVICE, startOpenLdap, type OpenLdapServer } from "./support/openldap";
import { removeTempDir, trackTempDir } from "./support/processes";

const run = promisify(execFile);
const KEY = "ab".repeat(32);
let server: OpenLdapServer;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  server = await startOpenLdap();
  dir = mkdtempSync(join(tmpdir(), "sspr-sync-cli-"));
  trackTempDir(dir);
  dbPath = join(dir, "sspr.db");
  const { db, close } = openDb(dbPath);
  db.$client.prepare("INSERT INTO tenants (id, name, domain) VALUES ('tnt-example', 'Example', 'example.test')").run();
  db.$client.prepare(`INSERT INTO policies (tenant_id, methods_allowed) VALUES ('tnt-example', '["email"]')`).run();
  saveDirectoryConfig(db, {
    tenantId: "tnt-example",
    kind: "openldap",
    urls: [server.url],
    startTls: false,
    bindDn: OL_SERVICE.pwreset.dn,
    bindSecretEnc: sealSecret(secretKeyFrom(KEY), OL_SERVICE.pwreset.password),
    baseDn: OL_PEOPLE,
    groupBaseDn: OL_GROUPS,
    userFilter: "(objectClass=inetOrgPerson)",
    loginAttribute: "mail",
    defaultPolicyDn: `cn=default,ou=policies,${OL_BASE}`,
    timeoutMs: 2_000,
    updatedAt: new Date().toISOString(),
  });
  close();
}, 30_000);
afterAll(async () => {
  await server?.stop();
  if (dir) removeTempDir(dir);
});

const sync = () =>
  run(process.execPath, ["--import", "tsx", "src/cli/sync-directory.ts", "example.test"], {
    env: { ...process.env, SSPR_DB: dbPath, SSPR_SECRET_KEY: KEY, SSPR_CACHE_DIR: join(dir, "cache") },
    timeout: 30_000,
  });

it("imports people, groups and nesting with progress, and a second run changes nothing", async () => {
  const first = await sync();
  expect(first.stdout).toContain(
    "example.test: 7 users created, 0 updated, 3 groups, 3 direct memberships, 2 nestings",
  );
  expect(first.stdout).toContain("not imported: twin@example.test names several directory objects");
  expect(first.stderr).toMatch(/users: 10\/10/);
  const second = await sync();
  expect(second.stdout).toContain("0 users created, 0 updated");
}, 60_000);

it("fails with a clear message without the secret key", async () => {
  await expect(
    run(process.execPath, ["--import", "tsx", "src/cli/sync-directory.ts", "example.test"], {
      env: { ...process.env, SSPR_DB: dbPath, SSPR_SECRET_KEY: "" },
      timeout: 30_000,
    }),
  ).rejects.toMatchObject({ stderr: expect.stringContaining("SSPR_SECRET_KEY") });
}, 60_000);
