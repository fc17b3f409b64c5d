/**
 * Entra role definitions → our role slugs for the importer. The documented list of roles
 * that get the administrator SSPR policy, with their template ids, is the catalogue's
 * (src/domain/admin-roles.ts); here only what an import adds to it: the settings file's
 * custom roles, and one id seen only in a community script that older tenants may still carry.
 */
import { adminRoleOfTemplateId } from "../../domain/admin-roles";

/** Not in Microsoft's current built-in table (ENTRA-GRAPH.md §2.2 [C]), so not in the catalogue's ids; kept for old tenants. */
const COMMUNITY_IDS: Readonly<Record<string, string>> = {
  "eb1d8c34-acf5-460d-8424-c1f1a6fbdb85": "adhoc_license_admin",
};

/**
 * The slug for a role definition, or undefined when the role does not bring the
 * administrator policy. `extra` is the settings file's `adminRoleSlugs` (custom roles).
 *
 * @example roleSlug("62e90394-69f5-4237-9190-012177145e10") // "global_admin"
 */
export function roleSlug(templateId: string, extra: Readonly<Record<string, string>> = {}): string | undefined {
  const id = templateId.toLowerCase();
  return extra[id] ?? adminRoleOfTemplateId(id) ?? COMMUNITY_IDS[id];
}
