/**
 * Who may apply which fix. Staff roles rank support < helpdesk < admin: support only
 * previews; helpdesk applies the fixes whose actor is the helpdesk, and only to people
 * who hold no administrator role (a helpdesk clearing an admin's throttle is how an
 * attacker who phoned the helpdesk gets to the admin); admin applies everything.
 */
import type { Actor } from "../domain/catalogue";
import { adminRolesHeld } from "../domain/directory";
import type { StaffRole } from "../domain/staff";

/** Whoever applies a fix: a staff token (id and name as audited) or the CLI, with a staff role. */
export type Operator = { id: string; name: string; role: StaffRole };

/**
 * Why `role` may not apply a fix of `actor` (to a user holding `targetRoles`), or null when it may.
 *
 * @example
 * applyRefusal("helpdesk", "helpdesk", ["global_admin"]); // "helpdesk tokens may not apply fixes to administrators (global_admin)."
 * applyRefusal("admin", "admin"); // null
 */
export function applyRefusal(role: StaffRole, actor: Actor, targetRoles: readonly string[] = []): string | null {
  if (role === "support") return "support tokens may preview fixes but not apply them.";
  if (role === "admin") return null;
  if (actor !== "helpdesk") return `This fix is for the ${actor} actor; helpdesk tokens may apply only helpdesk fixes.`;
  const admin = adminRolesHeld(targetRoles);
  if (admin.length) return `helpdesk tokens may not apply fixes to administrators (${admin.join(", ")}).`;
  return null;
}
