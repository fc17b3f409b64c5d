/**
 * Staff authentication for the API: `Authorization: Bearer <token>`. Tokens are looked
 * up by their SHA-256; the bootstrap SSPR_ADMIN_TOKEN is compared by hash in constant
 * time. Missing or bad token → 401; a role that may not → 403. Every wrong token counts
 * against the client's address (STAFF_TOKEN_FAILURES, domain/staff.ts), and an address
 * over budget is answered 429 with Retry-After before its token is even looked at.
 * Both refusals are audit rows (`staff.token_rejected`, code unauthorized or
 * rate_limited, with the address), so a guessing run is visible in the audit log.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { audit } from "../db/audit";
import { activeStaffToken, checkBearer } from "../db/staff-tokens";
import { recordStaffTokenFailure } from "../db/staff-token-failures";
import type { Deps } from "../deps";
import {
  roleAtLeast,
  STAFF_TOKEN_FAILURES,
  staffTokenWaitSeconds,
  type Principal,
  type StaffRole,
} from "../domain/staff";
import { AppError } from "../errors";
import type { Operator } from "../fixes/permission";
import { tokenHash } from "../secrets/token";
import { ipOf } from "./request-context";

// Principal lives in domain/staff.ts; route modules that type c.get("principal") keep importing it from here.
export type { Principal };
export type AppEnv = { Variables: { requestId: string; principal?: Principal } };

/** Who is acting, as the fixes and helpdesk flows name them: the signed-in staff principal of an API route or a page. */
export function operatorOf(c: Context<AppEnv>): Operator {
  const p = c.get("principal");
  if (!p) throw new Error("operatorOf outside a staff-only route");
  return { id: p.tokenId, name: p.name, role: p.role };
}

// The bootstrap token's hash, computed when the token is first seen rather than on every
// request; one entry, since a deployment has one token (it may be changed in place).
let bootstrap: { token: string; hash: Buffer } | undefined;

function bootstrapPrincipal(deps: Deps, hash: string): Principal | undefined {
  if (!deps.adminToken) return undefined;
  if (bootstrap?.token !== deps.adminToken)
    bootstrap = { token: deps.adminToken, hash: Buffer.from(tokenHash(deps.adminToken)) };
  const expected = bootstrap.hash;
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { kind: "staff", tokenId: "bootstrap", name: "SSPR_ADMIN_TOKEN", role: "admin" }
    : undefined;
}

const principalOfRow = (row: { id: string; name: string; role: StaffRole }): Principal => ({
  kind: "staff",
  tokenId: row.id,
  name: row.name,
  role: row.role,
});

/** The principal of the staff token with SHA-256 `hash` (bootstrap or stored and unrevoked), or undefined. */
export function principalOfTokenHash(deps: Deps, hash: string): Principal | undefined {
  const bootstrap = bootstrapPrincipal(deps, hash);
  if (bootstrap) return bootstrap;
  const row = activeStaffToken(deps.db, hash);
  return row ? principalOfRow(row) : undefined;
}

/** Requests without a socket address (app.request in tests, a unix socket) share one budget. */
const clientKey = (c: Context) => ipOf(c) ?? "unknown";
const windowStart = (deps: Deps) => new Date(deps.clock.now().getTime() - STAFF_TOKEN_FAILURES.windowMs).toISOString();

function refuseIfThrottled(deps: Deps, c: Context, failures: { count: number; oldestAt?: string }): void {
  const wait = staffTokenWaitSeconds(failures, deps.clock.now());
  if (wait > 0) {
    auditRejectedToken(deps, c, "rate_limited");
    throw new AppError(429, "rate_limited", `Too many wrong staff tokens from this address. Try again in ${wait} s.`, {
      headers: { "Retry-After": String(wait) },
    });
  }
}

/** Refuse (429, Retry-After) an address that has presented too many wrong staff tokens lately. */
export function refuseThrottledStaffClient(deps: Deps, c: Context): void {
  // No token to look up (null): only the address's budget is read.
  refuseIfThrottled(deps, c, checkBearer(deps.db, { ip: clientKey(c), since: windowStart(deps), hash: null }).failures);
}

const BEARER_HEADER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The principal of an Authorization header, or undefined; first refusing (429) an address
 * over its wrong-token budget, whatever the token. The budget and the token are read in
 * one statement (db/staff-tokens.ts `checkBearer`).
 */
function bearerPrincipal(deps: Deps, c: Context, header: string): Principal | undefined {
  const m = BEARER_HEADER.exec(header);
  const hash = m ? tokenHash(m[1]!) : null;
  const { failures, token } = checkBearer(deps.db, { ip: clientKey(c), since: windowStart(deps), hash });
  refuseIfThrottled(deps, c, failures);
  if (hash === null) return undefined;
  return bootstrapPrincipal(deps, hash) ?? (token && principalOfRow(token));
}

/** Count one wrong staff token against the request's address. */
export function recordWrongStaffToken(deps: Deps, c: Context): void {
  recordStaffTokenFailure(deps.db, clientKey(c), deps.clock.now().toISOString(), windowStart(deps));
  auditRejectedToken(deps, c, "unauthorized");
}

function auditRejectedToken(deps: Deps, c: Context, code: "unauthorized" | "rate_limited"): void {
  audit(deps.db, deps.clock.now(), {
    actorType: "anonymous",
    action: "staff.token_rejected",
    outcome: "failure",
    code,
    ip: ipOf(c) ?? null,
    detail: { path: c.req.path },
  });
}

/**
 * Require a staff token of at least `min` role. The throttle check, lookup and count run
 * without an await between them, so parallel guesses cannot slip past the budget.
 * @example app.use("/api/v1/users/*", requireStaff(deps, "support"))
 */
export function requireStaff(deps: Deps, min: StaffRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    // Only a presented token is a guess; a request without one is just unauthenticated.
    const principal = header ? bearerPrincipal(deps, c, header) : undefined;
    if (!principal) {
      if (header) recordWrongStaffToken(deps, c);
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
