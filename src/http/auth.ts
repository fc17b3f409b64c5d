/**
 * Staff authentication: `Authorization: Bearer <token>`. Tokens are looked up by their
 * SHA-256; the bootstrap SSPR_ADMIN_TOKEN is compared by hash in constant time.
 * Missing or bad token → 401; a role that may not → 403.
 */
import { timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { staffTokens } from "../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { tokenHash } from "../secrets/token";

export const STAFF_ROLES = ["support", "helpdesk", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Principal = { kind: "staff"; tokenId: string; name: string; role: StaffRole };

export type AppEnv = { Variables: { requestId: string; principal?: Principal } };

/** support < helpdesk < admin: each role may do what the one before it may. */
const RANK: Record<StaffRole, number> = { support: 0, helpdesk: 1, admin: 2 };
export const roleAtLeast = (role: StaffRole, min: StaffRole) => RANK[role] >= RANK[min];

export function findPrincipal(deps: Deps, header: string | undefined): Principal | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return undefined;
  const hash = tokenHash(m[1]!);
  if (deps.adminToken && timingSafeEqual(Buffer.from(hash), Buffer.from(tokenHash(deps.adminToken)))) {
    return { kind: "staff", tokenId: "bootstrap", name: "SSPR_ADMIN_TOKEN", role: "admin" };
  }
  const row = deps.db
    .select({ id: staffTokens.id, name: staffTokens.name, role: staffTokens.role })
    .from(staffTokens)
    .where(and(eq(staffTokens.tokenHash, hash), isNull(staffTokens.revokedAt)))
    .get();
  return row ? { kind: "staff", tokenId: row.id, name: row.name, role: row.role } : undefined;
}

/**
 * Require a staff token of at least `min` role.
 * @example app.use("/api/v1/users/*", requireStaff(deps, "support"))
 */
export function requireStaff(deps: Deps, min: StaffRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = findPrincipal(deps, c.req.header("authorization"));
    if (!principal) {
      throw new AppError(401, "unauthorized", "A valid bearer token is required (Authorization: Bearer <token>).", {
        headers: { "WWW-Authenticate": 'Bearer realm="sspr-doctor"' },
      });
    }
    if (!roleAtLeast(principal.role, min)) {
      throw new AppError(403, "forbidden", `This needs the ${min} role or higher; your token has ${principal.role}.`);
    }
    c.set("principal", principal);
    await next();
  });
}
