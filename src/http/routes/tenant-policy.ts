/**
 * The policy editor over the API (admins): read the tenant's policy, preview a draft's
 * what-if, apply it with a reason (a new version, audited `policy.change`), list the
 * versions, and revert to one (a new version, audited `policy.revert`). Only translation
 * here; the use cases are flows/policy-editor.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { PolicyOverrideSchema, PolicySchema } from "../../domain/snapshot";
import {
  applyPolicy,
  POLICY_REASON_MAX,
  policyHistory,
  previewPolicy,
  previewRevert,
  revertPolicy,
} from "../../flows/policy-editor";
import type { WhatIfResult } from "../../diagnosis/sweep";
import { requireStaff } from "../auth";
import { tenantOr404 } from "./tenants";
import {
  AnyJson,
  answers,
  BEARER,
  jsonBody,
  jsonResponse,
  newRouter,
  problem,
  STAFF_CODES,
  staffErrors,
} from "../openapi";

/** Users listed per transition and per finding; the counts are always whole. */
const LISTED_USERS = 100;

const UserRefSchema = z.object({ userId: z.string(), upn: z.string() }).openapi("PolicyUserRef");
const Users = z.array(UserRefSchema).openapi({ description: `the first ${LISTED_USERS}` });
const ByFinding = z
  .record(z.string(), z.object({ count: z.number().int(), users: Users }))
  .openapi({ description: "keyed by finding code: gained (blocked, at risk) or cleared (able)" });
const Transition = z.object({ count: z.number().int(), users: Users, byFinding: ByFinding });
const ChangeSchema = z
  .object({ field: z.string(), before: AnyJson, after: AnyJson })
  .openapi("PolicyChange", { description: "one field that differs, by contract path" });
const PreviewSchema = z
  .object({
    policy: PolicySchema.meta({ description: "the policy that would apply" }),
    changes: z.array(ChangeSchema),
    users: z.number().int(),
    changed: z.number().int().openapi({ description: "users whose verdict differs" }),
    newlyBlocked: Transition,
    newlyAtRisk: Transition,
    newlyAble: Transition,
    perCode: z
      .record(z.string(), z.object({ before: z.number().int(), after: z.number().int(), delta: z.number().int() }))
      .openapi({ description: "keyed by finding code; only the codes present before or after" }),
  })
  .openapi("PolicyPreview");
const VersionSchema = z
  .object({
    version: z.number().int(),
    policy: PolicySchema,
    actor: z.object({ id: z.string().nullable(), name: z.string() }),
    at: z.string(),
    reason: z.string(),
    revertOf: z.number().int().nullable(),
    changes: z.array(ChangeSchema).openapi({ description: "from the version before" }),
    current: z.boolean(),
  })
  .openapi("PolicyVersion");
const AppliedSchema = z
  .object({ version: z.number().int(), policy: PolicySchema, changes: z.array(ChangeSchema) })
  .openapi("PolicyApplied");
const Reason = z
  .string()
  .max(POLICY_REASON_MAX)
  .openapi({ description: "why; required, shown in the history", example: "Ticket 4711: allow authenticator" });

const Params = z.object({
  id: z.string().min(1).max(200).openapi({ description: "tenant id or domain", example: "contoso.example" }),
});
const VersionParams = Params.extend({
  n: z.coerce.number().int().min(1).openapi({ description: "version number", example: 1 }),
});

/** The what-if as JSON: each transition's count, its first users and the same grouped by finding. */
function previewBody(preview: ReturnType<typeof previewPolicy>) {
  const w: WhatIfResult = preview.whatIf;
  const transition = (users: WhatIfResult["newlyBlocked"], byFinding: WhatIfResult["byFinding"]["newlyBlocked"]) => ({
    count: users.length,
    users: users.slice(0, LISTED_USERS),
    byFinding: Object.fromEntries(
      Object.entries(byFinding).map(([code, list]) => [
        code,
        { count: list.length, users: list.slice(0, LISTED_USERS) },
      ]),
    ),
  });
  return {
    policy: preview.after,
    changes: preview.changes,
    users: w.users,
    changed: w.changed,
    newlyBlocked: transition(w.newlyBlocked, w.byFinding.newlyBlocked),
    newlyAtRisk: transition(w.newlyAtRisk, w.byFinding.newlyAtRisk),
    newlyAble: transition(w.newlyAble, w.byFinding.newlyAble),
    perCode: Object.fromEntries(Object.entries(w.perCode).filter(([, v]) => v.before || v.after)),
  };
}

export function tenantPolicyRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/tenants/:id/policy", requireStaff(deps, "admin"));
  app.use("/tenants/:id/policy/*", requireStaff(deps, "admin"));
  const notFound = { 404: problem("No such tenant (or version)") };

  app.openapi(
    createRoute({
      method: "get",
      path: "/tenants/{id}/policy",
      tags: ["policy"],
      summary: "The tenant's SSPR policy",
      security: BEARER,
      request: { params: Params },
      responses: { 200: jsonResponse("The stored policy", PolicySchema), ...staffErrors, ...notFound },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      return c.json(previewPolicy(deps, tenant.id, {}).before, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/policy/preview",
      tags: ["policy"],
      summary: "What a draft policy would change (nothing is saved)",
      security: BEARER,
      request: { params: Params, body: jsonBody(z.strictObject({ policy: PolicyOverrideSchema })) },
      responses: { 200: jsonResponse("The what-if of the draft", PreviewSchema), ...staffErrors, ...notFound },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      return c.json(previewBody(previewPolicy(deps, tenant.id, c.req.valid("json").policy)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/tenants/{id}/policy",
      tags: ["policy"],
      summary: "Apply a policy (fields left out keep their value) as a new version, with a reason",
      security: BEARER,
      request: {
        params: Params,
        body: jsonBody(z.strictObject({ policy: PolicyOverrideSchema, reason: Reason.optional() })),
      },
      responses: { 200: jsonResponse("The new version", AppliedSchema), ...staffErrors, ...notFound },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const body = c.req.valid("json");
      return c.json(applyPolicy(deps, tenant.id, body.policy, c.get("principal")!, body.reason), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tenants/{id}/policy/versions",
      tags: ["policy"],
      summary: "The policy's versions, newest first, with who, when, why and what changed",
      security: BEARER,
      request: { params: Params },
      responses: {
        200: jsonResponse("Versions", z.object({ versions: z.array(VersionSchema) })),
        ...staffErrors,
        ...notFound,
      },
      ...answers(...STAFF_CODES, "tenant_not_found"),
    }),
    (c) => {
      const tenant = tenantOr404(deps, c.req.valid("param").id);
      const versions = policyHistory(deps, tenant.id).map(({ actorId, actorName, ...v }) => ({
        ...v,
        actor: { id: actorId, name: actorName },
      }));
      return c.json({ versions }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/policy/versions/{n}/revert",
      tags: ["policy"],
      summary: "Go back to a version: applied as a new version, with a reason",
      security: BEARER,
      request: { params: VersionParams, body: jsonBody(z.strictObject({ reason: Reason.optional() })) },
      responses: { 200: jsonResponse("The new version", AppliedSchema), ...staffErrors, ...notFound },
      ...answers(...STAFF_CODES, "tenant_not_found", "not_found"),
    }),
    (c) => {
      const { id, n } = c.req.valid("param");
      const tenant = tenantOr404(deps, id);
      return c.json(revertPolicy(deps, tenant.id, n, c.get("principal")!, c.req.valid("json").reason), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants/{id}/policy/versions/{n}/preview-revert",
      tags: ["policy"],
      summary: "What going back to a version would change (nothing is saved)",
      security: BEARER,
      request: { params: VersionParams },
      responses: { 200: jsonResponse("The what-if of the revert", PreviewSchema), ...staffErrors, ...notFound },
      ...answers(...STAFF_CODES, "tenant_not_found", "not_found"),
    }),
    (c) => {
      const { id, n } = c.req.valid("param");
      const tenant = tenantOr404(deps, id);
      return c.json(previewBody(previewRevert(deps, tenant.id, n)), 200);
    },
  );
  return app;
}
