/**
 * What one Graph export holds once read and checked: every resource of the folder
 * layout as parsed records with the time it was read. The folder reader and the live client
 * both produce it; `tenantImport` maps it to our rows. Nothing here touches the disk.
 */
import type { Collection } from "./export-folder";
import type {
  GraphAuthenticationMethod,
  GraphAuthenticationMethodsPolicy,
  GraphAuthorizationPolicy,
  GraphDirectoryAudit,
  GraphGroup,
  GraphMember,
  GraphOrganization,
  GraphRegistrationDetails,
  GraphRoleAssignment,
  GraphRoleDefinition,
  GraphUser,
} from "./graph-payloads";
import type { Settings } from "./settings";

export type Entity<T> = { value: T; readAt: string; file: string };

export type GraphExport = {
  /** "graph-export" (a folder) or "graph-live". */
  source: "graph-export" | "graph-live";
  /** The folder or the Graph base URL. */
  origin: string;
  organization: Collection<GraphOrganization>;
  users: Collection<GraphUser>;
  groups?: Collection<GraphGroup>;
  /** group id → its transitive members. */
  groupMembers: Map<string, Collection<GraphMember>>;
  roleAssignments?: Collection<GraphRoleAssignment>;
  roleDefinitions?: Collection<GraphRoleDefinition>;
  registrationDetails?: Collection<GraphRegistrationDetails>;
  /** user id → their authentication methods (optional, single-user detail). */
  userMethods: Map<string, Collection<GraphAuthenticationMethod>>;
  methodsPolicy?: Entity<GraphAuthenticationMethodsPolicy>;
  authorizationPolicy?: Entity<GraphAuthorizationPolicy>;
  audits?: Collection<GraphDirectoryAudit>;
  settings?: Entity<Settings>;
};

/** The folder layout (issue 15 item 1), shared by the reader, the exporter and the fixture generator. */
export const EXPORT_PATHS = {
  organization: "organization",
  users: "users",
  groups: "groups",
  groupMembers: (id: string) => `groups/${id}/transitiveMembers`,
  roleAssignments: "roleManagement/directory/roleAssignments",
  roleDefinitions: "roleManagement/directory/roleDefinitions",
  registrationDetails: "reports/authenticationMethods/userRegistrationDetails",
  userMethods: (id: string) => `users/${id}/authentication/methods`,
  methodsPolicy: "policies/authenticationMethodsPolicy",
  authorizationPolicy: "policies/authorizationPolicy",
  audits: "auditLogs/directoryAudits",
  settings: "sspr-settings.json",
} as const;
