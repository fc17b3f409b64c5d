/**
 * Read a tenant live from Microsoft Graph into a GraphExport — and, for `export:entra`, save
 * every answer exactly as received in the export folder layout, so a live pull can be
 * replayed offline. The sweep plan (ENTRA-GRAPH.md §7): users, groups, each group's
 * transitive members (first pages batched 20 at a time), role assignments and definitions,
 * the registration report, the two policies, and the SSPR + Authentication Methods audit.
 * Per-user authentication methods are read only for the users named (single-user
 * diagnosis): that endpoint allows 5 requests per 10 s, so 100,000 users would take 55 h.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { z } from "zod";
import { collectionOf, parseCollectionPage, parseEntity, type Collection } from "../export-folder";
import { EXPORT_PATHS, type Entity, type GraphExport } from "../graph-export";
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
} from "../graph-payloads";
import { ImportError } from "../import-error";
import type { Settings } from "../settings";
import { appToken, type TokenSource } from "./app-token";
import type { GraphConfig } from "./graph-config";
import { graphClient, GraphRequestError, type GraphPage } from "./graph-client";
import type { Progress } from "./progress";

/** Only what the import reads ($select: fewer bytes, and Graph charges one resource unit less). */
export const USER_SELECT = [
  "id",
  "userPrincipalName",
  "displayName",
  "userType",
  "accountEnabled",
  "onPremisesSyncEnabled",
  "lastPasswordChangeDateTime",
  "mobilePhone",
  "businessPhones",
  "otherMails",
  "assignedLicenses",
  "assignedPlans",
].join(",");
/** Directory queries with advanced options need it, and Graph does not carry it into nextLink. */
const DIRECTORY_HEADERS = { ConsistencyLevel: "eventual" };
/** The audit window fetched: P1/P2 tenants keep 30 days. */
const AUDIT_DAYS = 30;

export type FetchOptions = {
  settings?: Entity<Settings>;
  /** Save every answer under this folder (export:entra). */
  saveTo?: string;
  /** Users (ids) whose authentication methods to read — never for a sweep. */
  methodsFor?: readonly string[];
  progress?: Progress;
  now?: () => Date;
  /** Tests replace the token source and timer. */
  token?: TokenSource;
  sleep?: (ms: number) => Promise<void>;
};

export async function fetchExport(cfg: GraphConfig, opts: FetchOptions = {}): Promise<GraphExport> {
  const progress = opts.progress;
  const client = graphClient({
    baseUrl: cfg.baseUrl,
    token: opts.token ?? appToken(cfg),
    sleep: opts.sleep,
    onRequest: () => progress?.request(),
  });
  const now = opts.now ?? (() => new Date());
  const readAt = () => now().toISOString();

  const save = (file: string, text: string) => {
    if (!opts.saveTo) return;
    const full = join(opts.saveTo, file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  const fileOf = (path: string, n: number) => `${path}${n === 1 ? "" : `.${n}`}.json`;

  /** Checked pages → a collection; each page saved and parsed under the file name it gets in the layout. */
  const collect = <T>(path: string, pages: GraphPage[], schema: z.ZodType<T>): Collection<T> =>
    collectionOf(
      path,
      pages.map((p, i) => {
        const file = fileOf(path, i + 1);
        save(file, p.text);
        return { file, readAt: readAt(), records: parseCollectionPage(file, p.text, path, schema) };
      }),
    );
  const all = async (url: string, headers: Record<string, string> = {}) => {
    const out: GraphPage[] = [];
    for await (const p of client.pages(url, headers)) out.push(p);
    return out;
  };
  /** First page given (from a batch): the rest by nextLink. */
  const rest = async (first: GraphPage, headers: Record<string, string>) => {
    const out = [first];
    if (first.json["@odata.nextLink"])
      for await (const p of client.pages(first.json["@odata.nextLink"], headers)) out.push(p);
    return out;
  };
  const entity = async <T>(path: string, schema: z.ZodType<T>): Promise<Entity<T>> => {
    const p = await client.getJson(path);
    const file = `${path}.json`;
    save(file, p.text);
    return { value: parseEntity(file, p.text, path, schema), readAt: readAt(), file };
  };

  try {
    progress?.start(9 + (opts.methodsFor?.length ?? 0));
    const organization = collect(
      "organization",
      await all("organization?$select=id,displayName,verifiedDomains,onPremisesSyncEnabled"),
      OrganizationSchema,
    );
    progress?.step("organization");
    const users = collect("users", await all(`users?$select=${USER_SELECT}&$top=999`, DIRECTORY_HEADERS), UserSchema);
    progress?.step(`users (${users.items.length})`);
    const groups = collect(
      "groups",
      await all("groups?$select=id,displayName&$top=999", DIRECTORY_HEADERS),
      GroupSchema,
    );
    progress?.step(`groups (${groups.items.length})`);
    progress?.grow(groups.items.length);

    const groupMembers = new Map<string, Collection<GraphMember>>();
    const ids = groups.items.map((g) => g.id);
    const paths = ids.map((id) => `${EXPORT_PATHS.groupMembers(id)}?$select=id,displayName,userPrincipalName&$top=999`);
    for (let i = 0; i < ids.length; i += 20) {
      const firsts = await client.batch(paths.slice(i, i + 20), DIRECTORY_HEADERS);
      for (let k = 0; k < firsts.length; k++) {
        const id = ids[i + k]!;
        groupMembers.set(
          id,
          collect(EXPORT_PATHS.groupMembers(id), await rest(firsts[k]!, DIRECTORY_HEADERS), MemberSchema),
        );
        progress?.step("group members");
      }
    }

    const roleAssignments = collect(
      EXPORT_PATHS.roleAssignments,
      await all(EXPORT_PATHS.roleAssignments),
      RoleAssignmentSchema,
    );
    const roleDefinitions = collect(
      EXPORT_PATHS.roleDefinitions,
      await all(`${EXPORT_PATHS.roleDefinitions}?$select=id,displayName,templateId,isBuiltIn`),
      RoleDefinitionSchema,
    );
    progress?.step("roles");
    const registrationDetails = collect(
      EXPORT_PATHS.registrationDetails,
      await all(EXPORT_PATHS.registrationDetails),
      RegistrationDetailsSchema,
    );
    progress?.step(`registration report (${registrationDetails.items.length})`);
    const methodsPolicy = await entity(EXPORT_PATHS.methodsPolicy, AuthenticationMethodsPolicySchema);
    const authorizationPolicy = await entity(EXPORT_PATHS.authorizationPolicy, AuthorizationPolicySchema);
    progress?.step("policies");
    const since = new Date(now().getTime() - AUDIT_DAYS * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const filter = `activityDateTime ge ${since} and (loggedByService eq 'Self-service Password Management' or loggedByService eq 'Authentication Methods')`;
    const audits = collect(
      EXPORT_PATHS.audits,
      await all(`${EXPORT_PATHS.audits}?$filter=${encodeURIComponent(filter)}`),
      DirectoryAuditSchema,
    );
    progress?.step(`audit (${audits.items.length})`);

    const userMethods = new Map<string, Collection<GraphAuthenticationMethod>>();
    for (const id of opts.methodsFor ?? []) {
      userMethods.set(
        id,
        collect(EXPORT_PATHS.userMethods(id), await all(EXPORT_PATHS.userMethods(id)), AuthenticationMethodSchema),
      );
      progress?.step("methods");
    }
    if (opts.settings && opts.saveTo) save(EXPORT_PATHS.settings, JSON.stringify(opts.settings.value, null, 2));
    return {
      source: "graph-live",
      origin: cfg.baseUrl,
      organization,
      users,
      groups,
      groupMembers,
      roleAssignments,
      roleDefinitions,
      registrationDetails,
      userMethods,
      methodsPolicy,
      authorizationPolicy,
      audits,
      settings: opts.settings,
    };
  } catch (err) {
    if (err instanceof GraphRequestError)
      throw new ImportError(
        { file: err.url },
        `HTTP ${err.status}: ${err.message.replace(/^GET \S+ failed: HTTP \d+ /, "")}`,
      );
    throw err;
  } finally {
    progress?.stop();
  }
}
