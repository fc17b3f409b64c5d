/**
 * Tenants as rows: one by id or domain, and the list of all of them. The tenant-wide
 * use cases (sweep, what-if) live in flows/diagnosis.ts.
 */
import { asc, eq, or, sql } from "drizzle-orm";
import type { Store } from "./client";
import { tenants } from "./schema";

export type TenantRef = { id: string; name: string; domain: string };

const REF = { id: tenants.id, name: tenants.name, domain: tenants.domain };

/** A tenant by id (`tnt-contoso`) or domain (`contoso.example`, any case). @example findTenant(db, "Contoso.Example")?.id; // "tnt-contoso" */
export function findTenant(store: Store, idOrDomain: string): TenantRef | undefined {
  return store
    .select(REF)
    .from(tenants)
    .where(or(eq(tenants.id, idOrDomain), eq(tenants.domain, sql`lower(${idOrDomain})`)))
    .get();
}

/** Every tenant, by domain. */
export function listTenants(store: Store): TenantRef[] {
  return store.select(REF).from(tenants).orderBy(asc(tenants.domain)).all();
}
