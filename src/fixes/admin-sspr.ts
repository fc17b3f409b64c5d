/**
 * The administrators' switch: a tenant can turn self-service reset off for every
 * administrator (Graph authorizationPolicy.allowedToUseSSPR, portal error SSPR_009), which
 * the administrator policy otherwise always keeps in scope. This service keeps the tenant's
 * policy, so turning it back on is a change to the `policies` row, proved by the
 * admin_sspr_off finding clearing.
 */
import { setAdminsSsprEnabled } from "../db/admin-sspr";
import { automaticFix, type Plan } from "./definition";
import { NO_PARAMS } from "./params";

export const enableSsprForAdmins = automaticFix({
  id: "enable_sspr_for_admins",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan(ctx): Plan {
    // The v2 field is absent when the switch was never turned off (contract default: on).
    const before = ctx.policy.admins?.ssprEnabled ?? true;
    if (before) return { changes: [], params: {}, write() {} };
    return {
      params: {},
      changes: [{ entity: "policy", key: ctx.tenant.id, field: "admins.ssprEnabled", before, after: true }],
      policyOverride: { admins: { ssprEnabled: true } },
      write: (tx) => setAdminsSsprEnabled(tx, ctx.tenant.id, true, ctx.now),
    };
  },
});
