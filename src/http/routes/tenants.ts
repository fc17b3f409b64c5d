/**
 * Tenant-wide views for admins: the health sweep (counts per finding code and the
 * users behind each, paged) and what-if impact of a policy change.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { isFindingCode } from "../../domain/catalogue";
import { PolicyOverrideSchema } from "../../domain/snapshot";
import { AppError } from "../../errors";
import { openTenant, tenantHealth, tenantWhatIf } from "../../flows/diagnosis";
import { createTenant } from "../../flows/setup";
import { requireStaff } from "../auth";
import { ipOf } from "../request-context";
import { answers, BEARER, jsonResponse, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";

const TenantSchema = z.object({ id: z.string(), name: z.string(), domain: z.string() }).openapi("Tenant");
const UserRefSchema = z.object({ userId: z.string(), upn: z.string() }).openapi("UserRef");
const byCode = <T extends z.ZodType>(value: T) =>
  z.record(z.string(), value).openapi({ description: "keyed by finding code; only the codes present" });
const Ms = z.number().openapi({ description: "milliseconds" });
const HealthSchema = z
  .object({
    tenant: TenantSchema,
    users: z.number().int(),
    verdicts: z.object({ can_reset: z.number().int(), blocked: z.number().int(), at_risk: z.number().int() }),
    counts: byCode(z.number().int()),
    usersByCode: byCode(
      z.object({ total: z.number().int(), users: z.array(UserRefSchema), nextOffset: z.number().int().optional() }),
    ),
    durationMs: Ms,
    sweepMs: Ms,
    loadMs: Ms,
  })
  .openapi("TenantHealth");
const WhatIfSchema = z
  .object({
    tenant: TenantSchema,
    users: z.number().int(),
    changed: z.number().int().openapi({ description: "users whose verdict differs under the policy" }),
    unblocked: z.number().int(),
    newlyBlocked: z.number().int(),
    unblockedUsers: z.array(UserRefSchema).openapi({ description: "the first 100" }),
    newlyBlockedUsers: z.array(UserRefSchema).openapi({ description: "the first 100" }),
    perCode: byCode(z.object({ before: z.number().int(), after: z.number().int(), delta: z.number().int() })),
    durationMs: Ms,
  })
  .openapi("TenantWhatIf");

const Params = z.object({
  id: z.string().min(1).max(200).openapi({ description: "tenant id or domain", example: "contoso.example" }),
});

/** The tenant named in a route's path (id or domain), or a 404 naming `id`. */
export function tenantOr404(deps: Deps, id: string) {
  const tenant = openTenant(deps, id);
  if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${id}".`, { field: "id" });
  return tenant;
}

export function tenantsRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/tenants/*", requireStaff(deps, "admin"));
  app.use("/tenants", requireStaff(deps, "admin"));

  // Set-up without the demo (issue 16 item 1): the same use case as /admin's form and `npm run admin`.
  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants",
      tags: ["tenants"],
      summary: "Create a tenant (its policy starts with SSPR off)",
      security: BEARER,
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .strictObject({
                  name: z.string().min(1).max(200).openapi({ example: "Contoso" }),
                  domain: z.string().min(3).max(253).openapi({ example: "contoso.example" }),
                })
                .openapi("NewTenant"),
            },
          },
        },
      },
      responses: {
        201: jsonResponse("The tenant", TenantSchema),
        ...staffErrors,
        409: problem("A tenant with this domain exists"),
      },
      ...answers(...STAFF_CODES, "already_exists"),
    }),
    (c) => {
      const p = c.get("principal")!;
      const tenant = createTenant(
        { db: deps.db, now: deps.clock.now(), actor: { type: "staff", id: p.tokenId, ip: ipOf(c) ?? null } },
        c.req.valid("json"),
      );
      return c.json(tenant, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tenants/{id}/health",
      tags: ["tenants"],
      summary: "Who cannot reset today, and why",
      security: BEARER,
      request: {
        params: Params,
        query: z.strictObject({
          code: z
            .string()
            .refine(isFindingCode, "not a finding code")
            .optional()
            .openapi({ description: "page through the users of one code" }),
          limit: z.coerce.number().int().min(1).max(500).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: jsonResponse("Counts per finding code and users per code (paged)", HealthSchema),
        ...staffErrors,
        404: problem("No such tenant"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const result = tenantHealth(deps, tenant.id, c.req.valid("query"));
      return c.json(
        {
          tenant,
          users: result.users,
          verdicts: result.verdicts,
          counts: result.counts,
          usersByCode: result.usersByCode,
          durationMs: result.durationMs + result.loadMs,
          sweepMs: result.durationMs,
          loadMs: result.loadMs,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/what-if",
      tags: ["tenants"],
      summary: "How many users a policy change would unblock or block",
      security: BEARER,
      request: {
        params: Params,
        body: {
          required: true,
          content: { "application/json": { schema: z.strictObject({ policy: PolicyOverrideSchema }) } },
        },
      },
      responses: {
        200: jsonResponse("Verdict changes, per finding code", WhatIfSchema),
        ...staffErrors,
        404: problem("No such tenant"),
      },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const result = tenantWhatIf(deps, tenant.id, c.req.valid("json").policy);
      const perCode = Object.fromEntries(Object.entries(result.perCode).filter(([, v]) => v.before || v.after));
      return c.json(
        {
          tenant,
          users: result.users,
          changed: result.changed,
          unblocked: result.unblocked.length,
          newlyBlocked: result.newlyBlocked.length,
          unblockedUsers: result.unblocked.slice(0, 100),
          newlyBlockedUsers: result.newlyBlocked.slice(0, 100),
          perCode,
          durationMs: result.durationMs + result.loadMs,
        },
        200,
      );
    },
  );
  return app;
}
