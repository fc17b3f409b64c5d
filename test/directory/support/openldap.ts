/**
 * A private slapd for one test file: OpenLDAP 2.5 with ppolicy and dynlist (nested
 * memberOf), built from the fixtures in test/directory/fixtures/openldap into a fresh
 * temp folder, listening on 127.0.0.1 at a free port. Building and starting take about
 * a second; `stop()` ends slapd by PID and removes the folder.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  freePort,
  removeTempDir,
  requireBinary,
  startProcess,
  stopProcess,
  trackTempDir,
  waitForPort,
} from "./processes";

const FIXTURES = fileURLToPath(new URL("../fixtures/openldap/", import.meta.url));

export const OL_BASE = "dc=example,dc=test";
export const OL_PEOPLE = `ou=people,${OL_BASE}`;
export const OL_GROUPS = `ou=groups,${OL_BASE}`;
export const OL_ROOT = { dn: `cn=admin,${OL_BASE}`, password: "RootSecret123" };
/** Service accounts: manage (policy bypass), write (policy enforced), and read-only. */
export const OL_SERVICE = {
  pwadmin: { dn: `cn=pwadmin,ou=services,${OL_BASE}`, password: "Svc#Admin#Pass1" },
  pwreset: { dn: `cn=pwreset,ou=services,${OL_BASE}`, password: "Svc#Reset#Pass1" },
  helpdesk: { dn: `cn=helpdesk,ou=services,${OL_BASE}`, password: "Svc#Helpdesk#Pass1" },
} as const;
/** Every seeded person's first password. */
export const olPassword = (uid: string) => `Initial#${uid}1`;
export const olUserDn = (uid: string) => `uid=${uid},${OL_PEOPLE}`;

export type OpenLdapServer = { url: string; port: number; dir: string; log: () => string; stop: () => Promise<void> };

/** RFC 2307 {SSHA}: SHA-1 over password + salt, then the salt, base64. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash("sha1").update(password).update(salt).digest(), salt]).toString("base64")}`;
}

function seedLdif(): string {
  const passwords: Record<string, string> = Object.fromEntries(
    Object.entries(OL_SERVICE).map(([k, v]) => [k, v.password]),
  );
  return readFileSync(join(FIXTURES, "base.ldif"), "utf8").replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    ssha(passwords[name] ?? olPassword(name)),
  );
}

export async function startOpenLdap(): Promise<OpenLdapServer> {
  requireBinary("/usr/sbin/slapd", "slapd");
  requireBinary("/usr/sbin/slapadd", "slapd");
  const dir = mkdtempSync(join(tmpdir(), "sspr-slapd-"));
  trackTempDir(dir);
  mkdirSync(join(dir, "db"));
  const conf = join(dir, "slapd.conf");
  writeFileSync(conf, readFileSync(join(FIXTURES, "slapd.conf"), "utf8").replaceAll("@WORK@", dir));
  writeFileSync(join(dir, "base.ldif"), seedLdif());
  execFileSync("/usr/sbin/slapadd", ["-q", "-f", conf, "-l", join(dir, "base.ldif")], { stdio: "pipe" });
  const port = await freePort();
  let logText = "";
  const url = `ldap://127.0.0.1:${port}/`;
  const child: ChildProcess = startProcess("/usr/sbin/slapd", ["-f", conf, "-h", url, "-d", "256"], {
    logTo: (s) => (logText = (logText + s).slice(-20_000)),
  });
  try {
    await waitForPort("127.0.0.1", port, child, () => logText);
  } catch (e) {
    await stopProcess(child);
    removeTempDir(dir);
    throw e;
  }
  return {
    url: `ldap://127.0.0.1:${port}`,
    port,
    dir,
    log: () => logText,
    stop: async () => {
      await stopProcess(child);
      removeTempDir(dir);
    },
  };
}
