/**
 * Fixes over HTTP (staff): list every fix, preview one for a user or a tenant (any staff
 * role), apply it with proof (helpdesk for helpdesk fixes on non-admins, admin for all),
 * and apply a per-user fix to a whole sweep bucket. Handlers only translate HTTP ⇄
 * src/fixes; the role rules, the transaction and the proof live there.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { applyFix } from "../../fixes/apply";
import { bulkApply } from "../../fixes/bulk";
import { paramsFromPairs } from "../../fixes/params";
import type { Operator } from "../../fixes/permission";
import { previewFix } from "../../fixes/preview";
import { listFixes } from "../../fixes/registry";
import { requireStaff, type AppEnv } from "../auth";
import { BEARER, jsonBody, jsonResponse, newRouter, problem, staffErrors } from "../openapi";
import { ipOf } from "../request-context";


const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ description: "fix id from the catalogue", example: "clear_throttle" }) });
const Login = z.string().min(1).max(320).openapi({ description: "upn or user id", example: "bob.blocked@contoso.example" });
const Tenant = z.string().min(1).max(200).openapi({ description: "tenant id or domain (tenant-wide fixes only)", example: "tailspin.example" });
const Params = z.record(z.string(), z.unknown()).openapi({ description: "the fix's parameters (GET /fixes lists them)", example: {} });

const ApplyBody = z.strictObject({ user: Login.optional(), tenant: Tenant.optional(), params: Params.optional() });
const BulkBody = z.strictObject({
  tenant: Tenant,
  code: z.string().min(1).max(64).openapi({ description: "finding code: the sweep bucket", example: "not_registered" }),
  params: Params.optional(),
});
const PreviewQuery = z.strictObject({
  user: Login.optional(),
  tenant: Tenant.optional(),
  param: z.union([z.string(), z.array(z.string())]).optional().openapi({ description: "key=value, repeatable (as the CLI's --param)" }),
});

const conflict = problem(
  "Nothing was changed: fix_not_applicable (none of its findings is present, or nothing to do), fix_did_not_help (rolled back; `before` and `after` diagnoses in the body), fix_is_a_user_step / fix_is_a_wait / fix_needs_onprem_admin / fix_is_manual (`guidance` in the body)",
);
const notFound = problem("No such fix, user or tenant (`field` says which)");

function operatorOf(c: Context<AppEnv>): Operator {
  const p = c.get("principal")!;
  return { id: p.tokenId, name: p.name, role: p.role };
}

export function fixesRoutes(deps: Deps) {
  const app = newRouter();
  const staff = requireStaff(deps, "support");
  // Support may look; applying starts at helpdesk (the fix's actor narrows it further).
  const appliers = requireStaff(deps, "helpdesk");

  app.openapi(
    createRoute({
      method: "get", path: "/fixes", tags: ["fixes"], summary: "Every fix: id, title, actor, scope, the findings it addresses, automatic", security: BEARER, middleware: [staff] as const,
      responses: { 200: jsonResponse("`{ fixes: [{ id, title, actor, scope, addresses, automatic, params }] }`"), ...staffErrors },
    }),
    (c) => c.json({ fixes: listFixes() }, 200),
  );

  app.openapi(
    createRoute({
      method: "get", path: "/fixes/{id}/preview", tags: ["fixes"], summary: "Dry run: the exact changes (or the guidance) for a user or tenant", security: BEARER, middleware: [staff] as const,
      request: { params: IdParam, query: PreviewQuery },
      responses: { 200: jsonResponse("`{ fix, target, applicable, present, mayApply, whyNot?, params?, changes, impact?, messages?, guidance? }`"), ...staffErrors, 404: notFound },
    }),
    (c) => {
      const q = c.req.valid("query");
      const pairs = q.param === undefined ? [] : Array.isArray(q.param) ? q.param : [q.param];
      const parsed = paramsFromPairs(pairs);
      if (!parsed.ok) throw new AppError(400, "invalid_request", `${parsed.field}: ${parsed.message}`, { field: parsed.field });
      const preview = previewFix(deps, operatorOf(c), c.req.valid("param").id, { user: q.user, tenant: q.tenant, params: parsed.params });
      return c.json(preview, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post", path: "/fixes/{id}", tags: ["fixes"], summary: "Apply a fix in one transaction, proved by a re-diagnosis, audited", security: BEARER, middleware: [appliers] as const,
      request: { params: IdParam, body: jsonBody(ApplyBody) },
      responses: { 200: jsonResponse("`{ fix, target, params, changes, before, after, audited: true, delivered?, tenant? }`"), ...staffErrors, 404: notFound, 409: conflict, 502: problem("delivery_failed: the message could not be sent (it may be sent again)") },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await applyFix(deps, operatorOf(c), c.req.valid("param").id, body, { ip: ipOf(c) });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post", path: "/fixes/{id}/bulk", tags: ["fixes"], summary: "Apply a per-user fix to every user of a sweep bucket, each in its own transaction", security: BEARER, middleware: [appliers] as const,
      request: { params: IdParam, body: jsonBody(BulkBody) },
      responses: { 200: jsonResponse("`{ fix, tenant, code, attempted, applied, skipped, failed, users: [{ upn, outcome, code? }] }`"), ...staffErrors, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const summary = await bulkApply(deps, operatorOf(c), c.req.valid("param").id, c.req.valid("json"), { ip: ipOf(c) });
      return c.json(summary, 200);
    },
  );
  return app;
}
