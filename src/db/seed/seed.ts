/**
 * Writing the demo tenants into a database. Runs in one transaction and only when
 * the demo tenant is absent, so seeding twice changes nothing. Times are relative to
 * the clock at seeding (heartbeats, throttle windows, password ages).
 */
import { eq, inArray } from "drizzle-orm";
import type { Clock } from "../../clock";
import { SECURITY_QUESTIONS, normalizeAnswer } from "../../domain/security-questions";
import { hashSecret } from "../../secrets/password-hash";
import { tokenHash } from "../../secrets/token";
import type { Db } from "../client";
import * as t from "../schema";
import {
  DEMO_ANSWERS,
  DEMO_PASSWORD,
  DEMO_PERSONAS,
  DEMO_STAFF_TOKENS,
  DEMO_TENANTS,
  DEMO_TOTP_SECRET,
  type PersonaSpec,
} from "./demo-tenant";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Demo hashes are computed once per process: every persona shares the documented demo password. */
let hashes: Promise<{ password: string; answers: string[] }> | undefined;
function demoHashes() {
  hashes ??= (async () => ({
    password: await hashSecret(DEMO_PASSWORD),
    answers: await Promise.all(DEMO_ANSWERS.map((a) => hashSecret(normalizeAnswer(a)))),
  }))();
  return hashes;
}

/**
 * Remove the demo tenants (and, by cascade, their users, methods, flows and connector
 * state) and the demo staff tokens, so a seed can start over with fresh, time-relative
 * state. The audit log keeps its rows: it is append-only.
 */
export function removeDemo(db: Db): void {
  db.transaction((tx) => {
    for (const tenant of DEMO_TENANTS) tx.delete(t.tenants).where(eq(t.tenants.id, tenant.id)).run();
    for (const role of Object.keys(DEMO_STAFF_TOKENS))
      tx.delete(t.staffTokens)
        .where(eq(t.staffTokens.id, `tok_demo_${role}`))
        .run();
  });
}

export const userIdOf = (login: string) =>
  "usr-" +
  login
    .split("@")[0]!
    .replace(/[^a-z0-9.]/gi, "-")
    .toLowerCase();
const groupIdOf = (tenantId: string, key: string) => `grp-${tenantId.replace(/^tnt-/, "")}-${key}`;

/** Whether this database holds the demo tenants. */
export function hasDemo(db: Db): boolean {
  return Boolean(db.select({ id: t.tenants.id }).from(t.tenants).where(eq(t.tenants.id, "tnt-contoso")).get());
}

/**
 * Whether any published demo credential is in this database: a demo tenant (every
 * persona's password is in the README) or a demo staff token (printed at every start).
 */
export function hasDemoCredentials(db: Db): boolean {
  const tenant = db
    .select({ id: t.tenants.id })
    .from(t.tenants)
    .where(
      inArray(
        t.tenants.id,
        DEMO_TENANTS.map((x) => x.id),
      ),
    )
    .get();
  const hashes = Object.values(DEMO_STAFF_TOKENS).map((token) => tokenHash(token));
  const token = db
    .select({ id: t.staffTokens.id })
    .from(t.staffTokens)
    .where(inArray(t.staffTokens.tokenHash, hashes))
    .get();
  return Boolean(tenant || token);
}

/** How to turn a demo database into a real one; main.ts prints it when it refuses to start. */
export const demoConversionHelp = (dbPath: string) =>
  [
    `${dbPath} holds the demo tenants and demo staff tokens, whose credentials are published`,
    `(README, start-up banner), but SSPR_DEMO=0 says this is not a demo. Refusing to start.`,
    `  To convert it (removes the demo tenants, their users and the demo staff tokens; the audit log keeps its rows):`,
    `    SSPR_DB=${dbPath} npm run seed -- --remove`,
    `  then start again with SSPR_DEMO=0 and create staff tokens with: npm run token -- create --role admin`,
    `  To keep using it as a demo instead: start with SSPR_DEMO=1 (or leave SSPR_DEMO unset).`,
  ].join("\n");

/**
 * Whether this start runs the demo. SSPR_DEMO=1 → yes; unset → when the database is new
 * or already a demo. SSPR_DEMO=0 on a database holding demo credentials throws (with
 * demoConversionHelp) rather than start: the published token and password would keep
 * working on what the operator believes is a real deployment (issue 11 item 7). We
 * refuse instead of deleting on our own because removing tenants is not a side effect
 * a start-up should have; `npm run seed -- --remove` does it on purpose.
 * @example demoAtStart(db, { requested: undefined, isNew: true, dbPath }) // true
 */
export function demoAtStart(db: Db, o: { requested: boolean | undefined; isNew: boolean; dbPath: string }): boolean {
  if (o.requested === false) {
    if (hasDemoCredentials(db)) throw new Error(demoConversionHelp(o.dbPath));
    return false;
  }
  return o.requested ?? (o.isNew || hasDemo(db));
}

/**
 * Seed the demo tenants unless they are there already.
 * @example await seedDemo(db, systemClock) // { seeded: true, users: 52 }
 */
export async function seedDemo(db: Db, clock: Clock): Promise<{ seeded: boolean; users: number }> {
  if (hasDemo(db)) return { seeded: false, users: 0 };
  const { password, answers } = await demoHashes();
  const now = clock.now().getTime();
  db.transaction((tx) => {
    for (const tenant of DEMO_TENANTS) {
      const p = tenant.policy;
      tx.insert(t.tenants).values({ id: tenant.id, name: tenant.name, domain: tenant.domain }).run();
      tx.insert(t.policies)
        .values({
          tenantId: tenant.id,
          enablement: p.enablement,
          methodsAllowed: p.methodsAllowed,
          methodsRequired: p.methodsRequired,
          questionsToRegister: p.questionsToRegister ?? 3,
          questionsToReset: p.questionsToReset ?? 3,
          requireRegistrationAtSignIn: p.requireRegistrationAtSignIn ?? true,
          reconfirmDays: p.reconfirmDays ?? 180,
          notifyUserOnReset: p.notifyUserOnReset ?? true,
          notifyAdminsOnAdminReset: p.notifyAdminsOnAdminReset ?? true,
          helpdeskUrl: p.helpdeskUrl ?? null,
          helpdeskEmail: p.helpdeskEmail ?? null,
          writebackEnabled: p.writebackEnabled,
          allowUnlockWithoutReset: p.allowUnlockWithoutReset,
          bannedWords: p.bannedWords ?? [],
          adminsSsprEnabled: p.adminsSsprEnabled ?? true,
          methodsMigrationState: p.methodsMigrationState ?? "migrationComplete",
        })
        .run();
      for (const g of tenant.groups) {
        tx.insert(t.groups)
          .values({ id: groupIdOf(tenant.id, g.key), tenantId: tenant.id, name: g.name })
          .run();
      }
      for (const g of tenant.groups) {
        for (const parent of g.nestedIn ?? []) {
          tx.insert(t.groupNesting)
            .values({ parentId: groupIdOf(tenant.id, parent), childId: groupIdOf(tenant.id, g.key) })
            .run();
        }
      }
      for (const key of p.scopeGroups) {
        tx.insert(t.policyScopeGroups)
          .values({ tenantId: tenant.id, groupId: groupIdOf(tenant.id, key) })
          .run();
      }
      const c = tenant.connector;
      tx.insert(t.writebackConnectors)
        .values({
          tenantId: tenant.id,
          configured: Boolean(c),
          status: c?.status ?? "healthy",
          lastHeartbeatAt: c ? iso(now - c.heartbeatAgeMinutes * 60_000) : null,
          heartbeatLagSeconds: c && c.status !== "unreachable" ? c.heartbeatAgeMinutes * 60 : 0,
          permResetPassword: c?.permissions?.resetPassword ?? true,
          permChangePassword: c?.permissions?.changePassword ?? true,
          permWriteLockoutTime: c?.permissions?.writeLockoutTime ?? true,
          permWritePwdLastSet: c?.permissions?.writePwdLastSet ?? true,
          ...(c?.onPremPolicy && {
            onPremMinLength: c.onPremPolicy.minLength,
            onPremComplexity: c.onPremPolicy.complexity,
            onPremHistoryCount: c.onPremPolicy.historyCount,
            onPremMinAgeHours: c.onPremPolicy.minAgeHours,
          }),
          capRemoteSam: c?.capabilities?.remoteSam ?? true,
          capPolicyHints: c?.capabilities?.policyHints ?? true,
        })
        .run();
    }
    for (const persona of DEMO_PERSONAS) insertPersona(tx as unknown as Db, persona, now, password, answers);
    for (const [role, token] of Object.entries(DEMO_STAFF_TOKENS) as [keyof typeof DEMO_STAFF_TOKENS, string][]) {
      tx.insert(t.staffTokens)
        .values({ id: `tok_demo_${role}`, name: `demo ${role}`, role, tokenHash: tokenHash(token) })
        .run();
    }
  });
  return { seeded: true, users: DEMO_PERSONAS.length };
}

function insertPersona(tx: Db, p: PersonaSpec, now: number, password: string, answers: string[]) {
  const tenant = DEMO_TENANTS.find((x) => x.id === p.tenant)!;
  const id = userIdOf(p.login);
  const u = p.user ?? {};
  const confirmedDaysAgo = u.confirmedDaysAgo === undefined ? 10 : u.confirmedDaysAgo;
  const registeredAt = iso(now - 60 * 24 * HOUR);
  tx.insert(t.users)
    .values({
      id,
      tenantId: tenant.id,
      upn: p.login,
      displayName: p.name,
      type: u.type ?? "member",
      source: u.source ?? "cloud",
      enabled: u.enabled ?? true,
      roles: u.roles ?? [],
      license: u.license ?? "p1",
      passwordHash: password,
      passwordLastSetAt: iso(now - (u.passwordAgeHours ?? 24 * 30) * HOUR),
      onPremLockedOut: u.onPrem?.lockedOut ?? false,
      onPremCannotChangePassword: u.onPrem?.cannotChangePassword ?? false,
      onPremProtectedAccount: u.onPrem?.protectedAccount ?? false,
      onPremMustChangePassword: u.onPrem?.mustChangePasswordAtNextLogon ?? false,
      registrationConfirmedAt: confirmedDaysAgo === null ? null : iso(now - confirmedDaysAgo * 24 * HOUR),
      federated: u.federated ?? false,
      cloudLockedUntil: u.cloudLockedForHours === undefined ? null : iso(now + u.cloudLockedForHours * HOUR),
      onPremDisabled: u.onPrem?.disabled ?? false,
      onPremFound: u.onPrem?.found ?? true,
      deliveryFailure: u.deliveryFailure
        ? {
            method: u.deliveryFailure.method,
            at: iso(now - u.deliveryFailure.hoursAgo * HOUR),
            reason: u.deliveryFailure.reason,
          }
        : null,
      unknown: u.unknown ?? [],
    })
    .run();
  const groupKeys = p.groups ?? (tenant.groups[0] ? [tenant.groups[0].key] : []);
  for (const key of groupKeys)
    tx.insert(t.groupMemberships)
      .values({ groupId: groupIdOf(tenant.id, key), userId: id })
      .run();

  (p.methods ?? []).forEach((m, i) => {
    const isApp = m.type === "authenticator_code" || m.type === "authenticator_notification";
    tx.insert(t.methods)
      .values({
        id: `mth-${id.slice(4)}-${i + 1}`,
        userId: id,
        type: m.type,
        value: m.value ?? null,
        totpSecret: isApp ? DEMO_TOTP_SECRET : null,
        verified: m.verified ?? true,
        registeredAt,
      })
      .run();
    if (m.type === "security_questions") {
      for (let q = 0; q < (m.questionsAnswered ?? 3); q++) {
        tx.insert(t.securityAnswers)
          .values({ userId: id, questionId: SECURITY_QUESTIONS[q]!.id, answerHash: answers[q]! })
          .run();
      }
    }
  });

  const th = p.throttle ?? {};
  const events = (kind: "code_sent" | "verification_failed" | "reset_completed", n: number, spanMs: number) => {
    for (let i = 0; i < n; i++)
      tx.insert(t.throttleEvents)
        .values({ userId: id, kind, at: iso(now - ((i + 1) * spanMs) / (n + 1)) })
        .run();
  };
  events("code_sent", th.codesSentLastHour ?? 0, HOUR);
  events("verification_failed", th.failedLast24h ?? 0, 20 * HOUR);
  events("reset_completed", th.resetsLast24h ?? 0, 20 * HOUR);
  if (th.blockedForHours) {
    tx.insert(t.throttleBlocks)
      .values({
        userId: id,
        blockedUntil: iso(now + th.blockedForHours * HOUR),
        reason: "too_many_failed_verifications",
      })
      .run();
  }
  if (p.lastAttempt) {
    tx.insert(t.auditLog)
      .values({
        at: iso(now - 5 * 60_000),
        tenantId: tenant.id,
        actorType: "anonymous",
        action: `reset.${p.lastAttempt.stage}`,
        targetUserId: id,
        outcome: "failure",
        code: p.lastAttempt.error,
        detail: {
          stage: p.lastAttempt.stage,
          ...(p.lastAttempt.method && { method: p.lastAttempt.method }),
          seeded: true,
        },
      })
      .run();
    // The snapshot reads the last attempt from its flow (db/snapshots.ts), not from the log.
    const at = iso(now - 5 * 60_000);
    tx.insert(t.resetFlows)
      .values({
        id: `flw-seed-${id.slice(4)}`,
        tenantId: tenant.id,
        userId: id,
        state: "started",
        login: p.login.toLowerCase(),
        createdAt: at,
        expiresAt: at,
        attempt: {
          stage: p.lastAttempt.stage,
          error: p.lastAttempt.error,
          ...(p.lastAttempt.method && { method: p.lastAttempt.method }),
        },
        attemptAt: at,
      })
      .run();
  }
}
