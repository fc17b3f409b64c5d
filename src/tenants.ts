/**
 * Tenant-wide questions, shared by the HTTP API and the CLI: "who cannot reset today,
 * and why" (the sweep) and "what would this policy change do" (what-if). Both load
 * every user's snapshot in a few set-based queries, then run the compiled rules.
 */
import type { Db } from "./db/client";
import { snapshotsForTenant } from "./db/snapshots";
import type { Deps } from "./deps";
import type { PolicyOverride } from "./domain/snapshot";
import { sweep, whatIf, type SweepResult, type WhatIfResult } from "./diagnosis/sweep";

export type TenantRef = { id: string; name: string; domain: string };

/** A tenant by id (`tnt-contoso`) or domain (`contoso.example`). */
export function findTenant(db: Db, idOrDomain: string): TenantRef | undefined {
  return db.$client.prepare("SELECT id, name, domain FROM tenants WHERE id = ? OR domain = lower(?)").get(idOrDomain, idOrDomain) as TenantRef | undefined;
}

export function listTenants(db: Db): TenantRef[] {
  return db.$client.prepare("SELECT id, name, domain FROM tenants ORDER BY domain").all() as TenantRef[];
}

export function tenantHealth(deps: Pick<Deps, "db" | "clock" | "diagnoser">, tenantId: string): SweepResult & { loadMs: number } {
  const started = performance.now();
  const users = snapshotsForTenant(deps.db, deps.clock.now(), tenantId);
  const loadMs = performance.now() - started;
  return { ...sweep(users, deps.diagnoser), loadMs };
}

export function tenantWhatIf(deps: Pick<Deps, "db" | "clock" | "diagnoser">, tenantId: string, override: PolicyOverride): WhatIfResult & { loadMs: number } {
  const started = performance.now();
  const users = snapshotsForTenant(deps.db, deps.clock.now(), tenantId);
  const loadMs = performance.now() - started;
  return { ...whatIf(users, override, deps.diagnoser), loadMs };
}
