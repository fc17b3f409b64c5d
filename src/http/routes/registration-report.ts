/**
 * GET /api/v1/tenants/{id}/registration: the registration report (admins) — registered,
 * registered enough to reset, can reset today, coverage by method, and the registration
 * findings in the way.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { openTenant } from "../../flows/diagnosis";
import { registrationReport } from "../../flows/registration-report";
import { requireStaff } from "../auth";
import { answers, BEARER, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";

const ReportSchema = z
  .object({
    users: z.number().int(),
    registered: z.number().int().openapi({ description: "Users with at least one registered method" }),
    enoughMethods: z
      .number()
      .int()
      .openapi({ description: "Users with no registration finding: enough usable methods for their policy" }),
    canReset: z.number().int().openapi({ description: "Users whose verdict is can_reset or at_risk" }),
    byMethod: z.array(z.object({ method: z.string(), users: z.number().int() })),
    gaps: z.array(z.object({ code: z.string(), users: z.number().int() })),
  })
  .openapi("RegistrationReport");

const route = createRoute({
  method: "get",
  path: "/tenants/{id}/registration",
  tags: ["tenants"],
  summary: "Registration report: who registered, who registered enough, and what is missing",
  security: BEARER,
  request: { params: z.object({ id: z.string().min(1).max(200).openapi({ description: "tenant id or domain" }) }) },
  responses: {
    200: { description: "The report", content: { "application/json": { schema: ReportSchema } } },
    ...staffErrors,
    404: problem("No such tenant"),
  },
  ...answers(...STAFF_CODES, "tenant_not_found"),
});

export function registrationReportRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/tenants/:id/registration", requireStaff(deps, "admin"));
  app.openapi(route, (c) => {
    const id = c.req.valid("param").id;
    const tenant = openTenant(deps, id);
    if (!tenant) throw new AppError(404, "tenant_not_found", `No tenant "${id}".`, { field: "id" });
    return c.json(registrationReport(deps, tenant.id), 200);
  });
  return app;
}
