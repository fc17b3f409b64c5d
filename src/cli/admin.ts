/**
 * Setting a tenant up from the shell, without the demo and without the browser:
 *   npm run admin -- tenant create "Contoso" contoso.example
 *   npm run admin -- tenant rename contoso.example "Contoso Ltd"
 *   npm run admin -- policy show contoso.example
 *   npm run admin -- policy set contoso.example --enablement selected --scope "SSPR users" --methods email,mobile_sms
 *   npm run admin -- group create contoso.example "SSPR users" [--parent "All staff"]
 *   npm run admin -- user save contoso.example ada@contoso.example "Ada Lovelace" [--guest] [--synced] [--disabled] [--roles helpdesk_admin] [--license p2]
 *   npm run admin -- member add contoso.example ada@contoso.example "SSPR users"
 * The same use cases as the /admin forms (flows/setup.ts), so the same checks and the
 * same audit rows (actor "cli:admin"); a refused change prints the field and exits 1.
 */
import { Command } from "commander";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb, type Db } from "../db/client";
import { groupByName, userByUpn } from "../db/setup";
import { findTenant, type TenantRef } from "../db/tenants";
import { AppError } from "../errors";
import * as setup from "../flows/setup";

/** Run `work` against the configured database, as the CLI actor; an AppError is the user's mistake (exit 1). */
function withDb(work: (c: { db: Db; now: Date; actor: setup.SetupActor }) => void): void {
  const { db, close } = openDb(loadConfig(process.env).dbPath);
  try {
    work({ db, now: systemClock.now(), actor: { type: "system", id: "cli:admin" } });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(`Refused: ${e.detail}`);
    process.exitCode = 1;
  } finally {
    close();
  }
}

function tenantOf(db: Db, domain: string): TenantRef {
  const t = findTenant(db, domain);
  if (!t) throw new AppError(404, "tenant_not_found", `No tenant ${domain}.`, { field: "tenant" });
  return t;
}

function groupIdOf(db: Db, tenant: TenantRef, name: string): string {
  const g = groupByName(db, tenant.id, name);
  if (!g) throw new AppError(400, "invalid_request", `No group ${name} in ${tenant.domain}.`, { field: "group" });
  return g.id;
}

const list = (v: string) =>
  v
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const program = new Command("admin").description("create and edit tenants, policies, groups and users");

const tenant = program.command("tenant");
tenant
  .command("create <name> <domain>")
  .action((name: string, domain: string) =>
    withDb((c) => console.log(`created ${setup.createTenant(c, { name, domain }).id}`)),
  );
tenant
  .command("rename <domain> <name>")
  .action((domain: string, name: string) => withDb((c) => setup.renameTenant(c, tenantOf(c.db, domain), { name })));

const policy = program.command("policy");
policy
  .command("show <domain>")
  .action((domain: string) =>
    withDb((c) => console.log(JSON.stringify(setup.policyInput(c.db, tenantOf(c.db, domain)), null, 2))),
  );
policy
  .command("set <domain>")
  .description("change the given fields; the others keep their stored values")
  .option("--enablement <none|selected|all>")
  .option("--scope <groups>", "comma-separated group names the policy applies to (enablement selected)")
  .option("--methods <methods>", "comma-separated allowed methods: email,mobile_sms,mobile_voice,…")
  .option("--methods-required <n>")
  .option("--questions-to-register <n>")
  .option("--questions-to-reset <n>")
  .option("--require-registration <bool>")
  .option("--reconfirm-days <n>")
  .option("--notify-user <bool>")
  .option("--notify-admins <bool>")
  .option("--helpdesk-url <url>")
  .option("--helpdesk-email <email>")
  .option("--writeback <bool>")
  .option("--unlock-without-reset <bool>")
  .option("--banned-words <words>", "comma-separated")
  .option("--admins-sspr <bool>")
  .option("--migration-state <preMigration|migrationInProgress|migrationComplete>")
  .action((domain: string, o: Record<string, string | undefined>) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const now = setup.policyInput(c.db, t);
      const pick = <T>(v: string | undefined, f: (s: string) => T, old: T) => (v === undefined ? old : f(v));
      setup.setPolicy(c, t, {
        enablement: o.enablement ?? now.enablement,
        selectedGroups: pick(o.scope, (s) => list(s).map((g) => groupIdOf(c.db, t, g)), now.selectedGroups),
        methodsAllowed: pick(o.methods, list, now.methodsAllowed),
        methodsRequired: o.methodsRequired ?? now.methodsRequired,
        questionsToRegister: o.questionsToRegister ?? now.questionsToRegister,
        questionsToReset: o.questionsToReset ?? now.questionsToReset,
        requireRegistrationAtSignIn: o.requireRegistration ?? now.requireRegistrationAtSignIn,
        reconfirmDays: o.reconfirmDays ?? now.reconfirmDays,
        notifyUserOnReset: o.notifyUser ?? now.notifyUserOnReset,
        notifyAdminsOnAdminReset: o.notifyAdmins ?? now.notifyAdminsOnAdminReset,
        helpdeskUrl: o.helpdeskUrl ?? now.helpdeskUrl ?? "",
        helpdeskEmail: o.helpdeskEmail ?? now.helpdeskEmail ?? "",
        writebackEnabled: o.writeback ?? now.writebackEnabled,
        allowUnlockWithoutReset: o.unlockWithoutReset ?? now.allowUnlockWithoutReset,
        bannedWords: pick(o.bannedWords, list, now.bannedWords),
        adminsSsprEnabled: o.adminsSspr ?? now.adminsSsprEnabled,
        methodsMigrationState: o.migrationState ?? now.methodsMigrationState,
      });
      console.log(`policy of ${t.domain} saved`);
    }),
  );

program
  .command("group")
  .command("create <domain> <name>")
  .option("--parent <name>", "put the new group inside this group")
  .action((domain: string, name: string, o: { parent?: string }) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const parentId = o.parent ? groupIdOf(c.db, t, o.parent) : undefined;
      console.log(`created ${setup.createGroup(c, t, { name, parentId }).id}`);
    }),
  );

program
  .command("user")
  .command("save <domain> <upn> <displayName>")
  .option("--guest", "a guest (B2B) account")
  .option("--synced", "mastered on-premises")
  .option("--disabled", "sign-in blocked")
  .option("--roles <roles>", "comma-separated admin roles, e.g. helpdesk_admin")
  .option("--license <none|free|basic|p1|p2>", "Entra ID licence", "p1")
  .action(
    (
      domain: string,
      upn: string,
      displayName: string,
      o: { guest?: boolean; synced?: boolean; disabled?: boolean; roles?: string; license: string },
    ) =>
      withDb((c) => {
        const r = setup.saveUser(c, tenantOf(c.db, domain), {
          upn,
          displayName,
          type: o.guest ? "guest" : "member",
          source: o.synced ? "synced" : "cloud",
          enabled: !o.disabled,
          roles: o.roles ? list(o.roles) : [],
          license: o.license,
        });
        console.log(`${r.created ? "created" : "updated"} ${r.id}`);
      }),
  );

program
  .command("member")
  .command("add <domain> <upn> <group>")
  .action((domain: string, upn: string, group: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const user = userByUpn(c.db, upn);
      if (!user) throw new AppError(404, "user_not_found", `No user ${upn}.`, { field: "upn" });
      setup.addMember(c, t, groupIdOf(c.db, t, group), user.id);
    }),
  );

await program.parseAsync();
