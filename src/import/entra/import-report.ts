/**
 * The words an admin reads after an import: what was imported, what the import could not
 * tell (tenant-wide, and how many users per unknown fact), and what changed since the last
 * import of the tenant. Shared by the CLI and the tests.
 */
import type { ImportRecord } from "../../db/imports";

export function importReport(r: ImportRecord, tenant: { name: string; domain: string; id: string }): string {
  const lines: string[] = [];
  const c = r.counts;
  lines.push(
    `Imported ${tenant.name} (${tenant.domain}, id ${tenant.id}) from ${r.source} ${r.origin}, captured ${r.capturedAt}`,
  );
  lines.push(
    `  ${c.users ?? 0} users (${c.synced ?? 0} synced, ${c.admins ?? 0} with admin roles), ${c.groups ?? 0} groups, ${c.memberships ?? 0} direct memberships, ${c.nesting ?? 0} nesting edges, ${c.methods ?? 0} methods`,
  );
  lines.push(
    `  audit: ${c.auditEvents ?? 0} events → ${c.attempts ?? 0} failed attempts and ${c.blocks ?? 0} blocks (estimates)`,
  );
  if (r.unknown.tenant.length) lines.push(`  unknown for every user: ${r.unknown.tenant.join(", ")}`);
  const perUser = Object.entries(r.unknown.users).sort((a, b) => b[1] - a[1]);
  if (perUser.length) lines.push(`  unknown per user: ${perUser.map(([path, n]) => `${path} (${n})`).join(", ")}`);
  const ch = r.changes;
  if (ch.firstImport) lines.push(`  first import of this tenant`);
  else {
    const nothing =
      ch.users.added + ch.users.removed + ch.users.changed + ch.groups.added + ch.groups.removed + ch.policy.length ===
      0;
    if (nothing) lines.push("  no changes since the last import");
    else {
      lines.push(
        `  changes: users +${ch.users.added} −${ch.users.removed} ~${ch.users.changed}; groups +${ch.groups.added} −${ch.groups.removed}; policy fields changed: ${ch.policy.length}`,
      );
      for (const p of ch.policy)
        lines.push(`    policy.${p.field}: ${JSON.stringify(p.from)} → ${JSON.stringify(p.to)}`);
      for (const s of ch.users.samples) lines.push(`    ${s.upn}: ${s.change}`);
    }
  }
  if (r.unknown.tenant.some((p) => p.startsWith("policy.")))
    lines.push(`  add an sspr-settings.json (see docs/decisions/010) to tell what Graph cannot`);
  return lines.join("\n");
}
