/**
 * Diagnosis over HTTP (staff): simulate a snapshot, diagnose a stored user (with a
 * what-if policy override), and open a stored diagnosis by its reference id.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { DiagnosisSchema as Diagnosis } from "../../domain/diagnosis";
import { PolicyOverrideSchema, SnapshotSchema } from "../../domain/snapshot";
import { AppError } from "../../errors";
import { diagnoseUser, openDiagnosis } from "../../flows/diagnosis";
import { requireStaff, type AppEnv } from "../auth";
import { createMiddleware } from "hono/factory";
import { answers, BEARER, jsonBody, jsonResponse, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";
import { parsedSynchronously } from "../validate";

// Rebuilt from its shape with the extended zod: a schema made before @hono/zod-openapi
// extended zod (the domain's, depending on import order) has no `.openapi`.
const DiagnosisSchema = z.object(Diagnosis.shape).openapi("Diagnosis", { description: "CONTRACT §2" });
/** POST /diagnose: the stored user's diagnosis, and whether a what-if policy was laid over it. */
const UserDiagnosisSchema = DiagnosisSchema.extend({
  user: z.object({ id: z.string(), upn: z.string() }),
  whatIf: z.boolean(),
}).openapi("UserDiagnosis");
/** GET /diagnoses/:id: a stored diagnosis, when it was stored and whom it was about. */
const StoredDiagnosisSchema = DiagnosisSchema.extend({ storedAt: z.string(), userId: z.string().nullable() }).openapi(
  "StoredDiagnosis",
);

const DiagnoseBody = z.strictObject({
  user: z.string().min(1).max(320).openapi({ description: "upn or user id", example: "oscar.outside@contoso.example" }),
  overrides: z.strictObject({ policy: PolicyOverrideSchema.optional() }).optional(),
});

// The content types the worker is handed; any other goes the usual way (415, or the validator).
const PLAIN_JSON = new Set(["application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8"]);

/** POST /diagnose/simulate on the simulate worker (flows/simulate.ts), when there is one and the body is JSON. */
function offThread(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const simulator = deps.simulator;
    if (!simulator || !PLAIN_JSON.has(c.req.header("content-type") ?? "")) return next();
    // hono keeps the text, so the validator can still read the body if the worker declines.
    const simulated = await simulator.simulate(await c.req.text());
    if (!simulated) return next();
    return c.body(simulated.json, 200, { "content-type": "application/json" });
  });
}

export function diagnoseRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/diagnose/*", requireStaff(deps, "support"));
  app.use("/diagnose", requireStaff(deps, "support"));
  app.use("/diagnoses/*", requireStaff(deps, "support"));

  // Chained, so the routes' types reach a typed client (hono/testing testClient, hc).
  return app
    .openapi(
      createRoute({
        method: "post",
        path: "/diagnose/simulate",
        tags: ["diagnosis"],
        summary: "Diagnose a snapshot (no database access)",
        security: BEARER,
        // The interactive path: validated through zod's compiled (sync) parse, diagnosed by
        // the compiled predicates (ADR 015; the same bytes as the engine's answer).
        request: { body: jsonBody(parsedSynchronously(SnapshotSchema)) },
        responses: { 200: jsonResponse("The diagnosis", DiagnosisSchema), ...staffErrors },
        ...answers(...STAFF_CODES),
        // Before the validator: a JSON body goes to the simulate worker whole, and what it
        // cannot diagnose comes back here to be validated and answered as always.
        middleware: [offThread(deps)],
      }),
      async (c) => c.json(await deps.diagnoser.diagnoseInteractive(c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/diagnose",
        tags: ["diagnosis"],
        summary: "Diagnose a stored user, optionally under a what-if policy",
        security: BEARER,
        request: { body: jsonBody(DiagnoseBody) },
        responses: {
          200: jsonResponse("The diagnosis, stored under its reference id", UserDiagnosisSchema),
          ...staffErrors,
          404: problem("Not found: `field` says which"),
        },
        ...answers(...STAFF_CODES, "user_not_found"),
      }),
      async (c) => {
        const body = c.req.valid("json");
        // Synced users: read the on-premises facts from the directory first (short cache, time budget).
        const onPremises = await deps.directory.liveFacts.read(body.user);
        const diagnosed = await diagnoseUser(deps, body.user, { policy: body.overrides?.policy });
        if (!diagnosed) throw new AppError(404, "user_not_found", `No user "${body.user}".`, { field: "user" });
        const { diagnosis, subject, whatIf } = diagnosed;
        return c.json(
          {
            ...diagnosis,
            user: { id: subject.id, upn: subject.upn },
            whatIf,
            ...(onPremises.status !== "not_applicable" && { onPremises }),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/diagnoses/{id}",
        tags: ["diagnosis"],
        summary: "A stored diagnosis by reference id",
        security: BEARER,
        request: { params: z.object({ id: z.string().min(1).max(32) }) },
        responses: {
          200: jsonResponse("The stored diagnosis", StoredDiagnosisSchema),
          ...staffErrors,
          404: problem("Not found: `field` says which"),
        },
        ...answers(...STAFF_CODES, "diagnosis_not_found"),
      }),
      (c) => {
        const id = c.req.valid("param").id.toUpperCase();
        const stored = openDiagnosis(deps, id);
        if (!stored)
          throw new AppError(404, "diagnosis_not_found", `No diagnosis with reference id ${id}.`, { field: "id" });
        return c.json({ ...stored.diagnosis, storedAt: stored.storedAt, userId: stored.userId }, 200);
      },
    );
}
