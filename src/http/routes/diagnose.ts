/**
 * Diagnosis over HTTP (staff): simulate a snapshot, diagnose a stored user (with a
 * what-if policy override), and open a stored diagnosis by its reference id.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { PolicyOverrideSchema, SnapshotSchema } from "../../domain/snapshot";
import { AppError } from "../../errors";
import { diagnoseUser, openDiagnosis } from "../../flows/diagnosis";
import { requireStaff } from "../auth";
import { BEARER, jsonBody, newRouter, problem, staffErrors } from "../openapi";
import { parsedSynchronously } from "../validate";

const DiagnosisSchema = z.object({}).passthrough().openapi("Diagnosis", { description: "CONTRACT §2" });
const ok = (description: string) => ({ description, content: { "application/json": { schema: DiagnosisSchema } } });

const DiagnoseBody = z.strictObject({
  user: z.string().min(1).max(320).openapi({ description: "upn or user id", example: "oscar.outside@contoso.example" }),
  overrides: z.strictObject({ policy: PolicyOverrideSchema.optional() }).optional(),
});

export function diagnoseRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/diagnose/*", requireStaff(deps, "support"));
  app.use("/diagnose", requireStaff(deps, "support"));
  app.use("/diagnoses/*", requireStaff(deps, "support"));

  app.openapi(
    createRoute({
      method: "post", path: "/diagnose/simulate", tags: ["diagnosis"], summary: "Diagnose a snapshot (no database access)", security: BEARER,
      // The interactive path: validated through zod's compiled (sync) parse.
      request: { body: jsonBody(parsedSynchronously(SnapshotSchema)) },
      responses: { 200: ok("The diagnosis"), ...staffErrors },
    }),
    async (c) => c.json(await deps.diagnoser.diagnose(c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post", path: "/diagnose", tags: ["diagnosis"], summary: "Diagnose a stored user, optionally under a what-if policy", security: BEARER,
      request: { body: jsonBody(DiagnoseBody) },
      responses: { 200: ok("The diagnosis, stored under its reference id"), ...staffErrors, 404: problem("Not found: `field` says which") },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const diagnosed = await diagnoseUser(deps, body.user, { policy: body.overrides?.policy });
      if (!diagnosed) throw new AppError(404, "user_not_found", `No user "${body.user}".`, { field: "user" });
      const { diagnosis, subject, whatIf } = diagnosed;
      return c.json({ ...diagnosis, user: { id: subject.id, upn: subject.upn }, whatIf }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get", path: "/diagnoses/{id}", tags: ["diagnosis"], summary: "A stored diagnosis by reference id", security: BEARER,
      request: { params: z.object({ id: z.string().min(1).max(32) }) },
      responses: { 200: ok("The stored diagnosis"), ...staffErrors, 404: problem("Not found: `field` says which") },
    }),
    (c) => {
      const id = c.req.valid("param").id.toUpperCase();
      const stored = openDiagnosis(deps, id);
      if (!stored) throw new AppError(404, "diagnosis_not_found", `No diagnosis with reference id ${id}.`, { field: "id" });
      return c.json({ ...stored.diagnosis, storedAt: stored.storedAt, userId: stored.userId }, 200);
    },
  );
  return app;
}
