/**
 * Setting a tenant up from the shell, without the demo and without the browser:
 *   npm run admin -- tenant create "Contoso" contoso.example
 *   npm run admin -- tenant set contoso.example [--name "Contoso Ltd"] [--banned-words contoso,nimbus]
 *   npm run admin -- policy show contoso.example
 *   npm run admin -- policy set contoso.example --enablement selected --selected-groups "SSPR users" --reason "Ticket 4711" [--preview]
 *   npm run admin -- policy history contoso.example
 *   npm run admin -- policy revert contoso.example 3 --reason "Back to before the pilot"
 *   npm run admin -- group create contoso.example "SSPR users" [--parent "All staff"]
 *   npm run admin -- group rename|delete contoso.example "SSPR users" […]
 *   npm run admin -- group nest|unnest contoso.example "All staff" "SSPR users"
 *   npm run admin -- user save contoso.example ada@contoso.example ["Ada Lovelace"] [--display-name …] [--guest|--member] [--synced|--cloud] [--disabled|--enabled] [--roles helpdesk_admin] [--license p2]
 *     (a new user: defaults for what is left out; an existing one: only what is given changes)
 *   npm run admin -- member add|remove contoso.example ada@contoso.example "SSPR users"
 * The same use cases as the /admin forms and the API (flows/setup.ts; the policy through
 * the versioned editor of flows/policy-editor.ts, so `policy history` and a revert see a
 * change made here), the same checks and the same audit rows (actor "cli:admin"); a
 * refused change prints the field and exits 1.
 */
import "./closed-pipe";
import { userInfo } from "node:os";
import { Command } from "commander";
import { systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb, type Db } from "../db/client";
import { groupByName, tenantGroup } from "../db/setup";
import { findTenant, type TenantRef } from "../db/tenants";
import { AppError } from "../errors";
import { tenantPolicy } from "../flows/diagnosis";
import {
  parsePolicyFields,
  policyFieldChoices,
  POLICY_FIELD_NAMES,
  POLICY_FIELDS,
  type PolicyFieldName,
} from "../flows/policy-fields";
import {
  applyPolicy,
  cliAuthor,
  policyHistory,
  previewPolicy,
  revertPolicy,
  type PolicyChange,
} from "../flows/policy-editor";
import * as setup from "../flows/setup";
import { loadDoctor } from "../wiring";

/**
 * Run `work` against the configured database, as the CLI actor; an AppError is the user's
 * mistake (exit 1). `flags` renames the use case's field (`license:`) to the option the
 * operator typed (`--license:`).
 */
async function withDb(
  work: (c: setup.SetupCtx) => void | Promise<void>,
  flags: Record<string, string> = {},
): Promise<void> {
  const { db, close } = openDb(loadConfig(process.env).dbPath);
  try {
    await work({ db, now: systemClock.now(), actor: { type: "system", id: "cli:admin" } });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const field = e.extra.field ?? "";
    const flag = flags[field.split(".")[0]!];
    const detail = flag && e.detail.startsWith(`${field}:`) ? `${flag}${e.detail.slice(field.length)}` : e.detail;
    console.error(`Refused: ${detail}`);
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

/** A group by its name (how people say it) or its id (how `policy show` prints it). */
function groupIdOf(db: Db, tenant: TenantRef, name: string, field = "group"): string {
  const g = groupByName(db, tenant.id, name) ?? tenantGroup(db, tenant.id, name);
  if (!g) throw new AppError(400, "invalid_request", `${field}: no group ${name} in ${tenant.domain}.`, { field });
  return g.id;
}

/** Who is at the keyboard, for the policy history ("who"). */
const operator = () => {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "operator";
  }
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const printChanges = (changes: PolicyChange[]) => {
  if (!changes.length) console.log("no field changes");
  for (const ch of changes) console.log(`  ${ch.field}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}`);
};

const list = (v: string) =>
  v
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const program = new Command("admin")
  .description(
    "set tenants up without the demo or the browser: the same checks and audit rows as /admin and the API (SSPR_DB names the database)",
  )
  .showHelpAfterError();

const tenant = program.command("tenant").description("create a tenant, or change its name and banned words");
tenant
  .command("create <name> <domain>")
  .description("a new tenant; <domain> is the suffix of its sign-in names (its policy starts with SSPR off)")
  .action((name: string, domain: string) =>
    withDb((c) => console.log(`created ${setup.createTenant(c, { name, domain }).id}`)),
  );
tenant
  .command("set <domain>")
  .description("change the tenant's name and/or its own banned password words")
  .option("--name <name>", "the tenant's new display name")
  .option("--banned-words <words>", "comma-separated; an empty string clears them")
  .action((domain: string, o: { name?: string; bannedWords?: string }) =>
    withDb((c) => {
      if (o.name === undefined && o.bannedWords === undefined)
        throw new AppError(400, "invalid_request", "nothing to change: give --name and/or --banned-words.");
      const s = setup.updateTenant(c, tenantOf(c.db, domain), {
        name: o.name,
        bannedWords: o.bannedWords === undefined ? undefined : list(o.bannedWords),
      });
      console.log(`${domain}: ${s.name}; banned words: ${s.bannedWords.join(", ") || "none"}`);
    }),
  );

const policy = program
  .command("policy")
  .description("show the SSPR policy, change it as a new version, list its versions, go back to one");
policy
  .command("show <domain>")
  .description("the current policy as JSON (groups by id)")
  .action((domain: string) =>
    withDb((c) => console.log(JSON.stringify(tenantPolicy(c, tenantOf(c.db, domain).id).policy, null, 2))),
  );
const set = policy
  .command("set <domain>")
  .description("change the given fields as a new policy version (the others keep their value); --reason is required")
  .requiredOption("--reason <why>", "why the policy changes: shown in the history")
  .option("--preview", "show what would change, for whom, and save nothing");
// One option per policy field, named after the form's field (selectedGroups → --selected-groups).
for (const name of POLICY_FIELD_NAMES) {
  const { kind, path } = POLICY_FIELDS[name];
  const choices = policyFieldChoices(name)?.join(", ");
  const hint = {
    list: choices ? `comma-separated, of ${choices}` : "comma-separated group names or ids",
    choice: `one of ${choices}`,
    bool: "true or false",
    int: "a number",
    text: "",
  }[kind];
  set.option(`--${kebab(name)} <value>`, [`policy.${path}`, hint].filter(Boolean).join(": "));
}
set.action((domain: string, o: Record<string, string | boolean | undefined>) =>
  withDb(async (c) => {
    const t = tenantOf(c.db, domain);
    const fields: Partial<Record<PolicyFieldName, string>> = {};
    for (const name of POLICY_FIELD_NAMES) if (typeof o[name] === "string") fields[name] = o[name];
    if (fields.selectedGroups !== undefined)
      fields.selectedGroups = list(fields.selectedGroups)
        .map((g) => groupIdOf(c.db, t, g, "--selected-groups"))
        .join(",");
    const parsed = parsePolicyFields(fields);
    if (!parsed.ok) {
      const i = parsed.issues[0]!;
      const option = i.name === "policy" ? i.path : `--${kebab(i.name)}`;
      throw new AppError(400, "invalid_request", `${option}: ${i.message}`, { field: i.path });
    }
    if (o.preview) {
      const { diagnoser } = await loadDoctor({ cacheDir: `${loadConfig(process.env).cacheDir}/kb` });
      const p = previewPolicy({ db: c.db, clock: systemClock, diagnoser }, t.id, parsed.value);
      printChanges(p.changes);
      const w = p.whatIf;
      console.log(
        `of ${w.users} users: ${w.newlyBlocked.length} newly blocked, ${w.newlyAtRisk.length} newly at risk, ${w.newlyAble.length} newly able to reset — nothing saved`,
      );
      return;
    }
    const applied = applyPolicy(
      { db: c.db, clock: systemClock },
      t.id,
      parsed.value,
      cliAuthor(operator()),
      String(o.reason),
    );
    console.log(`policy of ${t.domain} saved as version ${applied.version}`);
    printChanges(applied.changes);
  }),
);
policy
  .command("history <domain>")
  .description("the policy's versions, newest first: who, when, why")
  .action((domain: string) =>
    withDb((c) => {
      for (const v of policyHistory(c, tenantOf(c.db, domain).id))
        console.log(
          `${v.version}${v.current ? " (current)" : ""}\t${v.at}\t${v.actorName}\t${v.reason}${v.revertOf !== null ? ` (reverts to ${v.revertOf})` : ""}`,
        );
    }),
  );
policy
  .command("revert <domain> <version>")
  .description("go back to a version, as a new version")
  .requiredOption("--reason <why>", "why: shown in the history")
  .action((domain: string, version: string, o: { reason: string }) =>
    withDb((c) => {
      const n = Number(version);
      if (!Number.isInteger(n) || n < 1)
        throw new AppError(400, "invalid_request", `version: ${version} is not a version number.`, {
          field: "version",
        });
      const t = tenantOf(c.db, domain);
      const applied = revertPolicy({ db: c.db, clock: systemClock }, t.id, n, cliAuthor(operator()), o.reason);
      console.log(`policy of ${t.domain} back to version ${n}, saved as version ${applied.version}`);
      printChanges(applied.changes);
    }),
  );

const group = program.command("group").description("create, rename, delete and nest groups (named by name or id)");
group
  .command("create <domain> <name>")
  .description("a new group")
  .option("--parent <name>", "put the new group inside this group")
  .action((domain: string, name: string, o: { parent?: string }) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const parentId = o.parent ? groupIdOf(c.db, t, o.parent) : undefined;
      console.log(`created ${setup.createGroup(c, t, { name, parentId }).id}`);
    }),
  );
group
  .command("rename <domain> <group> <name>")
  .description("give a group a new name")
  .action((domain: string, name: string, to: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      setup.renameGroup(c, t, groupIdOf(c.db, t, name), { name: to });
      console.log(`renamed ${name} to ${to}`);
    }),
  );
group
  .command("delete <domain> <group>")
  .description("delete a group with its memberships (refused while the policy is scoped to it)")
  .action((domain: string, name: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      setup.deleteGroup(c, t, groupIdOf(c.db, t, name));
      console.log(`deleted ${name}`);
    }),
  );
group
  .command("nest <domain> <parent> <child>")
  .description("put a group inside another")
  .action((domain: string, parent: string, child: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const added = setup.nestGroups(c, t, groupIdOf(c.db, t, parent, "parent"), groupIdOf(c.db, t, child, "child"));
      console.log(added ? `${child} is now inside ${parent}` : `${child} already was inside ${parent}`);
    }),
  );
group
  .command("unnest <domain> <parent> <child>")
  .description("take a group out of another")
  .action((domain: string, parent: string, child: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const removed = setup.unnestGroups(
        c,
        t,
        groupIdOf(c.db, t, parent, "parent"),
        groupIdOf(c.db, t, child, "child"),
      );
      console.log(removed ? `${child} is no longer inside ${parent}` : `${child} was not inside ${parent}`);
    }),
  );

/** `user save`'s flags by the use case's field, so a refusal names what was typed. */
const USER_FLAGS: Record<string, string> = {
  upn: "<upn>",
  displayName: "--display-name",
  type: "--guest/--member",
  source: "--synced/--cloud",
  enabled: "--disabled/--enabled",
  roles: "--roles",
  license: "--license",
};

/** One of a pair of opposite switches, or undefined (keep) when neither is given. */
function either<T>(yes: boolean | undefined, no: boolean | undefined, ifYes: T, ifNo: T, flags: string): T | undefined {
  if (yes && no) throw new AppError(400, "invalid_request", `${flags}: give one, not both.`);
  return yes ? ifYes : no ? ifNo : undefined;
}

program
  .command("user")
  .description("create or edit a user")
  .command("save <domain> <upn> [displayName]")
  .description(
    "create the user, or edit the tenant's user with this sign-in name. A new user takes the defaults for options left out (a cloud member, enabled, no roles, licence p1) and needs a display name; an existing user changes only the options given and keeps the rest (roles, licence, source, enabled, display name, groups)",
  )
  .option("--display-name <name>", "the name people see (or give it as the third argument)")
  .option("--guest", "a guest (B2B) account")
  .option("--member", "a member account (not a guest)")
  .option("--synced", "mastered on-premises")
  .option("--cloud", "mastered in the cloud (not synced)")
  .option("--disabled", "sign-in blocked")
  .option("--enabled", "sign-in allowed")
  .option("--roles <roles>", 'comma-separated admin roles, e.g. helpdesk_admin; "" clears them')
  .option("--license <none|free|basic|p1|p2>", "Entra ID licence")
  .action(
    (
      domain: string,
      upn: string,
      name: string | undefined,
      o: {
        displayName?: string;
        guest?: boolean;
        member?: boolean;
        synced?: boolean;
        cloud?: boolean;
        disabled?: boolean;
        enabled?: boolean;
        roles?: string;
        license?: string;
      },
    ) =>
      withDb((c) => {
        if (name !== undefined && o.displayName !== undefined && name !== o.displayName)
          throw new AppError(400, "invalid_request", "--display-name: differs from the third argument; give one.");
        const r = setup.saveUser(c, tenantOf(c.db, domain), {
          upn,
          displayName: o.displayName ?? name,
          type: either(o.guest, o.member, "guest", "member", "--guest/--member"),
          source: either(o.synced, o.cloud, "synced", "cloud", "--synced/--cloud"),
          enabled: either(o.enabled, o.disabled, true, false, "--enabled/--disabled"),
          roles: o.roles === undefined ? undefined : list(o.roles),
          license: o.license,
        });
        console.log(`${r.created ? "created" : "updated"} ${r.id}`);
      }, USER_FLAGS),
  );

const member = program.command("member").description("direct group memberships");
member
  .command("add <domain> <upn> <group>")
  .description("make a user a direct member of a group")
  .action((domain: string, upn: string, group: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const added = setup.addMember(c, t, groupIdOf(c.db, t, group), setup.tenantUser(c.db, t, upn).id);
      console.log(added ? `${upn} is now a member of ${group}` : `${upn} already was a member of ${group}`);
    }),
  );
member
  .command("remove <domain> <upn> <group>")
  .description("end a direct membership")
  .action((domain: string, upn: string, group: string) =>
    withDb((c) => {
      const t = tenantOf(c.db, domain);
      const removed = setup.removeMember(c, t, groupIdOf(c.db, t, group), setup.tenantUser(c.db, t, upn).id);
      console.log(removed ? `${upn} is no longer a member of ${group}` : `${upn} was not a direct member of ${group}`);
    }),
  );

await program.parseAsync();
