/**
 * GET /api/v1/tenants/{id}/insights?from=&to=: a tenant's reset and registration activity
 * over a range of whole UTC days (admins) — per day attempted / succeeded / failed /
 * registered, failures by finding code, and the funnel by step. The same figures as the
 * /admin/tenants/:id/insights page and its CSV.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { openTenant } from "../../flows/diagnosis";
import { insightRange, tenantInsights } from "../../flows/insights";
import { FUNNEL_STEPS } from "../../domain/insights";
import { requireStaff } from "../auth";
import { answers, BEARER, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";

const DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .optional();

const Counts = {
  attempted: z.number().int().openapi({ description: "Resets started" }),
  succeeded: z.number().int().openapi({ description: "Resets that set the password or unlocked the account" }),
  failed: z.number().int().openapi({ description: "Failed steps (every failure shown to someone)" }),
  registered: z.number().int().openapi({ description: "Methods verified or security questions set" }),
};

const InsightsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.array(z.object({ day: z.string(), ...Counts })),
    totals: z.object(Counts),
    failuresByCode: z.array(z.object({ code: z.string(), count: z.number().int() })),
    funnel: z.array(z.object({ step: z.enum(FUNNEL_STEPS), people: z.number().int() })),
  })
  .openapi("TenantInsights");

const route = createRoute({
  method: "get",
  path: "/tenants/{id}/insights",
  tags: ["tenants"],
  summary: "Insights over time: resets per day, failures by code, the funnel by step",
  security: BEARER,
  request: {
    params: z.object({ id: z.string().min(1).max(200).openapi({ description: "tenant id or domain" }) }),
    query: z
      .object({
        from: DATE.openapi({ description: "First day (UTC, inclusive); default 29 days before `to`" }),
        to: DATE.openapi({ description: "Last day (UTC, inclusive); default today" }),
      })
      .strict(),
  },
  responses: {
    200: { description: "The insights", content: { "application/json": { schema: InsightsSchema } } },
    ...staffErrors,
    404: problem("No such tenant"),
  },
  ...answers(...STAFF_CODES, "tenant_not_found"),
});

export function insightsRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/tenants/:id/insights", requireStaff(deps, "admin"));
  app.openapi(route, (c) => {
    const id = c.req.valid("param").id;
    const q = c.req.valid("query");
    const tenant = openTenant(deps, id);
    if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${id}".`, { field: "id" });
    const range = insightRange(deps.clock.now(), q.from, q.to);
    return c.json(tenantInsights(deps, tenant.id, range), 200);
  });
  return app;
}
