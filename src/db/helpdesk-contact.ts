/**
 * Where a person who cannot reset turns next: the helpdesk link and email of the tenant
 * a reset flow (or a typed sign-in name) belongs to, from the tenant's policy. Looked up
 * by the tenant the login's domain names, so an unknown login in a known domain gets the
 * same contact as a real one (no enumeration).
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { policies, resetFlows } from "./schema";
import { tenantIdOfLogin } from "./snapshots";

export type HelpdeskContact = { url?: string; email?: string };

function ofTenant(db: Db, tenantId: string | null): HelpdeskContact {
  if (!tenantId) return {};
  const row = db
    .select({ url: policies.helpdeskUrl, email: policies.helpdeskEmail })
    .from(policies)
    .where(eq(policies.tenantId, tenantId))
    .get();
  return { ...(row?.url ? { url: row.url } : {}), ...(row?.email ? { email: row.email } : {}) };
}

/**
 * The contact of the tenant behind a reset flow, or behind a typed login when there is no flow yet.
 * @example helpdeskContact(db, { flowId: "flw_…" }) // { url: "https://help.contoso.example", email: "helpdesk@contoso.example" }
 */
export function helpdeskContact(db: Db, by: { flowId?: string; login?: string }): HelpdeskContact {
  if (by.flowId) {
    const flow = db
      .select({ tenantId: resetFlows.tenantId })
      .from(resetFlows)
      .where(eq(resetFlows.id, by.flowId))
      .get();
    if (flow) return ofTenant(db, flow.tenantId);
  }
  return by.login ? ofTenant(db, tenantIdOfLogin(db, by.login)) : {};
}
