/**
 * Run a fix from the command line, as an administrator with the database at hand:
 *   npm run fix -- clear_throttle bob.blocked@contoso.example [--dry-run]
 *   npm run fix -- set_helpdesk_contact --tenant fabrikam.example --param url=https://help.fabrikam.example
 *   npm run fix -- send_registration_reminder --bulk --tenant contoso.example --code not_registered
 * Prints the changes and the verdict/primary before → after (or the guidance of a fix a
 * person must do); bulk runs show a progress bar and a summary. Exit code 1 when the fix
 * was refused or did not help, 2 for a bad request.
 */
import "./closed-pipe";
import { userInfo } from "node:os";
import { Command } from "commander";
import Table from "cli-table3";
import { cryptoRandom, systemClock } from "../clock";
import { loadConfig } from "../config";
import { openDb } from "../db/client";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { applyFix } from "../fixes/apply";
import { bulkApply } from "../fixes/bulk";
import type { Change, Guidance } from "../fixes/definition";
import { paramsFromPairs } from "../fixes/params";
import type { Operator } from "../fixes/permission";
import { previewFix } from "../fixes/preview";
import { jsonLog } from "../log";
import { buildDeps } from "../wiring";
import { progressBar } from "./progress-bar";

type Options = { dryRun?: boolean; param: string[]; tenant?: string; bulk?: boolean; code?: string; json?: boolean };

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
const verdictOf = (d: { verdict: string; primary: string | null }) => `${d.verdict}${d.primary ? `/${d.primary}` : ""}`;

function printChanges(changes: Change[]) {
  if (!changes.length) return console.log("no changes");
  const table = new Table({ head: ["entity", "key", "field", "before", "after"], style: { head: [], border: [] } });
  for (const c of changes) table.push([c.entity, c.key, c.field, show(c.before), show(c.after)]);
  console.log(table.toString());
}

function printGuidance(g: Guidance) {
  if (g.kind === "user_step") {
    console.log(`The user does this at ${g.url}:`);
    for (const s of g.steps) console.log(`  - ${s}`);
    if (g.article) console.log(`  read: ${g.article.title} ${g.article.url}`);
  } else if (g.kind === "wait") {
    console.log(g.until ? `Wait until ${g.until} (${g.minutesLeft} min):` : "Nothing to wait for:");
    for (const r of g.reasons) console.log(`  - ${r.code}: until ${r.until} (${r.why})`);
    for (const s of g.steps) console.log(`  ${s}`);
  } else {
    console.log(`Runbook (automatic: false; runnable ${g.runnableWhen}):`);
    for (const [k, v] of Object.entries(g.objects)) console.log(`  ${k}: ${v}`);
    g.steps.forEach((s, i) => {
      console.log(`  ${i + 1}. ${s.action}${s.on ? ` — on ${s.on}` : ""}`);
      if (s.command) console.log(`       ${s.command}`);
    });
    for (const v of g.verify) console.log(`  verify: ${v}`);
  }
}

/** Messages sent without SMTP_URL stay in this process's dev mailbox: show them, or they are lost. */
function printDevMailbox(deps: Deps) {
  for (const m of deps.devMailbox?.list().reverse() ?? [])
    console.log(`\n[dev mailbox — set SMTP_URL to send] to ${m.to}: ${m.subject}\n${m.text}`);
}

async function run(deps: Deps, id: string, login: string | undefined, opts: Options) {
  const operator: Operator = { id: "cli", name: `cli:${userInfo().username}`, role: "admin" };
  const pairs = paramsFromPairs(opts.param);
  if (!pairs.ok) throw new AppError(400, "invalid_request", `${pairs.field}: ${pairs.message}`, { field: pairs.field });
  const params = opts.param.length ? pairs.params : undefined;

  if (opts.bulk) {
    if (!opts.tenant || !opts.code)
      throw new AppError(400, "invalid_request", "--bulk needs --tenant and --code", { field: "code" });
    // A bulk run has no preview of its own; going ahead would apply what the operator asked only to see.
    if (opts.dryRun)
      throw new AppError(
        400,
        "invalid_request",
        `--dry-run does not combine with --bulk: preview one of its users (npm run fix -- ${id} <upn> --dry-run) and list them all (npm run sweep -- ${opts.tenant} --csv).`,
        { field: "dryRun" },
      );
    const bar = progressBar("{bar} {value}/{total} users  {upn}", opts.json);
    const summary = await bulkApply(
      deps,
      operator,
      id,
      { tenant: opts.tenant, code: opts.code, params },
      {
        onProgress: (done, total, upn) => bar.update(done, total, { upn }),
      },
    );
    bar.stop();
    if (opts.json) return console.log(JSON.stringify(summary, null, 2));
    console.log(
      `${id} on ${summary.code} users of ${summary.tenant.domain}: ${summary.attempted} attempted, ${summary.applied} applied, ${summary.skipped} skipped, ${summary.failed} failed`,
    );
    const notApplied = summary.users.filter((u) => u.outcome !== "applied");
    if (notApplied.length) {
      const table = new Table({ head: ["user", "outcome", "code"], style: { head: [], border: [] } });
      for (const u of notApplied) table.push([u.upn, u.outcome, u.code ?? ""]);
      console.log(table.toString());
    }
    printDevMailbox(deps);
    return;
  }

  if (!login && !opts.tenant)
    throw new AppError(400, "invalid_request", "name a user (upn or id), or --tenant for a tenant-wide fix", {
      field: "user",
    });
  const target = opts.tenant ? { tenant: opts.tenant } : { user: login };
  if (opts.dryRun) {
    const p = previewFix(deps, operator, id, { ...target, params });
    if (opts.json) return console.log(JSON.stringify(p, null, 2));
    console.log(
      `${p.fix.id} (${p.fix.actor}, ${p.fix.scope}) for ${p.target.user?.upn ?? p.target.tenant.domain}: ${p.applicable ? `addresses ${p.present.join(", ")}` : "none of its findings is present"}`,
    );
    if (p.guidance) return printGuidance(p.guidance);
    printChanges(p.changes);
    if (p.impact)
      console.log(
        `impact: ${p.impact.users} users, ${p.impact.unblocked} unblocked, ${p.impact.newlyBlocked} newly blocked`,
      );
    for (const m of p.messages ?? []) console.log(`would send to ${m.to}: ${m.subject}`);
    if (p.whyNot) console.log(`would not apply: ${p.whyNot}`);
    return;
  }
  const r = await applyFix(deps, operator, id, { ...target, params });
  if (opts.json) return console.log(JSON.stringify(r, null, 2));
  console.log(`${r.fix.id} applied to ${r.target.user?.upn ?? r.target.tenant.domain} (audited)`);
  printChanges(r.changes);
  console.log(`${r.target.user?.upn ?? r.tenant?.witness}: ${verdictOf(r.before)} → ${verdictOf(r.after)}`);
  if (r.tenant)
    console.log(`${r.tenant.cleared} of ${r.tenant.users} affected users of ${r.target.tenant.domain} cleared`);
  printDevMailbox(deps);
}

const program = new Command("fix")
  .description(
    "preview (--dry-run) or apply a fix to a user, a whole tenant (--tenant), or every user with a finding (--bulk)",
  )
  .argument("<fix-id>", "fix id, e.g. clear_throttle (GET /api/v1/fixes lists them)")
  .argument("[user]", "upn or user id (omit with --tenant or --bulk)")
  .option("--dry-run", "preview: print the changes (or the guidance) without applying")
  .option(
    "--param <key=value>",
    "a fix parameter, repeatable (e.g. --param group=grp-contoso-sales)",
    (v: string, acc: string[]) => [...acc, v],
    [] as string[],
  )
  .option("--tenant <tenant>", "tenant id or domain: the target of a tenant-wide fix, or of --bulk")
  .option("--bulk", "apply to every user of --tenant with finding --code")
  .option("--code <code>", "the finding code whose users --bulk fixes")
  .option("--json", "print the result as JSON")
  .action(async (id: string, login: string | undefined, opts: Options) => {
    const config = loadConfig(process.env);
    const { db, close } = openDb(config.dbPath);
    const deps = await buildDeps({
      db,
      clock: systemClock,
      random: cryptoRandom,
      log: jsonLog(),
      demo: false,
      smtpUrl: config.smtpUrl,
      cacheDir: `${config.cacheDir}/kb`,
    });
    try {
      await run(deps, id, login, opts);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // The API's field names a body key; here a parameter is given as --param key=value.
      const param = err.extra.field?.startsWith("params.") ? err.extra.field.slice("params.".length) : undefined;
      console.error(`${err.code}: ${err.detail}${param ? ` (give it as --param ${param}=…)` : ""}`);
      const body = err.extra.body ?? {};
      if (body.guidance) printGuidance(body.guidance as Guidance);
      if (body.before && body.after)
        console.error(
          `rolled back: ${verdictOf(body.before as never)} → ${verdictOf(body.after as never)} would have left ${String(body.stillPresent)}`,
        );
      process.exitCode = err.status === 409 || err.status === 403 || err.status >= 500 ? 1 : 2;
    } finally {
      (deps.mailer as { close?: () => void }).close?.();
      close();
    }
  });

await program.parseAsync();
