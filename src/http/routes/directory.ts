/**
 * A tenant's real directory, for admins: set its configuration (the bind secret goes in
 * sealed and never comes out), read it back without the secret, and beat it now. The
 * person-facing password pre-flight lives with the reset routes (password-check.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { loadDirectoryConfig, saveDirectoryConfig } from "../../db/directory-configs";
import { DIRECTORY_DEFAULTS } from "../../directory/directory-config";
import { beat } from "../../directory/heartbeat";
import { sealSecret } from "../../directory/secret-box";
import { AppError } from "../../errors";
import { findTenant } from "../../db/tenants";
import { requireStaff } from "../auth";
import {
  AnyJson,
  BEARER,
  STAFF_CODES,
  answers,
  jsonBody,
  jsonResponse,
  newRouter,
  problem,
  staffErrors,
} from "../openapi";

const Params = z.object({
  id: z.string().min(1).max(200).openapi({ description: "tenant id or domain", example: "contoso.example" }),
});
const Dn = z.string().min(3).max(1000);

const DirectoryConfigBody = z
  .strictObject({
    kind: z.enum(["openldap", "ad"]),
    urls: z
      .array(
        z
          .string()
          .regex(
            /^ldaps?:\/\/[A-Za-z0-9.\-[\]:]+(:\d{1,5})?\/?$/,
            "expected ldap://host[:port] or ldaps://host[:port]",
          ),
      )
      .min(1)
      .max(5)
      .openapi({ description: "tried in this order; the next only when one does not answer" }),
    startTls: z.boolean().default(false),
    bindDn: Dn,
    bindPassword: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .openapi({ description: "write-only; required the first time" }),
    baseDn: Dn,
    groupBaseDn: Dn.optional(),
    userFilter: z
      .string()
      .min(3)
      .max(1000)
      .regex(/^\(.*\)$/, "expected an LDAP filter in parentheses")
      .optional(),
    loginAttribute: z.enum(["userPrincipalName", "mail", "uid", "sAMAccountName"]).optional(),
    tlsCa: z
      .string()
      .max(20_000)
      .regex(/-----BEGIN CERTIFICATE-----/, "expected a PEM certificate")
      .optional(),
    tlsServername: z.string().min(1).max(255).optional(),
    defaultPolicyDn: Dn.optional(),
    canaryDn: Dn.optional(),
    timeoutMs: z.number().int().min(200).max(30_000).default(3_000),
  })
  .openapi("DirectoryConfig");

/** What the API shows of a directory configuration: everything but the sealed secret. */
const DirectoryConfigView = DirectoryConfigBody.omit({ bindPassword: true })
  .extend({
    tenantId: z.string(),
    userFilter: z.string(),
    loginAttribute: z.enum(["userPrincipalName", "mail", "uid", "sAMAccountName"]),
    updatedAt: z.string(),
    hasSecret: z.literal(true).openapi({ description: "a bind secret is stored (it is never returned)" }),
  })
  .openapi("DirectoryConfigView");

const HeartbeatSchema = z
  .union([
    z.object({ ok: z.literal(true), url: z.string(), latencyMs: z.number(), at: z.string() }),
    z.object({
      ok: z.literal(false),
      at: z.string(),
      failure: z
        .object({ code: z.string(), detail: z.string(), evidence: z.record(z.string(), AnyJson) })
        .openapi({ description: "classified on the directory's own codes" }),
    }),
  ])
  .openapi("DirectoryHeartbeat");

export function directoryRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/tenants/:id/directory", requireStaff(deps, "admin"));
  app.use("/tenants/:id/directory/*", requireStaff(deps, "admin"));

  const tenantOr404 = (id: string) => {
    const tenant = findTenant(deps.db, id);
    if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${id}".`, { field: "id" });
    return tenant;
  };
  const publicView = (tenantId: string) => {
    const stored = loadDirectoryConfig(deps.db, tenantId);
    if (!stored)
      throw new AppError(404, "directory_not_configured", "This tenant has no directory configured.", { field: "id" });
    const { bindSecretEnc: _sealed, ...rest } = stored;
    return { ...rest, hasSecret: true as const };
  };

  app.openapi(
    createRoute({
      method: "put",
      path: "/tenants/{id}/directory",
      tags: ["directory"],
      summary: "Set the tenant's directory (OpenLDAP or Active Directory)",
      security: BEARER,
      request: { params: Params, body: jsonBody(DirectoryConfigBody) },
      responses: {
        200: jsonResponse("The configuration, without the secret", DirectoryConfigView),
        ...staffErrors,
        404: problem("No such tenant"),
        503: problem("SSPR_SECRET_KEY is not set"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "secret_key_missing"),
    }),
    (c) => {
      const tenant = tenantOr404(c.req.valid("param").id);
      const body = c.req.valid("json");
      if (!deps.directory.secretKey)
        throw new AppError(
          503,
          "secret_key_missing",
          "Set SSPR_SECRET_KEY before configuring a directory: its bind secret is stored encrypted under that key.",
        );
      const existing = loadDirectoryConfig(deps.db, tenant.id);
      if (!body.bindPassword && !existing)
        throw new AppError(
          400,
          "invalid_request",
          "bindPassword is required when a directory is configured for the first time.",
          { field: "bindPassword" },
        );
      const { bindPassword, ...rest } = body;
      saveDirectoryConfig(deps.db, {
        ...rest,
        tenantId: tenant.id,
        userFilter: body.userFilter ?? DIRECTORY_DEFAULTS[body.kind].userFilter,
        loginAttribute: body.loginAttribute ?? DIRECTORY_DEFAULTS[body.kind].loginAttribute,
        ...(bindPassword ? { bindSecretEnc: sealSecret(deps.directory.secretKey, bindPassword) } : {}),
        updatedAt: new Date().toISOString(),
      });
      deps.directory.registry.forget(tenant.id);
      return c.json(publicView(tenant.id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tenants/{id}/directory",
      tags: ["directory"],
      summary: "The tenant's directory configuration (never the secret)",
      security: BEARER,
      request: { params: Params },
      responses: {
        200: jsonResponse("The configuration, without the secret", DirectoryConfigView),
        ...staffErrors,
        404: problem("No such tenant or no directory"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "directory_not_configured"),
    }),
    (c) => c.json(publicView(tenantOr404(c.req.valid("param").id).id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/directory/heartbeat",
      tags: ["directory"],
      summary: "Bind and read the rootDSE now; sets the writeback status",
      security: BEARER,
      request: { params: Params },
      responses: {
        200: jsonResponse("The heartbeat's outcome", HeartbeatSchema),
        ...staffErrors,
        404: problem("No such tenant or no directory"),
        503: problem("SSPR_SECRET_KEY is not set"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found", "directory_not_configured", "secret_key_missing"),
    }),
    async (c) => {
      const tenant = tenantOr404(c.req.valid("param").id);
      publicView(tenant.id);
      const result = await beat(deps.db, deps.clock, deps.directory.registry, tenant.id);
      if (!result)
        throw new AppError(
          503,
          "secret_key_missing",
          "The directory's bind secret cannot be opened: SSPR_SECRET_KEY is not set.",
        );
      return c.json(result, 200);
    },
  );
  return app;
}
