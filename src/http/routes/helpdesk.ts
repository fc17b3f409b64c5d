/**
 * Helpdesk actions over HTTP (staff, helpdesk and up): reset a user's password on their
 * behalf with a one-time temporary password. The body carries the reason (ticket id)
 * and an explicit `confirm: true`, since the action replaces a credential. Clearing a
 * A one-time pass to sign in once and register security info: POST …/registration-pass
 * (also confirmed). Correcting a method's phone number or email: POST …/methods/{methodId}/value. Clearing a
 * throttle is the clear_throttle fix (POST /fixes/clear_throttle), with the same reason.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { correctContact, issueRegistrationPass, issueTemporaryPassword } from "../../flows/helpdesk";
import { operatorOf, requireStaff } from "../auth";
import { answers, BEARER, jsonBody, jsonResponse, newRouter, problem, STAFF_CODES, staffErrors } from "../openapi";
import { ipOf } from "../request-context";
import { Reason } from "./fixes";

const IdParam = z.object({
  id: z.string().min(1).max(320).openapi({ description: "upn or user id", example: "nina.noreg@contoso.example" }),
});
const TemporaryPasswordBody = z.strictObject({
  reason: Reason,
  confirm: z
    .literal(true)
    .openapi({ description: "true: the caller's identity was verified and the password may be replaced" }),
});
const TemporaryPasswordSchema = z
  .object({
    user: z.object({ id: z.string(), upn: z.string() }),
    temporaryPassword: z.string().openapi({ description: "shown once; only its hash is stored" }),
    mustChangeAtSignIn: z.literal(true),
    expiresAt: z.string().openapi({ description: "after this it no longer signs in; issue another" }),
  })
  .openapi("TemporaryPassword");

const PassBody = z.strictObject({
  reason: Reason,
  confirm: z.literal(true).openapi({ description: "true: the caller's identity was verified" }),
  validMinutes: z.number().int().min(5).max(1440).optional().openapi({ description: "lifetime; 240 by default" }),
});
const PassSchema = z
  .object({
    user: z.object({ id: z.string(), upn: z.string() }),
    pass: z.string().openapi({ description: "shown once; only its hash is stored; one sign-in at /me/sign-in/pass" }),
    expiresAt: z.string(),
  })
  .openapi("RegistrationPass");
const CorrectContactBody = z.strictObject({
  value: z.string().min(1).max(320).openapi({ description: "E.164 phone or email address", example: "+37126000007" }),
  reason: Reason,
});
const CorrectedSchema = z
  .object({
    user: z.object({ id: z.string(), upn: z.string() }),
    method: z.object({ id: z.string(), type: z.string() }),
  })
  .openapi("CorrectedContact");

export function helpdeskRoutes(deps: Deps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "post",
      path: "/helpdesk/users/{id}/temporary-password",
      tags: ["helpdesk"],
      summary: "Reset a user's password on their behalf: a one-time temporary password, changed at first sign-in",
      security: BEARER,
      middleware: [requireStaff(deps, "helpdesk")] as const,
      request: { params: IdParam, body: jsonBody(TemporaryPasswordBody) },
      responses: {
        200: jsonResponse("The temporary password, shown this once", TemporaryPasswordSchema),
        ...staffErrors,
        404: problem("user_not_found"),
      },
      ...answers(...STAFF_CODES, "user_not_found"),
    }),
    async (c) => {
      const { reason } = c.req.valid("json");
      const result = await issueTemporaryPassword(deps, operatorOf(c), c.req.valid("param").id, {
        reason,
        ip: ipOf(c),
      });
      c.header("cache-control", "no-store");
      return c.json(result, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/helpdesk/users/{id}/registration-pass",
      tags: ["helpdesk"],
      summary: "A time-limited one-time pass to sign in once and register security info",
      security: BEARER,
      middleware: [requireStaff(deps, "helpdesk")] as const,
      request: { params: IdParam, body: jsonBody(PassBody) },
      responses: {
        200: jsonResponse("The pass, shown this once", PassSchema),
        ...staffErrors,
        404: problem("user_not_found"),
      },
      ...answers(...STAFF_CODES, "user_not_found"),
    }),
    (c) => {
      const { reason, validMinutes } = c.req.valid("json");
      const result = issueRegistrationPass(deps, operatorOf(c), c.req.valid("param").id, {
        reason,
        ...(validMinutes !== undefined ? { validMinutes } : {}),
        ip: ipOf(c),
      });
      c.header("cache-control", "no-store");
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/helpdesk/users/{id}/methods/{methodId}/value",
      tags: ["helpdesk"],
      summary: "Correct the phone number (E.164) or email of a registered method; the user is told",
      security: BEARER,
      middleware: [requireStaff(deps, "helpdesk")] as const,
      request: {
        params: IdParam.extend({ methodId: z.string().min(1).max(64).openapi({ example: "mth-pete.phone-1" }) }),
        body: jsonBody(CorrectContactBody),
      },
      responses: {
        200: jsonResponse("Corrected", CorrectedSchema),
        ...staffErrors,
        404: problem("user_not_found or method_not_found"),
      },
      ...answers(...STAFF_CODES, "user_not_found", "method_not_found"),
    }),
    (c) => {
      const { value, reason } = c.req.valid("json");
      const { id, methodId } = c.req.valid("param");
      const result = correctContact(deps, operatorOf(c), id, methodId, { value, reason, ip: ipOf(c) });
      return c.json(result, 200);
    },
  );
  return app;
}
