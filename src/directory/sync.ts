/**
 * Directory sync: people, groups and nested memberships from a tenant's directory into
 * the database, as synced users. Direct members and group-in-group edges come from each
 * group's `member` values (the loader computes the transitive closure); the directory's
 * own transitive query — the in-chain rule on AD, dynlist's computed memberOf on
 * OpenLDAP — is then asked per group and compared, so a nesting we failed to see (a
 * group outside the group base, say) is reported instead of silently narrowing scope.
 */
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { applySync, tenantDomain, type SyncCounts } from "../db/directory-sync";
import type { DirectoryConnector } from "./connector";

export type SyncProgress = (phase: "users" | "groups" | "transitive" | "write", done: number, total: number) => void;
export type SyncReport = SyncCounts & {
  ambiguous: string[];
  transitiveChecked: number;
  transitiveMismatches: { group: string; missing: string[] }[];
  durationMs: number;
};

const stableId = (prefix: string, tenantId: string, directoryId: string) =>
  `${prefix}-${createHash("sha256").update(`${tenantId}\0${directoryId}`).digest("hex").slice(0, 20)}`;
const norm = (dn: string) => dn.toLowerCase().replace(/\s*,\s*/g, ",");

export async function syncDirectory(
  db: Db,
  tenantId: string,
  directory: DirectoryConnector,
  progress: SyncProgress = () => {},
): Promise<SyncReport> {
  const started = Date.now();
  const domain = tenantDomain(db, tenantId);
  if (!domain) throw new Error(`no tenant ${tenantId}`);
  const people = await directory.listUsers();
  progress("users", people.length, people.length);
  const groups = await directory.listGroups();
  progress("groups", groups.length, groups.length);

  const userIdByDn = new Map<string, string>();
  const users = [];
  // Two directory objects with one sign-in name: a reset could not know which to write, so neither is imported.
  const loginCount = new Map<string, number>();
  for (const p of people)
    if (p.login) loginCount.set(p.login.toLowerCase(), (loginCount.get(p.login.toLowerCase()) ?? 0) + 1);
  const ambiguous = [
    ...new Set(people.filter((p) => p.login && loginCount.get(p.login.toLowerCase())! > 1).map((p) => p.login!)),
  ];
  for (const p of people) {
    if (!p.login) continue; // no sign-in name: nobody can reset it through us
    if (loginCount.get(p.login.toLowerCase())! > 1) continue;
    const id = stableId("syn", tenantId, p.id);
    userIdByDn.set(norm(p.dn), id);
    users.push({
      id,
      upn: p.login.includes("@") ? p.login : `${p.login}@${domain}`,
      displayName: p.name,
      enabled: p.enabled,
      dn: p.dn,
    });
  }
  const groupIdByDn = new Map(groups.map((g) => [norm(g.dn), stableId("grp", tenantId, g.id)]));
  const memberships: { groupId: string; userId: string }[] = [];
  const nesting: { parentId: string; childId: string }[] = [];
  for (const g of groups) {
    const groupId = groupIdByDn.get(norm(g.dn))!;
    for (const m of g.members) {
      const user = userIdByDn.get(norm(m));
      const child = groupIdByDn.get(norm(m));
      if (user) memberships.push({ groupId, userId: user });
      else if (child) nesting.push({ parentId: groupId, childId: child });
    }
  }

  // Our closure over direct edges vs the directory's own transitive answer, per group.
  const childrenOf = new Map<string, string[]>();
  for (const n of nesting) childrenOf.set(n.parentId, [...(childrenOf.get(n.parentId) ?? []), n.childId]);
  const directOf = new Map<string, string[]>();
  for (const m of memberships) directOf.set(m.groupId, [...(directOf.get(m.groupId) ?? []), m.userId]);
  const closure = (groupId: string, seen = new Set<string>()): Set<string> => {
    const out = new Set(directOf.get(groupId) ?? []);
    for (const c of childrenOf.get(groupId) ?? [])
      if (!seen.has(c)) for (const u of closure(c, seen.add(c))) out.add(u);
    return out;
  };
  const transitiveMismatches: SyncReport["transitiveMismatches"] = [];
  let checked = 0;
  for (const g of groups) {
    const theirs = (await directory.transitiveMembersOf(g.dn))
      .map((dn) => userIdByDn.get(norm(dn)))
      .filter((x): x is string => Boolean(x));
    const ours = closure(groupIdByDn.get(norm(g.dn))!);
    const missing = theirs.filter((u) => !ours.has(u));
    if (missing.length) transitiveMismatches.push({ group: g.dn, missing });
    progress("transitive", ++checked, groups.length);
  }

  const counts = applySync(db, {
    tenantId,
    users,
    groups: groups.map((g) => ({ id: groupIdByDn.get(norm(g.dn))!, name: g.name, dn: g.dn })),
    memberships,
    nesting,
  });
  progress("write", users.length, users.length);
  return { ...counts, ambiguous, transitiveChecked: checked, transitiveMismatches, durationMs: Date.now() - started };
}
