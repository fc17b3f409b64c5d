/**
 * Snapshot builders for tests and benchmarks. `snapshot()` is a valid, healthy user who
 * can reset and raises no finding at all (in scope through a selected group, P1, two
 * verified usable methods, writeback healthy, tenant hygiene in order); pass overrides
 * to break exactly one thing. `tenantUsers()` generates a deterministic tenant of
 * already-valid snapshots, quickly enough to build 100,000 of them for a benchmark.
 */
import { isAdmin } from "../../src/domain/directory";
import { parseSnapshot, type Snapshot, type SnapshotInput } from "../../src/domain/snapshot";
import type { TenantUser } from "../../src/diagnosis/sweep";

export const NOW = "2026-11-24T09:30:00Z";
const NOW_MS = Date.parse(NOW);

/** An ISO instant `minutes` before NOW (negative: after). */
export function minutesAgo(minutes: number): string {
  return new Date(NOW_MS - minutes * 60_000).toISOString();
}
export const hoursAgo = (hours: number): string => minutesAgo(hours * 60);
export const daysAgo = (days: number): string => minutesAgo(days * 1440);

/** Objects merge key by key; arrays, null and scalars replace. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
export type SnapshotOverrides = DeepPartial<Required<SnapshotInput>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep merge for test data: objects merge, everything else replaces; `undefined` removes.
 *
 * @example
 * deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 } }); // { a: { b: 1, c: 3 } }
 */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return (overrides === undefined ? base : overrides) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out as T;
}

/** The healthy snapshot as a caller would send it. */
export function healthyInput(): SnapshotInput {
  return {
    now: NOW,
    policy: {
      enablement: "selected",
      selectedGroups: ["grp-sspr"],
      methodsAllowed: ["email", "mobile_sms", "mobile_voice", "authenticator_notification", "authenticator_code"],
      methodsRequired: 1,
      securityQuestions: { toRegister: 3, toReset: 3 },
      registration: { requireAtSignIn: true, reconfirmDays: 90 },
      notifications: { notifyUserOnReset: true, notifyAdminsOnAdminReset: true },
      helpdesk: { email: "it@fabrikam.example" },
      onPremises: { writebackEnabled: true, allowUnlockWithoutReset: true },
    },
    user: {
      id: "usr-7",
      upn: "janis.ozols@fabrikam.example",
      type: "member",
      source: "cloud",
      enabled: true,
      roles: [],
      license: "p1",
      groups: [{ id: "grp-sspr", direct: true }],
      passwordLastSetAt: daysAgo(13),
    },
    methods: [
      { type: "authenticator_code", verified: true, registeredAt: daysAgo(21) },
      { type: "mobile_sms", value: "+37126000007", verified: true, registeredAt: daysAgo(21) },
    ],
    registration: { lastConfirmedAt: daysAgo(4) },
    throttle: { failedVerificationsLast24h: 0, codesSentLastHour: 0, resetsLast24h: 0 },
    writeback: {
      configured: true,
      status: "healthy",
      lastHeartbeatAt: minutesAgo(1),
      permissions: { resetPassword: true, changePassword: true, writeLockoutTime: true, writePwdLastSet: true },
      onPremPolicy: { minLength: 10, complexity: true, historyCount: 12, minAgeHours: 0 },
    },
  };
}

/** The healthy input with overrides merged in (not validated). */
export function snapshotInput(overrides: SnapshotOverrides = {}): SnapshotInput {
  return deepMerge(healthyInput(), overrides);
}

/**
 * A validated snapshot: healthy unless overridden. Throws if the overrides make it invalid.
 *
 * @example
 * snapshot({ throttle: { codesSentLastHour: 5 } }); // too_many_codes_sent, nothing else
 * snapshot({ user: null }); // account_not_found
 */
export function snapshot(overrides: SnapshotOverrides = {}): Snapshot {
  const result = parseSnapshot(snapshotInput(overrides));
  if (!result.ok) throw new Error(`invalid test snapshot: ${JSON.stringify(result.issues)}`);
  return result.snapshot;
}

// ---- A generated tenant (deterministic; built without zod so 100,000 take a moment).

/** mulberry32: a tiny seeded PRNG, so a generated tenant is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` users of one tenant sharing one policy: mostly healthy, with a realistic spread
 * of scope gaps, nested groups, admins, bad or missing methods, throttling, synced users
 * with on-premises trouble, and a few phone numbers shared by many users.
 *
 * @example
 * const users = tenantUsers(100_000, 42);
 */
export function tenantUsers(count: number, seed = 1, policyOverrides: SnapshotOverrides["policy"] = {}): TenantUser[] {
  const random = seededRandom(seed);
  const chance = (p: number): boolean => random() < p;
  const base = snapshot({ policy: policyOverrides ?? {} });
  const policy = base.policy;
  const writeback = base.writeback;
  const out: TenantUser[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `usr-${i}`;
    const upn = `user${i}@fabrikam.example`;
    const roles = chance(0.02) ? ["user_admin"] : [];
    const groups = chance(0.08) ? [{ id: "grp-other", direct: true }] : [{ id: "grp-sspr", direct: chance(0.8) }];
    const source = chance(0.3) ? "synced" : "cloud";
    const methods: Snapshot["methods"] = [];
    const office = {
      type: "office_phone",
      value: `+3716${String(7000000 + i).padStart(7, "0")}`,
      verified: true,
    } as const;
    if (chance(0.03))
      methods.push(office); // only a desk phone, which the default policy does not allow
    else if (!chance(0.05)) {
      methods.push({ type: "authenticator_code", verified: !chance(0.03) });
      if (chance(0.7)) {
        const shared = chance(0.002);
        const phone = shared ? `+3712000000${i % 3}` : `+3712${String(6000000 + i).padStart(7, "0")}`;
        methods.push({ type: "mobile_sms", value: chance(0.03) ? phone.slice(4) : phone, verified: true });
      }
      if (chance(0.05)) methods.push(office);
      if (chance(0.05))
        methods.push({ type: "security_questions", verified: true, questionsAnswered: chance(0.8) ? 3 : 2 });
      if (chance(0.05))
        methods.push({ type: "email", value: chance(0.3) ? upn : `home${i}@mail.example`, verified: true });
    }
    const snapshot: Snapshot = {
      now: NOW,
      policy,
      user: {
        id: userId,
        upn,
        type: chance(0.01) ? "guest" : "member",
        source,
        enabled: !chance(0.01),
        roles,
        license: chance(0.01) ? "none" : chance(0.05) ? "basic" : "p1",
        groups,
        passwordLastSetAt: hoursAgo(1 + Math.floor(random() * 2000)),
        onPremises:
          source === "synced"
            ? {
                lockedOut: chance(0.03),
                cannotChangePassword: chance(0.005),
                protectedAccount: isAdmin(roles),
                mustChangePasswordAtNextLogon: chance(0.01),
              }
            : undefined,
      },
      methods,
      registration: { lastConfirmedAt: daysAgo(Math.floor(random() * 120)) },
      throttle: {
        failedVerificationsLast24h: chance(0.01) ? 10 : 0,
        codesSentLastHour: chance(0.01) ? 5 : Math.floor(random() * 3),
        resetsLast24h: 0,
        blockedUntil: chance(0.005) ? minutesAgo(-60) : undefined,
      },
      writeback,
    };
    out.push({ userId, upn, snapshot });
  }
  return out;
}
