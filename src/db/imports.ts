/**
 * The import store: writes one imported tenant (src/import/entra's TenantImport) into the
 * database in ONE transaction — tenant, policy, connector, groups, nesting, users,
 * memberships, methods, audit estimates — and records the import (when, from what, counts,
 * unknowns, what changed against the previous state). Either all of it lands or nothing
 * does; running it twice on the same export changes nothing but the import record.
 */
import type { TenantImport } from "../import/entra/tenant-import";
import type { Db } from "./client";

export type ImportChanges = {
  firstImport: boolean;
  users: { added: number; removed: number; changed: number; samples: { upn: string; change: string }[] };
  groups: { added: number; removed: number };
  policy: { field: string; from: unknown; to: unknown }[];
};

export type ImportRecord = {
  id: number;
  tenantId: string;
  source: string;
  origin: string;
  capturedAt: string;
  importedAt: string;
  counts: Record<string, number>;
  unknown: { tenant: string[]; users: Record<string, number> };
  changes: ImportChanges;
};

/** How many changed users an import record names by upn (the counts are always complete). */
const CHANGE_SAMPLES = 20;

const POLICY_FIELDS = [
  ["enablement", "enablement"],
  ["methods_allowed", "methodsAllowed"],
  ["methods_required", "methodsRequired"],
  ["questions_to_register", "questionsToRegister"],
  ["questions_to_reset", "questionsToReset"],
  ["require_registration_at_sign_in", "requireRegistrationAtSignIn"],
  ["reconfirm_days", "reconfirmDays"],
  ["notify_user_on_reset", "notifyUserOnReset"],
  ["notify_admins_on_admin_reset", "notifyAdminsOnAdminReset"],
  ["helpdesk_url", "helpdeskUrl"],
  ["helpdesk_email", "helpdeskEmail"],
  ["writeback_enabled", "writebackEnabled"],
  ["allow_unlock_without_reset", "allowUnlockWithoutReset"],
  ["admins_sspr_enabled", "adminsSsprEnabled"],
  ["methods_migration_state", "methodsMigrationState"],
  ["unknown", "unknown"],
] as const;

const b = (v: boolean) => (v ? 1 : 0);

/** Rows per INSERT statement: one statement per row made writing 100,000 users the slowest step. */
const ROWS_PER_INSERT = 200;

/**
 * Insert many rows with multi-row INSERTs (same table, same columns). Rows are produced
 * chunk by chunk from `items`, so 300,000 methods never exist twice in memory.
 */
function bulkInsert<T>(
  sqlite: Db["$client"],
  head: string,
  width: number,
  items: readonly T[],
  row: (item: T) => unknown[],
): void {
  const values = (n: number) =>
    Array.from({ length: n }, () => `(${Array.from({ length: width }, () => "?").join(",")})`).join(",");
  const full = sqlite.prepare(`${head} VALUES ${values(ROWS_PER_INSERT)}`);
  const params: unknown[] = [];
  let i = 0;
  for (; i + ROWS_PER_INSERT <= items.length; i += ROWS_PER_INSERT) {
    params.length = 0;
    for (let k = i; k < i + ROWS_PER_INSERT; k++) for (const v of row(items[k]!)) params.push(v);
    full.run(params);
  }
  if (i < items.length) sqlite.prepare(`${head} VALUES ${values(items.length - i)}`).run(items.slice(i).flatMap(row));
}

/** The parts of a user compared between imports, in fingerprint order. */
const USER_PARTS = [
  "type",
  "source",
  "enabled",
  "roles",
  "license",
  "passwordLastSetAt",
  "onPremises",
  "federated",
  "lastConfirmedAt",
  "unknown",
  "groups",
  "methods",
] as const;

/** What a user looks like for "did it change": every imported fact, in one string per part. */
function userParts(
  u: {
    type: string;
    source: string;
    enabled: number;
    roles: string;
    license: string;
    passwordLastSetAt: string | null;
    onprem: string;
    federated: number;
    confirmedAt: string | null;
    unknown: string;
  },
  groups: string,
  methods: string,
): Record<string, string> {
  return {
    type: u.type,
    source: u.source,
    enabled: String(u.enabled),
    roles: u.roles,
    license: u.license,
    passwordLastSetAt: u.passwordLastSetAt ?? "",
    onPremises: u.onprem,
    federated: String(u.federated),
    lastConfirmedAt: u.confirmedAt ?? "",
    unknown: u.unknown,
    groups,
    methods,
  };
}

/**
 * Write an import; returns its record (with what changed).
 * @example const rec = writeImport(db, tenantImport(readExport(dir), { importedAt })); rec.changes.users.added
 */
export function writeImport(db: Db, x: TenantImport, importedAt: string): ImportRecord {
  const sqlite = db.$client;
  return sqlite.transaction((): ImportRecord => {
    const existing = sqlite.prepare("SELECT id, source FROM tenants WHERE id = ?").get(x.tenant.id) as
      { id: string; source: string } | undefined;
    if (existing && !existing.source.startsWith("graph-")) {
      throw new Error(
        `tenant ${x.tenant.id} exists and was not imported (source "${existing.source}"); name the import otherwise with --tenant`,
      );
    }
    const other = sqlite
      .prepare("SELECT id FROM tenants WHERE domain = ? AND id <> ?")
      .pluck()
      .get(x.tenant.domain, x.tenant.id) as string | undefined;
    if (other)
      throw new Error(
        `domain ${x.tenant.domain} already belongs to tenant ${other}; import into it with --tenant ${other.replace(/^tnt-/, "")}`,
      );

    // What changed is read before anything is written.
    const changes = existing ? diffAgainstStored(db, x.tenant.id, stateOf(x)) : firstImportChanges(x);
    const tid = x.tenant.id;

    sqlite
      .prepare(
        "INSERT INTO tenants (id, name, domain, source) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, domain = excluded.domain, source = excluded.source",
      )
      .run(tid, x.tenant.name, x.tenant.domain, x.tenant.source);

    const p = x.policy;
    sqlite
      .prepare(
        `INSERT INTO policies (tenant_id, enablement, methods_allowed, methods_required, questions_to_register, questions_to_reset,
           require_registration_at_sign_in, reconfirm_days, notify_user_on_reset, notify_admins_on_admin_reset, helpdesk_url, helpdesk_email,
           writeback_enabled, allow_unlock_without_reset, admins_sspr_enabled, methods_migration_state, unknown, provenance)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(tenant_id) DO UPDATE SET enablement = excluded.enablement, methods_allowed = excluded.methods_allowed,
           methods_required = excluded.methods_required, questions_to_register = excluded.questions_to_register, questions_to_reset = excluded.questions_to_reset,
           require_registration_at_sign_in = excluded.require_registration_at_sign_in, reconfirm_days = excluded.reconfirm_days,
           notify_user_on_reset = excluded.notify_user_on_reset, notify_admins_on_admin_reset = excluded.notify_admins_on_admin_reset,
           helpdesk_url = excluded.helpdesk_url, helpdesk_email = excluded.helpdesk_email, writeback_enabled = excluded.writeback_enabled,
           allow_unlock_without_reset = excluded.allow_unlock_without_reset, admins_sspr_enabled = excluded.admins_sspr_enabled,
           methods_migration_state = excluded.methods_migration_state, unknown = excluded.unknown, provenance = excluded.provenance`,
      )
      .run(
        tid,
        p.enablement,
        JSON.stringify(p.methodsAllowed),
        p.methodsRequired,
        p.questionsToRegister,
        p.questionsToReset,
        b(p.requireRegistrationAtSignIn),
        p.reconfirmDays,
        b(p.notifyUserOnReset),
        b(p.notifyAdminsOnAdminReset),
        p.helpdeskUrl,
        p.helpdeskEmail,
        b(p.writebackEnabled),
        b(p.allowUnlockWithoutReset),
        b(p.adminsSsprEnabled),
        p.methodsMigrationState,
        JSON.stringify(p.unknown),
        JSON.stringify(p.provenance),
      );

    const c = x.connector;
    sqlite.prepare("DELETE FROM writeback_connectors WHERE tenant_id = ?").run(tid);
    sqlite
      .prepare(
        `INSERT INTO writeback_connectors (tenant_id, configured, status, last_heartbeat_at, perm_reset_password, perm_change_password, perm_write_lockout_time,
           perm_write_pwd_last_set, onprem_min_length, onprem_complexity, onprem_history_count, onprem_min_age_hours, cap_remote_sam, cap_policy_hints)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        tid,
        b(c.configured),
        c.status,
        c.lastHeartbeatAt,
        b(c.permResetPassword),
        b(c.permChangePassword),
        b(c.permWriteLockoutTime),
        b(c.permWritePwdLastSet),
        c.onPremMinLength,
        b(c.onPremComplexity),
        c.onPremHistoryCount,
        c.onPremMinAgeHours,
        b(c.capRemoteSam),
        b(c.capPolicyHints),
      );

    // Groups: drop the ones gone (cascade takes their edges), upsert the rest.
    sqlite.exec("CREATE TEMP TABLE IF NOT EXISTS import_ids (id TEXT PRIMARY KEY)");
    const keep = (ids: Iterable<string>) => {
      sqlite.exec("DELETE FROM temp.import_ids");
      const ins = sqlite.prepare("INSERT OR IGNORE INTO temp.import_ids (id) VALUES (?)");
      for (const id of ids) ins.run(id);
    };
    keep(x.groups.map((g) => g.id));
    sqlite.prepare("DELETE FROM groups WHERE tenant_id = ? AND id NOT IN (SELECT id FROM temp.import_ids)").run(tid);
    const upsertGroup = sqlite.prepare(
      "INSERT INTO groups (id, tenant_id, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name WHERE groups.tenant_id = excluded.tenant_id",
    );
    for (const g of x.groups) {
      if (upsertGroup.run(g.id, tid, g.name).changes === 0)
        throw new Error(`group ${g.id} (${g.name}) already belongs to another tenant`);
    }
    sqlite.prepare("DELETE FROM group_nesting WHERE child_id IN (SELECT id FROM groups WHERE tenant_id = ?)").run(tid);
    bulkInsert(sqlite, "INSERT OR IGNORE INTO group_nesting (parent_id, child_id)", 2, x.nesting, (n) => [
      n.parentId,
      n.childId,
    ]);
    sqlite.prepare("DELETE FROM policy_scope_groups WHERE tenant_id = ?").run(tid);
    const insScope = sqlite.prepare("INSERT INTO policy_scope_groups (tenant_id, group_id) VALUES (?, ?)");
    for (const g of x.scopeGroups) insScope.run(tid, g);

    // Users: drop the ones gone, upsert the rest (their flows, sessions and history stay).
    keep(x.users.map((u) => u.id));
    sqlite.prepare("DELETE FROM users WHERE tenant_id = ? AND id NOT IN (SELECT id FROM temp.import_ids)").run(tid);
    const upsertUser = sqlite.prepare(
      `INSERT INTO users (id, tenant_id, upn, display_name, type, source, enabled, roles, license, password_last_set_at, onprem_locked_out,
         onprem_cannot_change_password, onprem_protected_account, onprem_must_change_password, registration_confirmed_at, federated,
         onprem_disabled, onprem_found, unknown, provenance)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET upn = excluded.upn, display_name = excluded.display_name, type = excluded.type, source = excluded.source,
         enabled = excluded.enabled, roles = excluded.roles, license = excluded.license, password_last_set_at = excluded.password_last_set_at,
         onprem_locked_out = excluded.onprem_locked_out, onprem_cannot_change_password = excluded.onprem_cannot_change_password,
         onprem_protected_account = excluded.onprem_protected_account, onprem_must_change_password = excluded.onprem_must_change_password,
         registration_confirmed_at = excluded.registration_confirmed_at, federated = excluded.federated, onprem_disabled = excluded.onprem_disabled,
         onprem_found = excluded.onprem_found, unknown = excluded.unknown, provenance = excluded.provenance
       WHERE users.tenant_id = excluded.tenant_id`,
    );
    for (const u of x.users) {
      let changes: number;
      try {
        changes = upsertUser.run(
          u.id,
          tid,
          u.upn,
          u.displayName,
          u.type,
          u.source,
          b(u.enabled),
          JSON.stringify(u.roles),
          u.license,
          u.passwordLastSetAt,
          b(u.onPremLockedOut),
          b(u.onPremCannotChangePassword),
          b(u.onPremProtectedAccount),
          b(u.onPremMustChangePassword),
          u.registrationConfirmedAt,
          b(u.federated),
          b(u.onPremDisabled),
          b(u.onPremFound),
          JSON.stringify(u.unknown),
          u.provenance ? JSON.stringify(u.provenance) : null,
        ).changes;
      } catch (err) {
        if (String(err).includes("UNIQUE"))
          throw new Error(`user ${u.upn} (id ${u.id}): the upn is already taken by another user in this database`);
        throw err;
      }
      if (changes === 0) throw new Error(`user ${u.upn} (id ${u.id}) already belongs to another tenant`);
    }

    const tenantUsers = "SELECT id FROM users WHERE tenant_id = ?";
    sqlite.prepare(`DELETE FROM group_memberships WHERE user_id IN (${tenantUsers})`).run(tid);
    bulkInsert(sqlite, "INSERT OR IGNORE INTO group_memberships (group_id, user_id)", 2, x.memberships, (m) => [
      m.groupId,
      m.userId,
    ]);
    sqlite.prepare(`DELETE FROM methods WHERE user_id IN (${tenantUsers})`).run(tid);
    bulkInsert(sqlite, "INSERT INTO methods (id, user_id, type, value, verified, created_at)", 6, x.methods, (m) => [
      m.id,
      m.userId,
      m.type,
      m.value,
      b(m.verified),
      m.registeredAt,
    ]);

    for (const table of ["imported_attempts", "imported_throttle_events", "imported_blocks"])
      sqlite.prepare(`DELETE FROM ${table} WHERE user_id IN (${tenantUsers})`).run(tid);
    const insAttempt = sqlite.prepare(
      "INSERT INTO imported_attempts (user_id, at, stage, method, error, activity, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    for (const a of x.attempts)
      insAttempt.run(a.userId, a.at, a.stage, a.method ?? null, a.error ?? null, a.activity, a.reason ?? null);
    bulkInsert(sqlite, "INSERT INTO imported_throttle_events (user_id, kind, at)", 3, x.throttleEvents, (e) => [
      e.userId,
      e.kind,
      e.at,
    ]);
    const insBlock = sqlite.prepare("INSERT INTO imported_blocks (user_id, blocked_until, reason) VALUES (?, ?, ?)");
    for (const bl of x.blocks) insBlock.run(bl.userId, bl.blockedUntil, bl.reason);
    sqlite.exec("DELETE FROM temp.import_ids");

    const unknown = { tenant: x.policy.unknown, users: x.userUnknownCounts };
    const id = sqlite
      .prepare(
        "INSERT INTO imports (tenant_id, source, origin, captured_at, imported_at, counts, unknown, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        tid,
        x.tenant.source,
        x.origin,
        x.capturedAt,
        importedAt,
        JSON.stringify(x.counts),
        JSON.stringify(unknown),
        JSON.stringify(changes),
      ).lastInsertRowid;
    return {
      id: Number(id),
      tenantId: tid,
      source: x.tenant.source,
      origin: x.origin,
      capturedAt: x.capturedAt,
      importedAt,
      counts: x.counts,
      unknown,
      changes,
    };
  })();
}

/** Per user: upn and one fingerprint string of every imported fact (parts joined by \u0001: compact for 100,000 users). */
type State = { users: Map<string, { upn: string; fp: string }>; groups: Set<string>; policy: Record<string, unknown> };
const SEP = "\u0001";
const fingerprint = (parts: Record<string, string>) => USER_PARTS.map((k) => parts[k]).join(SEP);

/** The tenant's imported facts, in a few set-based queries (for the change report). */
function readState(db: Db, tenantId: string): Omit<State, "users"> {
  const sqlite = db.$client;
  const groups = new Set(sqlite.prepare("SELECT id FROM groups WHERE tenant_id = ?").pluck().all(tenantId) as string[]);
  const p =
    (sqlite.prepare("SELECT * FROM policies WHERE tenant_id = ?").get(tenantId) as
      Record<string, unknown> | undefined) ?? {};
  const policy: Record<string, unknown> = {};
  for (const [column, name] of POLICY_FIELDS) policy[name] = p[column];
  policy.selectedGroups = (
    sqlite
      .prepare("SELECT group_id FROM policy_scope_groups WHERE tenant_id = ? ORDER BY group_id")
      .pluck()
      .all(tenantId) as string[]
  ).join(",");
  return { groups, policy };
}

const LIST = "\u0002";

/**
 * The stored users, one at a time, as (id, upn, fingerprint): each row brings its own groups
 * and methods (indexed subqueries), so the previous state of 100,000 users is never held whole.
 */
function* storedUsers(db: Db, tenantId: string): Generator<{ id: string; upn: string; fp: string }> {
  const rows = db.$client
    .prepare(
      `SELECT id, upn, type, source, enabled, roles, license, password_last_set_at AS passwordLastSetAt,
         onprem_locked_out || onprem_cannot_change_password || onprem_protected_account || onprem_must_change_password || onprem_disabled || onprem_found AS onprem,
         federated, registration_confirmed_at AS confirmedAt, unknown,
         (SELECT group_concat(m.group_id, '${LIST}') FROM group_memberships m WHERE m.user_id = users.id) AS groupList,
         (SELECT group_concat(t.type || ':' || coalesce(t.value, ''), '${LIST}') FROM methods t WHERE t.user_id = users.id) AS methodList
       FROM users WHERE tenant_id = ?`,
    )
    .iterate(tenantId) as IterableIterator<
    { id: string; upn: string; groupList: string | null; methodList: string | null } & Parameters<typeof userParts>[0]
  >;
  const sorted = (list: string | null) => (list ? list.split(LIST).sort().join(",") : "");
  for (const r of rows)
    yield { id: r.id, upn: r.upn, fp: fingerprint(userParts(r, sorted(r.groupList), sorted(r.methodList))) };
}

/** The state the import writes, computed from the import itself (no second read of 100,000 users). */
function stateOf(x: TenantImport): State {
  const groupsOf = new Map<string, string[]>();
  for (const m of x.memberships) (groupsOf.get(m.userId) ?? groupsOf.set(m.userId, []).get(m.userId)!).push(m.groupId);
  const methodsOf = new Map<string, string[]>();
  for (const m of x.methods)
    (methodsOf.get(m.userId) ?? methodsOf.set(m.userId, []).get(m.userId)!).push(`${m.type}:${m.value ?? ""}`);
  const users = new Map<string, { upn: string; fp: string }>();
  for (const u of x.users) {
    const onprem = [
      u.onPremLockedOut,
      u.onPremCannotChangePassword,
      u.onPremProtectedAccount,
      u.onPremMustChangePassword,
      u.onPremDisabled,
      u.onPremFound,
    ]
      .map(b)
      .join("");
    users.set(u.id, {
      upn: u.upn,
      fp: fingerprint(
        userParts(
          {
            type: u.type,
            source: u.source,
            enabled: b(u.enabled),
            roles: JSON.stringify(u.roles),
            license: u.license,
            passwordLastSetAt: u.passwordLastSetAt,
            onprem,
            federated: b(u.federated),
            confirmedAt: u.registrationConfirmedAt,
            unknown: JSON.stringify(u.unknown),
          },
          (groupsOf.get(u.id) ?? []).sort().join(","),
          (methodsOf.get(u.id) ?? []).sort().join(","),
        ),
      ),
    });
  }
  const p = x.policy;
  const policy: Record<string, unknown> = {
    enablement: p.enablement,
    methodsAllowed: JSON.stringify(p.methodsAllowed),
    methodsRequired: p.methodsRequired,
    questionsToRegister: p.questionsToRegister,
    questionsToReset: p.questionsToReset,
    requireRegistrationAtSignIn: b(p.requireRegistrationAtSignIn),
    reconfirmDays: p.reconfirmDays,
    notifyUserOnReset: b(p.notifyUserOnReset),
    notifyAdminsOnAdminReset: b(p.notifyAdminsOnAdminReset),
    helpdeskUrl: p.helpdeskUrl,
    helpdeskEmail: p.helpdeskEmail,
    writebackEnabled: b(p.writebackEnabled),
    allowUnlockWithoutReset: b(p.allowUnlockWithoutReset),
    adminsSsprEnabled: b(p.adminsSsprEnabled),
    methodsMigrationState: p.methodsMigrationState,
    unknown: JSON.stringify(p.unknown),
    selectedGroups: [...x.scopeGroups].sort().join(","),
  };
  return { users, groups: new Set(x.groups.map((g) => g.id)), policy };
}

function firstImportChanges(x: TenantImport): ImportChanges {
  return {
    firstImport: true,
    users: { added: x.users.length, removed: 0, changed: 0, samples: [] },
    groups: { added: x.groups.length, removed: 0 },
    policy: [],
  };
}

/** What the import will change, read before it writes: users streamed from the database against the import's own state. */
function diffAgainstStored(db: Db, tenantId: string, after: State): ImportChanges {
  const before = readState(db, tenantId);
  const out: ImportChanges = {
    firstImport: false,
    users: { added: 0, removed: 0, changed: 0, samples: [] },
    groups: { added: 0, removed: 0 },
    policy: [],
  };
  const sample = (upn: string, change: string) => {
    if (out.users.samples.length < CHANGE_SAMPLES) out.users.samples.push({ upn, change });
  };
  let kept = 0;
  for (const old of storedUsers(db, tenantId)) {
    const u = after.users.get(old.id);
    if (!u) {
      out.users.removed++;
      sample(old.upn, "removed");
      continue;
    }
    kept++;
    if (old.fp === u.fp && old.upn === u.upn) continue;
    const a = old.fp.split(SEP);
    const b2 = u.fp.split(SEP);
    const fields: string[] = USER_PARTS.filter((_, k) => a[k] !== b2[k]);
    if (old.upn !== u.upn) fields.unshift("upn");
    out.users.changed++;
    sample(u.upn, fields.join(", "));
  }
  out.users.added = after.users.size - kept;
  if (out.users.added) {
    const stored = new Set(
      db.$client.prepare("SELECT id FROM users WHERE tenant_id = ?").pluck().all(tenantId) as string[],
    );
    for (const [id, u] of after.users) if (!stored.has(id)) sample(u.upn, "added");
  }
  for (const g of after.groups) if (!before.groups.has(g)) out.groups.added++;
  for (const g of before.groups) if (!after.groups.has(g)) out.groups.removed++;
  for (const [field, to] of Object.entries(after.policy)) {
    const from = before.policy[field];
    if (from !== to) out.policy.push({ field, from, to });
  }
  return out;
}

function recordOf(r: Record<string, unknown>): ImportRecord {
  return {
    id: r.id as number,
    tenantId: r.tenant_id as string,
    source: r.source as string,
    origin: r.origin as string,
    capturedAt: r.captured_at as string,
    importedAt: r.imported_at as string,
    counts: JSON.parse(r.counts as string) as Record<string, number>,
    unknown: JSON.parse(r.unknown as string) as ImportRecord["unknown"],
    changes: JSON.parse(r.changes as string) as ImportChanges,
  };
}

/** Every import, newest first (optionally of one tenant). */
export function listImports(db: Db, tenantId?: string, limit = 50): ImportRecord[] {
  const rows = tenantId
    ? db.$client.prepare("SELECT * FROM imports WHERE tenant_id = ? ORDER BY id DESC LIMIT ?").all(tenantId, limit)
    : db.$client.prepare("SELECT * FROM imports ORDER BY id DESC LIMIT ?").all(limit);
  return (rows as Record<string, unknown>[]).map(recordOf);
}

type ImportedAttempt = {
  at: string;
  stage: string;
  method: string | null;
  error: string | null;
  activity: string;
  reason: string | null;
};
type ImportedBlock = { blockedUntil: string; reason: string };

/** The audit estimate behind a user's imported attempt and block (what /admin shows as evidence). */
export function importedAuditOf(db: Db, userId: string): { attempt?: ImportedAttempt; block?: ImportedBlock } {
  const attempt = db.$client
    .prepare("SELECT at, stage, method, error, activity, reason FROM imported_attempts WHERE user_id = ?")
    .get(userId) as ImportedAttempt | undefined;
  const block = db.$client
    .prepare("SELECT blocked_until AS blockedUntil, reason FROM imported_blocks WHERE user_id = ?")
    .get(userId) as ImportedBlock | undefined;
  return { ...(attempt ? { attempt } : {}), ...(block ? { block } : {}) };
}
