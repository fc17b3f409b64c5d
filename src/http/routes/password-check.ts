/**
 * The password pre-flight over HTTP: the reset page asks, as the person types, which
 * rule their new password would break (cloud and directory), so the refusal is named
 * before they submit. Advisory only — completing the reset checks everything again.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { passwordPreflight } from "../../directory/preflight";
import { jsonBody, jsonResponse, newRouter, problem } from "../openapi";

const Body = z.strictObject({ newPassword: z.string().min(1).max(256) });

const Text = { en: z.string(), lv: z.string() };
const PreflightSchema = z
  .object({
    ok: z.boolean(),
    failures: z.array(z.object({ rule: z.string(), source: z.enum(["cloud", "directory"]), ...Text })),
    notes: z.array(z.object({ rule: z.string(), ...Text })),
    directoryPolicy: z
      .object({ minLength: z.number(), complexity: z.boolean(), historyCount: z.number(), minAgeSeconds: z.number() })
      .nullable(),
  })
  .openapi("PasswordPreflight");

export function passwordCheckRoutes(deps: Deps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "post",
      path: "/reset/{flowId}/password-check",
      tags: ["reset"],
      summary: "Which rule a new password would break (advisory)",
      request: { params: z.object({ flowId: z.string().min(1).max(64) }), body: jsonBody(Body) },
      responses: {
        200: jsonResponse("ok, the failing rules (en + lv), notes, the directory policy", PreflightSchema),
        400: problem("Invalid request"),
        409: problem("The flow is not verified"),
      },
    }),
    async (c) =>
      c.json(await passwordPreflight(deps, c.req.valid("param").flowId, c.req.valid("json").newPassword), 200),
  );
  return app;
}
