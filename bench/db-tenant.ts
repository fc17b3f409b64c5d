/**
 * A generated tenant written into a real SQLite file, so the sweep benchmark can time
 * the state loader as well as the rules: users, group memberships, methods, answers,
 * throttle events and blocks, in one transaction of prepared inserts. `tenantInChildProcess`
 * generates and writes it in a process of its own, so the peak memory of the process that
 * then loads it is the loader's, not the generator's.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openDb, type Db } from "../src/db/client";
import type { TenantUser } from "../src/diagnosis/sweep";
import { tenantUsers } from "../test/support/snapshots";

const TENANT = "tnt-bench";

export function writeTenant(users: readonly TenantUser[], file?: string): { db: Db; tenantId: string; close(): void } {
  const dir = file ? undefined : mkdtempSync(join(tmpdir(), "sspr-bench-"));
  const { db, close } = openDb(file ?? join(dir!, "bench.db"));
  const sql = db.$client;
  const first = users[0]!.snapshot;
  const p = first.policy;
  const w = first.writeback;
  sql.transaction(() => {
    sql.prepare("INSERT INTO tenants (id, name, domain) VALUES (?, 'Bench', 'bench.example')").run(TENANT);
    sql
      .prepare(
        `INSERT INTO policies (tenant_id, enablement, methods_allowed, methods_required, questions_to_register, questions_to_reset,
          require_registration_at_sign_in, reconfirm_days, notify_user_on_reset, notify_admins_on_admin_reset, helpdesk_url, helpdesk_email,
          writeback_enabled, allow_unlock_without_reset) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        TENANT,
        p.enablement,
        JSON.stringify(p.methodsAllowed),
        p.methodsRequired,
        p.securityQuestions.toRegister,
        p.securityQuestions.toReset,
        +p.registration.requireAtSignIn,
        p.registration.reconfirmDays,
        +p.notifications.notifyUserOnReset,
        +p.notifications.notifyAdminsOnAdminReset,
        p.helpdesk.url ?? null,
        p.helpdesk.email ?? null,
        +p.onPremises.writebackEnabled,
        +p.onPremises.allowUnlockWithoutReset,
      );
    const groupIds = new Set<string>([
      ...p.selectedGroups,
      ...users.flatMap((u) => u.snapshot.user?.groups.map((g) => g.id) ?? []),
    ]);
    for (const g of groupIds)
      sql.prepare("INSERT INTO groups (id, tenant_id, name) VALUES (?, ?, ?)").run(g, TENANT, g);
    // An indirect membership needs a nested group: members "through" a group sit in its child.
    for (const g of p.selectedGroups) {
      sql
        .prepare("INSERT INTO groups (id, tenant_id, name) VALUES (?, ?, ?)")
        .run(`${g}-child`, TENANT, `${g} (nested)`);
      sql.prepare("INSERT INTO group_nesting (parent_id, child_id) VALUES (?, ?)").run(g, `${g}-child`);
    }
    for (const s of p.selectedGroups)
      sql.prepare("INSERT INTO policy_scope_groups (tenant_id, group_id) VALUES (?, ?)").run(TENANT, s);
    sql
      .prepare(
        `INSERT INTO writeback_connectors (tenant_id, configured, status, last_heartbeat_at, perm_reset_password, perm_change_password,
          perm_write_lockout_time, perm_write_pwd_last_set, onprem_min_length, onprem_complexity, onprem_history_count, onprem_min_age_hours)
          VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        TENANT,
        +w.configured,
        w.status,
        w.lastHeartbeatAt ?? null,
        +w.permissions.resetPassword,
        +w.permissions.changePassword,
        +w.permissions.writeLockoutTime,
        +w.permissions.writePwdLastSet,
        w.onPremPolicy.minLength,
        +w.onPremPolicy.complexity,
        w.onPremPolicy.historyCount,
        w.onPremPolicy.minAgeHours,
      );

    const user = sql.prepare(
      `INSERT INTO users (id, tenant_id, upn, display_name, type, source, enabled, roles, license, password_last_set_at,
        onprem_locked_out, onprem_cannot_change_password, onprem_protected_account, onprem_must_change_password, registration_confirmed_at)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const member = sql.prepare("INSERT INTO group_memberships (group_id, user_id) VALUES (?, ?)");
    const method = sql.prepare(
      "INSERT INTO methods (id, user_id, type, value, verified, created_at) VALUES (?,?,?,?,?,?)",
    );
    const answer = sql.prepare("INSERT INTO security_answers (user_id, question_id, answer_hash) VALUES (?,?,'bench')");
    const event = sql.prepare("INSERT INTO throttle_events (user_id, kind, at) VALUES (?,?,?)");
    const block = sql.prepare("INSERT INTO throttle_blocks (user_id, blocked_until, reason) VALUES (?,?,'bench')");
    const now = Date.parse(first.now);
    for (const { userId, upn, snapshot } of users) {
      const u = snapshot.user!;
      const op = u.onPremises;
      user.run(
        userId,
        TENANT,
        upn,
        upn,
        u.type,
        u.source,
        +u.enabled,
        JSON.stringify(u.roles),
        u.license,
        u.passwordLastSetAt ?? null,
        +(op?.lockedOut ?? false),
        +(op?.cannotChangePassword ?? false),
        +(op?.protectedAccount ?? false),
        +(op?.mustChangePasswordAtNextLogon ?? false),
        snapshot.registration.lastConfirmedAt ?? null,
      );
      for (const g of u.groups)
        member.run(g.direct || !p.selectedGroups.includes(g.id) ? g.id : `${g.id}-child`, userId);
      snapshot.methods.forEach((m, i) => {
        method.run(`${userId}-m${i}`, userId, m.type, m.value ?? null, +m.verified, m.registeredAt ?? first.now);
        if (m.type === "security_questions")
          for (let q = 0; q < (m.questionsAnswered ?? 0); q++) answer.run(userId, `q${q}`);
      });
      const t = snapshot.throttle;
      for (let i = 0; i < t.codesSentLastHour; i++)
        event.run(userId, "code_sent", new Date(now - 60_000 * (i + 1)).toISOString());
      for (let i = 0; i < t.failedVerificationsLast24h; i++)
        event.run(userId, "verification_failed", new Date(now - 3_600_000 * (i + 1)).toISOString());
      if (t.blockedUntil) block.run(userId, t.blockedUntil);
    }
  })();
  return {
    db,
    tenantId: TENANT,
    close: () => {
      close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `tenantUsers(count, seed)` written to a SQLite file in a temporary folder by a child
 * process; `remove` deletes the folder.
 */
export function tenantFileInChildProcess(
  count: number,
  seed: number,
): { file: string; tenantId: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "sspr-bench-"));
  const file = join(dir, "bench.db");
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), String(count), String(seed), file],
    { stdio: "inherit" },
  );
  if (child.status !== 0) {
    remove();
    throw new Error(`writing the bench tenant failed (${child.status ?? child.signal})`);
  }
  return { file, tenantId: TENANT, remove };
}

/** `tenantUsers(count, seed)` written to a SQLite file by a child process, then opened here. */
export function tenantInChildProcess(count: number, seed: number): { db: Db; tenantId: string; close(): void } {
  const { file, remove } = tenantFileInChildProcess(count, seed);
  const { db, close } = openDb(file);
  return {
    db,
    tenantId: TENANT,
    close: () => {
      close();
      remove();
    },
  };
}

// Run as a script (by tenantInChildProcess): write the tenant and exit.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [count, seed, file] = process.argv.slice(2);
  writeTenant(tenantUsers(Number(count), Number(seed)), file).close();
}
