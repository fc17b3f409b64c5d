/**
 * A user's Entra licence level from the service plans Graph lists on the user
 * (ENTRA-GRAPH.md §2.1): the best of p2 > p1 > basic among plans that are Enabled or in
 * their Warning grace period; otherwise `free` when the user holds some licence, `none`
 * when they hold none. A settings table maps SKUs we do not know a plan for.
 */
import type { License } from "../../domain/licenses";

export type Licence = License;

/** servicePlanId → level ("Product names and service plan identifiers for licensing"). */
export const SERVICE_PLAN_LICENCES: Readonly<Record<string, Exclude<Licence, "none" | "free">>> = {
  "eec0eb4f-6444-4f95-aba0-50c24d67f998": "p2", // AAD_PREMIUM_P2
  "41781fb2-bc02-4b7c-bd55-b576c07bb09d": "p1", // AAD_PREMIUM
  "de377cbc-0019-4ec2-b77c-3f223947e102": "basic", // AAD_SMB
  "c4da7f8a-5ee2-4c99-a7e1-87d2df57f6fe": "basic", // AAD_BASIC
};

/** A plan counts only while its capability is usable ("Warning" is the grace period). */
const USABLE = new Set(["Enabled", "Warning"]);
const RANK: Record<Licence, number> = { none: 0, free: 1, basic: 2, p1: 3, p2: 4 };

export type PlanInput = { servicePlanId: string; capabilityStatus: string };

/**
 * @example licenceOf([{ servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", capabilityStatus: "Enabled" }], ["c7df…"], {}) // "p1"
 */
export function licenceOf(
  plans: readonly PlanInput[],
  skuIds: readonly string[],
  skuMap: Readonly<Record<string, Licence>>,
): Licence {
  let best: Licence = skuIds.length > 0 ? "free" : "none";
  for (const p of plans) {
    const level = USABLE.has(p.capabilityStatus) ? SERVICE_PLAN_LICENCES[p.servicePlanId.toLowerCase()] : undefined;
    if (level && RANK[level] > RANK[best]) best = level;
  }
  for (const sku of skuIds) {
    const level = skuMap[sku.toLowerCase()];
    if (level && RANK[level] > RANK[best]) best = level;
  }
  return best;
}
