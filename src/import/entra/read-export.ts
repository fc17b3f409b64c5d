/**
 * An export folder → GraphExport: every file of the layout read and checked (see
 * export-folder.ts), the settings file (`sspr-settings.json` in the folder or `--settings`)
 * parsed strictly. Optional resources may be missing; `organization.json` and `users.json`
 * may not.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { ImportError } from "./import-error";
import {
  parseJsonFile,
  readCollection,
  readEntity,
  subfolders,
  zodImportError,
  type Collection,
} from "./export-folder";
import { EXPORT_PATHS, type Entity, type GraphExport } from "./graph-export";
import {
  AuthenticationMethodSchema,
  AuthenticationMethodsPolicySchema,
  AuthorizationPolicySchema,
  DirectoryAuditSchema,
  GroupSchema,
  MemberSchema,
  OrganizationSchema,
  RegistrationDetailsSchema,
  RoleAssignmentSchema,
  RoleDefinitionSchema,
  UserSchema,
  type GraphAuthenticationMethod,
  type GraphMember,
} from "./graph-payloads";
import { SettingsSchema, type Settings } from "./settings";

/** Parse a settings file; errors name the file and the field. */
export function readSettings(path: string, label = basename(path)): Entity<Settings> {
  if (!existsSync(path)) throw new ImportError({ file: label }, "missing: no such settings file");
  const json = parseJsonFile(label, readFileSync(path, "utf8"));
  const r = SettingsSchema.safeParse(json);
  if (!r.success) throw zodImportError(label, undefined, r.error);
  return { value: r.data, readAt: statSync(path).mtime.toISOString(), file: label };
}

export function readExport(folder: string, opts: { settingsFile?: string } = {}): GraphExport {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ImportError({ file: folder }, "not a folder");
  const settingsPath = opts.settingsFile ?? join(folder, EXPORT_PATHS.settings);
  const settings =
    opts.settingsFile || existsSync(settingsPath)
      ? readSettings(settingsPath, opts.settingsFile ?? EXPORT_PATHS.settings)
      : undefined;
  const capturedAt = settings?.value.capturedAt ? new Date(settings.value.capturedAt).toISOString() : undefined;
  if (settings && capturedAt) settings.readAt = capturedAt;
  const o = { capturedAt };

  const groupMembers = new Map<string, Collection<GraphMember>>();
  for (const id of subfolders(folder, "groups")) {
    const c = readCollection(folder, EXPORT_PATHS.groupMembers(id), MemberSchema, o);
    if (c) groupMembers.set(id, c);
  }
  const userMethods = new Map<string, Collection<GraphAuthenticationMethod>>();
  for (const id of subfolders(folder, "users")) {
    const c = readCollection(folder, EXPORT_PATHS.userMethods(id), AuthenticationMethodSchema, o);
    if (c) userMethods.set(id, c);
  }
  return {
    source: "graph-export",
    origin: folder,
    organization: readCollection(folder, EXPORT_PATHS.organization, OrganizationSchema, { ...o, required: true })!,
    users: readCollection(folder, EXPORT_PATHS.users, UserSchema, { ...o, required: true })!,
    groups: readCollection(folder, EXPORT_PATHS.groups, GroupSchema, o),
    groupMembers,
    roleAssignments: readCollection(folder, EXPORT_PATHS.roleAssignments, RoleAssignmentSchema, o),
    roleDefinitions: readCollection(folder, EXPORT_PATHS.roleDefinitions, RoleDefinitionSchema, o),
    registrationDetails: readCollection(folder, EXPORT_PATHS.registrationDetails, RegistrationDetailsSchema, o),
    userMethods,
    methodsPolicy: readEntity(folder, EXPORT_PATHS.methodsPolicy, AuthenticationMethodsPolicySchema, o),
    authorizationPolicy: readEntity(folder, EXPORT_PATHS.authorizationPolicy, AuthorizationPolicySchema, o),
    audits: readCollection(folder, EXPORT_PATHS.audits, DirectoryAuditSchema, o),
    settings,
  };
}
