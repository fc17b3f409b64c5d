/**
 * GET /api/v1/incidents: what the self-watch raised — tenant-level blockers and jumps in
 * blocked users — newest first, optionally only open ones or one tenant's (admins).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { listIncidents } from "../../db/incidents";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { openTenant } from "../../flows/diagnosis";
import { requireStaff } from "../auth";
import { answers, AnyJson, BEARER, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";

const Query = z
  .object({
    tenant: z.string().min(1).max(253).optional().openapi({ description: "Tenant id or domain" }),
    state: z.enum(["open", "all"]).default("all"),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const IncidentSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    tenantDomain: z.string(),
    key: z.string().openapi({ description: "The tenant-level finding code, or blocked_jump" }),
    openedAt: z.string(),
    resolvedAt: z.string().nullable(),
    detail: z.record(z.string(), AnyJson),
  })
  .openapi("Incident");

const route = createRoute({
  method: "get",
  path: "/incidents",
  tags: ["incidents"],
  summary: "Incidents raised by the self-watch (admins)",
  security: BEARER,
  request: { query: Query },
  responses: {
    200: {
      description: "Incidents, newest first",
      content: { "application/json": { schema: z.object({ incidents: z.array(IncidentSchema) }) } },
    },
    ...staffErrors,
    404: problem("No such tenant"),
  },
  ...answers(...STAFF_CODES, "tenant_not_found"),
});

export function incidentsRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/incidents", requireStaff(deps, "admin"));
  app.openapi(route, (c) => {
    const q = c.req.valid("query");
    const tenant = q.tenant ? openTenant(deps, q.tenant) : undefined;
    if (q.tenant && !tenant) throw new AppError(404, "tenant_not_found", `No tenant ${q.tenant}.`, { field: "tenant" });
    return c.json(
      { incidents: listIncidents(deps.db, { tenantId: tenant?.id, openOnly: q.state === "open", limit: q.limit }) },
      200,
    );
  });
  return app;
}
