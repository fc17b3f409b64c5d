/**
 * The state loader: database → Snapshot (CONTRACT §1), for one user or for a whole
 * tenant. Both go through the same handful of set-based queries (never one query per
 * user) so the interactive diagnosis and the 100,000-user sweep see the same state.
 */
import type { FindingCode, Method } from "../domain/catalogue";
import { usersPerContactValue } from "../domain/methods";
import type { License } from "../domain/licenses";
import type { RegisteredMethod, Snapshot } from "../domain/snapshot";
import { BUDGETS } from "../domain/throttle";
import { HEARTBEAT_PATH, heartbeatUnknownAt } from "../domain/unknown-facts";
import type { Db } from "./client";
import { connectorIsReading } from "./connectors";
import { importedAudit } from "./imported-audit";

export type LoadedSnapshot = { userId: string; upn: string; tenantId: string; snapshot: Snapshot };

/** The user columns the snapshot needs, in this order (rows come back as arrays: no object per row). */
const USER_COLUMNS = `u.id, u.upn, u.type, u.source, u.enabled, u.roles, u.license, u.password_last_set_at, u.onprem_locked_out,
  u.onprem_cannot_change_password, u.onprem_protected_account, u.onprem_must_change_password, u.registration_confirmed_at,
  u.federated, u.cloud_locked_until, u.onprem_disabled, u.onprem_found, u.delivery_failure, u.unknown, u.provenance`;
type UserRow = [
  id: string,
  upn: string,
  type: "member" | "guest",
  source: "cloud" | "synced",
  enabled: number,
  roles: string,
  license: License,
  passwordLastSetAt: string | null,
  lockedOut: number,
  cannotChangePassword: number,
  protectedAccount: number,
  mustChange: number,
  confirmedAt: string | null,
  federated: number,
  cloudLockedUntil: string | null,
  onPremDisabled: number,
  onPremFound: number,
  deliveryFailure: string | null,
  unknown: string,
  provenance: string | null,
  rowid: number,
];
/** A method row: the user's rowid, then the columns a snapshot's method takes. */
type MethodRow = [rowid: number, type: Method, value: string | null, verified: number, createdAt: string];

type Provenance = Record<string, { source: string; readAt: string }>;

type TenantState = {
  policy: Snapshot["policy"];
  /** Policy paths no source could tell; every user of the tenant inherits them. */
  unknown: string[];
  provenance: Provenance | null;
  writeback: Snapshot["writeback"];
  /** group id → that group and every group it is nested in, transitively. */
  closure: Map<string, string[]>;
};

/** Find a user by upn (case-insensitive) or id. */
export function findUser(db: Db, login: string): { id: string; tenantId: string; upn: string } | undefined {
  const row = db.$client
    .prepare("SELECT id, tenant_id AS tenantId, upn FROM users WHERE id = ? OR lower(upn) = lower(?) LIMIT 1")
    .get(login, login) as { id: string; tenantId: string; upn: string } | undefined;
  return row;
}

/** The tenant a login's domain names (for a login that matches no user), or null. */
export function tenantIdOfLogin(db: Db, login: string): string | null {
  const domain = login.split("@").pop()?.trim().toLowerCase() ?? "";
  return (
    (db.$client.prepare("SELECT id FROM tenants WHERE domain = ?").pluck().get(domain) as string | undefined) ?? null
  );
}

/**
 * The snapshot of one stored user, or undefined when no such user exists.
 * @example snapshotForUser(db, new Date(), "alex.healthy@contoso.example")?.snapshot.user?.upn
 */
export function snapshotForUser(db: Db, now: Date, login: string): LoadedSnapshot | undefined {
  const user = findUser(db, login);
  if (!user) return undefined;
  return [...loadSnapshots(db, now, user.tenantId, user.id)][0];
}

/** Every user of a tenant as snapshots, in upn order. */
export function snapshotsForTenant(db: Db, now: Date, tenantId: string): LoadedSnapshot[] {
  return [...loadSnapshots(db, now, tenantId)];
}

/** A tenant read as a stream: its users' snapshots one at a time, and what a sweep needs first. */
export type TenantStream = {
  /** How many users the stream yields. */
  count: number;
  /** Users per contact value (`methodValueKey`), counted from the method rows before any snapshot is built. */
  sharedMethodValues: ReadonlyMap<string, number>;
  /** The snapshots in upn order, each built when asked for: no tenant-sized array of them. */
  users: Iterable<LoadedSnapshot>;
};

/**
 * Reads a tenant inside one read transaction and hands `use` its users as a stream, so a
 * sweep holds one snapshot at a time instead of 100,000 (peak memory, and the collector's
 * time). The stream is only valid inside `use`; what `use` did not read is closed after it.
 *
 * @example
 * withTenantSnapshots(db, now, "tnt-contoso", (t) => sweep(t.users, diagnoser, { sharedMethodValues: t.sharedMethodValues }));
 */
export function withTenantSnapshots<T>(db: Db, now: Date, tenantId: string, use: (tenant: TenantStream) => T): T {
  return streamed(db, now, tenantId, {}, (state) =>
    use({ count: state.count, sharedMethodValues: state.sharedMethodValues(), users: state.users }),
  );
}

/**
 * The users of a tenant whose upn lies in `range` (from inclusive, to exclusive), streamed
 * as `withTenantSnapshots` does: one slice of a sweep split across threads. It has no
 * `sharedMethodValues`: those are the whole tenant's, which a slice cannot count
 * (`tenantSharedContactValues` in db/tenant-partition.ts can).
 *
 * @example
 * withTenantRangeSnapshots(db, now, "tnt-bench", { from: "m" }, (t) => t.count); // users from "m" on
 */
export function withTenantRangeSnapshots<T>(
  db: Db,
  now: Date,
  tenantId: string,
  range: UpnRange,
  use: (slice: Omit<TenantStream, "sharedMethodValues">) => T,
): T {
  return streamed(db, now, tenantId, { range }, (state) => use({ count: state.count, users: state.users }));
}

/** Users by upn, `from` inclusive and `to` exclusive; an absent end is open. */
export type UpnRange = { from?: string; to?: string };

/** Which of a tenant's users the loader reads: one user, a upn range, or (neither) all. */
type UserFilter = { userId?: string; range?: UpnRange };

function streamed<T>(db: Db, now: Date, tenantId: string, filter: UserFilter, use: (state: State) => T): T {
  const sqlite = db.$client;
  const ownTransaction = !sqlite.inTransaction;
  if (ownTransaction) sqlite.prepare("BEGIN").run();
  let users: Generator<LoadedSnapshot> | undefined;
  try {
    const state = readState(db, now, tenantId, filter);
    users = state.users;
    return use(state);
  } finally {
    // An unfinished stream keeps its statement open, and the connection is busy until it closes.
    users?.return(undefined);
    if (ownTransaction) sqlite.prepare("COMMIT").run();
  }
}

/** Tenant policy as the snapshot's `policy` (scope groups included). */
export function loadPolicy(db: Db, tenantId: string): Snapshot["policy"] | undefined {
  const p = policyRow(db, tenantId);
  return p && policyOfRow(db, tenantId, p);
}

function policyRow(db: Db, tenantId: string): Record<string, unknown> | undefined {
  return db.$client.prepare("SELECT * FROM policies WHERE tenant_id = ?").get(tenantId) as
    Record<string, unknown> | undefined;
}

function policyOfRow(db: Db, tenantId: string, p: Record<string, unknown>): Snapshot["policy"] {
  const scope = db.$client
    .prepare("SELECT group_id FROM policy_scope_groups WHERE tenant_id = ? ORDER BY group_id")
    .pluck()
    .all(tenantId) as string[];
  return {
    enablement: p.enablement as Snapshot["policy"]["enablement"],
    selectedGroups: scope,
    methodsAllowed: JSON.parse(p.methods_allowed as string) as Method[],
    methodsRequired: p.methods_required as 1 | 2,
    securityQuestions: { toRegister: p.questions_to_register as number, toReset: p.questions_to_reset as number },
    registration: {
      requireAtSignIn: Boolean(p.require_registration_at_sign_in),
      reconfirmDays: p.reconfirm_days as number,
    },
    notifications: {
      notifyUserOnReset: Boolean(p.notify_user_on_reset),
      notifyAdminsOnAdminReset: Boolean(p.notify_admins_on_admin_reset),
    },
    helpdesk: {
      ...(p.helpdesk_url ? { url: p.helpdesk_url as string } : {}),
      ...(p.helpdesk_email ? { email: p.helpdesk_email as string } : {}),
    },
    onPremises: {
      writebackEnabled: Boolean(p.writeback_enabled),
      allowUnlockWithoutReset: Boolean(p.allow_unlock_without_reset),
    },
    // v2 fields only when they differ from the contract's defaults: a v1 tenant loads as before.
    ...(p.admins_sspr_enabled === 0 ? { admins: { ssprEnabled: false } } : {}),
    ...(p.methods_migration_state !== "migrationComplete"
      ? { methodsPolicy: { migrationState: p.methods_migration_state as "preMigration" | "migrationInProgress" } }
      : {}),
  };
}

function loadTenantState(db: Db, tenantId: string, now: Date): TenantState {
  // One read of the policy row: the policy, and what its source could not tell and where it came from.
  const row = policyRow(db, tenantId);
  if (!row) throw new Error(`tenant ${tenantId} has no policy row`);
  const policy = policyOfRow(db, tenantId, row);
  const unknownJson = row.unknown as string;
  const provenanceJson = row.provenance as string | null;
  const c = db.$client.prepare("SELECT * FROM writeback_connectors WHERE tenant_id = ?").get(tenantId) as
    Record<string, unknown> | undefined;
  const writeback: Snapshot["writeback"] = {
    configured: Boolean(c?.configured),
    status: (c?.status as Snapshot["writeback"]["status"]) ?? "healthy",
    ...(c?.last_heartbeat_at ? { lastHeartbeatAt: c.last_heartbeat_at as string } : {}),
    permissions: {
      resetPassword: c ? Boolean(c.perm_reset_password) : true,
      changePassword: c ? Boolean(c.perm_change_password) : true,
      writeLockoutTime: c ? Boolean(c.perm_write_lockout_time) : true,
      writePwdLastSet: c ? Boolean(c.perm_write_pwd_last_set) : true,
    },
    onPremPolicy: {
      minLength: (c?.onprem_min_length as number) ?? 7,
      complexity: c ? Boolean(c.onprem_complexity) : true,
      historyCount: (c?.onprem_history_count as number) ?? 24,
      minAgeHours: (c?.onprem_min_age_hours as number) ?? 0,
    },
  };
  if (c && (c.cap_remote_sam === 0 || c.cap_policy_hints === 0)) {
    writeback.capabilities = { remoteSam: Boolean(c.cap_remote_sam), policyHints: Boolean(c.cap_policy_hints) };
  }
  // Nesting edges child → parents, then each group's transitive ancestors (cycle-safe).
  const parents = new Map<string, string[]>();
  const edges = db.$client
    .prepare(
      "SELECT n.child_id, n.parent_id FROM group_nesting n JOIN groups g ON g.id = n.child_id WHERE g.tenant_id = ?",
    )
    .raw()
    .all(tenantId) as [string, string][];
  for (const [child, parent] of edges) parents.set(child, [...(parents.get(child) ?? []), parent]);
  const closure = new Map<string, string[]>();
  const ancestorsOf = (group: string): string[] => {
    const cached = closure.get(group);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [...(parents.get(group) ?? [])];
    while (stack.length) {
      const g = stack.pop()!;
      if (seen.has(g) || g === group) continue;
      seen.add(g);
      stack.push(...(parents.get(g) ?? []));
    }
    const list = [...seen];
    closure.set(group, list);
    return list;
  };
  for (const child of parents.keys()) ancestorsOf(child);
  const unknown = unknownJson === "[]" ? [] : (JSON.parse(unknownJson) as string[]);
  // An imported connector's heartbeat is the settings file's reading, not one of ours: once
  // it is stale at `now`, whether the connector beats now is unknown, not down (ADR 010).
  if (heartbeatUnknownAt(writeback, now) && connectorIsReading(db, tenantId)) unknown.push(HEARTBEAT_PATH);
  return {
    policy,
    writeback,
    closure,
    unknown,
    provenance: provenanceJson ? (JSON.parse(provenanceJson) as Provenance) : null,
  };
}

/**
 * A user's groups: the direct ones in row order, then the groups they are nested in, each
 * once. A user is in a handful of groups, so "seen" is a scan of the list built so far
 * rather than a Set per user (a sweep builds 100,000 of these) unless the list is long.
 */
function groupsOf(
  direct: readonly string[],
  closure: ReadonlyMap<string, string[]>,
): { id: string; direct: boolean }[] {
  const groups: { id: string; direct: boolean }[] = [];
  // Past a few dozen groups a Set is cheaper than scanning (someone in hundreds of groups).
  const seen = direct.length > 16 ? new Set<string>() : undefined;
  for (const g of direct) if (!listed(groups, seen, g)) groups.push({ id: g, direct: true });
  for (const g of direct) {
    const ancestors = closure.get(g);
    if (ancestors) for (const a of ancestors) if (!listed(groups, seen, a)) groups.push({ id: a, direct: false });
  }
  return groups;
}

/** One shared copy of a repeated string (SQLite hands out a fresh one per row). */
function intern<S extends string>(strings: Map<string, string>, value: S): S {
  const known = strings.get(value);
  if (known !== undefined) return known as S;
  strings.set(value, value);
  return value;
}

/** Whether `g` is already in `groups` (noting it in `seen`, when there is one, if not). A plain function, not a closure per user. */
function listed(groups: readonly { id: string }[], seen: Set<string> | undefined, g: string): boolean {
  if (seen) return seen.has(g) || (seen.add(g), false);
  for (let i = 0; i < groups.length; i++) if (groups[i]!.id === g) return true;
  return false;
}

/**
 * The position in `rowids` of a user's rowid, or -1 for a rowid not among them: a typed
 * array indexed by rowid when rowids are dense enough (the usual case), else a map.
 */
function positionsByRowid(rowids: readonly number[]): (rowid: number) => number {
  let max = 0;
  for (const r of rowids) if (r > max) max = r;
  if (max <= 8 * rowids.length + 65_536) {
    const byRowid = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < rowids.length; i++) byRowid[rowids[i]!] = i;
    return (rowid) => (rowid <= max ? byRowid[rowid]! : -1);
  }
  const byRowid = new Map<number, number>();
  for (let i = 0; i < rowids.length; i++) byRowid.set(rowids[i]!, i);
  return (rowid) => byRowid.get(rowid) ?? -1;
}

/**
 * One read transaction around the queries, so they all see the same state (a user's rows
 * cannot change between the users query and its methods'); inside a caller's, it is theirs.
 */
function* loadSnapshots(db: Db, now: Date, tenantId: string, userId?: string): Generator<LoadedSnapshot> {
  const sqlite = db.$client;
  const ownTransaction = !sqlite.inTransaction;
  if (ownTransaction) sqlite.prepare("BEGIN").run();
  try {
    yield* readState(db, now, tenantId, { userId }).users;
  } finally {
    if (ownTransaction) sqlite.prepare("COMMIT").run();
  }
}

/**
 * Reads every child table of the tenant's users now (into arrays by the user's position)
 * and returns the users' own rows as a generator that builds each snapshot when asked.
 */
type State = { count: number; sharedMethodValues: () => Map<string, number>; users: Generator<LoadedSnapshot> };

function readState(db: Db, now: Date, tenantId: string, filter: UserFilter): State {
  const tenant = loadTenantState(db, tenantId, now);
  const sqlite = db.$client;
  const { userId, range } = filter;
  // The one SQL fragment every query of the loader narrows its users by (named `onlyUser` when it was only that).
  const onlyUser = [
    userId ? "AND u.id = @userId" : "",
    range?.from !== undefined ? "AND u.upn >= @upnFrom" : "",
    range?.to !== undefined ? "AND u.upn < @upnTo" : "",
  ].join(" ");
  const windowStart = (budget: keyof typeof BUDGETS) =>
    new Date(now.getTime() - BUDGETS[budget].windowMs).toISOString();
  const params = {
    tenantId,
    userId: userId ?? null,
    upnFrom: range?.from ?? null,
    upnTo: range?.to ?? null,
    // The windows of the throttle registry (domain/throttle.ts): what the flows refuse by is what a diagnosis counts.
    codesSince: windowStart("code_sent"),
    failuresSince: windowStart("verification_failed"),
    resetsSince: windowStart("reset_completed"),
  };

  // The users' rowids in upn order first (integers, cheap); their rows are read last and
  // streamed, so no row array outlives its user. Child rows name their user by rowid (no
  // string per row to allocate and hash) and land in arrays by the user's position, not
  // in per-user maps.
  const order = sqlite
    .prepare(`SELECT u.rowid FROM users u WHERE u.tenant_id = @tenantId ${onlyUser} ORDER BY u.upn`)
    .pluck()
    .all(params) as number[];
  const at = positionsByRowid(order);
  const count = order.length;

  // Direct group ids per user, each id one shared string (SQLite hands out a fresh copy per row).
  const memberships: (string[] | undefined)[] = new Array(count);
  const interned = new Map<string, string>();
  for (const [rowid, g] of sqlite
    .prepare(
      `SELECT u.rowid, m.group_id FROM group_memberships m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = @tenantId ${onlyUser}`,
    )
    .raw()
    .iterate(params) as IterableIterator<[number, string]>) {
    const group = intern(interned, g);
    const i = at(rowid);
    if (i < 0) continue;
    const list = memberships[i];
    if (list) list.push(group);
    else memberships[i] = [group];
  }
  const methods: (MethodRow[] | undefined)[] = new Array(count);
  for (const row of sqlite
    .prepare(
      `SELECT u.rowid, m.type, m.value, m.verified, m.created_at FROM methods m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = @tenantId ${onlyUser} ORDER BY m.created_at, m.rowid`,
    )
    .raw()
    .iterate(params) as IterableIterator<MethodRow>) {
    const i = at(row[0]);
    if (i < 0) continue;
    // A tenant has a handful of method types and registration times repeat (an import stamps
    // one): one shared string each instead of a copy per row, held until the user is built.
    row[1] = intern(interned, row[1]);
    row[4] = intern(interned, row[4]);
    const list = methods[i];
    if (list) list.push(row);
    else methods[i] = [row];
  }
  const answers = new Int32Array(count);
  for (const [rowid, n] of sqlite
    .prepare(
      `SELECT u.rowid, count(*) FROM security_answers a JOIN users u ON u.id = a.user_id WHERE u.tenant_id = @tenantId ${onlyUser} GROUP BY a.user_id`,
    )
    .raw()
    .iterate(params) as IterableIterator<[number, number]>) {
    const i = at(rowid);
    if (i >= 0) answers[i] = n;
  }
  const codesSent = new Int32Array(count);
  const failedVerifications = new Int32Array(count);
  const resets = new Int32Array(count);
  // Per-method budgets (codes per login and method) report their busiest subject.
  for (const [rowid, kind, n] of sqlite
    .prepare(
      `SELECT r, kind, max(n) FROM (
         SELECT u.rowid AS r, e.kind, e.subject, count(*) AS n FROM throttle_events e JOIN users u ON u.id = e.user_id
         WHERE u.tenant_id = @tenantId ${onlyUser} AND e.kind IN ('code_sent', 'verification_failed', 'reset_completed')
           AND e.at > CASE e.kind WHEN 'code_sent' THEN @codesSince WHEN 'verification_failed' THEN @failuresSince ELSE @resetsSince END
         GROUP BY e.user_id, e.kind, e.subject)
       GROUP BY r, kind`,
    )
    .raw()
    .iterate(params) as IterableIterator<[number, "code_sent" | "verification_failed" | "reset_completed", number]>) {
    const i = at(rowid);
    if (i >= 0)
      (kind === "code_sent" ? codesSent : kind === "verification_failed" ? failedVerifications : resets)[i] = n;
  }
  const blocks: (string | undefined)[] = new Array(count);
  for (const [rowid, until] of sqlite
    .prepare(
      `SELECT u.rowid, b.blocked_until FROM throttle_blocks b JOIN users u ON u.id = b.user_id WHERE u.tenant_id = @tenantId ${onlyUser}`,
    )
    .raw()
    .iterate(params) as IterableIterator<[number, string]>) {
    const i = at(rowid);
    if (i >= 0) blocks[i] = until;
  }
  // The last failed reset step, kept on its flow row, unless a reset completed after it.
  const attempts: ({ attempt: string | null; at: string } | undefined)[] = new Array(count);
  for (const [rowid, attempt, when] of sqlite
    .prepare(
      `SELECT u.rowid, CASE WHEN f.completed_at IS NULL OR f.attempt_at > f.completed_at THEN f.attempt END, max(coalesce(f.completed_at, ''), coalesce(f.attempt_at, ''))
       FROM reset_flows f JOIN users u ON u.id = f.user_id
       WHERE u.tenant_id = @tenantId ${onlyUser} AND (f.attempt_at IS NOT NULL OR f.completed_at IS NOT NULL)`,
    )
    .raw()
    .iterate(params) as IterableIterator<[number, string | null, string]>) {
    const i = at(rowid);
    if (i < 0) continue;
    const seen = attempts[i];
    if (!seen || when > seen.at) attempts[i] = { attempt, at: when };
  }

  // Imported tenants (issue 15): audit estimates from Graph, kept in their own tables.
  const imported = importedAudit(sqlite, params, onlyUser);

  return {
    count,
    // Before the stream starts: building a user lets go of their method rows.
    sharedMethodValues: () => usersPerContactValue(methodValues(methods)),
    users: buildSnapshots(db, now, tenantId, onlyUser, params, {
      tenant,
      at,
      memberships,
      methods,
      answers,
      codesSent,
      failedVerifications,
      resets,
      blocks,
      attempts,
      imported,
    }),
  };
}

/** Each user's contact methods as the shared-value count reads them, straight from the rows. */
function* methodValues(
  methods: readonly (MethodRow[] | undefined)[],
): Generator<Pick<RegisteredMethod, "type" | "value">[]> {
  for (const rows of methods) {
    if (rows === undefined) continue;
    const own: Pick<RegisteredMethod, "type" | "value">[] = [];
    for (const [, type, value] of rows) if (value !== null) own.push({ type, value });
    yield own;
  }
}

type ChildRows = {
  tenant: TenantState;
  at: (rowid: number) => number;
  memberships: (string[] | undefined)[];
  methods: (MethodRow[] | undefined)[];
  answers: Int32Array;
  codesSent: Int32Array;
  failedVerifications: Int32Array;
  resets: Int32Array;
  blocks: (string | undefined)[];
  attempts: ({ attempt: string | null; at: string } | undefined)[];
  imported: ReturnType<typeof importedAudit>;
};

function* buildSnapshots(
  db: Db,
  now: Date,
  tenantId: string,
  onlyUser: string,
  params: Record<string, unknown>,
  rows: ChildRows,
): Generator<LoadedSnapshot> {
  const sqlite = db.$client;
  const {
    tenant,
    at,
    memberships,
    methods,
    answers,
    codesSent,
    failedVerifications,
    resets,
    blocks,
    attempts,
    imported,
  } = rows;
  const unknownLists = new Map<string, string[]>();
  // Shared by every user without facts of their own, like the tenant's policy object.
  const tenantProvenance = tenant.provenance ? { facts: tenant.provenance } : undefined;

  // Built by assignment rather than conditional spreads: this loop runs 100,000 times a sweep.
  const nowIso = now.toISOString();
  for (const row of sqlite
    .prepare(`SELECT ${USER_COLUMNS}, u.rowid FROM users u WHERE u.tenant_id = @tenantId ${onlyUser} ORDER BY u.upn`)
    .raw()
    .iterate(params) as IterableIterator<UserRow>) {
    const i = at(row[20]);
    if (i < 0) continue;
    const [
      id,
      upn,
      type,
      source,
      enabled,
      roles,
      license,
      passwordLastSetAt,
      lockedOut,
      cannotChange,
      protectedAccount,
      mustChange,
      confirmedAt,
    ] = row;
    const direct = memberships[i];
    const groups = direct ? groupsOf(direct, tenant.closure) : [];
    // Each user's child rows are let go once their snapshot is built, so a streamed sweep's
    // memory shrinks as it goes instead of holding every row to the end.
    memberships[i] = undefined;
    const user: NonNullable<Snapshot["user"]> = {
      id,
      upn,
      type,
      source,
      enabled: enabled === 1,
      roles: roles === "[]" ? [] : (JSON.parse(roles) as string[]),
      license,
      groups,
      onPremises: {
        lockedOut: lockedOut === 1,
        cannotChangePassword: cannotChange === 1,
        protectedAccount: protectedAccount === 1,
        mustChangePasswordAtNextLogon: mustChange === 1,
      },
    };
    if (passwordLastSetAt) user.passwordLastSetAt = passwordLastSetAt;
    const [
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      ,
      federated,
      cloudLockedUntil,
      onPremDisabled,
      onPremFound,
      deliveryFailure,
      userUnknown,
      userProvenance,
    ] = row;
    // v2 facts only when they differ from the contract's defaults (a v1 user loads as before).
    if (federated === 1) user.federated = true;
    if (cloudLockedUntil) user.cloudLockout = { lockedUntil: cloudLockedUntil };
    if (onPremDisabled === 1) user.onPremises!.disabled = true;
    if (onPremFound === 0) user.onPremises!.found = false;
    const userMethods: Snapshot["methods"] = [];
    const own = methods[i];
    if (own) {
      for (const [, methodType, value, verified, registeredAt] of own) {
        const m: Snapshot["methods"][number] = { type: methodType, verified: verified === 1, registeredAt };
        if (value !== null) m.value = value;
        if (methodType === "security_questions") m.questionsAnswered = answers[i]!;
        userMethods.push(m);
      }
      methods[i] = undefined;
    }
    const it = imported.counts.get(id);
    const throttleState: Snapshot["throttle"] = {
      failedVerificationsLast24h: failedVerifications[i]! + (it?.verification_failed ?? 0),
      codesSentLastHour: codesSent[i]! + (it?.code_sent ?? 0),
      resetsLast24h: resets[i]! + (it?.reset_completed ?? 0),
    };
    const blockedUntil = blocks[i] ?? imported.blocks.get(id);
    if (blockedUntil) throttleState.blockedUntil = blockedUntil;
    const snapshot: Snapshot = {
      now: nowIso,
      policy: tenant.policy,
      user,
      methods: userMethods,
      registration: confirmedAt ? { lastConfirmedAt: confirmedAt } : {},
      throttle: throttleState,
      writeback: tenant.writeback,
    };
    if (deliveryFailure)
      snapshot.delivery = {
        lastFailure: JSON.parse(deliveryFailure) as NonNullable<Snapshot["delivery"]>["lastFailure"],
      };
    // Imported tenants repeat a few unknown lists over 100,000 users: parse and merge each once.
    let unknown = userUnknown === "[]" ? tenant.unknown : unknownLists.get(userUnknown);
    if (!unknown)
      unknownLists.set(
        userUnknown,
        (unknown = [...new Set([...tenant.unknown, ...(JSON.parse(userUnknown) as string[])])]),
      );
    if (unknown.length) snapshot.unknown = unknown;
    if (userProvenance)
      snapshot.provenance = { facts: { ...tenant.provenance, ...(JSON.parse(userProvenance) as Provenance) } };
    else if (tenantProvenance) snapshot.provenance = tenantProvenance;
    const attempt = attempts[i]?.attempt;
    if (attempt) {
      const a = JSON.parse(attempt) as {
        stage: NonNullable<Snapshot["attempt"]>["stage"];
        method?: Method;
        error?: FindingCode;
      };
      snapshot.attempt = { stage: a.stage, ...(a.error && { error: a.error }), ...(a.method && { method: a.method }) };
    } else {
      const importedAttempt = imported.attempts.get(id);
      if (importedAttempt) snapshot.attempt = importedAttempt;
    }
    yield { userId: id, upn, tenantId, snapshot };
  }
}
