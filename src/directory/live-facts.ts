/**
 * Live on-premises facts: at diagnosis time, a synced user's account state, the policy
 * in force for them and the service account's rights are read from the directory itself
 * and written where the snapshot loader reads them, each stamped with its source (the
 * directory URL) and read time in the snapshot's provenance. A short cache keeps a burst of diagnoses from becoming a
 * burst of directory reads; a time budget keeps a slow directory from holding a person's
 * page. When the directory does not answer, the facts go into the snapshot's
 * `unknown`, the connector is marked unreachable (so its finding says why) and the stale
 * values are not presented as read.
 */
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import {
  recordAccountFacts,
  recordConnectorHealth,
  recordFactPaths,
  recordPolicyAndRights,
  syncedUserOf,
} from "../db/directory-facts";
import type { DirectoryFailure } from "./classify";
import type { DirectoryRegistry } from "./registry";
import { DirectoryError } from "./session";

/** How long a live read stands for further diagnoses of the same person (ms). */
export const LIVE_FACTS_CACHE_MS = 15_000;
/** The most a diagnosis waits for the directory (ms) before it answers with the facts unknown. */
export const LIVE_FACTS_BUDGET_MS = 4_000;

/** The snapshot paths a live read supplies (CONTRACT §1 and its v2 fields). */
export const LIVE_FACT_PATHS = [
  "user.onPremises.lockedOut",
  "user.onPremises.cannotChangePassword",
  "user.onPremises.protectedAccount",
  "user.onPremises.mustChangePasswordAtNextLogon",
  "user.onPremises.disabled",
  "user.onPremises.found",
  "user.passwordLastSetAt",
  "writeback.onPremPolicy",
  "writeback.permissions",
] as const;

const cfgSource = (f: DirectoryFailure) => `${f.evidence.directory} search: ${f.evidence.diagnostic ?? "no match"}`;

export type LiveFacts =
  | { status: "not_applicable" }
  | {
      status: "read";
      source: string;
      readAt: string;
      cached: boolean;
      facts: { path: string; value: unknown; source: string; readAt: string }[];
      policySource: string;
      rightsHow?: string;
    }
  | { status: "unknown"; unknown: string[]; reason: DirectoryFailure; at: string };

export function liveFactsReader(opts: { db: Db; clock: Clock; registry: DirectoryRegistry }) {
  const cache = new Map<string, { until: number; result: LiveFacts }>();

  async function read(login: string): Promise<LiveFacts> {
    const user = syncedUserOf(opts.db, login);
    if (!user || user.source !== "synced") return { status: "not_applicable" };
    const directory = opts.registry.directoryFor(user.tenantId);
    if (!directory) return { status: "not_applicable" };
    const hit = cache.get(user.id);
    if (hit && hit.until > Date.now() && hit.result.status === "read") return { ...hit.result, cached: true };

    const at = opts.clock.now().toISOString();
    try {
      const budget = new Promise<never>((_, reject) =>
        setTimeout(
          () =>
            reject(
              new DirectoryError({
                code: "writeback_connector_unreachable",
                detail: `The directory did not answer within ${LIVE_FACTS_BUDGET_MS} ms.`,
                evidence: { directory: directory.kind, operation: "read", network: "timeout" },
              }),
            ),
          LIVE_FACTS_BUDGET_MS,
        ).unref(),
      );
      const [live, rights] = await Promise.race([
        Promise.all([directory.readAccount(user.upn), directory.readRights(user.upn).catch(() => undefined)]),
        budget,
      ]);
      const a = live.account;
      recordAccountFacts(opts.db, user.id, {
        found: true,
        lockedOut: a.lockedOut,
        disabled: a.disabled,
        cannotChangePassword: a.cannotChangePassword,
        protectedAccount: a.protectedAccount,
        mustChangePassword: a.mustChangePasswordAtNextLogon,
        passwordLastSetAt: a.passwordLastSetAt,
        directoryDn: a.dn,
      });
      recordFactPaths(
        opts.db,
        { userId: user.id, tenantId: user.tenantId },
        rights ? LIVE_FACT_PATHS : LIVE_FACT_PATHS.filter((p) => p !== "writeback.permissions"),
        { source: live.url, readAt: at },
      );
      const policy = {
        minLength: live.policy.minLength,
        complexity: live.policy.complexity,
        historyCount: live.policy.historyCount,
        minAgeHours: Math.round(live.policy.minAgeSeconds / 3600),
      };
      recordPolicyAndRights(opts.db, user.tenantId, policy, rights);
      recordConnectorHealth(opts.db, user.tenantId, { status: "healthy", at });
      const fact = (path: string, value: unknown) => ({ path, value, source: live.url, readAt: at });
      const result: LiveFacts = {
        status: "read",
        source: live.url,
        readAt: at,
        cached: false,
        policySource: live.policy.source,
        ...(rights ? { rightsHow: rights.how } : {}),
        facts: [
          fact("user.onPremises.lockedOut", a.lockedOut),
          fact("user.onPremises.cannotChangePassword", a.cannotChangePassword),
          fact("user.onPremises.protectedAccount", a.protectedAccount),
          fact("user.onPremises.mustChangePasswordAtNextLogon", a.mustChangePasswordAtNextLogon),
          fact("user.onPremises.disabled", a.disabled),
          fact("user.onPremises.found", true),
          fact("user.passwordLastSetAt", a.passwordLastSetAt ?? null),
          fact("writeback.onPremPolicy", {
            ...policy,
            minAgeSeconds: live.policy.minAgeSeconds,
            lockoutThreshold: live.policy.lockoutThreshold,
          }),
          ...(rights
            ? [
                fact("writeback.permissions", {
                  resetPassword: rights.resetPassword,
                  writeLockoutTime: rights.writeLockoutTime,
                  writePwdLastSet: rights.writePwdLastSet,
                }),
              ]
            : []),
          fact("raw", a.raw),
        ],
      };
      cache.set(user.id, { until: Date.now() + LIVE_FACTS_CACHE_MS, result });
      return result;
    } catch (e) {
      if (!(e instanceof DirectoryError)) throw e;
      const f = e.failure;
      if (f.code === "onprem_account_not_found") {
        recordAccountFacts(opts.db, user.id, { found: false });
        recordFactPaths(opts.db, { userId: user.id, tenantId: user.tenantId }, ["user.onPremises.found"], {
          source: cfgSource(f),
          readAt: at,
        });
      } else {
        if (f.code === "writeback_connector_unreachable")
          recordConnectorHealth(opts.db, user.tenantId, { status: "unreachable" });
        // The last values stay stored but are not presented as known: the snapshot lists them as unknown.
        recordFactPaths(opts.db, { userId: user.id, tenantId: user.tenantId }, LIVE_FACT_PATHS);
      }
      cache.delete(user.id);
      return { status: "unknown", unknown: [...LIVE_FACT_PATHS], reason: f, at };
    }
  }

  return { read, forget: (userId: string) => void cache.delete(userId) };
}
export type LiveFactsReader = ReturnType<typeof liveFactsReader>;
