/**
 * Account fixes: one person's own row. Enabling the account, assigning a licence that
 * includes reset (and writeback), unlocking an on-premises lockout through the
 * connector, and clearing the throttle (block and counted events) after a limit was hit.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { updateUserAccount } from "../db/users";
import { clearThrottle, eventTimes } from "../db/throttle";
import { loginKey, SNAPSHOT_COUNTS } from "../domain/throttle";
import { AppError, type ErrorCode } from "../errors";
import { automaticFix, type Change } from "./definition";
import { NO_PARAMS } from "./params";
import { throttleBlockUntil, userRow } from "./state";

export const enableAccount = automaticFix({
  id: "enable_account",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan(ctx) {
    const user = ctx.user!;
    const row = userRow(ctx.deps.db, user.id)!;
    if (row.enabled) return { changes: [], params: {}, write() {} };
    return {
      params: {},
      changes: [{ entity: "user", key: user.id, field: "enabled", before: false, after: true }],
      write: (tx) => updateUserAccount(tx, user.id, { enabled: true }),
    };
  },
});

const LicenseParams = z.strictObject({ license: z.enum(["p1", "p2"]).optional() });

export const assignLicense = automaticFix<z.output<typeof LicenseParams>>({
  id: "assign_license",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: LicenseParams,
  paramsDoc: { license: "p1 or p2 (default p1; a p2 licence is kept)" },
  plan(ctx) {
    const user = ctx.user!;
    const before = userRow(ctx.deps.db, user.id)!.license;
    // Both P1 and P2 include reset with writeback; never downgrade a P2 to P1.
    const license = ctx.params.license ?? (before === "p2" ? "p2" : "p1");
    if (before === license) return { changes: [], params: { license }, write() {} };
    return {
      params: { license },
      changes: [{ entity: "user", key: user.id, field: "license", before, after: license }],
      write: (tx) => updateUserAccount(tx, user.id, { license }),
    };
  },
});

export const unlockAccount = automaticFix({
  id: "unlock_account",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  // The lockout lives in the on-premises directory: the connector must clear lockoutTime
  // there first, or our flag would say "unlocked" while the person still cannot sign in.
  async external(ctx) {
    const user = ctx.user!;
    const result = await ctx.deps.writeback.write({
      tenantId: ctx.tenant.id,
      userId: user.id,
      upn: user.upn,
      unlock: true,
    });
    if (!result.ok) {
      // The catalogue code says why (its problem type links the article), e.g. writeback_missing_unlock_permission.
      // A real directory may answer with a catalogue v2 code catalogue.ts does not list yet.
      throw new AppError(
        409,
        result.code as ErrorCode,
        `The connector could not unlock ${user.upn}: ${result.detail} Nothing was changed.`,
      );
    }
  },
  plan(ctx) {
    const user = ctx.user!;
    const row = userRow(ctx.deps.db, user.id)!;
    if (!row.onPremLockedOut) return { changes: [], params: {}, write() {} };
    return {
      params: {},
      changes: [{ entity: "user", key: user.id, field: "onPremises.lockedOut", before: true, after: false }],
      write: (tx) => updateUserAccount(tx, user.id, { onPremLockedOut: false }),
    };
  },
});

export const clearThrottleFix = automaticFix({
  id: "clear_throttle",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan(ctx) {
    const user = ctx.user!;
    const db = ctx.deps.db;
    const changes: Change[] = [];
    const until = throttleBlockUntil(db, user.id);
    if (until && until > ctx.now.toISOString())
      changes.push({ entity: "throttle", key: user.id, field: "blockedUntil", before: until, after: null });
    // The budgets and windows the snapshot reports (domain/throttle.ts), so the preview shows what a diagnosis counted.
    for (const c of SNAPSHOT_COUNTS) {
      const n = eventTimes(db, user.id, c.budget, ctx.now).length;
      if (n > 0) changes.push({ entity: "throttle", key: user.id, field: c.field, before: n, after: 0 });
    }
    return {
      params: {},
      changes,
      write(tx: Db) {
        // A completed reset keeps its own count; the helpdesk clearing the limit on purpose clears that too,
        // and the login's block (the key real and unknown logins are blocked under).
        clearThrottle(tx, user.id, loginKey(user.upn), { resets: true });
      },
    };
  },
});
