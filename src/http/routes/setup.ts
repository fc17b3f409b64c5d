/**
 * Set-up over the API (issue 16 item 1), for admins: a tenant's settings, its groups
 * (list, create, rename, delete, nest), users (create, or edit by sign-in name — disabling is
 * `enabled: false`), direct memberships, and the CSV import with its report. Only
 * translation: the use cases are flows/setup.ts and import/csv/csv-import.ts, the same
 * the /admin set-up page and `npm run admin` call, so each change is checked the same
 * way, written in one transaction and audited. The policy is not here: it changes as a
 * version through /tenants/{id}/policy (tenant-policy.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import * as setup from "../../flows/setup";
import { importCsv, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS } from "../../import/csv/csv-import";
import { refuseBodiesOver } from "../body-limit";
import { requireStaff, type AppEnv } from "../auth";
import { answers, BEARER, jsonBody, jsonResponse, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";
import { ipOf } from "../request-context";
import { tenantOr404 } from "./tenants";
import { LICENSES } from "../../domain/licenses";

const Params = z.object({
  id: z.string().min(1).max(200).openapi({ description: "tenant id or domain", example: "acme.example" }),
});
const GroupParams = Params.extend({
  groupId: z.string().min(1).max(200).openapi({ description: "group id", example: "grp-…" }),
});
const ChildParams = GroupParams.extend({
  childId: z.string().min(1).max(200).openapi({ description: "the group inside it" }),
});
const MemberParams = GroupParams.extend({
  upn: z.string().min(3).max(254).openapi({ description: "the member's sign-in name", example: "ada@acme.example" }),
});

const Name = z.string().min(1).max(200);
const SettingsSchema = z
  .object({ id: z.string(), domain: z.string(), name: z.string(), bannedWords: z.array(z.string()) })
  .openapi("TenantSettings");
const GroupSchema = z.object({ id: z.string(), name: z.string() }).openapi("Group");
const GroupListSchema = z
  .object({
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        childIds: z.array(z.string()).openapi({ description: "the groups directly inside it" }),
      }),
    ),
  })
  .openapi("GroupList");
const SavedUserSchema = z
  .object({ id: z.string(), created: z.boolean().openapi({ description: "false: an existing user was updated" }) })
  .openapi("SavedUser");
const ChangedSchema = z.object({
  changed: z.boolean().openapi({ description: "false when it already was so (nothing written, nothing audited)" }),
});
const ImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    written: z.boolean().openapi({ description: "false for a dry run, a file with rejected rows, or no changes" }),
    rows: z.number().int(),
    usersCreated: z.array(z.string()).openapi({ description: "sign-in names" }),
    usersUpdated: z.array(z.string()),
    groupsCreated: z.array(z.string()),
    membershipsAdded: z.number().int(),
    unchanged: z.number().int(),
    rejected: z
      .array(
        z.object({
          row: z.number().int().openapi({ description: "1 is the header line" }),
          column: z.string(),
          reason: z.string(),
        }),
      )
      .openapi({ description: "every refused row by row and column; any refusal writes nothing" }),
  })
  .openapi("CsvImportReport");

const notFound = (what: string) => ({ 404: problem(what) });

export function setupRoutes(deps: Deps) {
  const app = newRouter();
  for (const path of ["/tenants/:id", "/tenants/:id/groups", "/tenants/:id/groups/*", "/tenants/:id/users"])
    app.use(path, requireStaff(deps, "admin"));
  app.use("/tenants/:id/import", requireStaff(deps, "admin"), refuseBodiesOver(MAX_UPLOAD_BYTES));

  /** The use case's context: the staff principal behind the token is the audit row's actor. */
  const ctx = (c: Context<AppEnv>): setup.SetupCtx => ({
    db: deps.db,
    now: deps.clock.now(),
    actor: { type: "staff", id: c.get("principal")!.tokenId, ip: ipOf(c) ?? null },
  });

  app.openapi(
    createRoute({
      method: "patch",
      path: "/tenants/{id}",
      tags: ["set-up"],
      summary: "Rename the tenant and/or replace its own banned password words",
      security: BEARER,
      request: {
        params: Params,
        body: jsonBody(
          z
            .strictObject({
              name: Name.optional(),
              bannedWords: z.array(z.string().min(1).max(64)).max(1000).optional(),
            })
            .openapi("TenantSettingsChange"),
        ),
      },
      responses: {
        200: jsonResponse("The tenant's settings now", SettingsSchema),
        ...staffErrors,
        ...notFound("No such tenant"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const settings = setup.updateTenant(ctx(c), tenant, c.req.valid("json"));
      return c.json({ id: tenant.id, domain: tenant.domain, ...settings }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tenants/{id}/groups",
      tags: ["set-up"],
      summary: "The tenant's groups by name, with their ids and the groups directly inside each",
      security: BEARER,
      request: { params: Params },
      responses: {
        200: jsonResponse("The groups", GroupListSchema),
        ...staffErrors,
        ...notFound("No such tenant"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => c.json({ groups: setup.listGroups(deps.db, tenantOr404(deps, c.req.valid("param").id)) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/groups",
      tags: ["set-up"],
      summary: "Create a group, optionally inside another",
      security: BEARER,
      request: {
        params: Params,
        body: jsonBody(
          z
            .strictObject({
              name: Name.openapi({ example: "SSPR users" }),
              parentId: z.string().min(1).max(200).optional().openapi({ description: "put it inside this group" }),
            })
            .openapi("NewGroup"),
        ),
      },
      responses: {
        201: jsonResponse("The group", GroupSchema),
        ...staffErrors,
        ...notFound("No such tenant"),
        409: problem("The tenant has a group by this name"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "already_exists"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      return c.json(setup.createGroup(ctx(c), tenant, c.req.valid("json")), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/tenants/{id}/groups/{groupId}",
      tags: ["set-up"],
      summary: "Rename a group",
      security: BEARER,
      request: { params: GroupParams, body: jsonBody(z.strictObject({ name: Name }).openapi("GroupRename")) },
      responses: {
        200: jsonResponse("The group", GroupSchema),
        ...staffErrors,
        ...notFound("No such tenant or group"),
        409: problem("Another group has this name"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "not_found", "already_exists"),
    }),
    (c) => {
      const { id, groupId } = c.req.valid("param");
      return c.json(setup.renameGroup(ctx(c), tenantOr404(deps, id), groupId, c.req.valid("json")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/tenants/{id}/groups/{groupId}",
      tags: ["set-up"],
      summary: "Delete a group with its memberships and nesting (refused while the policy is scoped to it)",
      security: BEARER,
      request: { params: GroupParams },
      responses: {
        204: { description: "Deleted" },
        ...staffErrors,
        ...notFound("No such tenant or group"),
        409: problem("The policy is scoped to this group: change the policy first"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "not_found", "conflict"),
    }),
    (c) => {
      const { id, groupId } = c.req.valid("param");
      setup.deleteGroup(ctx(c), tenantOr404(deps, id), groupId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/tenants/{id}/groups/{groupId}/children/{childId}",
      tags: ["set-up"],
      summary: "Put a group inside this one (refused when it would make a cycle)",
      security: BEARER,
      request: { params: ChildParams },
      responses: {
        200: jsonResponse("Whether the nesting is new", ChangedSchema),
        ...staffErrors,
        ...notFound("No such tenant"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const { id, groupId, childId } = c.req.valid("param");
      const tenant = tenantOr404(deps, id);
      return c.json({ changed: setup.nestGroups(ctx(c), tenant, groupId, childId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/tenants/{id}/groups/{groupId}/children/{childId}",
      tags: ["set-up"],
      summary: "Take a group out of this one",
      security: BEARER,
      request: { params: ChildParams },
      responses: {
        200: jsonResponse("Whether it was inside", ChangedSchema),
        ...staffErrors,
        ...notFound("No such tenant or group"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "not_found"),
    }),
    (c) => {
      const { id, groupId, childId } = c.req.valid("param");
      return c.json({ changed: setup.unnestGroups(ctx(c), tenantOr404(deps, id), groupId, childId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/tenants/{id}/groups/{groupId}/members/{upn}",
      tags: ["set-up"],
      summary: "Make a user a direct member of the group",
      security: BEARER,
      request: { params: MemberParams },
      responses: {
        200: jsonResponse("Whether the membership is new", ChangedSchema),
        ...staffErrors,
        ...notFound("No such tenant or user"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "user_not_found"),
    }),
    (c) => {
      const { id, groupId, upn } = c.req.valid("param");
      const tenant = tenantOr404(deps, id);
      const user = setup.tenantUser(deps.db, tenant, upn);
      return c.json({ changed: setup.addMember(ctx(c), tenant, groupId, user.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/tenants/{id}/groups/{groupId}/members/{upn}",
      tags: ["set-up"],
      summary: "End a user's direct membership of the group",
      security: BEARER,
      request: { params: MemberParams },
      responses: {
        200: jsonResponse("Whether they were a direct member", ChangedSchema),
        ...staffErrors,
        ...notFound("No such tenant, group or user"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "not_found", "user_not_found"),
    }),
    (c) => {
      const { id, groupId, upn } = c.req.valid("param");
      const tenant = tenantOr404(deps, id);
      const user = setup.tenantUser(deps.db, tenant, upn);
      return c.json({ changed: setup.removeMember(ctx(c), tenant, groupId, user.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/users",
      tags: ["set-up"],
      summary: "Create a user, or update the tenant's user with this sign-in name (enabled: false disables)",
      description:
        "A new user gets the defaults for the fields left out (a cloud member, enabled, no roles, licence p1) and needs a displayName. An existing user changes only the fields given: the rest (roles, licence, source, enabled, display name, group memberships) keep their stored value.",
      security: BEARER,
      request: {
        params: Params,
        body: jsonBody(
          z
            .strictObject({
              upn: z.string().min(3).max(254).openapi({ example: "ada@acme.example" }),
              displayName: Name.optional().openapi({
                example: "Ada Lovelace",
                description: "required for a new user; left out: kept",
              }),
              type: z.enum(["member", "guest"]).optional().openapi({ description: "new user: member; left out: kept" }),
              source: z
                .enum(["cloud", "synced"])
                .optional()
                .openapi({ description: "new user: cloud; left out: kept" }),
              enabled: z
                .boolean()
                .optional()
                .openapi({ description: "sign-in allowed; new user: true; left out: kept" }),
              roles: z
                .array(z.string().min(1).max(64))
                .max(50)
                .optional()
                .openapi({
                  example: ["helpdesk_admin"],
                  description: "replaces the user's roles ([] clears them); new user: none; left out: kept",
                }),
              license: z.enum(LICENSES).optional().openapi({ description: "new user: p1; left out: kept" }),
            })
            .openapi("UserSave"),
        ),
      },
      responses: {
        200: jsonResponse("Updated", SavedUserSchema),
        201: jsonResponse("Created", SavedUserSchema),
        ...staffErrors,
        ...notFound("No such tenant"),
        409: problem("The sign-in name belongs to another tenant"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "already_exists"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const saved = setup.saveUser(ctx(c), tenant, c.req.valid("json"));
      return c.json(saved, saved.created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/import",
      tags: ["set-up"],
      summary: "Import people from a CSV file (the body); any refused row writes nothing",
      description:
        "Columns: userPrincipalName, displayName, mail, mobile, department, groups (separated by |), accountEnabled, usageLocation, licence, userType.",
      security: BEARER,
      request: {
        params: Params,
        query: z.strictObject({
          dryRun: z
            .enum(["true", "false"])
            .default("false")
            .openapi({ description: "check only: the report of what would happen, nothing written" }),
        }),
        body: {
          required: true,
          content: { "text/csv": { schema: z.string().openapi({ description: "the file, UTF-8" }) } },
        },
      },
      responses: {
        200: jsonResponse("The import report", ImportReportSchema),
        ...staffErrors,
        ...notFound("No such tenant"),
        413: problem("The file is larger than 5 MiB: use `npm run import:csv`"),
        415: problem("The body is not text/csv"),
        422: jsonResponse("Rows were refused (named by row and column); nothing was written", ImportReportSchema),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "payload_too_large", "unsupported_media_type"),
    }),
    async (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      if (!/^text\/csv\b/i.test(c.req.header("content-type") ?? ""))
        throw new AppError(415, "unsupported_media_type", "body: send the file as text/csv.", { field: "body" });
      const report = importCsv(deps.db, tenant, await c.req.text(), {
        dryRun: c.req.valid("query").dryRun === "true",
        now: deps.clock.now(),
        actor: ctx(c).actor,
        maxRows: MAX_UPLOAD_ROWS,
      });
      return c.json(report, report.rejected.length ? 422 : 200);
    },
  );
  return app;
}
