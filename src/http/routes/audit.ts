/**
 * GET /api/v1/audit: the audit log for admins — every step of every flow, success or
 * failure, with actor, target, outcome, code and IP. Newest first, filtered by user
 * (upn or id), time, action and outcome, paged with a keyset cursor on the row id (stable while
 * new rows arrive, since ids only grow and rows never change).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { queryAudit } from "../../db/audit";
import type { Deps } from "../../deps";
import { requireStaff } from "../auth";
import { answers, AnyJson, BEARER, newRouter, STAFF_CODES, staffErrors } from "../openapi";

// A date (midnight UTC) or a date-time with Z or an offset; anything else names `since`.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const Query = z
  .object({
    user: z.string().trim().min(1).max(320).optional().openapi({ description: "The target user's upn or id" }),
    since: z
      .string()
      .refine((s) => ISO_TIME.test(s) && !Number.isNaN(Date.parse(s)), {
        message: "expected an ISO 8601 time, e.g. 2026-11-24T09:00:00Z",
      })
      .optional()
      .openapi({ description: "Only entries at or after this time" }),
    action: z
      .string()
      .regex(/^[a-z_.]+\*?$/, "expected an action like me.sign_in, or a prefix ending in * like me.*")
      .max(64)
      .optional(),
    outcome: z.enum(["success", "failure"]).optional().openapi({ description: "Only successes or only failures" }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, "expected the nextCursor of the previous page")
      .optional(),
  })
  .strict();

const Entry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorType: z.enum(["user", "staff", "system", "anonymous"]),
    actorId: z.string().nullable(),
    action: z.string(),
    targetUserId: z.string().nullable(),
    targetUpn: z.string().nullable(),
    outcome: z.enum(["success", "failure"]),
    code: z.string().nullable(),
    ip: z.string().nullable(),
    detail: z.record(z.string(), AnyJson).nullable(),
  })
  .openapi("AuditEntry");

const route = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary: "The audit log (admins)",
  security: BEARER,
  request: { query: Query },
  responses: {
    200: {
      description: "Entries, newest first",
      content: {
        "application/json": { schema: z.object({ entries: z.array(Entry), nextCursor: z.string().optional() }) },
      },
    },
    ...staffErrors,
  },
  ...answers(...STAFF_CODES),
});

export function auditRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/audit", requireStaff(deps, "admin"));
  app.openapi(route, (c) => {
    const q = c.req.valid("query");
    const { entries, nextCursor } = queryAudit(deps.db, {
      ...q,
      cursor: q.cursor === undefined ? undefined : Number(q.cursor),
    });
    return c.json({ entries, ...(nextCursor !== undefined ? { nextCursor: String(nextCursor) } : {}) }, 200);
  });
  return app;
}
