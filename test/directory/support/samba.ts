/**
 * A private Samba AD DC for one test file. Provisioning costs 7–14 s and seeding more,
 * so it happens once per machine into `.cache/samba-template-v<N>/` (provision, first start
 * to generate the TLS keys, seed over LDAP, stop); each test file then copies the
 * template into a temp folder (~50 ms), points smb.conf at the copy and at its own
 * loopback address (Samba's LDAP ports 389/636 cannot move: instances are told apart by
 * address, 127.0.0.x/8), and starts it in ~1 s. `stop()` ends samba by PID and removes
 * the copy. In CI a missing `samba` binary is a failure unless .ci/run could not install
 * the package (SSPR_SAMBA_UNINSTALLABLE=1); otherwise `sambaMissing()` lets a test file
 * skip — loudly.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Attribute, Change, Client } from "ldapts";
import { removeTempDir, startProcess, stopProcess, trackTempDir, waitForPort } from "./processes";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
/** Bump when the provisioning or the seed changes: a template of another version is never reused. */
const TEMPLATE_VERSION = 1;
const TEMPLATE = join(REPO, ".cache", `samba-template-v${TEMPLATE_VERSION}`);
const LOCK = `${TEMPLATE}.lock`;
const SAMBA = "/usr/sbin/samba";
const SAMBA_TOOL = "/usr/bin/samba-tool";
/** The address the one-time template build listens on (never used by a test file). */
const BUILD_ADDRESS = "127.0.0.9";

export const AD_BASE = "DC=example,DC=test";
export const AD_PEOPLE = `OU=People,${AD_BASE}`;
export const AD_GROUPS = `OU=Groups,${AD_BASE}`;
export const AD_ADMIN = {
  dn: `CN=Administrator,CN=Users,${AD_BASE}`,
  upn: "Administrator@example.test",
  password: "Adm1n#Passw0rd!",
};
export const AD_SERVICE = {
  pwadmin: { dn: `CN=pwadmin,OU=Services,${AD_BASE}`, password: "Svc#Admin#Pass1" },
  helpdesk: { dn: `CN=helpdesk,OU=Services,${AD_BASE}`, password: "Svc#Helpdesk#Pass1" },
} as const;
export const adPassword = (name: string) => `Initial#${name}1`;
export const adUserDn = (name: string) => `CN=${name},${AD_PEOPLE}`;
const PEOPLE = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "dora", "paul", "twin1", "twin2"];

export type SambaServer = {
  address: string;
  url: string;
  ca: string;
  servername: string;
  dir: string;
  log: () => string;
  stop: () => Promise<void>;
};

/** Why Samba cannot run here, or undefined. In CI (CI=true) a missing binary throws instead. */
export function sambaMissing(): string | undefined {
  if (existsSync(SAMBA) && existsSync(SAMBA_TOOL)) return undefined;
  const why = `${SAMBA} is missing: the 'samba' package is not installed (.ci/run installs it with apt-get).`;
  // In CI a missing Samba fails the run, unless .ci/run tried to install it and apt could not.
  if (process.env.CI && !process.env.SSPR_SAMBA_UNINSTALLABLE) throw new Error(why);
  console.warn(`\n*** SKIPPING the Samba AD tests: ${why} ***\n`);
  return why;
}

function configure(dir: string, from: string, address: string) {
  const conf = join(dir, "etc", "smb.conf");
  let text = readFileSync(conf, "utf8").replaceAll(from, dir);
  text = text.replace(/^\s*interfaces = .*$/m, `\tinterfaces = ${address}/8`);
  // AD keeps accepting the previous password for NTLM-backed binds for 60 minutes after a
  // change; the tests assert that the old password stops working, so the window is 0 here.
  if (!/old password allowed period/.test(text))
    text = text.replace("[global]\n", "[global]\n\told password allowed period = 0\n");
  writeFileSync(conf, text);
  return conf;
}

async function startSamba(
  dir: string,
  conf: string,
  address: string,
): Promise<{ child: ChildProcess; log: () => string }> {
  let logText = "";
  const child = startProcess(SAMBA, ["-i", "-M", "single", "-s", conf, "-d", "1"], {
    logTo: (s) => (logText = (logText + s).slice(-20_000)),
  });
  try {
    await waitForPort(address, 636, child, () => logText, 30_000);
  } catch (e) {
    await stopProcess(child);
    throw e;
  }
  return { child, log: () => logText };
}

const uni = (s: string) => Buffer.from(`"${s}"`, "utf16le");
const attr = (type: string, values: string | string[] | Buffer[]) =>
  new Attribute({ type, values: (Array.isArray(values) ? values : [values]) as string[] });

/** People, services, groups, domain policy, a PSO, delegation: over LDAP, as Administrator. */
async function seed(conf: string, address: string, dir: string) {
  const c = new Client({
    url: `ldaps://${address}:636`,
    timeout: 15_000,
    tlsOptions: { ca: [readFileSync(join(dir, "private", "tls", "ca.pem"))], servername: "dc1.example.test" },
  });
  await c.bind(AD_ADMIN.dn, AD_ADMIN.password);
  try {
    await c.modify(AD_BASE, [
      new Change({ operation: "replace", modification: attr("minPwdAge", "0") }),
      new Change({ operation: "replace", modification: attr("pwdHistoryLength", "5") }),
      new Change({ operation: "replace", modification: attr("minPwdLength", "8") }),
      new Change({ operation: "replace", modification: attr("lockoutThreshold", "3") }),
    ]);
    for (const ou of ["People", "Groups", "Services"])
      await c.add(`OU=${ou},${AD_BASE}`, { objectClass: ["top", "organizationalUnit"], ou });
    const addUser = async (name: string, ou: string, password: string, extra: Record<string, string> = {}) => {
      await c.add(`CN=${name},OU=${ou},${AD_BASE}`, {
        objectClass: ["top", "person", "organizationalPerson", "user"],
        sAMAccountName: name,
        userPrincipalName: `${name}@example.test`,
        mail: extra.mail ?? `${name}@example.test`,
        displayName: name,
      });
      await c.modify(`CN=${name},OU=${ou},${AD_BASE}`, [
        new Change({ operation: "replace", modification: attr("unicodePwd", [uni(password)]) }),
        new Change({ operation: "replace", modification: attr("userAccountControl", extra.uac ?? "512") }),
      ]);
    };
    for (const p of PEOPLE)
      await addUser(p, "People", adPassword(p), {
        ...(p.startsWith("twin") ? { mail: "twin@example.test" } : {}),
        ...(p === "dora" ? { uac: "514" } : {}),
      });
    await c.modify(adUserDn("paul"), new Change({ operation: "replace", modification: attr("adminCount", "1") }));
    await addUser("pwadmin", "Services", AD_SERVICE.pwadmin.password);
    await addUser("helpdesk", "Services", AD_SERVICE.helpdesk.password);
    const group = (name: string, members: string[]) =>
      c.add(`CN=${name},${AD_GROUPS}`, {
        objectClass: ["top", "group"],
        sAMAccountName: name,
        ...(members.length ? { member: members } : {}),
      });
    await group("engineering", [adUserDn("alice"), adUserDn("bob")]);
    await group("staff", [`CN=engineering,${AD_GROUPS}`, adUserDn("carol")]);
    await group("vpn-users", [`CN=staff,${AD_GROUPS}`]);
    // A fine-grained policy for grace: longer passwords and a longer history than the domain's.
    await c.add(`CN=strict,CN=Password Settings Container,CN=System,${AD_BASE}`, {
      objectClass: ["top", "msDS-PasswordSettings"],
      "msDS-PasswordSettingsPrecedence": "10",
      "msDS-PasswordReversibleEncryptionEnabled": "FALSE",
      "msDS-PasswordHistoryLength": "10",
      "msDS-PasswordComplexityEnabled": "TRUE",
      "msDS-MinimumPasswordLength": "12",
      "msDS-MinimumPasswordAge": "0",
      "msDS-MaximumPasswordAge": "-37108517437440",
      "msDS-LockoutThreshold": "5",
      "msDS-LockoutObservationWindow": "-18000000000",
      "msDS-LockoutDuration": "-18000000000",
      "msDS-PSOAppliesTo": adUserDn("grace"),
    });
    const { searchEntries } = await c.search(AD_SERVICE.pwadmin.dn, {
      scope: "base",
      attributes: ["objectSid"],
      explicitBufferAttributes: ["objectSid"],
    });
    const sid = sidToString(searchEntries[0]!.objectSid as Buffer);
    // Delegation on OU=People for pwadmin: Reset-Password, and read/write lockoutTime and pwdLastSet, on user objects.
    const U = "bf967aba-0de6-11d0-a285-00aa003049e2";
    execFileSync(
      SAMBA_TOOL,
      [
        "dsacl",
        "set",
        "-s",
        conf,
        "-H",
        join(dir, "private", "sam.ldb"),
        `--objectdn=${AD_PEOPLE}`,
        `--sddl=(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;${U};${sid})(OA;CIIO;RPWP;28630ebf-41d5-11d1-a9c1-0000f80367c1;${U};${sid})(OA;CIIO;RPWP;bf967a0a-0de6-11d0-a285-00aa003049e2;${U};${sid})`,
      ],
      { stdio: "pipe" },
    );
  } finally {
    await c.unbind().catch(() => undefined);
  }
}

export function sidToString(b: Buffer): string {
  const count = b[1]!;
  const authority = b.readUIntBE(2, 6);
  const subs = Array.from({ length: count }, (_, i) => b.readUInt32LE(8 + 4 * i));
  return `S-${b[0]}-${authority}-${subs.join("-")}`;
}

async function buildTemplate() {
  const build = `${TEMPLATE}.build-${process.pid}`;
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  const ad = join(build, "ad");
  try {
    execFileSync(
      SAMBA_TOOL,
      [
        "domain",
        "provision",
        "--realm=EXAMPLE.TEST",
        "--domain=EXAMPLE",
        "--server-role=dc",
        "--dns-backend=NONE",
        "--use-rfc2307",
        "--host-name=dc1",
        `--adminpass=${AD_ADMIN.password}`,
        `--targetdir=${ad}`,
        "--option=interfaces = lo",
        "--option=bind interfaces only = yes",
        "--option=server services = ldap",
      ],
      { stdio: "pipe" },
    );
    const conf = join(ad, "etc", "smb.conf");
    // Everything the server writes stays inside the folder (a /run/samba pid file would block a second instance).
    writeFileSync(
      conf,
      readFileSync(conf, "utf8")
        .replace(
          "[global]\n",
          `[global]\n\tpid directory = ${ad}/run\n\tncalrpc dir = ${ad}/run/ncalrpc\n\twinbindd socket directory = ${ad}/run/winbindd\n\tntp signd socket directory = ${ad}/run/ntp_signd\n\tunix password sync = no\n`,
        )
        .replace(/^\s*log file = .*$/m, `\tlog file = ${ad}/log/log.%m`),
    );
    mkdirSync(join(ad, "run"), { recursive: true });
    mkdirSync(join(ad, "log"), { recursive: true });
    configure(ad, ad, BUILD_ADDRESS);
    const { child } = await startSamba(ad, conf, BUILD_ADDRESS);
    try {
      await seed(conf, BUILD_ADDRESS, ad);
    } finally {
      await stopProcess(child);
    }
    writeFileSync(join(ad, "TEMPLATE_PATH"), ad);
    rmSync(join(ad, "run"), { recursive: true, force: true });
    mkdirSync(join(ad, "run"));
    rmSync(TEMPLATE, { recursive: true, force: true });
    renameSync(ad, TEMPLATE);
    writeFileSync(join(TEMPLATE, "TEMPLATE_PATH"), ad);
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
}

/** Build the template once per machine; parallel test files wait for the one that builds. */
export async function ensureSambaTemplate(): Promise<void> {
  for (const started = Date.now(); !existsSync(join(TEMPLATE, "TEMPLATE_PATH"));) {
    try {
      mkdirSync(LOCK, { recursive: false });
    } catch {
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 180_000)
        throw new Error("timed out waiting for another process to build the Samba template");
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!existsSync(join(TEMPLATE, "TEMPLATE_PATH"))) await buildTemplate();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/** A fresh DC from the template on `address` (127.0.0.x, one per test file). */
export async function startSambaAd(address: string): Promise<SambaServer> {
  await ensureSambaTemplate();
  const dir = mkdtempSync(join(tmpdir(), "sspr-samba-"));
  trackTempDir(dir);
  try {
    // Sockets the server left (private/ldapi) cannot be copied; the server makes new ones.
    cpSync(TEMPLATE, dir, { recursive: true, preserveTimestamps: true, filter: (src) => !lstatSync(src).isSocket() });
    const conf = configure(dir, readFileSync(join(TEMPLATE, "TEMPLATE_PATH"), "utf8"), address);
    const { child, log } = await startSamba(dir, conf, address);
    return {
      address,
      url: `ldaps://${address}:636`,
      ca: readFileSync(join(dir, "private", "tls", "ca.pem"), "utf8"),
      servername: "dc1.example.test",
      dir,
      log,
      stop: async () => {
        await stopProcess(child);
        removeTempDir(dir);
      },
    };
  } catch (e) {
    removeTempDir(dir);
    throw e;
  }
}
