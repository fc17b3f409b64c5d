/**
 * Fixes over HTTP (staff): list every fix, preview one for a user or a tenant (any staff
 * role), apply it with proof (helpdesk for helpdesk fixes on non-admins, admin for all),
 * and apply a per-user fix to a whole sweep bucket. Handlers only translate HTTP ⇄
 * src/fixes; the role rules, the transaction and the proof live there.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import { applyFix } from "../../fixes/apply";
import { bulkApply } from "../../fixes/bulk";
import { paramsFromPairs } from "../../fixes/params";
import { previewFix } from "../../fixes/preview";
import { listFixes } from "../../fixes/registry";
import { operatorOf, requireStaff } from "../auth";
import { DiagnosisSchema } from "../../domain/diagnosis";
import {
  answers,
  AnyJson,
  BEARER,
  jsonBody,
  jsonResponse,
  newRouter,
  problem,
  STAFF_CODES,
  staffErrors,
} from "../openapi";
import { ipOf } from "../request-context";

const IdParam = z.object({
  id: z.string().min(1).max(64).openapi({ description: "fix id from the catalogue", example: "clear_throttle" }),
});
const Login = z
  .string()
  .min(1)
  .max(320)
  .openapi({ description: "upn or user id", example: "bob.blocked@contoso.example" });
const Tenant = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: "tenant id or domain (tenant-wide fixes only)", example: "tailspin.example" });
const Params = z
  .record(z.string(), AnyJson)
  .openapi({ description: "the fix's parameters (GET /fixes lists them)", example: {} });

// Every applied fix says why (issue 16): a ticket id or a sentence, kept in the audit row.
export const Reason = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .openapi({ description: "why: the ticket id or a sentence, recorded in the audit row", example: "INC-1042" });
const ApplyBody = z.strictObject({
  user: Login.optional(),
  tenant: Tenant.optional(),
  params: Params.optional(),
  reason: Reason,
});
const BulkBody = z.strictObject({
  tenant: Tenant,
  code: z.string().min(1).max(64).openapi({ description: "finding code: the sweep bucket", example: "not_registered" }),
  params: Params.optional(),
});
const PreviewQuery = z.strictObject({
  user: Login.optional(),
  tenant: Tenant.optional(),
  param: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: "key=value, repeatable (as the CLI's --param)" }),
});

const Counts = z.number().int();
const FixInfoSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    actor: z.enum(["user", "helpdesk", "admin", "onprem_admin", "wait"]),
    scope: z.enum(["user", "tenant"]),
    addresses: z.array(z.string()).openapi({ description: "the finding codes it clears" }),
    automatic: z.boolean(),
    params: z.record(z.string(), z.string()).openapi({ description: "parameter name → what it means" }),
  })
  .openapi("FixInfo");
const TargetSchema = z
  .object({
    tenant: z.object({ id: z.string(), name: z.string(), domain: z.string() }),
    user: z.object({ id: z.string(), upn: z.string() }).optional(),
  })
  .openapi("FixTarget");
const ChangeSchema = z
  .object({
    entity: z.enum(["policy", "user", "group_membership", "throttle", "writeback_connector", "message"]),
    key: z.string(),
    field: z.string(),
    before: AnyJson,
    after: AnyJson,
  })
  .openapi("Change");
const UserStepSchema = z.object({
  kind: z.literal("user_step"),
  page: z.string(),
  url: z.string(),
  steps: z.array(z.string()),
  article: z.object({ slug: z.string(), title: z.string(), url: z.string() }).optional(),
});
const WaitSchema = z.object({
  kind: z.literal("wait"),
  until: z.string().nullable(),
  minutesLeft: z.number().nullable(),
  reasons: z.array(z.object({ code: z.string(), until: z.string(), why: z.string() })),
  steps: z.array(z.string()),
});
const RunbookSchema = z.object({
  kind: z.literal("runbook"),
  automatic: z.literal(false),
  runnableWhen: z.string(),
  objects: z.object({
    dn: z.string().optional(),
    ou: z.string().optional(),
    serviceAccount: z.string().optional(),
    samAccountName: z.string().optional(),
  }),
  steps: z.array(
    z.object({
      action: z.string(),
      permission: z.string().optional(),
      on: z.string().optional(),
      flag: z.string().optional(),
      command: z.string().optional(),
    }),
  ),
  verify: z.array(z.string()),
});
const GuidanceSchema = z.discriminatedUnion("kind", [UserStepSchema, WaitSchema, RunbookSchema]).openapi("Guidance");
const ImpactSchema = z
  .object({
    users: Counts,
    findings: z
      .record(z.string(), z.object({ before: Counts, after: Counts }))
      .openapi({ description: "per finding code the fix addresses" }),
    unblocked: Counts,
    newlyBlocked: Counts,
    unblockedUsers: z.array(z.string()),
    newlyBlockedUsers: z.array(z.string()),
  })
  .openapi("Impact");
const FixListSchema = z.object({ fixes: z.array(FixInfoSchema) });
const PreviewSchema = z
  .object({
    fix: FixInfoSchema,
    target: TargetSchema,
    applicable: z.boolean(),
    present: z.array(z.string()),
    affectedUsers: Counts.optional(),
    mayApply: z.boolean(),
    whyNot: z.string().optional(),
    params: z.record(z.string(), AnyJson).optional(),
    changes: z.array(ChangeSchema),
    impact: ImpactSchema.optional(),
    messages: z.array(z.object({ to: z.string(), subject: z.string(), text: z.string() })).optional(),
    guidance: GuidanceSchema.optional(),
  })
  .openapi("FixPreview");
const ApplySchema = z
  .object({
    fix: FixInfoSchema,
    target: TargetSchema,
    params: z.record(z.string(), AnyJson),
    changes: z.array(ChangeSchema),
    before: DiagnosisSchema,
    after: DiagnosisSchema,
    audited: z.literal(true),
    delivered: z.array(z.string()).optional(),
    tenant: z.object({ users: Counts, cleared: Counts, witness: z.string() }).optional(),
  })
  .openapi("FixApplied");
const BulkSchema = z
  .object({
    fix: z.string(),
    tenant: TargetSchema.shape.tenant,
    code: z.string(),
    attempted: Counts,
    applied: Counts,
    skipped: Counts,
    failed: Counts,
    users: z.array(
      z.object({ upn: z.string(), outcome: z.enum(["applied", "skipped", "failed"]), code: z.string().optional() }),
    ),
  })
  .openapi("BulkSummary");
const FIX_CODES = ["fix_not_found", "user_not_found", "tenant_not_found"] as const;
const CONFLICT_CODES = [
  "fix_not_applicable",
  "fix_did_not_help",
  "fix_is_a_user_step",
  "fix_is_a_wait",
  "fix_needs_onprem_admin",
  "fix_is_manual",
] as const;

const conflict = problem(
  "Nothing was changed: fix_not_applicable (none of its findings is present, or nothing to do), fix_did_not_help (rolled back; `before` and `after` diagnoses in the body), fix_is_a_user_step / fix_is_a_wait / fix_needs_onprem_admin / fix_is_manual (`guidance` in the body)",
);
const notFound = problem("No such fix, user or tenant (`field` says which)");

export function fixesRoutes(deps: Deps) {
  const app = newRouter();
  const staff = requireStaff(deps, "support");
  // Support may look; applying starts at helpdesk (the fix's actor narrows it further).
  const appliers = requireStaff(deps, "helpdesk");

  app.openapi(
    createRoute({
      method: "get",
      path: "/fixes",
      tags: ["fixes"],
      summary: "Every fix: id, title, actor, scope, the findings it addresses, automatic",
      security: BEARER,
      middleware: [staff] as const,
      responses: { 200: jsonResponse("Every fix", FixListSchema), ...staffErrors },
      ...answers(...STAFF_CODES),
    }),
    (c) => c.json({ fixes: listFixes() }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/fixes/{id}/preview",
      tags: ["fixes"],
      summary: "Dry run: the exact changes (or the guidance) for a user or tenant",
      security: BEARER,
      middleware: [staff] as const,
      request: { params: IdParam, query: PreviewQuery },
      responses: {
        200: jsonResponse("The dry run: changes, impact and messages, or the guidance", PreviewSchema),
        ...staffErrors,
        404: notFound,
      },
      ...answers(...STAFF_CODES, ...FIX_CODES),
    }),
    (c) => {
      const q = c.req.valid("query");
      const pairs = q.param === undefined ? [] : Array.isArray(q.param) ? q.param : [q.param];
      const parsed = paramsFromPairs(pairs);
      if (!parsed.ok)
        throw new AppError(400, "invalid_request", `${parsed.field}: ${parsed.message}`, { field: parsed.field });
      const preview = previewFix(deps, operatorOf(c), c.req.valid("param").id, {
        user: q.user,
        tenant: q.tenant,
        params: parsed.params,
      });
      return c.json(preview, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/fixes/{id}",
      tags: ["fixes"],
      summary: "Apply a fix in one transaction, proved by a re-diagnosis, audited",
      security: BEARER,
      middleware: [appliers] as const,
      request: { params: IdParam, body: jsonBody(ApplyBody) },
      responses: {
        200: jsonResponse("Applied and proved: the changes and both diagnoses", ApplySchema),
        ...staffErrors,
        404: notFound,
        409: conflict,
        502: problem("delivery_failed: the message could not be sent (it may be sent again)"),
      },
      ...answers(...STAFF_CODES, ...FIX_CODES, ...CONFLICT_CODES, "delivery_failed"),
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await applyFix(deps, operatorOf(c), c.req.valid("param").id, body, { ip: ipOf(c) });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/fixes/{id}/bulk",
      tags: ["fixes"],
      summary: "Apply a per-user fix to every user of a sweep bucket, each in its own transaction",
      security: BEARER,
      middleware: [appliers] as const,
      request: { params: IdParam, body: jsonBody(BulkBody) },
      responses: {
        200: jsonResponse("What happened to each user of the bucket", BulkSchema),
        ...staffErrors,
        404: notFound,
        409: conflict,
      },
      ...answers(...STAFF_CODES, ...FIX_CODES, ...CONFLICT_CODES),
    }),
    async (c) => {
      const summary = await bulkApply(deps, operatorOf(c), c.req.valid("param").id, c.req.valid("json"), {
        ip: ipOf(c),
      });
      return c.json(summary, 200);
    },
  );
  return app;
}
