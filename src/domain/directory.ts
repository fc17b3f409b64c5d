/**
 * The directory: who holds an administrator role and which groups a user belongs to.
 * Group membership in a snapshot is already flattened: `direct: false` entries are
 * reached through a nested group and count for scope exactly like direct ones
 * (membership is transitive), but we keep the flag so an explanation can name the path.
 */
import { memoByIdentity } from "./memo";
import { ADMIN_ROLES } from "./catalogue";
import type { User } from "./snapshot";

const ADMIN_ROLE_SET: ReadonlySet<string> = new Set(ADMIN_ROLES);

/**
 * The administrator roles among `roles` (any of them puts the user under the administrator policy).
 *
 * @example
 * adminRolesHeld(["user_admin", "reader"]); // ["user_admin"]
 */
export function adminRolesHeld(roles: readonly string[]): string[] {
  return roles.filter((role) => ADMIN_ROLE_SET.has(role));
}

/**
 * True when any role is in `ADMIN_ROLES`.
 *
 * @example
 * isAdmin(["helpdesk_admin"]); // true
 * isAdmin(["reader"]); // false
 */
export function isAdmin(roles: readonly string[]): boolean {
  for (const role of roles) if (ADMIN_ROLE_SET.has(role)) return true;
  return false;
}

export type GroupMembership = { id: string; direct: boolean };

/**
 * The groups of `selected` the user is a member of, directly or through nesting. A group
 * listed both ways counts as direct.
 *
 * @example
 * membershipsIn({ groups: [{ id: "g1", direct: false }] }, ["g1", "g2"]);
 * // [{ id: "g1", direct: false }]
 */
export function membershipsIn(user: Pick<User, "groups">, selected: readonly string[]): GroupMembership[] {
  if (selected.length === 0 || user.groups.length === 0) return [];
  const wanted = selectedSet(selected);
  const found: GroupMembership[] = [];
  for (const group of user.groups) {
    if (!wanted.has(group.id)) continue;
    const seen = found.find((m) => m.id === group.id);
    if (seen === undefined) found.push({ id: group.id, direct: group.direct });
    else seen.direct ||= group.direct;
  }
  return found;
}

// A tenant's users share one policy, so one selected-groups list: a sweep asks about the
// same list for every user, and building its set each time was a cost per user. Keyed by
// the list itself; policies are never changed in place, only replaced.
const selectedSet = memoByIdentity((selected: readonly string[]): ReadonlySet<string> => new Set(selected));

/**
 * Every group id the user is in, direct or nested, without duplicates.
 *
 * @example
 * groupIds({ groups: [{ id: "a", direct: true }, { id: "b", direct: false }] }); // ["a", "b"]
 */
export function groupIds(user: Pick<User, "groups">): string[] {
  return [...new Set(user.groups.map((group) => group.id))];
}
