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
import { requireStaff } from "../auth";
import { BEARER, jsonResponse, newRouter, problem, staffErrors } from "../openapi";

const Params = z.object({ id: z.string().min(1).max(200).openapi({ description: "tenant id or domain", example: "contoso.example" }) });

function tenantOr404(deps: Deps, id: string) {
  const tenant = openTenant(deps, id);
  if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${id}".`, { field: "id" });
  return tenant;
}

export function tenantsRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/tenants/*", requireStaff(deps, "admin"));

  app.openapi(
    createRoute({
      method: "get", path: "/tenants/{id}/health", tags: ["tenants"], summary: "Who cannot reset today, and why", security: BEARER,
      request: {
        params: Params,
        query: z.strictObject({
          code: z.string().refine(isFindingCode, "not a finding code").optional().openapi({ description: "page through the users of one code" }),
          limit: z.coerce.number().int().min(1).max(500).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: { 200: jsonResponse("Counts per finding code and users per code (paged)"), ...staffErrors, 404: problem("No such tenant") },
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const result = tenantHealth(deps, tenant.id, c.req.valid("query"));
      return c.json({ tenant, users: result.users, verdicts: result.verdicts, counts: result.counts, usersByCode: result.usersByCode, durationMs: result.durationMs + result.loadMs, sweepMs: result.durationMs, loadMs: result.loadMs }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post", path: "/tenants/{id}/what-if", tags: ["tenants"], summary: "How many users a policy change would unblock or block", security: BEARER,
      request: { params: Params, body: { required: true, content: { "application/json": { schema: z.strictObject({ policy: PolicyOverrideSchema }) } } } },
      responses: { 200: jsonResponse("Verdict changes, per finding code"), ...staffErrors, 404: problem("No such tenant") },
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const result = tenantWhatIf(deps, tenant.id, c.req.valid("json").policy);
      const perCode = Object.fromEntries(Object.entries(result.perCode).filter(([, v]) => v.before || v.after));
      return c.json({ tenant, users: result.users, changed: result.changed, unblocked: result.unblocked.length, newlyBlocked: result.newlyBlocked.length, unblockedUsers: result.unblocked.slice(0, 100), newlyBlockedUsers: result.newlyBlocked.slice(0, 100), perCode, durationMs: result.durationMs + result.loadMs }, 200);
    },
  );
  return app;
}
